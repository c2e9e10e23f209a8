"""A walk-in registration (registerType 1): a new visit under the kiosk's orderId (or a new one),
its companions and credential records; the same registration again answers what is stored."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Session

from server.envelope import ApiError
from server.models import Kiosk, Visit
from server.models.visit import new_row, row_values
from server.services import credentials, timefmt
from server.services import validation as v
from server.services.check_in import Registered, mark_arrived
from server.services.companions import add_companions, batch_companions
from server.services.offline_context import OfflineStamp
from server.services.registration_lookups import apply_host, check_card_free, find_visit, resolve_groups
from server.services.screening import screen
from server.services.visitor_fields import apply_details, apply_person
from server.services.visits import VISIT
from server.site import SiteContext
from visitorcs import qrtoken
from visitorcs.codes import VisitStatus
from visitorcs.wire import CompanionInfo, RegisterInfo


def register_walk_in(
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
    companions: list[CompanionInfo],
    start: datetime | None,
    end: datetime | None,
) -> Registered:
    """`person`: the checked (identityId, identityNum, phoneNum); `persons`: visitor and companions."""
    id_kind, id_num, phone_num = person
    order_id = (info.orderId or "").strip() or str(uuid.uuid4())
    if not qrtoken.is_order_id(order_id):
        raise ApiError(400, "orderId: 未预约登记的 orderId 应为 UUID（或不传，由服务端生成）")
    order_id = str(uuid.UUID(order_id))
    existing = find_visit(session, stamp, order_id)
    if existing is not None:
        return replay_or_conflict(session, existing, kiosk, digest)
    if not (info.name or "").strip():
        raise ApiError(400, "name: 缺少访客姓名")
    if end is not None and end <= at:
        raise ApiError(400, "endTimeISO: 预计离开时间应晚于登记时间")
    start, end = start or at, end or timefmt.end_of_day(at, ctx.tz)
    timefmt.check_visit_window(start, end, ctx.settings.max_visit, ctx.tz)
    screen(session, id_num, phone_num, stamp.lookups if stamp else None)
    visit = new_row(
        Visit,
        order_id=order_id,
        register_type=1,
        status=int(VisitStatus.ARRIVED),
        person_num=persons,
        start_time=start,
        end_time=end,
        user_type=v.int_field(info.clientUserType, "clientUserType", 3, 1, 3),
    )
    apply_host(session, visit, info.beVisitPersonId)
    apply_person(visit, info, id_kind, id_num, phone_num)
    apply_details(visit, info)
    groups = resolve_groups(session, info.privilegeGroupIds, info.defaultPrivilegeFlag)
    visit.privilege_group_ids = ",".join(groups)
    mark_arrived(session, ctx, kiosk, visit, info, at, now, stamp, digest)
    check_card_free(session, visit.temp_card, {visit.order_id})
    comps = add_companions(session, ctx, kiosk, visit, info, companions, persons - 1, at, now, stamp)
    store_new(session, [visit, *comps], stamp)
    return Registered(visit, comps)


def replay_or_conflict(session: Session, existing: Visit, kiosk: Kiosk, digest: str) -> Registered:
    """The same registration again (lost answer, outbox retry) returns what is stored."""
    if existing.register_hash and existing.register_hash == digest:
        comps = batch_companions(session, existing)
        return Registered(existing, comps, replayed=True)
    if existing.register_kiosk_id and existing.register_kiosk_id != kiosk.id:
        raise ApiError(422, "该 orderId 已被另一台访客机用于其他登记，请重新生成 orderId")
    raise ApiError(422, "该 orderId 已用于另一份登记信息（同一单号、内容不同），请重新生成 orderId")


def store_new(session: Session, visits: list[Visit], stamp: OfflineStamp | None) -> None:
    """Write the visits a walk-in creates, then their credential records (foreign key order)."""
    if stamp is None:
        # online: one INSERT per table on the connection; the unit of work's flush of the same
        # rows was about a third of a registration's time
        conn = session.connection()
        conn.execute(VISIT.insert(), [row_values(one) for one in visits])
        records = [r for one in visits for r in credentials.new_records(session, one)]
        if records:
            conn.execute(credentials.AUTH_TABLE.insert(), [row_values(r) for r in records])
        return
    # offline batches keep the session: its flush writes the rows of a whole chunk together
    session.add_all(visits)
    if stamp.lookups:
        for one in visits:
            stamp.lookups.created(one)
    if visits[0].privilege_group_ids:
        session.flush()
    for one in visits:
        credentials.create_records(session, one, fresh=True)
