"""The site licence (Setting "licence": {"maxKiosks": N, "expires": "YYYY-MM-DD"}) and
kiosk seats: `login` takes a seat when the licence allows it, `logout` frees it."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlmodel import col, select

from server.db import Database
from server.envelope import ApiError
from server.kiosks import normalise_mac
from server.models import Kiosk, Setting
from server.models._common import utcnow
from server.reference.common import get_json, put_json
from server.services.timefmt import aware

log = logging.getLogger(__name__)

KEY = "licence"
# A kiosk re-checks its licence at every return to the home screen (the spec's advice),
# so a seat not refreshed for a day belongs to a kiosk that died without logging out.
SEAT_LEASE = timedelta(hours=24)

TIP_TOO_MANY = "访客机登录数量超限"
TIP_EXPIRED = "项目授权已过期"


def read(db: Database) -> dict[str, Any] | None:
    with db.read() as s:
        value = get_json(s, KEY, None)
    return value if isinstance(value, dict) else None


def set_licence(db: Database, max_kiosks: int, expires: date) -> None:
    if max_kiosks < 1:
        raise ValueError("maxKiosks 至少为 1")
    with db.write() as s:
        put_json(s, KEY, {"maxKiosks": int(max_kiosks), "expires": expires.isoformat()})


def _caller(kiosk: Kiosk, mac: str) -> None:
    try:
        claimed = normalise_mac(mac)
    except ValueError as exc:
        raise ApiError(400, f"clientMacAddress: {exc}") from None
    if claimed != kiosk.mac:
        # A kiosk may only log itself in: its token was issued for its MAC.
        raise ApiError(403, "clientMacAddress 与本机凭证不符，不能代其他访客机登录")


def login(db: Database, kiosk: Kiosk, mac: str, tz: tzinfo, now: datetime | None = None) -> dict[str, str]:
    """loginResult "0" and a seat, or "1" with the reason (no seat taken)."""
    _caller(kiosk, mac)
    now = now or utcnow()
    with db.write() as s:
        # Serialise seat-taking: FOR UPDATE on PostgreSQL; SQLite writes are BEGIN IMMEDIATE already.
        row = s.exec(select(Setting).where(Setting.key == KEY).with_for_update()).first()
        licence = get_json(s, KEY, None) if row is not None else None
        me = s.get(Kiosk, kiosk.id)
        if me is None:
            raise ApiError(401, "访客机凭证无效，请联系管理员重新添加本机")
        if isinstance(licence, dict):
            try:
                expires = date.fromisoformat(str(licence.get("expires", "")))
            except ValueError:
                expires = None
            if expires is not None and now.astimezone(tz).date() > expires:
                me.logged_in = False
                s.add(me)
                log.warning("kiosk %s refused: licence expired on %s", me.mac, expires)
                return {"loginResult": "1", "tips": TIP_EXPIRED}
            limit = int(licence.get("maxKiosks", 0) or 0)
            if limit > 0 and not _holds_seat(me, now):
                others = s.exec(
                    select(Kiosk).where(
                        col(Kiosk.logged_in).is_(True), col(Kiosk.revoked).is_(False), Kiosk.id != me.id
                    )
                ).all()
                taken = sum(1 for k in others if _holds_seat(k, now))
                if taken >= limit:
                    log.warning("kiosk %s refused: %d of %d seats taken", me.mac, taken, limit)
                    return {"loginResult": "1", "tips": TIP_TOO_MANY}
        me.logged_in, me.last_login = True, now
        s.add(me)
    return {"loginResult": "0", "tips": ""}


def _holds_seat(kiosk: Kiosk, now: datetime) -> bool:
    return bool(kiosk.logged_in and kiosk.last_login and now - aware(kiosk.last_login) < SEAT_LEASE)


def logout(db: Database, kiosk: Kiosk, mac: str) -> None:
    _caller(kiosk, mac)
    with db.write() as s:
        me = s.get(Kiosk, kiosk.id)
        if me is not None and me.logged_in:
            me.logged_in = False
            s.add(me)
