"""Credential issuance to access devices: which records a visit needs (per device of its
privilege groups and per credential type the device takes), and the gateway seam through
which the dispatcher pushes them (a real access-control gateway implements `AccessGateway`)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import bindparam
from sqlalchemy import select as select_rows
from sqlmodel import Session, col, delete, select, update

from server.db import Database
from server.envelope import ApiError
from server.models import AccessDevice, AuthRecord, Visit
from server.models._common import utcnow
from server.models.visit import new_row
from server.picture_refs import served as served_picture
from server.services.visits import ints
from visitorcs.codes import AuthStatus, CredentialType

log = logging.getLogger(__name__)

# authStatus and cardType are the contract's (visitorcs.codes); rows and SQL parameters hold them
# as plain ints, like visit statuses (services/visits.ints)
_LIVE = ints((AuthStatus.ISSUED, AuthStatus.ISSUING))  # on a device, or on its way there
_UNISSUED = ints((AuthStatus.PENDING, AuthStatus.FAILED, AuthStatus.NO_MEDIUM))  # never reached one
_PUSHED_AGAIN = ints((AuthStatus.ISSUED, AuthStatus.FAILED))  # when the validity changes


def credential_of(visit: Visit, card_type: int) -> str:
    """The credential value a device receives for `card_type`; "" if the visit has none."""
    return {
        CredentialType.ID_NUMBER: visit.identity_num,
        CredentialType.ID_SERIAL: visit.identity_pid,
        CredentialType.IC_CARD: visit.temp_card,
        CredentialType.QR: visit.qr_code,
        CredentialType.PLATE: visit.car_number,
        CredentialType.FACE: visit.face_id or served_picture(visit.visitor_photo),
    }.get(card_type, "")


def _card_types(card_types: str | None) -> list[int]:
    out = []
    for part in (card_types or "").split(","):
        part = part.strip()
        if part.lstrip("-").isdigit():
            out.append(int(part))
    return out


AUTH_TABLE = AuthRecord.__table__  # type: ignore[attr-defined]
_DEVICE = AccessDevice.__table__  # type: ignore[attr-defined]


def group_ids(visit: Visit) -> list[str]:
    return [g for g in (visit.privilege_group_ids or "").split(",") if g]


_DEVICES_OF_GROUPS = select_rows(_DEVICE.c.device_id, _DEVICE.c.device_desc, _DEVICE.c.card_types).where(
    _DEVICE.c.privilege_group_id.in_(bindparam("groups", expanding=True))
)


def new_records(
    session: Session,
    visit: Visit,
    groups: Iterable[str] | None = None,
    existing: Iterable[tuple[str, int]] = (),
) -> list[AuthRecord]:
    """Pending issuance records for `groups` (default: all the visit's groups), not yet added.

    A device in two of the visit's groups gets one record per credential type, not two;
    `existing`: (device, card type) pairs the visit already has a live record for.
    """
    groups = list(groups if groups is not None else group_ids(visit))
    if not groups:
        return []
    seen = set(existing)
    out = []
    for device in session.execute(_DEVICES_OF_GROUPS, {"groups": groups}):
        for card_type in _card_types(device.card_types):
            if not credential_of(visit, card_type) or (device.device_id, card_type) in seen:
                continue
            seen.add((device.device_id, card_type))
            out.append(
                new_row(
                    AuthRecord,
                    order_id=visit.order_id,
                    device_id=device.device_id,
                    device_desc=device.device_desc,
                    card_type=card_type,
                    auth_status=int(AuthStatus.PENDING),
                )
            )
    return out


def create_records(
    session: Session, visit: Visit, groups: Iterable[str] | None = None, *, fresh: bool = False
) -> int:
    """Add the pending issuance records `new_records` finds; returns how many.
    `fresh`: the visit was created in this transaction, so it has no records to look up yet."""
    existing = (
        set()
        if fresh
        else {
            (r.device_id, r.card_type)
            for r in session.exec(
                select(AuthRecord).where(
                    AuthRecord.order_id == visit.order_id,
                    col(AuthRecord.auth_status) >= int(AuthStatus.NO_MEDIUM),  # not being withdrawn
                )
            )
        }
    )
    records = new_records(session, visit, groups, existing)
    session.add_all(records)
    return len(records)


# a sign-out withdraws every credential of the visit: built once, run as plain statements
_QUEUE_DELETION = (
    update(AUTH_TABLE)
    .where(AUTH_TABLE.c.order_id == bindparam("oid"), AUTH_TABLE.c.auth_status.in_(_LIVE))
    .values(auth_status=int(AuthStatus.DELETE_PENDING), update_time=bindparam("now"), attempts=0)
)
_DROP_UNISSUED = delete(AUTH_TABLE).where(
    AUTH_TABLE.c.order_id == bindparam("oid"), AUTH_TABLE.c.auth_status.in_(_UNISSUED)
)


def _holds_records(session: Session, order_id: str) -> bool:
    return any(
        isinstance(obj, AuthRecord) and obj.order_id == order_id
        for obj in (*session.new, *session.identity_map.values())
    )


def withdraw(session: Session, visit: Visit, groups: Iterable[str] | None = None) -> None:
    """The visit leaves (or loses groups): issued credentials are queued for deletion,
    ones never issued are dropped."""
    if groups is None and not _holds_records(session, visit.order_id):
        # no record of the visit is loaded in the session, so none needs synchronising: the two
        # statements go straight to the connection (the ORM's bulk path cost ~1 ms each)
        conn = session.connection()
        conn.execute(_QUEUE_DELETION, {"oid": visit.order_id, "now": utcnow()})
        conn.execute(_DROP_UNISSUED, {"oid": visit.order_id})
        return
    where = [AuthRecord.order_id == visit.order_id]
    if groups is not None:
        devices = select(AccessDevice.device_id).where(col(AccessDevice.privilege_group_id).in_(list(groups)))
        where.append(col(AuthRecord.device_id).in_(devices))
    # two statements instead of loading every record (records already in the session follow)
    session.exec(
        update(AuthRecord)  # type: ignore[call-overload]
        .where(*where, col(AuthRecord.auth_status).in_(_LIVE))
        .values(auth_status=int(AuthStatus.DELETE_PENDING), update_time=utcnow(), attempts=0)
        .execution_options(synchronize_session="fetch")
    )
    session.exec(
        delete(AuthRecord)  # type: ignore[call-overload]
        .where(*where, col(AuthRecord.auth_status).in_(_UNISSUED))
        .execution_options(synchronize_session="fetch")
    )


def reissue_all(session: Session, visit: Visit) -> None:
    """Validity changed: every live credential is pushed again with the new end time."""
    now = utcnow()
    for record in session.exec(
        select(AuthRecord).where(
            AuthRecord.order_id == visit.order_id, col(AuthRecord.auth_status).in_(_PUSHED_AGAIN)
        )
    ):
        record.auth_status, record.update_time, record.attempts = int(AuthStatus.PENDING), now, 0
        session.add(record)


def retry_failed(session: Session, order_id: str) -> int:
    """authResult/download: failed issues (4) and failed deletions (-4) go back to the queue."""
    now = utcnow()
    count = 0
    for record in session.exec(
        select(AuthRecord).where(
            AuthRecord.order_id == order_id,
            col(AuthRecord.auth_status).in_(ints((AuthStatus.FAILED, AuthStatus.DELETE_FAILED))),
        )
    ):
        again = AuthStatus.PENDING if record.auth_status == AuthStatus.FAILED else AuthStatus.DELETE_PENDING
        record.auth_status = int(again)
        record.update_time, record.attempts, record.message = now, 0, ""
        session.add(record)
        count += 1
    return count


def retry_failed_now(db: Database, order_id: str) -> int:
    """authResult/download in its own unit of work (run it with `Database.run`); 404 for no such visit."""
    with db.write() as session:
        if session.get(Visit, order_id) is None:
            raise ApiError(404, "未找到该访客记录")
        return retry_failed(session, order_id)


def drop_all(session: Session, order_id: str) -> None:
    session.exec(delete(AuthRecord).where(AuthRecord.order_id == order_id))  # type: ignore[call-overload]


# --- the gateway seam ---------------------------------------------------------------------


class GatewayError(Exception):
    """A device refused or could not be reached; the message is shown in authResult."""


@dataclass(frozen=True)
class Grant:
    device_id: str
    device_desc: str
    card_type: int
    credential: str
    order_id: str
    valid_from: datetime | None
    valid_until: datetime | None


class AccessGateway(Protocol):
    """What the dispatcher needs from an access-control platform."""

    def issue(self, grant: Grant) -> None: ...

    def revoke(self, grant: Grant) -> None: ...


class SimulatedAccessGateway:
    """Accepts every grant, except for devices whose name contains a failure marker
    ("离线" by default) or whose id/name is listed in `fail_devices`."""

    def __init__(self, fail_devices: Iterable[str] = (), fail_marker: str = "离线"):
        self.fail_devices = set(fail_devices)
        self.fail_marker = fail_marker
        self.issued: list[Grant] = []
        self.revoked: list[Grant] = []

    def _check(self, grant: Grant) -> None:
        if (
            grant.device_id in self.fail_devices
            or grant.device_desc in self.fail_devices
            or (self.fail_marker and self.fail_marker in grant.device_desc)
        ):
            raise GatewayError(f"设备“{grant.device_desc}”离线，无法下发")

    def issue(self, grant: Grant) -> None:
        self._check(grant)
        self.issued.append(grant)

    def revoke(self, grant: Grant) -> None:
        self._check(grant)
        self.revoked.append(grant)
