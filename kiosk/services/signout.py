"""Sign-out: by the permit's QR code, by the visitor card, or by a visit found otherwise;
the write itself goes through the WriteGateway."""

from __future__ import annotations

import logging
import re
from typing import Any

from kiosk.services.lookup import SCANNED_QR, LookupService, classify_scan
from sync.ports import WriteGateway, WriteResult
from visitorcs.codes import CLOSED, CodeType, status_in
from visitorcs.errors import ApiError

log = logging.getLogger(__name__)

VISITOR_CODE = re.compile(r"\d{4,8}")  # visitor codes are short digit strings; names and phones are not


class AlreadySignedOut(ApiError):
    def __init__(self, visit: dict[str, Any]) -> None:
        super().__init__("409", f"{visit.get('name', '该访客')}已签离", visit)
        self.visit = visit


class SignOutService:
    def __init__(self, lookup: LookupService, gateway: WriteGateway, operators: Any = None) -> None:
        self.lookup = lookup
        self.gateway = gateway
        self.operators = operators  # kiosk.services.operators.OperatorService: the desk's stamp

    def find_by_scan(self, text: str) -> dict[str, Any]:
        return self._check(self.lookup.find_scanned(text))

    def find_by_card(self, card_no: str) -> dict[str, Any]:
        return self._check(self.lookup.find(CodeType.CARD, card_no))

    def find_by_idcard(self, identity_num: str, identity_id: str = "111") -> dict[str, Any]:
        """A visitor who lost the permit taps the ID card: their visit on site now."""
        visits = self.lookup.open_visits(identity_num, identity_id)
        if not visits:
            raise ApiError("404", "该证件没有在场的访客记录")
        return visits[0]

    def find_by_text(self, text: str) -> list[dict[str, Any]]:
        """What a person typed at the desk: a code (QR text, order id, ID number, six-digit visitor
        code) finds that visit; anything else is a name or a phone, searched among those on site."""
        meaning = classify_scan(text)
        if meaning.code_type != CodeType.VISITOR_CODE or VISITOR_CODE.fullmatch(meaning.code):
            return [self.find_by_scan(text)]
        visits = self.lookup.search_on_site(text)
        if not visits:
            # one sentence whatever was typed (it stays in the field): translatable (kiosk.ui.words)
            raise ApiError("404", "在场访客中没有这个姓名或手机号，请核对")
        return visits

    @staticmethod
    def _check(visit: dict[str, Any]) -> dict[str, Any]:
        if status_in(visit.get("status"), CLOSED):
            raise AlreadySignedOut(visit)
        return visit

    def sign_out(self, visit: dict[str, Any]) -> WriteResult:
        """Sign out, with what lets the server accept it from this kiosk: the permit QR the visit
        was found by (any kiosk may then), and the logged-in operator's stamp (docs/api-notes.md)."""
        order_id = str(visit["orderId"])
        proof: dict[str, Any] = {}
        if visit.get(SCANNED_QR):
            proof["qrCode"] = str(visit[SCANNED_QR])
        if self.operators is not None:
            proof.update(self.operators.stamp("signOut", order_id))
        return self.gateway.sign_out(order_id, proof)

    def sign_out_scanned(self, text: str) -> tuple[dict[str, Any], WriteResult]:
        """The exit flow with no confirmation step: scan -> signed out."""
        visit = self.find_by_scan(text)
        return visit, self.sign_out(visit)

    def sign_out_card(self, card_no: str) -> tuple[dict[str, Any], WriteResult]:
        visit = self.find_by_card(card_no)
        return visit, self.sign_out(visit)
