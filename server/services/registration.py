"""order/register, online (the route) and offline (offline_sync, with the kiosk's clock stamps):
the checks both kinds share, then a walk-in (walk_in.py) or the arrival of a pre-booked visit
(arrival.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from server import picture_refs
from server.db import Database
from server.envelope import ApiError
from server.models import Kiosk
from server.models._common import utcnow
from server.picture_refs import Origin
from server.services import timefmt
from server.services import validation as v
from server.services.appointments import tell_host_of_arrival
from server.services.arrival import arrive
from server.services.check_in import Registered
from server.services.offline_context import OfflineStamp
from server.services.walk_in import register_walk_in
from server.site import SiteContext
from visitorcs.wire import MAX_PERSONS, RegisterInfo

__all__ = ["OfflineStamp", "Registered", "register", "register_now"]


def register(
    session: Session,
    ctx: SiteContext,
    kiosk: Kiosk,
    info: RegisterInfo,
    now: datetime,
    stamp: OfflineStamp | None = None,
    origin: Origin | None = None,
) -> Registered:
    """Apply one registration; raises ApiError with the refusal in words. `origin`: the server's
    own (scheme, host, port) as the kiosk reached it, the one picture URLs may name."""
    kind = (info.registerType or "1").strip()
    if kind not in ("0", "1", "2"):
        raise ApiError(400, "registerType: 应为 1（未预约登记）或 2（已预约登记）")
    at = stamp.corrected_time if stamp else now  # when it happened at the kiosk
    id_kind, id_num = v.identity(info.identityId, info.identityNum)
    person = (id_kind, id_num, v.phone(info.phoneNum))
    persons = v.int_field(info.personNum, "personNum", 1, 1, MAX_PERSONS)
    companions = list(info.companions or [])
    if len(companions) > persons - 1:
        persons = len(companions) + 1
    try:
        end = timefmt.parse_time(info.endTimeISO, ctx.tz, "endTimeISO")
        start = timefmt.parse_time(info.startTimeISO, ctx.tz, "startTimeISO")
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None
    digest = info.payload_hash()
    info = picture_refs.checked(session, info, origin)  # only pictures this server issued
    if kind == "2":
        done = arrive(session, ctx, kiosk, info, at, now, stamp, digest, person, persons, companions, end)
    else:
        done = register_walk_in(
            session, ctx, kiosk, info, at, now, stamp, digest, person, persons, companions, start, end
        )
    if not done.replayed:  # the host learns of the arrival (server/notify.py delivers it later)
        tell_host_of_arrival(session, ctx, done.visit, len(done.companions), now)
    return done


def register_now(
    db: Database, ctx: SiteContext, kiosk: Kiosk, info: RegisterInfo, origin: Origin | None = None
) -> Registered:
    """One registration in its own unit of work (the route's; run it with `Database.run`)."""
    try:
        with db.write() as session:
            return register(session, ctx, kiosk, info, utcnow(), origin=origin)
    except IntegrityError:
        # a concurrent replay of the same registration won the insert: answer from what it stored
        with db.write() as session:
            return register(session, ctx, kiosk, info, utcnow(), origin=origin)
