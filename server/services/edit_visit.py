"""register/edit (访客权限修改): a live visit's new end time, privilege groups and place, by whoever
may (server.rights). A new end time re-issues the QR code with the new validity (the answer carries
it: the desk prints the permit again); access devices get the new code and end time."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from server.db import Database
from server.envelope import ApiError
from server.models import Visit
from server.models._common import utcnow
from server.rights import EDIT, Actor, authorise
from server.services import credentials, timefmt
from server.services.registration_lookups import resolve_groups
from server.site import SiteContext
from visitorcs import qrtoken
from visitorcs.codes import APPOINTMENT, ON_SITE, VisitStatus


def edit(
    session: Session,
    ctx: SiteContext,
    order_id: str,
    end_iso: str | None,
    groups: list[str] | None,
    register_place: str | None,
    now: datetime,
    actor: Actor,
) -> Visit:
    """New end time and privilege groups of a visit that is still live."""
    visit = session.get(Visit, order_id)
    if visit is None:
        raise ApiError(404, "未找到该访客记录")
    if visit.status not in (*APPOINTMENT, *ON_SITE):
        raise ApiError(422, "该访客记录已结束（已签离、失效或退回），不能修改权限")
    who = authorise(visit, actor, EDIT)
    try:
        end = timefmt.parse_time(end_iso, ctx.tz, "endTimeISO")
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None
    if end is None:
        raise ApiError(400, "endTimeISO: 缺少必填参数")
    start = timefmt.aware(visit.register_time or visit.start_time)
    timefmt.check_visit_window(start or now, end, ctx.settings.max_visit, ctx.tz)
    if end <= now or (start and end <= start):
        raise ApiError(400, "endTimeISO: 预计离开时间应晚于当前时间")
    changed_end = timefmt.aware(visit.end_time) != end
    visit.end_time = end
    if changed_end and visit.qr_code:
        # the code carries its validity: a permit printed for the old end would open doors after a
        # shortened visit, or stop at the gate before an extended one ends
        visit.qr_code = qrtoken.encode(ctx.qr_key, visit.order_id, end)
    visit.last_actor = who
    if visit.status == VisitStatus.OVERDUE:  # extended before leaving: back on site in time
        visit.status = int(VisitStatus.ARRIVED)
    if register_place:
        visit.register_place = register_place.strip()
    if groups is not None:
        new = resolve_groups(session, groups, None)
        old = credentials.group_ids(visit)
        removed = [g for g in old if g not in new]
        if removed:
            credentials.withdraw(session, visit, removed)
        visit.privilege_group_ids = ",".join(new)
    visit.update_time = now
    session.add(visit)
    session.flush()
    if changed_end:
        credentials.reissue_all(session, visit)
    if visit.status in ON_SITE:
        credentials.create_records(session, visit)
    return visit


def edit_now(
    db: Database,
    ctx: SiteContext,
    order_id: str,
    end_iso: str | None,
    groups: list[str] | None,
    register_place: str | None,
    actor: Actor,
) -> Visit:
    """`edit` in its own unit of work (the route's; run it with `Database.run`)."""
    with db.write() as session:
        return edit(session, ctx, order_id, end_iso, groups, register_place, utcnow(), actor)
