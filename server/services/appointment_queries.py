"""The mobile channels' lists: a visitor's waiting and history cards, a host's approval and reception
cards, invitation share records, the official account's record pages and the days that have
visits. A visitor lists only their own visits (appointments.owned_by), a host only theirs.
Each function opens its own read: run it with `Database.run`."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from server.callers import Caller
from server.db import Database
from server.envelope import ApiError
from server.models import Notification, Visit
from server.services import appointment_views as views
from server.services import timefmt
from server.services import validation as v
from server.services.appointments import batch_rows, owned_by
from server.services.lookup import page_args
from server.site import SiteContext
from visitorcs.codes import RESIDENT_ID
from visitorcs.codes import VisitStatus as S
from visitorcs.identity import normalise_document

I = int  # noqa: E741  (statuses as the stored ints)
VISITOR_DOING = (I(S.APPROVING), I(S.VALID), I(S.LATE), I(S.ARRIVED), I(S.RETURNED), I(S.INVITING))
VISITOR_HISTORY = {
    "0": (3, 5, 6, 7, 9, 11, 12, 13, 14, 15),  # all
    "1": (3, 9, 11, 12, 13, 14, 15),  # no longer valid
    "2": (5, 6, 7),  # visited
}
RECEPTION_DOING = (I(S.VALID), I(S.LATE), I(S.ARRIVED))
RECEPTION_HISTORY = (I(S.AUTO_SIGNED_OUT), I(S.SIGNED_OUT), I(S.OVERDUE))
INVITATION_OPEN = (
    0,
    1,
    2,
    7,
    8,
    10,
)  # share/log "inviting": waiting for the visitor, or answered and not over
INVITATION_OVER = (3, 4, 5, 6, 9, 11, 12, 13, 14, 15)  # "expire"
MAX_DAYS_RANGE = 400  # record/orderDay: at most this many days at once


def _contains(text: str | None, field: str) -> str | None:
    words = unicodedata.normalize("NFKC", text or "").strip()
    if not words:
        return None
    if len(words) > 64:
        raise ApiError(400, f"{field}: 过长（最多 64 个字符）")
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _page(
    db: Database,
    conds: list[Any],
    order: list[Any],
    page_no: int,
    page_size: int,
    render: Callable[[Visit], dict[str, Any]],
) -> tuple[list[dict[str, Any]], int]:
    page_args(page_no, page_size)
    with db.read() as session:
        total = session.exec(select(func.count()).select_from(Visit).where(*conds)).one()
        rows = session.exec(
            select(Visit).where(*conds).order_by(*order).offset((page_no - 1) * page_size).limit(page_size)
        ).all()
    return [render(r) for r in rows], int(total)


def visitor_doing(
    db: Database, ctx: SiteContext, caller: Caller, page_no: int, page_size: int
) -> tuple[list[dict[str, Any]], int]:
    """待拜访: pending, approved, arrived, returned, and invitations waiting for an answer; by start."""
    conds = [owned_by(caller), col(Visit.register_type) == 2, col(Visit.status).in_(VISITOR_DOING)]
    order = [col(Visit.start_time), col(Visit.order_id)]
    name = ctx.settings.site_name
    return _page(db, conds, order, page_no, page_size, lambda r: views.visitor_card(r, ctx.tz, name))


def visitor_history(
    db: Database,
    ctx: SiteContext,
    caller: Caller,
    page_no: int,
    page_size: int,
    tab: str | None,
    host_name: str | None,
) -> tuple[list[dict[str, Any]], int]:
    """拜访历史: tab 0 all, 1 no longer valid (expired, cancelled...), 2 visited; newest first."""
    key = (tab or "0").strip() or "0"
    if key not in VISITOR_HISTORY:
        raise ApiError(400, "tabKey: 应为 0（全部）、1（已失效）或 2（已拜访）")
    conds = [owned_by(caller), col(Visit.register_type) == 2, col(Visit.status).in_(VISITOR_HISTORY[key])]
    like = _contains(host_name, "beVisitorPersonName")
    if like:
        conds.append(col(Visit.be_visit_person_name).like(like, escape="\\"))
    order = [col(Visit.start_time).desc(), col(Visit.order_id)]
    name = ctx.settings.site_name
    return _page(db, conds, order, page_no, page_size, lambda r: views.visitor_card(r, ctx.tz, name))


HOST_LISTS = ("examine_doing", "examine_expires", "reception_doing", "reception_history")


def host_cards(
    db: Database,
    ctx: SiteContext,
    caller: Caller,
    which: str,
    page_no: int,
    page_size: int,
    visitor_name: str | None,
    now: datetime,
) -> tuple[list[dict[str, Any]], int]:
    """The host's cards, one per batch (its leader):
    - examine_doing (待审批): awaiting approval, not yet past; by start;
    - examine_expires (审批逾期): approval overdue, or awaiting approval past its end; last first;
    - reception_doing (待受访): approved or arrived; by start;
    - reception_history (受访历史): signed out or overdue; last first."""
    conds: list[Any] = [col(Visit.be_visit_person_id) == caller.person_id, col(Visit.follow_flag) == 0]
    if which == "examine_doing":
        conds += [col(Visit.status) == I(S.APPROVING), col(Visit.end_time) >= now]
        order = [col(Visit.start_time), col(Visit.order_id)]
    elif which == "examine_expires":
        conds.append(
            or_(
                col(Visit.status) == I(S.APPROVAL_OVERDUE),
                (col(Visit.status) == I(S.APPROVING)) & (col(Visit.end_time) < now),
            )
        )
        order = [col(Visit.end_time).desc(), col(Visit.order_id)]
    elif which == "reception_doing":
        conds.append(col(Visit.status).in_(RECEPTION_DOING))
        order = [col(Visit.start_time), col(Visit.order_id)]
    elif which == "reception_history":
        conds.append(col(Visit.status).in_(RECEPTION_HISTORY))
        order = [col(Visit.end_time).desc(), col(Visit.order_id)]
    else:  # pragma: no cover - the routes name one of HOST_LISTS
        raise ValueError(which)
    like = _contains(visitor_name, "visitorName")
    if like:
        conds.append(col(Visit.name).like(like, escape="\\"))
    return _page(db, conds, order, page_no, page_size, lambda r: views.host_card(r, ctx.tz))


def share_log(
    db: Database, ctx: SiteContext, caller: Caller, state: str | None, page_no: int, page_size: int
) -> tuple[list[dict[str, Any]], int]:
    """The host's invitations: "inviting" (waiting for the visitor, or answered and not over) or
    "expire" (over: expired, cancelled, declined, visited); newest first."""
    key = (state or "").strip()
    statuses = {"inviting": INVITATION_OPEN, "expire": INVITATION_OVER}.get(key)
    if statuses is None:
        raise ApiError(400, "invitationState: 应为 inviting（邀约中）或 expire（已失效）")
    page_args(page_no, page_size)
    conds = [
        col(Visit.be_visit_person_id) == caller.person_id,
        col(Visit.invited).is_(True),
        col(Visit.follow_flag) == 0,
        col(Visit.status).in_(statuses),
    ]
    with db.read() as session:
        total = session.exec(select(func.count()).select_from(Visit).where(*conds)).one()
        leaders = session.exec(
            select(Visit)
            .where(*conds)
            .order_by(col(Visit.create_time).desc(), col(Visit.order_id))
            .offset((page_no - 1) * page_size)
            .limit(page_size)
        ).all()
        items = [
            views.share_record(batch_rows(session, r.visit_batch), ctx.tz, _sms_ok(session, r))
            for r in leaders
        ]
    return items, int(total)


def _sms_ok(session: Session, visit: Visit) -> bool:
    """visitorSmsSendFlag: "0" when the newest invitation SMS failed for good."""
    last = session.exec(
        select(Notification.status)
        .where(Notification.order_id == visit.order_id, Notification.kind == "invitation")
        .order_by(col(Notification.create_time).desc())
        .limit(1)
    ).first()
    return last is None or int(last) != -1


@dataclass
class RecordFilter:
    """The OrderRequest filters the record pages apply (the others are accepted and ignored)."""

    type: str | None = None
    order_id: str | None = None
    visitor_name: str | None = None
    visitor_phone: str | None = None
    identity_num: str | None = None
    car_number: str | None = None
    visitor_code: str | None = None
    qr_code: str | None = None
    purpose: str | None = None
    work_unit: str | None = None
    host_name: str | None = None
    sex: str | None = None
    statuses: list[str] | None = None
    early_start: datetime | None = None
    late_start: datetime | None = None
    early_end: datetime | None = None
    late_end: datetime | None = None
    early_register: datetime | None = None
    late_register: datetime | None = None
    sort: str | None = None


def statuses_of(values: list[str] | None) -> list[int] | None:
    if not values:
        return None
    out = []
    for value in values:
        text = value.strip()
        if not text.isdigit() or not 0 <= int(text) <= 15:
            raise ApiError(400, f"statusList: 无效的状态值 {text[:16]}（应为 0-15）")
        out.append(int(text))
    return out


def _record_conds(f: RecordFilter) -> list[Any]:
    conds: list[Any] = [col(Visit.register_type) == 2]
    if f.order_id and f.order_id.strip():
        conds.append(col(Visit.order_id) == f.order_id.strip())
    for column, value, field in (
        (Visit.name, f.visitor_name, "visitorName"),
        (Visit.purpose, f.purpose, "visitorPurpose"),
        (Visit.visitor_work_unit, f.work_unit, "visitorWorkUnit"),
        (Visit.be_visit_person_name, f.host_name, "beVisitorPersonName"),
    ):
        like = _contains(value, field)
        if like:
            conds.append(col(column).like(like, escape="\\"))
    phone = v.phone(f.visitor_phone, "visitorPhoneNum") if f.visitor_phone else ""
    if phone:
        conds.append(col(Visit.phone_num) == phone)
    if f.identity_num and f.identity_num.strip():
        kind = RESIDENT_ID if len(f.identity_num.strip()) in (15, 18) else "990"
        conds.append(col(Visit.identity_num) == normalise_document(kind, f.identity_num))
    if f.car_number and f.car_number.strip():
        conds.append(col(Visit.car_number) == v.plate(f.car_number))
    if f.visitor_code and f.visitor_code.strip():
        conds.append(col(Visit.visitor_code) == f.visitor_code.strip())
    if f.qr_code and f.qr_code.strip():
        conds.append(col(Visit.qr_code) == f.qr_code.strip().upper())
    if f.sex and f.sex.strip():
        conds.append(col(Visit.sex) == f.sex.strip())
    statuses = statuses_of(f.statuses)
    if statuses is not None:
        conds.append(col(Visit.status).in_(statuses))
    for column, early, late in (
        (Visit.start_time, f.early_start, f.late_start),
        (Visit.end_time, f.early_end, f.late_end),
        (Visit.register_time, f.early_register, f.late_register),
    ):
        if early is not None:
            conds.append(col(column) >= early)
        if late is not None:
            conds.append(col(column) <= late)
    return conds


def _record_order(f: RecordFilter) -> list[Any]:
    sort = (f.sort or "desc").strip().lower()
    if sort not in ("asc", "desc"):
        raise ApiError(400, "sort: 应为 asc 或 desc")
    start = col(Visit.start_time)
    return [start if sort == "asc" else start.desc(), col(Visit.order_id)]


def host_records(
    db: Database, ctx: SiteContext, caller: Caller, f: RecordFilter, page_no: int, page_size: int
) -> tuple[list[dict[str, Any]], int]:
    """beVisitor/record/page: type 0 (default) every visit with this host, 1 visitors' bookings
    (the approval records), 2 the host's invitations."""
    kind = (f.type or "0").strip() or "0"
    if kind not in ("0", "1", "2"):
        raise ApiError(400, "type: 应为 0（被访记录）、1（审批记录）或 2（邀约记录）")
    conds = [col(Visit.be_visit_person_id) == caller.person_id, *_record_conds(f)]
    if kind == "1":
        conds.append(col(Visit.invited).is_(False))
    elif kind == "2":
        conds.append(col(Visit.invited).is_(True))
    return _page(
        db,
        conds,
        _record_order(f),
        page_no,
        page_size,
        lambda r: views.order_response(r, ctx.tz, masked=True),
    )


def visitor_records(
    db: Database, ctx: SiteContext, caller: Caller, f: RecordFilter, page_no: int, page_size: int
) -> tuple[list[dict[str, Any]], int]:
    """visitor/order/page: this visitor's appointments and invitations."""
    conds = [owned_by(caller), *_record_conds(f)]
    return _page(db, conds, _record_order(f), page_no, page_size, lambda r: views.order_response(r, ctx.tz))


def order_days(
    db: Database,
    ctx: SiteContext,
    caller: Caller,
    early: datetime | None,
    late: datetime | None,
    statuses: list[str] | None,
    now: datetime,
) -> list[str]:
    """beVisitor/record/orderDay: the site-local days ("yyyy-MM-dd") on which this host has visits
    starting between `early` and `late` (default: this month ± a month), in order."""
    early = early or now - timedelta(days=31)
    late = late or now + timedelta(days=62)
    if late < early:
        raise ApiError(400, "lateStartTimeISO: 应晚于 earlyStartTimeISO")
    if (late - early).days > MAX_DAYS_RANGE:
        raise ApiError(400, f"查询范围最多 {MAX_DAYS_RANGE} 天")
    conds = [
        col(Visit.be_visit_person_id) == caller.person_id,
        col(Visit.start_time) >= early,
        col(Visit.start_time) <= late,
    ]
    chosen = statuses_of(statuses)
    if chosen is not None:
        conds.append(col(Visit.status).in_(chosen))
    with db.read() as session:
        starts = session.exec(select(Visit.start_time).where(*conds).limit(20000)).all()
    return sorted({timefmt.local_day(s, ctx.tz) for s in starts if s is not None})
