"""Blacklist screening of a registration: a visitor (or companion) whose ID number or phone is on
the blacklist is refused before anything is written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import bindparam, select
from sqlmodel import Session

from server.envelope import ApiError
from server.models import Blacklist

if TYPE_CHECKING:
    from server.services.offline_context import BatchLookups

BLACKLISTED = "该访客在黑名单中，禁止登记"

_BLACKLIST = Blacklist.__table__  # type: ignore[attr-defined]
_ON_BLACKLIST = (  # built once; NULL (an absent number) equals nothing
    select(_BLACKLIST.c.id)
    .where((_BLACKLIST.c.identity_num == bindparam("num")) | (_BLACKLIST.c.phone_num == bindparam("phone")))
    .limit(1)
)


def blacklisted(session: Session, identity_num: str, phone_num: str) -> bool:
    if not identity_num and not phone_num:
        return False
    probe = {"num": identity_num or None, "phone": phone_num or None}
    return session.execute(_ON_BLACKLIST, probe).first() is not None


def on_blacklist(
    session: Session, identity_num: str, phone_num: str, lookups: BatchLookups | None = None
) -> bool:
    """`blacklisted`, from the offline batch's copy of the list when there is one."""
    if lookups is not None:
        return lookups.blacklisted(session, identity_num, phone_num)
    return blacklisted(session, identity_num, phone_num)


def screen(session: Session, identity_num: str, phone_num: str, lookups: BatchLookups | None = None) -> None:
    """422 when the visitor is on the blacklist."""
    if on_blacklist(session, identity_num, phone_num, lookups):
        raise ApiError(422, BLACKLISTED)
