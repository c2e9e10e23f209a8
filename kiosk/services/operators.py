"""Front-desk operator login through eits: challengeCode, then login with a proof of the
password (visitorcs.login_proof), so the password itself never crosses the wire."""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from typing import Any

from kiosk.services.remembered import Remembered
from visitorcs import login_proof
from visitorcs.client import VisitorcsClient
from visitorcs.errors import ApiError, ApiUnreachable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Operator:
    name: str
    token: str
    display_name: str = ""
    offline: bool = False  # logged in against this kiosk's memory while the server was away


def _server_signature_ok(password: str, challenge: dict[str, Any], name: str, signature: str) -> bool:
    return hmac.compare_digest(login_proof.expected_server_signature(password, challenge, name), signature)


def record_stamp(name: str, token: str, op: str, order_id: str) -> dict[str, str]:
    """An operator's stamp on an outbox record (server.rights.proof): HMAC-SHA256 keyed by the
    session token's SHA-256 hex, so the record proves who acted without holding the token."""
    key = hashlib.sha256(token.encode("utf-8")).hexdigest().encode()
    message = f"visitorcs-operator-v1|{op}|{order_id}".encode()
    return {"name": name, "proof": hmac.new(key, message, hashlib.sha256).hexdigest()}


class OperatorService:
    def __init__(
        self, client: VisitorcsClient, remembered: Remembered | None = None, offline_grace_s: float = 0
    ) -> None:
        self.client = client
        self.remembered = remembered
        self.offline_grace_s = offline_grace_s
        self.current: Operator | None = None

    def login(self, name: str, password: str) -> Operator:
        """Through the server (eits); while it is away, an operator who logged in on this kiosk
        within the site's grace may log in again with the same password."""
        name = name.strip()
        if not name or not password:
            raise ApiError("400", "请输入用户名和密码")
        try:
            return self._login_online(name, password)
        except ApiUnreachable:
            if self.remembered is None or self.offline_grace_s <= 0:
                raise
            display = self.remembered.operator_offline(name, password, self.offline_grace_s)
            if display is None:
                hours = int(self.offline_grace_s // 3600)
                raise ApiUnreachable(
                    f"无法连接服务器。离线时只有 {hours} 小时内在本机登录过的操作员可以用原密码登录"
                ) from None
            self.current = Operator(name=name, token="", display_name=display, offline=True)
            log.info("operator %s logged in offline (server unreachable)", name)
            return self.current

    def _login_online(self, name: str, password: str) -> Operator:
        challenge = self.client.eits_challenge(name)
        data = self.client.eits_login(
            name, login_proof.client_proof(password, challenge, name), code_id=challenge.get("codeId")
        )
        # SCRAM is mutual: a server that does not know our verifier cannot produce this.
        if not _server_signature_ok(password, challenge, name, str(data.get("serverSignature") or "")):
            raise ApiError("401", "服务器身份校验失败，请联系管理员")
        token = str(data.get("token") or "")
        self.client.set_operator_token(token or None)
        self.current = Operator(
            name=name, token=token, display_name=str(data.get("displayName") or data.get("name") or name)
        )
        if self.remembered is not None and self.offline_grace_s > 0:
            self.remembered.operator_logged_in(name, password, self.current.display_name)
        log.info("operator %s logged in", name)
        return self.current

    def stamp(self, op: str, order_id: str) -> dict[str, Any]:
        """{"operator": stamp} for a staff write (signOut, edit) while an operator is logged in
        online; {} otherwise (offline logins have no server session: the kiosk acts alone)."""
        current = self.current
        if current is None or current.offline or not current.token:
            return {}
        return {"operator": record_stamp(current.name, current.token, op, order_id)}

    def logout(self) -> None:
        if self.current is None:
            return
        try:
            if not self.current.offline:
                self.client.eits_logout()
        finally:
            self.current = None
