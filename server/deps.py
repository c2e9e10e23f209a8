"""Request dependencies: the database, settings and the calling kiosk (bearer token)."""
from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import select

from server.db import Database
from server.envelope import ApiError
from server.models import Kiosk
from server.settings import Settings


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def current_kiosk(request: Request, db: Annotated[Database, Depends(get_db)]) -> Kiosk:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "缺少访客机凭证，请在服务端为本机添加访客机（visitorcs-server kiosk add）")
    with db.read() as session:
        kiosk = session.exec(select(Kiosk).where(Kiosk.token_hash == hash_token(token.strip()))).first()
    if kiosk is None:
        raise ApiError(401, "访客机凭证无效，请联系管理员重新添加本机")
    if kiosk.revoked:
        raise ApiError(401, "本访客机凭证已被吊销，请联系管理员")
    return kiosk


DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
KioskDep = Annotated[Kiosk, Depends(current_kiosk)]
