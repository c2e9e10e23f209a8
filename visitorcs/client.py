"""`VisitorcsClient`: the one HTTP client of the visitorcs API (httpx), one method per endpoint,
returning the envelope's `data`. The kiosk's screens, its cache refresher and its uploader all
use it; the uploader takes its own instance (its own connection) with 409/429 as transient.

Credentials (the kiosk's bearer token, the operator's session) go only to the server the client
was made for: pictures at any other origin are not fetched."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from visitorcs import paths
from visitorcs.codes import CodeType
from visitorcs.envelope import is_envelope, unwrap
from visitorcs.errors import ApiError, ApiUnreachable
from visitorcs.wire import join_list

log = logging.getLogger(__name__)

CS = paths.CLIENT_URL

#: What a person reads when the server cannot be reached; the UI shows it as is.
UNREACHABLE_WORDS = "无法连接服务器，请检查网络或稍后重试"


def _clean(params: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if v is not None}


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


class VisitorcsClient:
    """One keep-alive `httpx.Client` shared by all threads (httpx clients are thread-safe).

    Every method raises `ApiError` when the server answered and refused, and `ApiUnreachable`
    when there was no usable answer (connect error, timeout, 5xx, not an envelope, and the
    statuses in `transient_statuses`).
    """

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        mac: str = "",
        connect_timeout: float = 2.0,
        read_timeout: float = 5.0,
        transient_statuses: Iterable[int] = (),
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.mac = mac
        self._token = token
        self._operator_token: str | None = None
        self._transient = frozenset(transient_statuses)
        self._lock = threading.Lock()
        timeout = httpx.Timeout(
            read_timeout, connect=connect_timeout, write=read_timeout, pool=connect_timeout
        )
        limits = httpx.Limits(max_connections=8, max_keepalive_connections=4, keepalive_expiry=30.0)
        self._client_options: dict[str, Any] = dict(
            base_url=self.base_url,
            timeout=timeout,
            limits=limits,
            transport=transport,
            headers={"Accept": "application/json"},
        )
        self._client: httpx.Client | None = None

    # --- plumbing -------------------------------------------------------------------
    @property
    def _http(self) -> httpx.Client:
        """Made at the first request, which is on a worker: loading the CA store takes ~60-100 ms,
        and the kiosk builds this client on the GUI thread before its window shows."""
        if self._client is None:
            with self._lock:
                if self._client is None:
                    self._client = httpx.Client(**self._client_options)
        return self._client

    @property
    def token(self) -> str | None:
        return self._token

    def set_token(self, token: str | None) -> None:
        with self._lock:
            self._token = token

    def set_operator_token(self, token: str | None) -> None:
        with self._lock:
            self._operator_token = token

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def __enter__(self) -> VisitorcsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _headers(self) -> dict[str, str]:
        with self._lock:
            token, operator = self._token, self._operator_token
        headers = {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if operator:
            headers["X-Operator-Token"] = operator
        return headers

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        form: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> Any:
        started = time.perf_counter()
        try:
            response = self._http.request(
                method,
                path,
                params=_clean(params or {}) or None,
                json=json_body,
                data={k: str(v) for k, v in _clean(form).items()} if form is not None else None,
                headers=headers if headers is not None else self._headers(),
                timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else timeout,
            )
        except httpx.TimeoutException as exc:
            log.warning("%s %s: timeout (%s)", method, path, type(exc).__name__)
            raise ApiUnreachable(f"{UNREACHABLE_WORDS}（服务器响应超时）") from exc
        except httpx.HTTPError as exc:
            log.warning("%s %s: %s", method, path, type(exc).__name__)
            raise ApiUnreachable(UNREACHABLE_WORDS) from exc
        status = response.status_code
        log.debug("%s %s -> %s in %.0f ms", method, path, status, (time.perf_counter() - started) * 1000)
        if status >= 500 or status in self._transient:
            raise ApiUnreachable(f"{UNREACHABLE_WORDS}（服务器暂时无法处理 {status}）")
        try:
            envelope = response.json()
        except ValueError:
            envelope = None
        if not is_envelope(envelope):
            if 400 <= status < 500:
                raise ApiError(str(status), f"服务器拒绝了请求（HTTP {status}）", http_status=status)
            raise ApiUnreachable(f"{UNREACHABLE_WORDS}（服务器返回了无法识别的内容）")
        return unwrap(envelope, status)

    def _get(self, endpoint: str, /, **params: Any) -> Any:
        return self._call("GET", f"{CS}/{endpoint}", params=params)

    def _post_json(
        self, name: str, body: dict[str, Any], base: str = CS, timeout: float | None = None
    ) -> Any:
        return self._call("POST", f"{base}/{name}", json_body=_clean(body), timeout=timeout)

    def _post_form(self, name: str, base: str = CS, timeout: float | None = None, **form: Any) -> Any:
        return self._call("POST", f"{base}/{name}", form=form, timeout=timeout)

    # --- kiosk session --------------------------------------------------------------
    def login(self, mac: str | None = None) -> dict[str, Any]:
        """clientService/login: the licence check. `loginResult` 0 ok, 1 refused (`tips` says why)."""
        return self._get("login", clientMacAddress=mac or self.mac) or {}

    def logout(self, mac: str | None = None) -> Any:
        return self._get("logOut", clientMacAddress=mac or self.mac)

    def sys_time(self, timeout: float | None = 3.0) -> dict[str, Any]:
        return self._post_form("getSysTime", timeout=timeout) or {}

    def health(self, timeout: float = 1.0) -> bool:
        """True when the server answers its health probe (actuator/health, not enveloped) UP in time."""
        try:
            response = self._http.get(paths.HEALTH_URL, timeout=timeout)
            return response.status_code == 200 and response.json().get("status") == "UP"
        except (httpx.HTTPError, ValueError, AttributeError):
            return False

    def same_server(self, url: str) -> bool:
        """`url` (absolute, or relative to the server) is on the server this client is made for."""
        return _origin(urljoin(self.base_url + "/", url)) == _origin(self.base_url)

    def picture(self, url: str) -> bytes | None:
        """A picture the server handed out as a URL (faceUrl, visitorPhoto ...): its bytes, or None
        if it is gone, or if the URL points anywhere but this server (credentials stay home)."""
        if not url:
            return None
        if not self.same_server(url):
            log.warning("picture not fetched: %s is not on this kiosk's server", urlsplit(url).netloc or "?")
            return None
        try:
            response = self._http.get(urljoin(self.base_url + "/", url), headers=self._headers())
        except httpx.HTTPError as exc:
            raise ApiUnreachable(UNREACHABLE_WORDS) from exc
        return response.content if response.status_code == 200 and response.content else None

    # --- visits ---------------------------------------------------------------------
    def register(self, info: dict[str, Any]) -> dict[str, Any]:
        """order/register with a RegisterInfo (plus the server's `companions` list extension);
        returns the VisitorInfo, with `companions` when there were any."""
        body = dict(info)
        if "privilegeGroupIds" in body:
            body["privilegeGroupIds"] = join_list(body["privilegeGroupIds"])
        return self._post_json("order/register", body) or {}

    def sign_out(self, order_id: str) -> Any:
        return self._post_form("signOut", orderId=order_id)

    def register_edit(
        self,
        order_id: str,
        end_time_iso: str,
        privilege_group_ids: Iterable[str] | str | None = None,
        register_place: str | None = None,
    ) -> Any:
        return self._post_json(
            "register/edit",
            {
                "orderId": order_id,
                "endTimeISO": end_time_iso,
                "privilegeGroupIds": join_list(privilege_group_ids),
                "registerPlace": register_place,
            },
        )

    def visitor_details(
        self,
        code: str,
        code_type: CodeType | int,
        *,
        mac: str | None = None,
        status_list: Iterable[int | str] | None = None,
        sub_param_code: str | None = None,
        query_type: int = 1,
    ) -> dict[str, Any]:
        """Matching visits as the server sends them: a map orderId -> VisitorInfo (the spec's
        Map schema; empty when nothing matches). query_type 2 limits it to this kiosk's visits."""
        return (
            self._post_json(
                "visitor/details",
                {
                    "code": code,
                    "codeType": str(int(code_type)),
                    "macAddress": mac,
                    "statusList": join_list(status_list),
                    "subParamCode": sub_param_code,
                    "type": str(query_type),
                },
            )
            or {}
        )

    def visitor_info(
        self,
        visit_type: str = "total",
        page_no: int = 1,
        page_size: int = 50,
        *,
        query_info: str | None = None,
        mac: str | None = None,
        query_type: int | None = None,
    ) -> dict[str, Any]:
        """Paged list; visit_type is total / visiting / unRegister / signOut."""
        return (
            self._get(
                "visitorInfo",
                pageNo=page_no,
                pageSize=page_size,
                visitType=visit_type,
                queryInfo=query_info or None,
                macAddress=mac,
                type=query_type,
            )
            or {}
        )

    def valid_visitors(self, person_id: str, page_no: int = 1, page_size: int = 50) -> dict[str, Any]:
        return (
            self._get("validVisitorInfo/pageInfo", pageNo=page_no, pageSize=page_size, personId=person_id)
            or {}
        )

    def last_visitor(self, identity_num: str, identity_id: int | str = 111) -> dict[str, Any] | None:
        return self._get("lastVisitor/inquiry", identityId=identity_id, identityNum=identity_num) or None

    def visitor_group_judge(
        self, *, identity_num: str | None = None, identity_id: str | None = "111", phone: str | None = None
    ) -> dict[str, Any]:
        """Blacklist screening: `isRefuseRegister` "1" means refused."""
        return (
            self._get(
                "visitorGroup/judge",
                identityId=identity_id if identity_num else None,
                identityNum=identity_num,
                phoneNum=phone,
            )
            or {}
        )

    def black_list(self, page_no: int = 1, page_size: int = 1000) -> dict[str, Any]:
        return self._get("blackList", pageNo=page_no, pageSize=page_size) or {}

    def auth_result(self, order_id: str) -> Any:
        return self._get("authResult", orderId=order_id)

    def auth_result_download(self, order_id: str) -> Any:
        return self._post_form("authResult/download", orderId=order_id)

    def synchron(
        self,
        records: list[dict[str, Any]],
        kiosk_public_key: str | None = None,
        *,
        timeout: float | None = 60.0,
    ) -> dict[str, Any]:
        """offline/data/synchron for this client's `mac`; `kiosk_public_key` (top-level
        kioskPublicKey) announces this kiosk's QR key (the answer then carries kioskKid).
        A batch of 500 takes longer than a form read: the default per-call timeout is 60 s."""
        body: dict[str, Any] = {"clientMacAddress": self.mac, "records": records}
        if kiosk_public_key:
            body["kioskPublicKey"] = kiosk_public_key
        return self._post_json("offline/data/synchron", body, timeout=timeout) or {}

    # --- hosts ----------------------------------------------------------------------
    def person_query(self, query_info: str) -> list[dict[str, Any]]:
        data = self._get("personInfo/query", queryInfo=query_info)
        if isinstance(data, dict):  # the spec types it as one PersonInfo; servers answer a list
            data = data.get("list", [data] if data else [])
        return list(data or [])

    def person_face(self, person_id: str | None = None, org_index_code: str | None = None) -> dict[str, Any]:
        return self._get("personFace/query", personId=person_id, orgIndexCode=org_index_code) or {}

    def person_by_card(self, card_no: str) -> dict[str, Any]:
        return self._get("person", cardNo=card_no) or {}

    # --- reference data -------------------------------------------------------------
    def purposes(self, page_no: int = 1, page_size: int = 1000) -> dict[str, Any]:
        return self._get("purpose", pageNo=page_no, pageSize=page_size) or {}

    def add_purpose(self, desc: str) -> Any:
        return self._post_json("purpose/add", {"purposeDesc": desc})

    def work_units(self, page_no: int = 1, page_size: int = 1000) -> dict[str, Any]:
        return self._get("workUnit", pageNo=page_no, pageSize=page_size) or {}

    def add_work_unit(self, desc: str) -> Any:
        return self._post_json("save", {"unitDesc": desc})

    def privilege_groups(
        self, page_no: int = 1, page_size: int = 1000, name: str | None = None
    ) -> dict[str, Any]:
        return self._get("privilegeGroup", pageNo=page_no, pageSize=page_size, name=name) or {}

    def field_configuration(self) -> Any:
        """visitorInfo/configuration: field definitions (a map of lists, per the spec's schema)."""
        return self._get("visitorInfo/configuration")

    def add_field_options(self, para_id: str, options: Iterable[str]) -> Any:
        return self._post_json("visitorField/edition", {"paraId": para_id, "optionList": join_list(options)})

    def note_admission(self) -> dict[str, Any]:
        return self._get("getNoteAdmission") or {}

    def ph_config(self) -> dict[str, Any]:
        return self._get("phConfig/info") or {}

    def scene_config(self) -> Any:
        return self._get("sceneConfig")

    def save_pic(self, pic_data_b64: str, check_quality: bool = True) -> dict[str, Any]:
        """savePicForApp: checkQuality "1" = do not check (ID photos, photos taken offline)."""
        return (
            self._post_json(
                "savePicForApp", {"picData": pic_data_b64, "checkQuality": "0" if check_quality else "1"}
            )
            or {}
        )

    def qr_keys(self) -> list[dict[str, Any]]:
        data = self._get("ext/qrKeys") or {}
        return list(data.get("keys", []))

    # --- operators (eits) -----------------------------------------------------------
    def eits_challenge(
        self, name: str, login_type: int = 1, product_code: str | None = None
    ) -> dict[str, Any]:
        return (
            self._post_json(
                "login/challengeCode",
                {"name": name, "type": login_type, "productCode": product_code},
                base=paths.EITS_URL,
            )
            or {}
        )

    def eits_login(
        self,
        name: str,
        password: str,
        code_id: str | None = None,
        login_type: int = 1,
        product_code: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        body = {
            "name": name,
            "password": password,
            "codeId": code_id,
            "type": login_type,
            "productCode": product_code,
            **extra,
        }
        return self._post_json("login", body, base=paths.EITS_URL) or {}

    def eits_logout(self) -> Any:
        """eits/logout authenticates with the operator's session token as the bearer."""
        with self._lock:
            operator = self._operator_token
        try:
            if not operator:
                return None
            return self._call(
                "POST", f"{paths.EITS_URL}/logout", form={}, headers={"Authorization": f"Bearer {operator}"}
            )
        finally:
            self.set_operator_token(None)
