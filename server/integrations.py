"""Credentials of the systems that call the platform feeds and queries (14_对外接口,
01_访客信息查询, and the staff web endpoints): `visitorcs-server integration add --name NAME`
prints a token `vcsi_...` once and stores its SHA-256. A credential acts for the site's project:
the feeds' `projectId` header (and the queries' `projectId` field) must name it."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlmodel import select

from server.db import Database
from server.deps import hash_token
from server.models import Integration
from server.models._common import utcnow

PREFIX = "vcsi_"  # tells an integration's token from a kiosk's or an operator's at a glance


def add(db: Database, name: str, project_id: str) -> str:
    """A new credential (or a new token for an existing name); returns the token."""
    name = " ".join((name or "").split())
    if not name or len(name) > 64:
        raise ValueError("名称应为 1-64 个字符")
    token = PREFIX + secrets.token_urlsafe(32)
    with db.write() as s:
        row = s.exec(select(Integration).where(Integration.name == name)).first()
        if row is None:
            row = Integration(name=name, project_id=project_id, token_hash=hash_token(token))
        else:
            row.token_hash, row.revoked, row.project_id = hash_token(token), False, project_id
        s.add(row)
    forget()
    return token


def revoke(db: Database, name: str) -> None:
    with db.write() as s:
        row = s.exec(select(Integration).where(Integration.name == name.strip())).first()
        if row is None:
            raise ValueError(f"没有这个对外接口凭证: {name}")
        row.revoked = True
        s.add(row)
    forget()


def listing(db: Database) -> list[dict[str, Any]]:
    with db.read() as s:
        rows = s.exec(select(Integration).order_by(Integration.name)).all()
    return [
        {
            "name": r.name,
            "projectId": r.project_id,
            "revoked": r.revoked,
            "created": _text(r.create_time),
            "lastUsed": _text(r.last_used),
        }
        for r in rows
    ]


def _text(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""


def find(db: Database, token: str) -> Integration | None:
    """The live credential of `token`, its last use noted at most once a minute."""
    digest = hash_token(token)
    with db.read() as s:
        row = s.exec(select(Integration).where(Integration.token_hash == digest)).first()
    if row is None or row.revoked:
        return None
    now = utcnow()
    last = row.last_used
    if (
        last is None
        or (now - (last if last.tzinfo else last.replace(tzinfo=now.tzinfo))).total_seconds() > 60
    ):
        with db.write() as s:
            fresh = s.get(Integration, row.id)
            if fresh is not None:
                fresh.last_used = now
                s.add(fresh)
    return row


def forget() -> None:
    from server.deps import forget_integrations

    forget_integrations()
