"""Arrival of a pre-booked visit (registerType 2): the appointment must be valid now; the visitor's
details complete it, companions booked with it arrive with it, and extra ones are added."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from server.envelope import ApiError
from server.models import Kiosk, Visit
from server.services import credentials, timefmt
from server.services.appointment_states import Action, refusal
from server.services.check_in import Registered, mark_arrived
from server.services.companions import add_companions, batch_companions
from server.services.offline_context import OfflineStamp
from server.services.registration_lookups import apply_host, check_card_free, find_visit, resolve_groups
from server.services.screening import screen
from server.services.visitor_fields import apply_details, apply_person
from server.site import SiteContext
from visitorcs.codes import APPOINTMENT, CLOSED, ON_SITE, VisitStatus
from visitorcs.wire import CompanionInfo, RegisterInfo


def check_appointment(visit: Visit, at: datetime, ctx: SiteContext, *, offline: bool) -> None:
    """Can this appointment turn into an arrival at `at`? Refusals in words (422)."""
    if visit.status == VisitStatus.APPROVING:
        raise ApiError(422, "该预约尚在审批中，不能签到")
    if visit.status == VisitStatus.RETURNED:
        raise ApiError(422, "该预约已被退回，不能签到")
    if visit.status in ON_SITE:
        raise ApiError(422, "该访客已签到，无需重复登记")
    if visit.status in CLOSED:
        raise ApiError(422, "该访客已签离，本次预约已结束")
    end = timefmt.aware(visit.end_time)
    if visit.status == VisitStatus.EXPIRED and not (offline and end and at <= end):
        raise ApiError(422, "该预约已失效")
    if visit.status not in (*APPOINTMENT, VisitStatus.EXPIRED):  # cancelled, an open invitation ...
        raise ApiError(422, refusal(Action.ARRIVE, visit.status))
    if end is not None and at > end:
        raise ApiError(422, f"该预约已过期（预计离开时间 {timefmt.iso(end, ctx.tz)}）")
    start = timefmt.aware(visit.start_time)
    if start is not None and timefmt.local_day(start, ctx.tz) > timefmt.local_day(at, ctx.tz):
        raise ApiError(422, f"预约日期为 {timefmt.local_day(start, ctx.tz)}，不是今天，请在预约当天签到")


def arrive(
    session: Session,
    ctx: SiteContext,
    kiosk: Kiosk,
    info: RegisterInfo,
    at: datetime,
    now: datetime,
    stamp: OfflineStamp | None,
    digest: str,
    person: tuple[str, str, str],
    persons: int,
    given: list[CompanionInfo],
    end: datetime | None,
) -> Registered:
    """`person`: the checked (identityId, identityNum, phoneNum), empty where not sent."""
    id_kind, id_num, phone_num = person
    order_id = (info.orderId or "").strip()
    if not order_id:
        raise ApiError(400, "orderId: 已预约登记需要预约单号 orderId")
    visit = find_visit(session, stamp, order_id)
    if visit is None:
        raise ApiError(404, f"未找到该预约单：{order_id}")
    if visit.status in ON_SITE and visit.register_hash == digest:
        return Registered(visit, batch_companions(session, visit), replayed=True)
    check_appointment(visit, at, ctx, offline=stamp is not None)
    lookups = stamp.lookups if stamp else None
    screen(session, id_num or visit.identity_num, phone_num or visit.phone_num, lookups)
    if end is not None:
        if end <= at:
            raise ApiError(400, "endTimeISO: 预计离开时间应晚于登记时间")
        timefmt.check_visit_window(at, end, ctx.settings.max_visit, ctx.tz)  # from the arrival on
        visit.end_time = end
    if info.beVisitPersonId and info.beVisitPersonId != visit.be_visit_person_id:
        apply_host(session, visit, info.beVisitPersonId)
    apply_person(visit, info, id_kind, id_num, phone_num)
    apply_details(visit, info)
    if info.privilegeGroupIds or (info.defaultPrivilegeFlag or "").strip() == "1":
        old = credentials.group_ids(visit)
        visit.privilege_group_ids = ",".join(
            dict.fromkeys(old + resolve_groups(session, info.privilegeGroupIds, info.defaultPrivilegeFlag))
        )
    visit.person_num = max(persons, visit.person_num)
    mark_arrived(session, ctx, kiosk, visit, info, at, now, stamp, digest)
    check_card_free(session, visit.temp_card, {visit.order_id})
    session.add(visit)
    booked = [c for c in batch_companions(session, visit) if c.status in (*APPOINTMENT, VisitStatus.EXPIRED)]
    codes = {visit.visitor_code}  # given in this transaction: not visible to the code check's query
    for comp in booked:  # companions booked with the appointment arrive with it
        comp.end_time = visit.end_time
        mark_arrived(
            session,
            ctx,
            kiosk,
            comp,
            RegisterInfo(registerPlace=info.registerPlace),
            at,
            now,
            stamp,
            digest,
            taken_codes=codes,
        )
        codes.add(comp.visitor_code)
        session.add(comp)
    existing = len(batch_companions(session, visit))
    extra = max(0, visit.person_num - 1 - existing)
    added = add_companions(
        session, ctx, kiosk, visit, info, given[:extra], extra, at, now, stamp, first_index=existing + 1
    )
    session.add_all(added)
    if lookups:
        for comp in added:
            lookups.created(comp)
    comps = booked + added
    session.flush()
    for one in (visit, *comps):
        credentials.create_records(session, one)
    return Registered(visit, comps)
