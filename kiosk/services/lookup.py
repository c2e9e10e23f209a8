"""Finding a visit: the seven codeTypes of visitor/details, and what a scanned text is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kiosk.services.offline_reads import OfflineReads, mark_cached
from visitorcs import qrtoken
from visitorcs.client import VisitorcsClient
from visitorcs.codes import CODE_TYPE_WORDS, ON_SITE, CodeType
from visitorcs.errors import ApiError

_UUID = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")
_ID = re.compile(r"^\d{17}[\dXx]$")


@dataclass(frozen=True)
class ScanMeaning:
    code_type: int
    code: str


def classify_scan(text: str) -> ScanMeaning:
    """A scanner's text: our visitor QR (VC1...), an order id, an ID number, else a visitor code."""
    text = text.strip()
    if text.upper().startswith(qrtoken.PREFIX):
        return ScanMeaning(CodeType.QR, text.upper())
    if _UUID.match(text):
        return ScanMeaning(CodeType.ORDER_ID, text)
    if _ID.match(text):
        return ScanMeaning(CodeType.IDENTITY, text.upper())
    return ScanMeaning(CodeType.VISITOR_CODE, text)


SCANNED_QR = "scannedQrCode"  # kiosk-side key: the permit QR a visit was found by (not sent)


class LookupService:
    def __init__(self, client: VisitorcsClient, mac: str, offline: OfflineReads | None = None) -> None:
        self.client = client
        self.mac = mac
        self.offline = offline or OfflineReads()

    def find_all(
        self,
        code_type: int,
        code: str,
        *,
        sub_param_code: str | None = None,
        statuses: list[int] | None = None,
    ) -> list[dict[str, Any]]:
        """Every visit this code matches, newest first (phone digits can match several)."""
        code = code.strip()
        if not code:
            raise ApiError("400", "请输入查询内容")
        if code_type == CodeType.IDENTITY and not sub_param_code:
            sub_param_code = "111"
        if code_type == CodeType.CAR:
            code = code.upper().replace(" ", "")
        data, cached = self.offline.read(
            lambda: self.client.visitor_details(
                code, code_type, mac=self.mac, status_list=statuses, sub_param_code=sub_param_code
            ),
            lambda d: d.find_visits(code_type, code),
        )
        if cached:  # each visit says it came from the offline cache
            visits = mark_cached(list(data or []))
            if statuses:
                visits = [v for v in visits if _int(v.get("status")) in statuses]
            return visits
        if isinstance(data, dict) and "orderId" in data:
            return [data]  # a server answering one VisitorInfo
        if isinstance(data, dict):
            return [v for v in data.values() if isinstance(v, dict)]
        return [v for v in data or [] if isinstance(v, dict)]

    def find(
        self,
        code_type: int,
        code: str,
        *,
        sub_param_code: str | None = None,
        statuses: list[int] | None = None,
    ) -> dict[str, Any]:
        """The (newest) visit for this code; ApiError 404 in words when there is none."""
        visits = self.find_all(code_type, code, sub_param_code=sub_param_code, statuses=statuses)
        if not visits:
            raise ApiError("404", f"未找到访客记录（{CODE_TYPE_WORDS.get(code_type, '')}：{code.strip()}）")
        if code_type == CodeType.QR:
            # the permit the visitor holds: a sign-out carries it, so any kiosk may sign them out
            return {**visits[0], SCANNED_QR: code.strip().upper()}
        return visits[0]

    def open_visits(self, identity_num: str, identity_id: str = "111") -> list[dict[str, Any]]:
        """This person's visits that are on site now (arrived, or overdue and not signed out):
        a second registration would put them on the evacuation list twice."""
        if not identity_num.strip():
            return []
        on_site = [int(s) for s in ON_SITE]
        return self.find_all(CodeType.IDENTITY, identity_num, sub_param_code=identity_id, statuses=on_site)

    def search_on_site(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """Who is on site by name or phone (a visitor who lost the permit, at the desk)."""
        text = text.strip()
        if not text:
            raise ApiError("400", "请输入姓名或手机号")

        def online() -> list[dict[str, Any]]:
            data = self.client.visitor_info("visiting", 1, limit, query_info=text)
            return [v for v in (data or {}).get("list") or [] if isinstance(v, dict)]

        def offline(directory: Any) -> list[dict[str, Any]]:
            wanted = text.lower()
            return [
                v
                for v in directory.present_visitors()
                if wanted in str(v.get("name") or "").lower() or text in str(v.get("phoneNum") or "")
            ][:limit]

        visits, cached = self.offline.read(online, offline)
        return mark_cached(visits) if cached else visits

    def find_scanned(self, text: str) -> dict[str, Any]:
        meaning = classify_scan(text)
        return self.find(meaning.code_type, meaning.code)

    def auth_results(self, order_id: str) -> list[dict[str, Any]]:
        data = self.client.auth_result(order_id)
        if isinstance(data, dict):
            data = data.get("list", [data] if data else [])
        return list(data or [])

    def reissue(self, order_id: str) -> None:
        self.client.auth_result_download(order_id)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
