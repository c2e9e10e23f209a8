"""signOut (签离): the visitor leaves, and the main visitor takes the batch's companions still on
site along; their credentials are withdrawn from the access devices."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlmodel import Session

from server.db import Database
from server.envelope import ApiError
from server.models import Visit
from server.models._common import utcnow
from server.rights import SIGN_OUT, Actor, authorise
from server.services import credentials
from server.services.companions import batch_companions
from visitorcs.codes import CLOSED, ON_SITE, VisitStatus

log = logging.getLogger(__name__)


def sign_out(
    session: Session,
    order_id: str,
    at: datetime,
    now: datetime,
    actor: Actor,
    qr_code: str | None = None,
) -> tuple[Visit, list[Visit], bool]:
    """Sign a visitor out at `at` (the kiosk's time of it; `now` the server's), if `actor` may
    (server.rights: the registering kiosk, the visitor's own permit QR `qr_code`, or an operator).

    Returns (visit, companions signed out with it, already_closed).
    """
    # locked (PostgreSQL; SQLite writers are serialised): a second sign-out or the status keeper,
    # from this process or another instance, waits and then sees this one's outcome instead of
    # writing over it
    visit = session.get(Visit, order_id, with_for_update=True, populate_existing=True)
    if visit is None:
        raise ApiError(404, "未找到该访客记录")
    if visit.status in CLOSED:
        return visit, [], True
    if visit.status not in ON_SITE:
        raise ApiError(422, "该访客尚未签到（或预约已失效），无需签离")
    who = authorise(visit, actor, SIGN_OUT, qr_code)
    group = [visit] + [c for c in batch_companions(session, visit) if c.status in ON_SITE]
    for one in group:
        one.status = int(VisitStatus.SIGNED_OUT)  # rows hold plain ints (services/visits.ints)
        one.real_end_time = at
        one.update_time = now
        one.last_actor = who
        session.add(one)
        credentials.withdraw(session, one)
    return visit, group[1:], False


def sign_out_now(
    db: Database, order_id: str, actor: Actor, qr_code: str | None = None
) -> tuple[Visit, list[Visit], bool]:
    """`sign_out` now, in its own unit of work (the route's; run it with `Database.run`)."""
    now = utcnow()
    with db.write() as session:
        visit, comps, closed = sign_out(session, order_id, now, now, actor, qr_code)
    if not closed:
        log.info("order %s signed out by %s", order_id, visit.last_actor)
    return visit, comps, closed
