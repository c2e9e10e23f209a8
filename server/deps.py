"""Request dependencies: the database, settings and the calling kiosk (bearer token).

All `async def`: FastAPI runs a plain `def` dependency in its thread pool, a hop per
dependency per request that cost more than the one indexed kiosk look-up it would spare
the event loop (measured with 20 clients, bench/server_bench.py)."""

from __future__ import annotations

import hashlib
import time
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import bindparam, select

from server.db import Database
from server.envelope import ApiError
from server.models import Kiosk
from server.models.visit import new_row
from server.settings import Settings

# built once: every request runs it
_KIOSK_BY_TOKEN = select(Kiosk.__table__).where(  # type: ignore[attr-defined]
    Kiosk.__table__.c.token_hash == bindparam("token_hash")  # type: ignore[attr-defined]
)
# A kiosk sends a request every few seconds with the same token: a valid token is trusted
# for TOKEN_TRUST_S before it is looked up again (one connection, BEGIN, SELECT, ROLLBACK
# less per request). Revoking in this process (`kiosks.revoke`) forgets at once; revoking
# from the CLI (another process) takes effect within TOKEN_TRUST_S.
TOKEN_TRUST_S = 1.0
_trusted: dict[tuple[str, str], tuple[float, Kiosk]] = {}  # (database URL, token hash)


def forget_tokens() -> None:
    _trusted.clear()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def get_db(request: Request) -> Database:
    return request.app.state.db


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def current_kiosk(request: Request, db: Annotated[Database, Depends(get_db)]) -> Kiosk:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "缺少访客机凭证，请在服务端为本机添加访客机（visitorcs-server kiosk add）")
    key = (db.url, hash_token(token.strip()))
    now = time.monotonic()
    known = _trusted.get(key)
    if known is not None and now - known[0] < TOKEN_TRUST_S:
        return known[1]
    with db.rows() as conn:
        row = conn.execute(_KIOSK_BY_TOKEN, {"token_hash": key[1]}).first()
    if row is None:
        raise ApiError(401, "访客机凭证无效，请联系管理员重新添加本机")
    if row.revoked:
        raise ApiError(401, "本访客机凭证已被吊销，请联系管理员")
    kiosk = new_row(Kiosk, **row._mapping)  # read-only: code that changes a kiosk loads it again
    if len(_trusted) > 10_000:  # many kiosks or apps (tests): start over rather than grow
        _trusted.clear()
    _trusted[key] = (now, kiosk)
    return kiosk


DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
KioskDep = Annotated[Kiosk, Depends(current_kiosk)]
