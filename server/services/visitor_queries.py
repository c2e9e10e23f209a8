"""The platform's queries about visits (01_访客信息查询): today's expected and registered counts,
kiosks logged in, a visitor's records by openId (and their deletion when the visitor closes their
account), openId/userId backfills, and the workflow platform's to-do results. Everything within
the caller's project (order_feed.in_project)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete as delete_rows
from sqlalchemy import func, or_, select, update
from sqlmodel import col

from server.db import Database
from server.envelope import ApiError
from server.licence import SEAT_LEASE
from server.models import AuthRecord, BacklogCallback, Kiosk, Person, Picture, Visit
from server.models._common import utcnow
from server.services import timefmt
from server.services import validation as v
from server.services.order_feed import _one_status, in_project
from server.services.visits import ints
from server.site import SiteContext
from visitorcs.codes import AuthStatus, VisitStatus

log = logging.getLogger(__name__)

VISIT = Visit.__table__  # type: ignore[attr-defined]
S = VisitStatus
# an appointment someone is expected for (not refused, cancelled, or an approval that lapsed)
EXPECTED = ints((S.APPROVING, S.VALID, S.LATE, S.ARRIVED, S.OVERDUE, S.SIGNED_OUT, S.AUTO_SIGNED_OUT))
# a visit that may be deleted: over, and nothing of it left on an access device
DELETABLE = ints(
    (
        S.EXPIRED,
        S.RETURNED,
        S.AUTO_SIGNED_OUT,
        S.SIGNED_OUT,
        S.APPROVAL_OVERDUE,
        S.INVITATION_OVERDUE,
        S.INVITATION_CANCELLED_BY_HOST,
        S.INVITATION_CANCELLED_BY_VISITOR,
        S.CANCELLED_BY_HOST,
        S.CANCELLED_BY_VISITOR,
    )
)
SETTLED = ints((AuthStatus.NO_MEDIUM, AuthStatus.FAILED, AuthStatus.DELETED, AuthStatus.DELETE_FAILED))
del S
MAX_RECORDS = 1000  # visitor/info answers (and deletes) at most this many a call
TIME_FILTERS = (
    ("StartTimeISO", "start_time"),
    ("EndTimeISO", "end_time"),
    ("RegisterTimeISO", "register_time"),
    ("RealEndTimeISO", "real_end_time"),
)


def _today(tz: ZoneInfo, now: datetime | None = None) -> tuple[datetime, datetime]:
    day = (now or utcnow()).astimezone(tz).date()
    start = datetime.combine(day, time(0), tz).astimezone(UTC)
    return start, start + timedelta(days=1)


def logged_in_kiosks(db: Database, now: datetime | None = None) -> int:
    """Kiosks holding a licence seat (logged in within the lease, not revoked)."""
    now = now or utcnow()
    with db.read() as s:
        rows = s.execute(
            select(Kiosk.last_login).where(col(Kiosk.logged_in).is_(True), col(Kiosk.revoked).is_(False))
        ).all()
    return sum(1 for (last,) in rows if last is not None and now - timefmt.aware(last) < SEAT_LEASE)


def expected_today(db: Database, project_id: str, tz: ZoneInfo) -> int:
    """Appointments (registerType 2) starting today, site time, that someone is expected for."""
    start, end = _today(tz)
    with db.rows() as conn:
        return int(
            conn.execute(
                select(func.count()).where(
                    VISIT.c.register_type == 2,
                    VISIT.c.start_time >= start,
                    VISIT.c.start_time < end,
                    VISIT.c.status.in_(EXPECTED),
                    in_project(VISIT.c.project_id, project_id),
                )
            ).scalar_one()
        )


def _conditions(body: Any, project_id: str, tz: ZoneInfo) -> list[Any]:
    where: list[Any] = [in_project(VISIT.c.project_id, project_id)]
    for suffix, column in TIME_FILTERS:
        for side in ("early", "late"):
            name = f"{side}{suffix}"
            try:
                moment = timefmt.parse_time(getattr(body, name), tz, name)
            except ValueError as exc:
                raise ApiError(400, str(exc)) from None
            if moment is not None:
                where.append(VISIT.c[column] >= moment if side == "early" else VISIT.c[column] <= moment)
    if body.visitorOpenId:
        where.append(VISIT.c.visitor_open_id == body.visitorOpenId.strip())
    if getattr(body, "updateOrderId", None):
        where.append(VISIT.c.order_id == body.updateOrderId.strip())
    if getattr(body, "updateBatch", None):
        where.append(VISIT.c.visit_batch == body.updateBatch.strip())
    return where


def _has_time_filter(body: Any) -> bool:
    return any(getattr(body, f"{side}{suffix}") for suffix, _c in TIME_FILTERS for side in ("early", "late"))


def registered_count(db: Database, body: Any, project_id: str, tz: ZoneInfo) -> int:
    """Visits that arrived (a register time), by the request's time windows; none given: today."""
    where = _conditions(body, project_id, tz) + [VISIT.c.register_time.is_not(None)]
    if not _has_time_filter(body) and not body.visitorOpenId:
        start, end = _today(tz)
        where += [VISIT.c.register_time >= start, VISIT.c.register_time < end]
    with db.rows() as conn:
        return int(conn.execute(select(func.count()).where(*where)).scalar_one())


def visitor_records(
    db: Database, data_dir: Path, body: Any, project_id: str, tz: ZoneInfo, mobile: bool
) -> tuple[list[dict[str, str]], str]:
    """The records matching the request ({productId, projectId, visitorOpenId, visitorUserId}), at
    most MAX_RECORDS; with isDel "0", those that are over (and whose access credentials are gone)
    are deleted too, with their pictures. Returns (records, words)."""
    delete = str(body.isDel or "").strip() == "0"
    if delete and not (body.visitorOpenId or "").strip():
        raise ApiError(400, "isDel: 删除记录须指定 visitorOpenId（只删除该访客本人的记录）")
    where = _conditions(body, project_id, tz)
    if mobile:
        where.append(or_(VISIT.c.visitor_open_id != "", VISIT.c.visitor_user_id != ""))
    columns = (
        VISIT.c.order_id,
        VISIT.c.status,
        VISIT.c.product_id,
        VISIT.c.project_id,
        VISIT.c.visitor_open_id,
        VISIT.c.visitor_user_id,
        VISIT.c.visitor_photo,
        VISIT.c.identity_photo,
        VISIT.c.scanning_photo,
        VISIT.c.face_id,
    )
    query = select(*columns).where(*where).order_by(VISIT.c.create_time, VISIT.c.order_id).limit(MAX_RECORDS)
    if not delete:
        with db.rows() as conn:
            rows = conn.execute(query).all()
        return [_record(r, project_id) for r in rows], "success"
    with db.write() as s:
        rows = s.execute(query).all()
        over = [r.order_id for r in rows if r.status in DELETABLE]
        busy = set()
        if over:
            busy = set(
                s.execute(
                    select(AuthRecord.order_id).where(
                        col(AuthRecord.order_id).in_(over), col(AuthRecord.auth_status).not_in(SETTLED)
                    )
                ).scalars()
            )
        gone = [oid for oid in over if oid not in busy]
        pictures = _picture_ids([r for r in rows if r.order_id in set(gone)])
        if gone:
            s.execute(delete_rows(AuthRecord).where(col(AuthRecord.order_id).in_(gone)))
            s.execute(delete_rows(Visit).where(col(Visit.order_id).in_(gone)))  # tombstones: the trigger
            still = (
                _picture_ids(s.execute(select(*columns).where(or_(*(_mentions(f) for f in pictures)))).all())
                if pictures
                else set()
            )
            files = [
                p
                for p in s.execute(
                    select(Picture).where(col(Picture.face_id).in_(pictures - still))
                ).scalars()
            ]
            for picture in files:
                s.delete(picture)
        else:
            files = []
    for picture in files:  # after the commit: a rollback must not have lost the files
        (data_dir / picture.path).unlink(missing_ok=True)
    kept = len(rows) - len(gone)
    words = f"已删除 {len(gone)} 条" + (f"，{kept} 条在园、未结束或门禁权限未回收，未删除" if kept else "")
    log.info("visitor/info isDel: %d visits deleted, %d kept", len(gone), kept)
    return [_record(r, project_id) for r in rows], words


def _mentions(face_id: str) -> Any:
    like = f"%{face_id}%"
    return or_(
        VISIT.c.face_id == face_id,
        VISIT.c.visitor_photo.like(like),
        VISIT.c.identity_photo.like(like),
        VISIT.c.scanning_photo.like(like),
    )


def _picture_ids(rows: list[Any]) -> set[str]:
    import re

    found: set[str] = set()
    for r in rows:
        for value in (r.visitor_photo, r.identity_photo, r.scanning_photo, r.face_id):
            found.update(
                re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", value or "")
            )
    return found


def _record(r: Any, project_id: str) -> dict[str, str]:
    return {
        "productId": r.product_id,
        "projectId": r.project_id or project_id,
        "visitorOpenId": r.visitor_open_id,
        "visitorUserId": r.visitor_user_id,
    }


def backfill_visitor(db: Database, body: Any, project_id: str) -> int:
    """visitor/order/update: the visitor's openId and userId onto their visits (by phone)."""
    try:
        phone = v.phone(body.visitorPhone, "visitorPhone")
    except ApiError:
        raise
    if not phone:
        raise ApiError(400, "visitorPhone: 缺少访客手机号")
    values = {}
    if body.visitorOpenId is not None:
        values["visitor_open_id"] = body.visitorOpenId.strip()
    if body.visitorUserId is not None:
        values["visitor_user_id"] = body.visitorUserId.strip()
    if not values:
        raise ApiError(400, "visitorOpenId 和 visitorUserId 至少填写一个")
    changed = or_(*(VISIT.c[k] != val for k, val in values.items()))
    with db.write() as s:
        result = s.execute(
            update(Visit)
            .where(VISIT.c.phone_num == phone, in_project(VISIT.c.project_id, project_id), changed)
            .values(**values, update_time=utcnow())
        )
        return int(result.rowcount or 0)


def backfill_host(db: Database, body: Any, project_id: str) -> int:
    """visitor/second/order/update: the host's openId on the host and their visits awaiting approval."""
    open_id = (body.beVisitorOpenId or "").strip()
    if not open_id:
        raise ApiError(400, "beVisitorOpenId: 缺少被访人 openId")
    with db.write() as s:
        person = None
        if body.personId:
            person = s.get(Person, body.personId.strip())
        elif body.phone:
            phone = v.phone(body.phone, "phone")
            person = (
                s.execute(select(Person).where(Person.phone == phone)).scalars().first() if phone else None
            )
        if person is None:
            raise ApiError(404, "未找到被访人（personId 或 phone）")
        person.open_id = open_id
        s.add(person)
        result = s.execute(
            update(Visit)
            .where(
                VISIT.c.be_visit_person_id == person.person_id,
                VISIT.c.status == int(VisitStatus.APPROVING),
                VISIT.c.be_visitor_open_id != open_id,
                in_project(VISIT.c.project_id, project_id),
            )
            .values(be_visitor_open_id=open_id, update_time=utcnow())
        )
        return int(result.rowcount or 0)


APPROVE = frozenset({"1", "agree", "pass", "approve", "approved", "同意", "通过"})
RETURN = frozenset({"2", "-1", "reject", "refuse", "rejected", "returned", "退回", "拒绝", "驳回"})


def backlog_callback(db: Database, ctx: SiteContext, body: Any, project_id: str) -> dict[str, Any]:
    """Record a to-do result; an approval's result (backlogStatusResult) approves or returns the
    visit it names (backlogTypeBusinessId) while that visit still awaits approval."""
    result = (body.backlogStatusResult or "").strip().lower()
    order_id = (body.backlogTypeBusinessId or "").strip()
    applied = ""
    with db.write() as s:
        if order_id and (result in APPROVE or result in RETURN):
            visit = s.get(Visit, order_id)
            if (
                visit is not None
                and visit.status == VisitStatus.APPROVING
                and visit.project_id in (project_id, "")
            ):
                target = VisitStatus.VALID if result in APPROVE else VisitStatus.RETURNED
                reason = _one_status(
                    s, ctx, project_id, {"orderId": order_id, "status": int(target)}, utcnow()
                )
                applied = "" if reason else ("approved" if target == VisitStatus.VALID else "returned")
        s.add(
            BacklogCallback(
                backlog_id=body.backlogId or "",
                business_id=order_id,
                project_id=project_id,
                status=body.backlogStatus or "",
                result=body.backlogStatusResult or "",
                applied=applied,
                body=json.dumps(body.model_dump(exclude_none=True), ensure_ascii=False),
            )
        )
    return {"applied": applied}
