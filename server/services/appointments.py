"""Appointments (预约) through the mobile channels: a visitor books, an employee invites, the host
approves or returns, either side cancels, companions join, the visitor fetches the QR code. One
model (the visit row, registerType 2) and one state machine (appointment_states.py) behind every
channel (公众号 09/10, 小程序 11/12/13, 企微 15); the routes only translate their fields into the
forms below.

Who may do what (the caller comes from server/callers.py):
- a visitor sees and changes only their own appointments: the visit's phone is the phone they
  proved, or its openId the one a gateway vouched (`owned_by`); an invitation belongs to the phone
  it was sent to; a companion's visit to the companion;
- a host sees and changes only the appointments made with them (`be_visit_person_id`);
- anything else answers 404, as an id that does not exist would: nothing of another person shows.

Every change writes `update_time` (the lists' row cache) and `last_actor`, and enqueues the
messages it causes (server/notify.py) in the same transaction. Each function opens its own unit
of work: run it with `Database.run`."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from server import notify, picture_refs
from server.callers import Caller
from server.db import Database
from server.envelope import ApiError
from server.models import Notification, Person, Visit
from server.picture_refs import Origin
from server.services import timefmt
from server.services import validation as v
from server.services.appointment_states import Action, join_status, next_status, update_status
from server.services.pinyin import initials
from server.services.registration_lookups import apply_host, new_visitor_code, resolve_groups
from server.services.screening import screen
from server.site import SiteContext
from visitorcs import qrtoken
from visitorcs.codes import VisitStatus
from visitorcs.masking import Field, Place, mask
from visitorcs.wire import MAX_PERSONS

S = VisitStatus
MAX_AHEAD = timedelta(days=90)  # how far ahead a visit may be booked or an invitation made
MAX_IDS = 100  # orderIds of one batch approval
RESEND_AFTER = timedelta(seconds=60)  # an invitation's SMS again, at most once a minute
MAX_INVITATION_SMS = 5  # ... and five times in all
NOT_FOUND = "未找到该预约记录"
QR_STATUSES = (S.VALID, S.LATE, S.ARRIVED, S.OVERDUE)  # the code checks in (1, 2) or signs out (7, 8)
CUSTOM_LETTERS = "abcdefghij"


@dataclass
class VisitorForm:
    """A visitor's own details as a channel sends them (visitor* fields), all optional."""

    name: str | None = None
    sex: str | None = None
    identity_type: str | None = None
    identity_num: str | None = None
    phone: str | None = None  # only used when the caller has no proven phone (a gateway's openId)
    car_number: str | None = None
    work_unit: str | None = None
    address: str | None = None
    birthplace: str | None = None
    cert_addr: str | None = None
    cert_issuer: str | None = None
    face_id: str | None = None
    photo: str | None = None
    custom: dict[str, str] = field(default_factory=dict)  # "customa".."customj" -> value


@dataclass
class AppointmentForm:
    """A booking or its update: whom, when, why, who comes."""

    order_id: str | None = None
    host_id: str | None = None
    host_phone: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    purpose: str | None = None
    visitor_type_id: str | None = None
    groups: list[str] | None = None
    person_num: int | None = None
    order_model: str | None = None
    visitor: VisitorForm = field(default_factory=VisitorForm)


@dataclass
class InvitationForm:
    visitor_name: str
    visitor_phone: str
    start: datetime | None = None
    end: datetime | None = None
    purpose: str | None = None
    visitor_type_id: str | None = None
    groups: list[str] | None = None
    order_id: str | None = None  # defaultOrderId: the client's id, so a retry finds the same invitation


# --- who owns what --------------------------------------------------------------------------------


def owned_by(caller: Caller) -> Any:
    """SQL condition: the visits of this visitor (their proven phone, or their vouched openId)."""
    conds = []
    if caller.phone:
        conds.append(col(Visit.phone_num) == caller.phone)
    if caller.open_id:
        conds.append(col(Visit.visitor_open_id) == caller.open_id)
    if not conds:
        raise ApiError(401, "登录信息不完整，请重新登录")
    return or_(*conds)


def is_owner(visit: Visit, caller: Caller) -> bool:
    return bool(
        (caller.phone and visit.phone_num == caller.phone)
        or (caller.open_id and visit.visitor_open_id == caller.open_id)
    )


def visitor_visit(session: Session, caller: Caller, order_id: str) -> Visit:
    visit = session.get(Visit, _id(order_id, "orderId"))
    if visit is None or visit.register_type != 2 or not is_owner(visit, caller):
        raise ApiError(404, NOT_FOUND)
    return visit


def host_of(session: Session, caller: Caller) -> Person:
    person = session.get(Person, caller.person_id)
    if person is None:
        raise ApiError(401, "员工账号不存在或已删除，请重新登录")
    return person


def host_visit(session: Session, caller: Caller, order_id: str) -> Visit:
    visit = session.get(Visit, _id(order_id, "orderId"))
    if visit is None or visit.be_visit_person_id != caller.person_id:
        raise ApiError(404, NOT_FOUND)
    return visit


def batch_rows(session: Session, batch: str) -> list[Visit]:
    """The visits of one batch, the leader (followFlag 0) first, then companions by creation."""
    rows = list(session.exec(select(Visit).where(Visit.visit_batch == batch)))
    return sorted(rows, key=lambda r: (r.follow_flag, timefmt.aware(r.create_time), r.order_id))


def host_batch(session: Session, caller: Caller, batch: str) -> list[Visit]:
    rows = batch_rows(session, _id(batch, "visitorBatch"))
    if not rows or rows[0].be_visit_person_id != caller.person_id:
        raise ApiError(404, NOT_FOUND)
    return rows


def _id(value: str | None, name: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ApiError(400, f"{name}: 缺少必填参数")
    if len(text) > 64:
        raise ApiError(400, f"{name}: 过长（最多 64 个字符）")
    return text


def _new_order_id(given: str | None) -> str:
    text = (given or "").strip()
    if not text:
        return str(uuid.uuid4())
    if not qrtoken.is_order_id(text):
        raise ApiError(400, "orderId: 应为 UUID（或不传，由服务端生成）")
    return str(uuid.UUID(text))


# --- times ----------------------------------------------------------------------------------------


def _window(
    ctx: SiteContext, start: datetime | None, end: datetime | None, now: datetime
) -> tuple[datetime, datetime]:
    """A booked window: it ends after now and after it starts, starts within MAX_AHEAD, lasts at
    most the site's longest visit. A missing start is now, a missing end the end of the start's day."""
    start = start or now
    end = end or timefmt.end_of_day(max(start, now), ctx.tz)
    if end <= now:
        raise ApiError(400, "visitEndTime: 预计离开时间应晚于当前时间")
    if start > now + MAX_AHEAD:
        raise ApiError(400, f"visitStartTime: 最多提前 {MAX_AHEAD.days} 天预约")
    timefmt.check_visit_window(start, end, ctx.settings.max_visit, ctx.tz, "visitEndTime")
    return start, end


def _place_in_time(visit: Visit, ctx: SiteContext, start: datetime, end: datetime) -> None:
    """An appointment not yet arrived is listed on its start's day (kiosk caches, visitorInfo)."""
    visit.start_time, visit.end_time = start, end
    visit.sort_time = start
    visit.visit_day = timefmt.local_day(start, ctx.tz)


def _when(dt: datetime | None, ctx: SiteContext) -> str:
    dt = timefmt.aware(dt)
    return timefmt.local(dt, ctx.tz).strftime("%m-%d %H:%M") if dt else ""


# --- applying a visitor's details -------------------------------------------------------------


def _apply_visitor(
    session: Session, visit: Visit, form: VisitorForm, origin: Origin | None, *, screen_them: bool = True
) -> None:
    """The visitor's own fields onto `visit` (name, document, plate, unit, custom fields, photo),
    normalised and checked: documents by visitorcs.identity, pictures only this server's."""
    if form.name is not None and form.name.strip():
        visit.name = form.name.strip()[:64]
        visit.pinyin = initials(visit.name)
    if form.sex is not None and form.sex.strip():
        sex = form.sex.strip()
        if sex not in ("0", "1", "2"):
            raise ApiError(400, "visitorSex: 应为 1（男）或 2（女）")
        visit.sex = sex
    if form.identity_num is not None and form.identity_num.strip():
        kind, num = v.identity(form.identity_type, form.identity_num, "visitorIdentityNum")
        visit.identity_id, visit.identity_num = kind, num
    elif form.identity_type is not None and form.identity_type.strip():
        visit.identity_id, _ = v.identity(form.identity_type, None, "visitorIdentityType")
    if form.car_number is not None:
        visit.car_number = v.plate(form.car_number)[:32]
    for attr, value in (
        ("visitor_work_unit", form.work_unit),
        ("visitor_address", form.address),
        ("birthplace", form.birthplace),
        ("cert_addr", form.cert_addr),
        ("cert_issuer", form.cert_issuer),
    ):
        if value is not None:
            setattr(visit, attr, value.strip())
    pictures: dict[str, str] = {}
    if form.face_id:
        pictures["faceId"] = form.face_id
    if form.photo:
        pictures["visitorPhoto"] = form.photo
    for key, value in form.custom.items():
        pictures[f"visitorCustom{key[-1]}"] = value
    if pictures:
        checked = picture_refs.checked_links(session, pictures, origin)
        if checked.get("faceId"):
            visit.face_id = checked["faceId"]
            visit.visitor_photo = visit.visitor_photo or picture_refs.path_of(checked["faceId"])
        if checked.get("visitorPhoto"):
            visit.visitor_photo = checked["visitorPhoto"]
        custom = _custom(visit)
        for key in form.custom:
            custom[key] = checked.get(f"visitorCustom{key[-1]}", "")
        visit.custom = json.dumps(custom, ensure_ascii=False)
    if screen_them:
        screen(session, visit.identity_num, visit.phone_num)


def _custom(visit: Visit) -> dict[str, Any]:
    try:
        data = json.loads(visit.custom or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _visitor_type(session: Session, type_id: str | None) -> tuple[str, str] | None:
    if type_id is None or not type_id.strip():
        return None
    from server.services.mobile_reference import visitor_types

    for item in visitor_types(session):
        if item["typeId"] == type_id.strip():
            return item["typeId"], item["typeName"]
    raise ApiError(404, f"访客类型不存在：{type_id.strip()[:64]}")


def _host_by(session: Session, host_id: str | None, host_phone: str | None) -> str:
    """The host's personId from the id a channel sends, else from their phone."""
    if host_id and host_id.strip():
        return host_id.strip()
    phone = v.phone(host_phone, "beVisitorPhoneNum")
    if phone:
        person = session.exec(select(Person).where(col(Person.phone) == phone)).first()
        if person is not None:
            return person.person_id
        raise ApiError(404, "未找到该手机号对应的被访人")
    raise ApiError(400, "beVisitorPersonId: 缺少被访人（beVisitorPersonId 或 beVisitorPhoneNum）")


def _issue_pass(session: Session, ctx: SiteContext, visit: Visit, taken: set[str]) -> None:
    """An approved visit's visitor code (预约码) and QR code, valid until its end."""
    if not visit.visitor_code:
        visit.visitor_code = new_visitor_code(session, taken)
        taken.add(visit.visitor_code)
    if not visit.qr_code or not _qr_fits(ctx, visit):
        visit.qr_code = qrtoken.encode(ctx.qr_key, visit.order_id, timefmt.aware(visit.end_time))


def _qr_fits(ctx: SiteContext, visit: Visit) -> bool:
    payload = qrtoken.verify(visit.qr_code, ctx.qr_key.public_key())
    end = timefmt.aware(visit.end_time)
    return payload is not None and end is not None and abs((payload.valid_until - end).total_seconds()) < 2


def _touch(visit: Visit, caller: Caller | None, now: datetime) -> None:
    visit.update_time = now
    if caller is not None:
        visit.last_actor = caller.label


def _tell_host(session: Session, visit: Visit, kind: str, text: str, now: datetime) -> None:
    notify.enqueue(session, kind, notify.HOST, visit.be_visit_person_id, text, visit.order_id, now)


def _tell_visitor(session: Session, visit: Visit, kind: str, text: str, now: datetime) -> None:
    notify.enqueue(session, kind, notify.SMS, visit.phone_num, text, visit.order_id, now)


def _who(visit: Visit) -> str:
    return mask(visit.name, Field.NAME, Place.PUBLIC) or "访客"


# --- the visitor's side ---------------------------------------------------------------------------


def book(
    db: Database,
    ctx: SiteContext,
    caller: Caller,
    form: AppointmentForm,
    channel: str,
    origin: Origin | None,
    now: datetime,
) -> tuple[Visit, bool]:
    """A visitor's booking: a new visit awaiting the host's approval (0). Returns (visit, replayed):
    the same client orderId again by the same visitor answers the stored booking."""
    order_id = _new_order_id(form.order_id)
    with db.write() as session:
        existing = session.get(Visit, order_id)
        if existing is not None:
            if is_owner(existing, caller) and existing.register_type == 2 and not existing.invited:
                return existing, True
            raise ApiError(422, "该 orderId 已被使用，请重新生成 orderId（或不传）")
        person_id = _host_by(session, form.host_id, form.host_phone)
        start, end = _window(ctx, form.start, form.end, now)
        phone = caller.phone or v.phone(form.visitor.phone, "visitorPhoneNum")
        name = (form.visitor.name or caller.name or _last_name(session, caller) or "").strip()
        if not name:
            raise ApiError(400, "visitorName: 缺少访客姓名")
        visit = Visit(
            order_id=order_id,
            register_type=2,
            status=next_status_new(Action.BOOK),
            approval_result="待审批",
            user_type=3,
            channel=channel,
            order_model=_order_model(form.order_model),
            person_num=v.int_field(_s(form.person_num), "visitorPersonNum", 1, 1, MAX_PERSONS),
            phone_num=phone,
            phone_last4=phone[-4:],
            visitor_open_id=caller.open_id,
            purpose=(form.purpose or "").strip(),
            create_time=now,
            update_time=now,
            last_actor=caller.label,
        )
        _place_in_time(visit, ctx, start, end)
        apply_host(session, visit, person_id)
        _apply_visitor(session, visit, form.visitor, origin)
        visit.name, visit.pinyin = name[:64], initials(name[:64])
        _set_type_and_groups(session, visit, form.visitor_type_id, form.groups)
        session.add(visit)
        _tell_host(
            session,
            visit,
            "approval_request",
            f"【访客预约】{visit.be_visit_person_name}，访客 {_who(visit)} 预约 {_when(start, ctx)} 来访"
            f"（{visit.purpose or '未填事由'}，{visit.person_num} 人），请审批。",
            now,
        )
        return visit, False


def next_status_new(action: Action) -> int:
    from server.services.appointment_states import NEW, TRANSITIONS

    return int(TRANSITIONS[action][NEW])


def _s(value: Any) -> str | None:
    return None if value is None else str(value)


def _order_model(value: str | None) -> str:
    text = (value or "person").strip() or "person"
    if text not in ("person", "space"):
        raise ApiError(400, "orderModel: 应为 person（指定人员预约）或 space（场地预约）")
    return text


def _last_name(session: Session, caller: Caller) -> str:
    """The name this visitor gave last time (a booking may leave it out)."""
    row = session.exec(
        select(Visit.name)
        .where(owned_by(caller), col(Visit.name) != "")
        .order_by(col(Visit.create_time).desc())
    ).first()
    return row or ""


def _set_type_and_groups(
    session: Session, visit: Visit, type_id: str | None, groups: list[str] | None
) -> None:
    kind = _visitor_type(session, type_id)
    if kind is not None:
        visit.visitor_type_id, visit.visitor_type_name = kind
    if groups is not None or not visit.privilege_group_ids:
        chosen = resolve_groups(session, groups or None, None if groups else "1")
        visit.privilege_group_ids = ",".join(chosen)


def update(
    db: Database,
    ctx: SiteContext,
    caller: Caller,
    form: AppointmentForm,
    origin: Origin | None,
    now: datetime,
) -> Visit:
    """The visitor changes their appointment (and the batch's shared facts). An approved one whose
    host, time, areas or headcount change goes back to approval; a returned or approval-overdue
    one is submitted again."""
    with db.write() as session:
        visit = visitor_visit(session, caller, form.order_id or "")
        if visit.follow_flag:
            raise ApiError(422, "同行人不能修改预约，请联系预约人")
        before = (
            visit.be_visit_person_id,
            timefmt.aware(visit.start_time),
            timefmt.aware(visit.end_time),
            visit.privilege_group_ids,
            visit.person_num,
        )
        next_status(Action.UPDATE, visit.status)  # refuse early, in words, before looking further
        if form.host_id or form.host_phone:
            apply_host(session, visit, _host_by(session, form.host_id, form.host_phone))
        if form.start is not None or form.end is not None:
            start, end = _window(
                ctx,
                form.start or timefmt.aware(visit.start_time),
                form.end or timefmt.aware(visit.end_time),
                now,
            )
            _place_in_time(visit, ctx, start, end)
        if form.purpose is not None and form.purpose.strip():
            visit.purpose = form.purpose.strip()
        if form.person_num is not None:
            companions = len(batch_rows(session, visit.visit_batch)) - 1
            visit.person_num = v.int_field(
                str(form.person_num), "visitorPersonNum", 1, 1 + companions, MAX_PERSONS
            )
        if form.order_model is not None:
            visit.order_model = _order_model(form.order_model)
        _apply_visitor(session, visit, form.visitor, origin)
        _set_type_and_groups(session, visit, form.visitor_type_id, form.groups)
        after = (
            visit.be_visit_person_id,
            timefmt.aware(visit.start_time),
            timefmt.aware(visit.end_time),
            visit.privilege_group_ids,
            visit.person_num,
        )
        material = after != before
        old = visit.status
        status = update_status(old, material)
        rows = batch_rows(session, visit.visit_batch)
        for row in rows:
            if row is not visit:
                for attr in (
                    "be_visit_person_id",
                    "be_visit_person_name",
                    "be_visit_phone_num",
                    "be_visit_group_id",
                    "be_visit_group_name",
                    "be_visit_org_path_name",
                    "privilege_group_ids",
                    "purpose",
                ):
                    setattr(row, attr, getattr(visit, attr))
                _place_in_time(row, ctx, timefmt.aware(visit.start_time), timefmt.aware(visit.end_time))
            if row.status == old:
                row.status = status
            if status == int(S.APPROVING):
                row.qr_code = ""  # a code handed out before no longer fits: a new one comes with approval
                row.approval_result = "待审批"
            elif row.qr_code and not _qr_fits(ctx, row):
                _issue_pass(session, ctx, row, set())
            _touch(row, caller, now)
            session.add(row)
        if material or status == int(S.APPROVING):
            _tell_host(
                session,
                visit,
                "approval_request",
                f"【访客预约】{visit.be_visit_person_name}，访客 {_who(visit)} 修改了 {_when(visit.start_time, ctx)}"
                f" 的预约{'，请重新审批' if status == int(S.APPROVING) else ''}。",
                now,
            )
        return visit


def submit(db: Database, ctx: SiteContext, caller: Caller, order_id: str, now: datetime) -> Visit:
    """Submit (again): an appointment awaiting approval stays so; a returned or approval-overdue one
    goes back to the host, with its companions, if its time has not passed."""
    with db.write() as session:
        visit = visitor_visit(session, caller, order_id)
        if visit.follow_flag:
            raise ApiError(422, "同行人不能提交预约，请联系预约人")
        target = next_status(Action.RESUBMIT, visit.status)
        if visit.status == target:
            return visit
        if (timefmt.aware(visit.end_time) or now) <= now:
            raise ApiError(422, "预约时间已过，请修改来访时间后再提交")
        old = visit.status
        for row in batch_rows(session, visit.visit_batch):
            if row.status == old:
                row.status, row.approval_result = target, "待审批"
                _touch(row, caller, now)
                session.add(row)
        _tell_host(
            session,
            visit,
            "approval_request",
            f"【访客预约】{visit.be_visit_person_name}，访客 {_who(visit)} 重新提交了 {_when(visit.start_time, ctx)}"
            " 的预约，请审批。",
            now,
        )
        return visit


def cancel_by_visitor(db: Database, ctx: SiteContext, caller: Caller, order_id: str, now: datetime) -> Visit:
    """The visitor cancels their appointment (15), or declines an invitation (13). The leader takes
    the batch's companions along; a companion leaves alone."""
    with db.write() as session:
        visit = visitor_visit(session, caller, order_id)
        target = next_status(Action.CANCEL_BY_VISITOR, visit.status)
        rows = [visit] if visit.follow_flag else batch_rows(session, visit.visit_batch)
        old = visit.status
        for row in rows:
            if row.status == old:
                row.status = next_status(Action.CANCEL_BY_VISITOR, row.status)
                _touch(row, caller, now)
                session.add(row)
        words = "拒绝了邀约" if target == int(S.INVITATION_CANCELLED_BY_VISITOR) else "取消了预约"
        _tell_host(
            session,
            visit,
            "cancelled",
            f"【访客预约】{visit.be_visit_person_name}，访客 {_who(visit)} {words}（{_when(visit.start_time, ctx)}）。",
            now,
        )
        return visit


def qr_code(db: Database, ctx: SiteContext, caller: Caller, order_id: str, now: datetime) -> str:
    """The visitor's QR code: approved (1, 2) it checks in at the kiosk, on site (8, 7) it signs out
    at the exit. It stays the same until the appointment's time changes."""
    with db.write() as session:
        visit = visitor_visit(session, caller, order_id)
        if visit.status not in QR_STATUSES:
            words = {
                int(S.APPROVING): "该预约尚在审批中，审批通过后才有二维码",
                int(S.INVITING): "请先接受邀约，接受后才有二维码",
            }.get(visit.status)
            raise ApiError(422, words or f"该预约{_status_words(visit.status)}，没有可用的二维码")
        if not visit.qr_code or (visit.status in (S.VALID, S.LATE) and not _qr_fits(ctx, visit)):
            _issue_pass(session, ctx, visit, set())
            _touch(visit, None, now)
            session.add(visit)
        return visit.qr_code


def _status_words(status: int) -> str:
    from server.services.appointment_states import _STATE_WORDS

    try:
        return _STATE_WORDS[S(int(status))]
    except (ValueError, KeyError):
        return f"状态为 {status}"


# --- invitations ----------------------------------------------------------------------------------


def invite(
    db: Database, ctx: SiteContext, caller: Caller, form: InvitationForm, channel: str, now: datetime
) -> tuple[Visit, bool]:
    """An employee invites a visitor (name and phone): a visit in 10 (邀约中), the invitation sent by
    SMS. The same defaultOrderId again by the same employee answers the stored invitation."""
    order_id = _new_order_id(form.order_id)
    with db.write() as session:
        host = host_of(session, caller)
        existing = session.get(Visit, order_id)
        if existing is not None:
            if existing.invited and existing.be_visit_person_id == host.person_id:
                return existing, True
            raise ApiError(422, "该邀约编号已被使用，请重新生成（或不传）")
        name = (form.visitor_name or "").strip()
        if not name:
            raise ApiError(400, "visitorName: 缺少访客姓名")
        phone = v.phone(form.visitor_phone, "visitorPhoneNum")
        if not phone:
            raise ApiError(400, "visitorPhoneNum: 缺少访客手机号")
        screen(session, "", phone)
        start, end = _window(ctx, form.start, form.end, now)
        visit = Visit(
            order_id=order_id,
            register_type=2,
            status=next_status_new(Action.INVITE),
            approval_result="邀约中",
            user_type=2,
            invited=True,
            share_status=1,
            channel=channel,
            order_model="person",
            name=name[:64],
            pinyin=initials(name[:64]),
            phone_num=phone,
            phone_last4=phone[-4:],
            purpose=(form.purpose or "").strip(),
            create_time=now,
            update_time=now,
            last_actor=caller.label,
        )
        _place_in_time(visit, ctx, start, end)
        apply_host(session, visit, host.person_id)
        _set_type_and_groups(session, visit, form.visitor_type_id, form.groups)
        session.add(visit)
        _send_invitation(session, ctx, visit, now)
        return visit, False


def _send_invitation(session: Session, ctx: SiteContext, visit: Visit, now: datetime) -> None:
    _tell_visitor(
        session,
        visit,
        "invitation",
        f"【访客邀约】{visit.be_visit_person_name} 邀请您于 {_when(visit.start_time, ctx)} 来访"
        f"（{visit.purpose or '来访'}）。请在消息界面登录后确认，邀约编号 {visit.order_id}。",
        now,
    )


def accept(
    db: Database,
    ctx: SiteContext,
    caller: Caller,
    ref: str,
    by_batch: bool,
    form: VisitorForm,
    person_num: int | None,
    origin: Origin | None,
    now: datetime,
) -> Visit:
    """The invited visitor accepts (10 -> 1) with their details; the QR code and visitor code are
    issued at once (an employee's invitation needs no approval)."""
    with db.write() as session:
        visit = _invitation_of(session, caller, ref, by_batch)
        next_status(Action.ACCEPT, visit.status)
        if not visit.share_status:
            raise ApiError(422, "该邀约已被员工停止，请联系被访人")
        if (timefmt.aware(visit.end_time) or now) <= now:
            raise ApiError(422, "该邀约已逾期")
        _apply_visitor(session, visit, form, origin)
        if person_num is not None:
            visit.person_num = v.int_field(str(person_num), "visitorPersonNum", 1, 1, MAX_PERSONS)
        visit.status = next_status(Action.ACCEPT, visit.status)
        visit.approval_result = "邀约已接受"
        if caller.open_id and not visit.visitor_open_id:
            visit.visitor_open_id = caller.open_id
        _issue_pass(session, ctx, visit, set())
        _touch(visit, caller, now)
        session.add(visit)
        _tell_host(
            session,
            visit,
            "accepted",
            f"【访客邀约】{visit.be_visit_person_name}，访客 {_who(visit)} 已接受 {_when(visit.start_time, ctx)} 的邀约。",
            now,
        )
        return visit


def _invitation_of(session: Session, caller: Caller, ref: str, by_batch: bool) -> Visit:
    """The invitation `ref` (an orderId, or a visitorBatch) sent to this visitor."""
    if by_batch:
        rows = batch_rows(session, _id(ref, "visitorBatch"))
        visit = rows[0] if rows else None
    else:
        visit = session.get(Visit, _id(ref, "orderId"))
    if visit is None or not visit.invited or not is_owner(visit, caller):
        raise ApiError(404, "未找到该邀约（请用收到邀约的手机号登录）")
    return visit


def invitation(db: Database, caller: Caller, ref: str, by_batch: bool) -> Visit:
    with db.read() as session:
        return _invitation_of(session, caller, ref, by_batch)


def cancel_invitation(
    db: Database, ctx: SiteContext, caller: Caller, ref: str, by_batch: bool, now: datetime
) -> Visit:
    """The employee withdraws an invitation not yet accepted (10 -> 12); the visitor is told."""
    with db.write() as session:
        rows = host_batch(session, caller, ref) if by_batch else [host_visit(session, caller, ref)]
        visit = rows[0]
        if not visit.invited:
            raise ApiError(422, "这不是邀约，请使用取消预约")
        old = visit.status
        for row in rows:
            if row.status == old:
                row.status = next_status(Action.CANCEL_INVITATION, row.status)
                _touch(row, caller, now)
                session.add(row)
        _tell_visitor(
            session,
            visit,
            "cancelled",
            f"【访客邀约】{visit.be_visit_person_name} 已取消 {_when(visit.start_time, ctx)} 对您的邀约。",
            now,
        )
        return visit


def set_share(db: Database, caller: Caller, batch: str, share: str | None, now: datetime) -> Visit:
    """share/update: stop (0) or reopen (1) an invitation's link."""
    value = (share or "").strip()
    if value not in ("0", "1"):
        raise ApiError(400, "shareStatus: 应为 0（停止邀约）或 1（开启邀约）")
    with db.write() as session:
        visit = host_batch(session, caller, batch)[0]
        if not visit.invited:
            raise ApiError(422, "这不是邀约，没有可停止的邀约链接")
        if visit.status != S.INVITING and value == "1":
            raise ApiError(422, "该邀约已结束，不能再开启")
        visit.share_status = int(value)
        _touch(visit, caller, now)
        session.add(visit)
        return visit


def resend_invitation(db: Database, ctx: SiteContext, caller: Caller, batch: str, now: datetime) -> Visit:
    """The invitation's SMS again: only while it waits for the visitor, once a minute, five times."""
    with db.write() as session:
        visit = host_batch(session, caller, batch)[0]
        if not visit.invited:
            raise ApiError(422, "这不是邀约，没有邀约短信")
        if visit.status != S.INVITING:
            raise ApiError(422, f"该邀约{_status_words(visit.status)}，不能重发短信")
        if not visit.share_status:
            raise ApiError(422, "该邀约已停止，请先开启邀约")
        sent = session.exec(
            select(Notification.create_time).where(
                Notification.order_id == visit.order_id, Notification.kind == "invitation"
            )
        ).all()
        if len(sent) >= MAX_INVITATION_SMS:
            raise ApiError(429, f"邀约短信已发送 {len(sent)} 次，不能再发送")
        last = max((timefmt.aware(t) for t in sent), default=None)
        if last is not None and now - last < RESEND_AFTER:
            wait = int((RESEND_AFTER - (now - last)).total_seconds()) + 1
            raise ApiError(429, f"短信发送过于频繁，请 {wait} 秒后再试")
        _send_invitation(session, ctx, visit, now)
        return visit


# --- companions -----------------------------------------------------------------------------------


def leader_of_batch(db: Database, batch: str) -> Visit:
    """The batch's leader, for the companion preview (anyone holding the link may see it)."""
    with db.read() as session:
        rows = batch_rows(session, _id(batch, "visitorBatch"))
    if not rows or rows[0].invited and rows[0].status == S.INVITING:
        raise ApiError(404, "未找到该同行邀请")
    return rows[0]


def join(
    db: Database,
    ctx: SiteContext,
    caller: Caller,
    batch: str,
    form: VisitorForm,
    origin: Origin | None,
    now: datetime,
) -> tuple[Visit, bool]:
    """A companion confirms (retinue/confirm): their own visit in the leader's batch, with the
    leader's host, time and areas, and the leader's status (approved: with a QR code of their own).
    At most the booked headcount; the same companion again answers their visit."""
    with db.write() as session:
        rows = batch_rows(session, _id(batch, "visitorBatch"))
        if not rows:
            raise ApiError(404, "未找到该同行邀请")
        leader = rows[0]
        for row in rows:
            if is_owner(row, caller):
                if row is leader:
                    raise ApiError(422, "您是本次预约的预约人，无需确认同行")
                return row, True
        status = join_status(leader.status)
        if (timefmt.aware(leader.end_time) or now) <= now:
            raise ApiError(422, "该预约时间已过，不能再加入同行")
        if len(rows) >= leader.person_num:
            raise ApiError(422, f"同行人数已满（本次预约共 {leader.person_num} 人）")
        name = (form.name or caller.name or _last_name(session, caller) or "").strip()
        if not name:
            raise ApiError(400, "visitorName: 缺少同行人姓名")
        phone = caller.phone or v.phone(form.phone, "visitorPhoneNum")
        comp = Visit(
            visit_batch=leader.visit_batch,
            follow_flag=1,
            register_type=2,
            status=status,
            approval_result=leader.approval_result,
            user_type=3,
            channel=leader.channel,
            order_model=leader.order_model,
            person_num=1,
            phone_num=phone,
            phone_last4=phone[-4:],
            visitor_open_id=caller.open_id,
            purpose=leader.purpose,
            privilege_group_ids=leader.privilege_group_ids,
            visitor_type_id=leader.visitor_type_id,
            visitor_type_name=leader.visitor_type_name,
            receptionist_org_code=leader.receptionist_org_code,
            create_time=now,
            update_time=now,
            last_actor=caller.label,
        )
        for attr in (
            "be_visit_person_id",
            "be_visit_person_name",
            "be_visit_phone_num",
            "be_visit_group_id",
            "be_visit_group_name",
            "be_visit_org_path_name",
        ):
            setattr(comp, attr, getattr(leader, attr))
        _place_in_time(comp, ctx, timefmt.aware(leader.start_time), timefmt.aware(leader.end_time))
        _apply_visitor(session, comp, form, origin)
        comp.name, comp.pinyin = name[:64], initials(name[:64])
        if status in (int(S.VALID), int(S.LATE)):
            _issue_pass(session, ctx, comp, {r.visitor_code for r in rows} - {""})
        session.add(comp)
        return comp, False


# --- the host's side ------------------------------------------------------------------------------


def approve(
    db: Database,
    ctx: SiteContext,
    caller: Caller,
    order_ids: list[str],
    remark: str | None,
    groups: list[str] | None,
    now: datetime,
) -> list[Visit]:
    """The host approves (0 -> 1) each appointment with its companions: visitor code and QR code
    issued, the visitor told. All or nothing: one that may not be approved refuses the lot."""
    return _decide(db, ctx, caller, order_ids, Action.APPROVE, remark, groups, now)


def reject(
    db: Database, ctx: SiteContext, caller: Caller, order_ids: list[str], remark: str | None, now: datetime
) -> list[Visit]:
    """The host returns (0 -> 4) each appointment with its companions, `remark` as the reason."""
    return _decide(db, ctx, caller, order_ids, Action.REJECT, remark, None, now)


def _decide(
    db: Database,
    ctx: SiteContext,
    caller: Caller,
    order_ids: list[str],
    action: Action,
    remark: str | None,
    groups: list[str] | None,
    now: datetime,
) -> list[Visit]:
    ids = list(dict.fromkeys(_id(o, "orderId") for o in order_ids))
    if not ids:
        raise ApiError(400, "orderIds: 缺少必填参数")
    if len(ids) > MAX_IDS:
        raise ApiError(400, f"orderIds: 一次最多 {MAX_IDS} 条")
    note = (remark or "").strip()
    if len(note) > 200:
        raise ApiError(400, "remark: 过长（最多 200 个字符）")
    with db.write() as session:
        host_of(session, caller)
        chosen = resolve_groups(session, groups, None) if groups else None
        decided: list[Visit] = []
        taken: set[str] = set()
        batches: set[str] = set()
        for i, order_id in enumerate(ids):
            visit = host_visit(session, caller, order_id)
            if visit.visit_batch in batches:  # a companion of a batch decided a moment ago
                continue
            batches.add(visit.visit_batch)
            prefix = f"orderIds[{i}]：" if len(ids) > 1 else ""
            try:
                target = next_status(action, visit.status)
                if (timefmt.aware(visit.end_time) or now) <= now:
                    raise ApiError(422, "预约时间已过，该预约已审批逾期")
            except ApiError as exc:
                raise ApiError(exc.status, prefix + exc.msg) from None
            old = visit.status
            for row in batch_rows(session, visit.visit_batch):
                if row.status != old:
                    continue
                row.status = target
                row.process_remark = note
                if action is Action.APPROVE:
                    row.approval_result = "审批通过"
                    if chosen is not None:
                        row.privilege_group_ids = ",".join(chosen)
                    _issue_pass(session, ctx, row, taken)
                else:
                    row.approval_result = "审批退回"
                _touch(row, caller, now)
                session.add(row)
                if action is Action.APPROVE:
                    text = (
                        f"【访客预约】您 {_when(row.start_time, ctx)} 拜访 {row.be_visit_person_name} 的预约已通过，"
                        f"预约码 {row.visitor_code}，请到访时在访客机扫描二维码签到。"
                    )
                else:
                    text = (
                        f"【访客预约】您 {_when(row.start_time, ctx)} 拜访 {row.be_visit_person_name} 的预约未通过"
                        f"{'：' + note if note else '。'}"
                    )
                _tell_visitor(session, row, "approved" if action is Action.APPROVE else "rejected", text, now)
            decided.append(visit)
        return decided


def cancel_by_host(
    db: Database, ctx: SiteContext, caller: Caller, ref: str, by_batch: bool, now: datetime
) -> Visit:
    """The host cancels an appointment not yet arrived (-> 14), or an invitation (-> 12), with the
    batch's companions; the visitors are told."""
    with db.write() as session:
        rows = host_batch(session, caller, ref) if by_batch else None
        if rows is None:
            one = host_visit(session, caller, ref)
            rows = batch_rows(session, one.visit_batch)
            visit = one
        else:
            visit = rows[0]
        next_status(Action.CANCEL_BY_HOST, visit.status)
        old = visit.status
        for row in rows:
            if row.status == old:
                row.status = next_status(Action.CANCEL_BY_HOST, row.status)
                _touch(row, caller, now)
                session.add(row)
                _tell_visitor(
                    session,
                    row,
                    "cancelled",
                    f"【访客预约】{row.be_visit_person_name} 已取消您 {_when(row.start_time, ctx)} 的来访预约。",
                    now,
                )
        return visit


def host_detail(db: Database, caller: Caller, ref: str, by_batch: bool) -> tuple[Visit, list[Visit]]:
    """An appointment of this host and its batch (leader first)."""
    with db.read() as session:
        if by_batch:
            rows = host_batch(session, caller, ref)
            return rows[0], rows
        visit = host_visit(session, caller, ref)
        return visit, batch_rows(session, visit.visit_batch)


def visitor_detail(
    db: Database, caller: Caller, order_id: str, batch: str | None
) -> tuple[Visit, list[Visit]]:
    """One of this visitor's appointments and its batch (leader first)."""
    with db.read() as session:
        visit = visitor_visit(session, caller, order_id)
        if batch and batch.strip() and batch.strip() != visit.visit_batch:
            raise ApiError(404, NOT_FOUND)
        return visit, batch_rows(session, visit.visit_batch)


# --- arrival at the kiosk -------------------------------------------------------------------------


def tell_host_of_arrival(
    session: Session, ctx: SiteContext, visit: Visit, companions: int, now: datetime
) -> None:
    """A visitor checked in at a kiosk (online, or an offline record uploaded): their host is told.
    Enqueued in the registration's transaction; delivered by the notifier, never inside the request."""
    if not visit.be_visit_person_id:
        return
    more = f"（及同行 {companions} 人）" if companions else ""
    text = (
        f"【访客到达】{visit.be_visit_person_name}，访客 {_who(visit)}{more} 已于 {_when(visit.register_time, ctx)}"
        f" 在 {visit.register_place or '访客机'} 签到，来访事由：{visit.purpose or '未填写'}。"
    )
    _tell_host(session, visit, "arrival", text, now)
