"""Front-desk operator login through eits: challengeCode, then login with a proof of the
password computed by the server's published scheme (server.operators.client_proof), so
the password itself never crosses the wire."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from kiosk.api.client import VisitorcsClient
from kiosk.api.errors import ApiError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Operator:
    name: str
    token: str
    display_name: str = ""


def _proof(password: str, challenge: dict[str, Any]) -> str:
    from server.operators import client_proof   # the one definition of the scheme, shared with the server

    return client_proof(password, challenge)


class OperatorService:
    def __init__(self, client: VisitorcsClient) -> None:
        self.client = client
        self.current: Operator | None = None

    def login(self, name: str, password: str) -> Operator:
        name = name.strip()
        if not name or not password:
            raise ApiError("400", "请输入用户名和密码")
        challenge = self.client.eits_challenge(name)
        code_id = challenge.get("codeId") or challenge.get("challengeCodeId") or challenge.get("id")
        data = self.client.eits_login(name, _proof(password, challenge), code_id=code_id)
        token = str(data.get("token") or data.get("accessToken") or data.get("sessionId") or "")
        self.client.set_operator_token(token or None)
        self.current = Operator(name=name, token=token,
                                display_name=str(data.get("displayName") or data.get("name") or name))
        log.info("operator %s logged in", name)
        return self.current

    def logout(self) -> None:
        if self.current is None:
            return
        try:
            self.client.eits_logout()
        finally:
            self.current = None
