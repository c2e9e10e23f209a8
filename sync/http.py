"""A thin httpx client for the endpoints sync/ and kiosk/cache need (synchron, getSysTime, qrKeys,
savePicForApp, reference data, blacklist, today's visits, health); raises ApiError / ApiUnreachable.

kiosk.api.client.VisitorcsClient is the kiosk's full client; this one keeps sync/ usable on its
own (tests, bench, the crash drill) and is what the uploader needs, nothing more.
"""
from __future__ import annotations

import logging
from typing import Any

import httpx

from kiosk.api.errors import ApiError, ApiUnreachable

log = logging.getLogger(__name__)

BASE = "/webapi/visitorcs"
CS = BASE + "/api/v1/clientService"
TRANSIENT_HTTP = {409, 429}


class VisitorcsHttp:
    def __init__(self, base_url: str, token: str, mac: str, timeout: float = 10.0,
                 transport: httpx.BaseTransport | None = None):
        self.mac = mac
        self._http = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout, transport=transport,
                                  headers={"Authorization": f"Bearer {token}"})

    def close(self) -> None:
        self._http.close()

    def set_token(self, token: str) -> None:
        """A new kiosk token (an embedded server provisions it after start)."""
        self._http.headers["Authorization"] = f"Bearer {token}"

    # -- envelope ---------------------------------------------------------------------------
    def _call(self, method: str, path: str, *, timeout: float | None = None, **kw: Any) -> Any:
        try:
            resp = self._http.request(method, path, **kw,
                                      timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else timeout)
        except httpx.HTTPError as exc:
            raise ApiUnreachable(f"{type(exc).__name__}: {exc}") from exc
        if resp.status_code >= 500 or resp.status_code in TRANSIENT_HTTP:
            raise ApiUnreachable(f"HTTP {resp.status_code} from {path}")
        try:
            body = resp.json()
        except ValueError as exc:
            raise ApiUnreachable(f"not JSON from {path} (HTTP {resp.status_code})") from exc
        if not isinstance(body, dict) or "code" not in body:
            raise ApiUnreachable(f"no envelope from {path}")
        if str(body["code"]) != "0":
            raise ApiError(str(body["code"]), str(body.get("msg") or ""), resp.status_code, body.get("data"))
        return body.get("data")

    # -- sync -------------------------------------------------------------------------------
    def synchron(self, records: list[dict[str, Any]], kiosk_public_key: str | None = None) -> dict[str, Any]:
        """The answer's `data`: {"results": [...]} (+ "kioskKid" when a public key was sent)."""
        body: dict[str, Any] = {"clientMacAddress": self.mac, "records": records}
        if kiosk_public_key:
            body["kioskPublicKey"] = kiosk_public_key
        return self._call("POST", CS + "/offline/data/synchron", json=body, timeout=60.0) or {}

    def sys_time(self) -> dict[str, Any]:
        return self._call("POST", CS + "/getSysTime", timeout=3.0)

    def qr_keys(self) -> list[dict[str, Any]]:
        return list((self._call("GET", CS + "/ext/qrKeys") or {}).get("keys") or [])

    def save_pic(self, pic_b64: str, check_quality: bool = False) -> dict[str, Any]:
        """savePicForApp; photos taken offline are uploaded unchecked ("1"): the visit already happened."""
        return self._call("POST", CS + "/savePicForApp",
                          json={"picData": pic_b64, "checkQuality": "0" if check_quality else "1"}) or {}

    def health(self, timeout: float = 1.0) -> bool:
        """True when the server answers its health probe within `timeout` seconds."""
        try:
            resp = self._http.get(BASE + "/actuator/health", timeout=timeout)
        except httpx.HTTPError:
            return False
        return resp.status_code == 200

    # -- reads the offline cache keeps ------------------------------------------------------------
    def _page(self, path: str, page_no: int, page_size: int, **params: Any) -> dict[str, Any]:
        return self._call("GET", CS + path, params={"pageNo": page_no, "pageSize": page_size, **params}) or {}

    def purposes(self, page_no: int = 1, page_size: int = 1000) -> dict[str, Any]:
        return self._page("/purpose", page_no, page_size)

    def work_units(self, page_no: int = 1, page_size: int = 1000) -> dict[str, Any]:
        return self._page("/workUnit", page_no, page_size)

    def privilege_groups(self, page_no: int = 1, page_size: int = 1000) -> dict[str, Any]:
        return self._page("/privilegeGroup", page_no, page_size)

    def black_list(self, page_no: int = 1, page_size: int = 1000) -> dict[str, Any]:
        return self._page("/blackList", page_no, page_size)

    def visitor_info(self, visit_type: str = "total", page_no: int = 1, page_size: int = 50, *,
                     mac: str | None = None, query_type: int | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {"visitType": visit_type}
        if mac:
            params["macAddress"] = mac
        if query_type is not None:
            params["type"] = query_type
        return self._page("/visitorInfo", page_no, page_size, **params)

    def field_configuration(self) -> Any:
        return self._call("GET", CS + "/visitorInfo/configuration")

    def note_admission(self) -> Any:
        return self._call("GET", CS + "/getNoteAdmission")

    def ph_config(self) -> Any:
        return self._call("GET", CS + "/phConfig/info")

    def scene_config(self) -> Any:
        return self._call("GET", CS + "/sceneConfig")

    def person_query(self, query_info: str) -> list[dict[str, Any]]:
        data = self._call("GET", CS + "/personInfo/query", params={"queryInfo": query_info})
        if isinstance(data, dict):
            data = data.get("list", [data] if data else [])
        return list(data or [])
