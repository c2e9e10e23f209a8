"""What an offline record brings to its registration (offline/data/synchron): the kiosk's clock
stamps and QR keys (`OfflineStamp`), and the look-ups the records of one batch share
(`BatchLookups`)."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from server.models import Blacklist, Visit
from server.services.registration_lookups import code_is_ours, live_codes, new_visitor_code
from server.services.screening import blacklisted
from visitorcs import qrtoken


@dataclass(frozen=True)
class OfflineStamp:
    """How an offline registration is dated: the kiosk's clock, corrected by the measured offset."""

    client_time: datetime | None
    corrected_time: datetime
    received_time: datetime
    kiosk_keys: tuple[tuple[int, Any], ...] = ()  # (kid, Ed25519PublicKey) of the uploading kiosk
    lookups: BatchLookups | None = None  # shared by the records of one offline batch


class BatchLookups:
    """Look-ups an offline batch shares: the blacklist's numbers and a pool of free visitor codes,
    read once per batch instead of one query per record. Valid only inside the one write
    transaction of the batch (SQLite: BEGIN IMMEDIATE, nobody else writes)."""

    MAX_BLACKLIST = 20_000  # a bigger blacklist is queried per record (an index hit each)

    def __init__(self, session: Session, order_ids: list[str] = ()):  # type: ignore[assignment]
        wanted = set(order_ids)
        for oid in order_ids:  # walk-ins are stored under the canonical UUID spelling
            if qrtoken.is_order_id(oid):
                wanted.add(str(uuid.UUID(oid)))
        wanted.discard("")
        found: set[str] = set()
        for chunk in _chunks(sorted(wanted), 500):
            found.update(session.exec(select(Visit.order_id).where(col(Visit.order_id).in_(chunk))))
        self._absent = wanted - found  # no such visit when the transaction began
        self._ids: set[str] | None = None
        self._phones: set[str] = set()
        total = session.exec(select(func.count()).select_from(Blacklist)).one()
        if total <= self.MAX_BLACKLIST:
            rows = session.exec(select(Blacklist.identity_num, Blacklist.phone_num)).all()
            self._ids = {r[0] for r in rows if r[0]}
            self._phones = {r[1] for r in rows if r[1]}
        self._codes: list[str] = []
        self._taken: set[str] = set()  # codes handed out in this batch (maybe not flushed yet)

    def visit(self, session: Session, order_id: str) -> Visit | None:
        """session.get, without the query for an order known absent (unless this batch added it)."""
        if order_id in self._absent:
            return None
        return session.get(Visit, order_id)

    def created(self, visit: Visit) -> None:
        """`visit` is being inserted: from now on it is looked up (a rolled-back one is not found)."""
        self._absent.discard(visit.order_id)

    def blacklisted(self, session: Session, identity_num: str, phone_num: str) -> bool:
        if self._ids is None:
            return blacklisted(session, identity_num, phone_num)
        return bool(identity_num and identity_num in self._ids) or bool(
            phone_num and phone_num in self._phones
        )

    def visitor_code(self, session: Session) -> str:
        """A code free among live visits: candidates are checked 64 at a time in one query."""
        for _ in range(4):
            while self._codes:
                code = self._codes.pop()
                if code not in self._taken and code_is_ours(session, code, checked=True):
                    self._taken.add(code)
                    return code
            candidates = {f"{random.randint(0, 999999):06d}" for _ in range(64)} - self._taken
            clash = live_codes(session, candidates)
            self._codes = sorted(candidates - clash)
        return new_visitor_code(session)


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]
