"""Front-desk operator login through eits: challengeCode, then login with a proof of the
password (visitorcs.login_proof), so the password itself never crosses the wire."""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from typing import Any

from visitorcs import login_proof
from visitorcs.client import VisitorcsClient
from visitorcs.errors import ApiError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Operator:
    name: str
    token: str
    display_name: str = ""


def _server_signature_ok(password: str, challenge: dict[str, Any], name: str, signature: str) -> bool:
    return hmac.compare_digest(login_proof.expected_server_signature(password, challenge, name), signature)


class OperatorService:
    def __init__(self, client: VisitorcsClient) -> None:
        self.client = client
        self.current: Operator | None = None

    def login(self, name: str, password: str) -> Operator:
        name = name.strip()
        if not name or not password:
            raise ApiError("400", "请输入用户名和密码")
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
        log.info("operator %s logged in", name)
        return self.current

    def logout(self) -> None:
        if self.current is None:
            return
        try:
            self.client.eits_logout()
        finally:
            self.current = None
