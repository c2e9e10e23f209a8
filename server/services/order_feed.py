"""The platform's view of visits: `order/sync` (every visit of the project changed after a given
`disorder`, in change order, deleted ones as tombstones) and `order/status/sync` (statuses the
platform decided: approvals, cancellations, sign-outs).

`disorder` is the database's change sequence (migration 0004): every insert, update and delete of
a visit takes the next number at commit, in commit order, so a consumer that asks for
`disorder > last` with the last value it saw, page after page, misses and repeats nothing."""

from __future__ import annotations

import json
import math
from datetime import datetime
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlmodel import Session

from server.db import Database
from server.models import Visit, VisitTombstone
from server.models._common import utcnow
from server.services import credentials, timefmt
from server.services.visits import _spell, ints
from server.site import SiteContext
from visitorcs import qrtoken
from visitorcs.codes import CLOSED, ON_SITE, VisitStatus

VISIT = Visit.__table__  # type: ignore[attr-defined]
TOMB = VisitTombstone.__table__  # type: ignore[attr-defined]
_COLUMNS = [
    VISIT.c[name]
    for name in (
        "order_id",
        "disorder",
        "status",
        "approval_result",
        "qr_code",
        "identity_pid",
        "temp_card",
        "visitor_code",
        "be_visit_group_id",
        "be_visit_group_name",
        "be_visitor_open_id",
        "be_visit_person_id",
        "be_visit_person_name",
        "be_visit_phone_num",
        "create_time",
        "user_type",
        "end_time",
        "start_time",
        "register_time",
        "real_end_time",
        "update_time",
        "product_id",
        "project_id",
        "register_place",
        "visit_batch",
        "visitor_address",
        "visitor_allow_times",
        "birthplace",
        "car_number",
        "custom",
        "group_id",
        "cert_addr",
        "cert_issuer",
        "identity_num",
        "identity_photo",
        "identity_id",
        "name",
        "visitor_open_id",
        "person_num",
        "phone_num",
        "visitor_photo",
        "pinyin",
        "privilege_group_ids",
        "purpose",
        "scanning_photo",
        "sex",
        "temperature",
        "temperature_status",
        "visitor_type_id",
        "visitor_user_id",
        "visitor_work_unit",
        "follow_flag",
    )
]
DELETED = -1  # a tombstone's status in order/sync (not a visit status: the visit is gone)


def in_project(column: Any, project_id: str) -> Any:
    """Rows of the site's project: kiosks register without a projectId, and their visits are the
    site's (one server is one project: server/integrations.py)."""
    return or_(column == project_id, column == "")


def _int(value: Any) -> int:
    if type(value) is int:  # most columns are integers already: a page is 1,000 rows x 6 of these
        return value
    try:
        return int(str(value).strip() or 0)
    except (TypeError, ValueError):
        return 0


def _custom(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text or "{}", parse_constant=str)
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _utc_int(text: str) -> int:
    return int(text) if text else 0


def _text(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


_WORDS = {int(s): s.words for s in VisitStatus}


def order_response(r: Any, tz: ZoneInfo) -> dict[str, Any]:
    """One OrderResponse (spec 14_对外接口 order/sync) of a visit row."""
    custom = _custom(r.custom)
    start, end = _spell(r.start_time, tz), _spell(r.end_time, tz)
    registered, left = _spell(r.register_time, tz), _spell(r.real_end_time, tz)
    out: dict[str, Any] = {
        "approvalResult": r.approval_result,
        "authBarCode": r.qr_code,
        "authIdentityPid": r.identity_pid,
        "authTempCard": r.temp_card,
        "authVisitorCode": r.visitor_code,
        "backlogId": "",
        "beVisitorGroupId": r.be_visit_group_id,
        "beVisitorGroupName": r.be_visit_group_name,
        "beVisitorOpenId": r.be_visitor_open_id,
        "beVisitorPersonId": r.be_visit_person_id,
        "beVisitorPersonName": r.be_visit_person_name,
        "beVisitorPhoneNum": r.be_visit_phone_num,
        "beVisitorUserId": "",
        "createTime": timefmt.iso(r.create_time, tz),
        "createUserType": _int(r.user_type),
        "disorder": int(r.disorder),
        "endTime": end[0],
        "endTimeDifference": end[2],
        "endTimeUTC": _utc_int(end[1]),
        "orderId": r.order_id,
        "orderModel": "person",
        "processId": "",
        "processItemId": "",
        "processRemark": "",
        "productId": r.product_id,
        "projectId": r.project_id,
        "realEndTime": left[0],
        "realEndTimeDifference": left[2],
        "realEndTimeUTC": _utc_int(left[1]),
        "registerPlace": r.register_place,
        "registerTime": registered[0],
        "registerTimeDifference": registered[2],
        "registerTimeUTC": _utc_int(registered[1]),
        "startTime": start[0],
        "startTimeDifference": start[2],
        "startTimeUTC": _utc_int(start[1]),
        "status": int(r.status),
        "svrCodeIdentity": "",
        "svrCodeScanning": "",
        "svrCodeVisitor": "",
        "updateTime": timefmt.iso(r.update_time, tz),
        "visitBatch": r.visit_batch,
        "visitorAddress": r.visitor_address,
        "visitorAllowTimes": _int(r.visitor_allow_times),
        "visitorBirthplace": r.birthplace,
        "visitorCarNumber": r.car_number,
        "visitorGroupId": r.group_id,
        "visitorIdentityAddr": r.cert_addr,
        "visitorIdentityIssuer": r.cert_issuer,
        "visitorIdentityNum": r.identity_num,
        "visitorIdentityPhoto": r.identity_photo,
        "visitorIdentityType": _int(r.identity_id),
        "visitorName": r.name,
        "visitorOpenId": r.visitor_open_id,
        "visitorPersonNum": _int(r.person_num),
        "visitorPhoneNum": r.phone_num,
        "visitorPhoto": r.visitor_photo,
        "visitorPhotoFlag": "",
        "visitorPinyin": r.pinyin,
        "visitorPrivilegeGroupIds": r.privilege_group_ids,
        "visitorPurpose": r.purpose,
        "visitorScanningPhoto": r.scanning_photo,
        "visitorSex": _int(r.sex),
        "visitorTemperature": r.temperature,
        "visitorTemperatureStatus": _int(r.temperature_status),
        "visitorTypeId": r.visitor_type_id,
        "visitorUserId": r.visitor_user_id,
        "visitorWorkUnit": r.visitor_work_unit,
        "webLabel": _WORDS.get(r.status, ""),
    }
    for letter in "abcdefghij":
        value = custom.get(f"custom{letter}", "")
        out[f"visitorCustom{letter}"] = _text(value)
    return out


def tombstone_response(r: Any, tz: ZoneInfo) -> dict[str, Any]:
    """A deleted visit in order/sync: its id, project, change number and status -1, all else empty."""
    blank = order_response(_BLANK, tz)
    blank.update(
        orderId=r.order_id,
        projectId=r.project_id,
        disorder=int(r.disorder),
        status=DELETED,
        webLabel="已删除",
        updateTime=timefmt.iso(r.delete_time, tz),
    )
    return blank


_BLANK = SimpleNamespace(**{c.name: "" for c in _COLUMNS})
for _name in ("create_time", "update_time", "start_time", "end_time", "register_time", "real_end_time"):
    setattr(_BLANK, _name, None)
_BLANK.disorder = _BLANK.status = 0


def order_page(
    db: Database, project_id: str, after: int, page_no: int, page_size: int, tz: ZoneInfo
) -> tuple[list[dict[str, Any]], int]:
    """Visits (and tombstones) of the project with disorder > `after`, in disorder order."""
    offset = (page_no - 1) * page_size
    want = offset + page_size
    with db.rows() as conn:
        visits = conn.execute(
            select(*_COLUMNS)
            .where(VISIT.c.disorder > after, in_project(VISIT.c.project_id, project_id))
            .order_by(VISIT.c.disorder)
            .limit(want)
        ).all()
        tombs = conn.execute(
            select(TOMB)
            .where(TOMB.c.disorder > after, in_project(TOMB.c.project_id, project_id))
            .order_by(TOMB.c.disorder)
            .limit(want)
        ).all()
        if not offset and len(visits) < want and len(tombs) < want:
            total = len(visits) + len(tombs)  # everything after the cursor is in hand: no count
        else:
            total = conn.execute(
                select(func.count()).where(
                    VISIT.c.disorder > after, in_project(VISIT.c.project_id, project_id)
                )
            ).scalar_one()
            if tombs or offset:
                total += conn.execute(
                    select(func.count()).where(
                        TOMB.c.disorder > after, in_project(TOMB.c.project_id, project_id)
                    )
                ).scalar_one()
    rows = sorted(
        [(r.disorder, 0, r) for r in visits] + [(r.disorder, 1, r) for r in tombs], key=lambda x: x[:2]
    )
    page = rows[offset : offset + page_size]
    return [order_response(r, tz) if kind == 0 else tombstone_response(r, tz) for _d, kind, r in page], int(
        total
    )


# ---- order/status/sync ------------------------------------------------------------------------------

S = VisitStatus
# what the platform may decide, from where: approvals and their expiry, invitations, cancellations,
# lateness and expiry of appointments, and departures of visitors on site. Arrival is the kiosk's
# (it checks the person, issues the permit); a closed visit stays closed.
TRANSITIONS: dict[int, frozenset[int]] = {
    S.APPROVING: frozenset(
        {S.VALID, S.RETURNED, S.APPROVAL_OVERDUE, S.CANCELLED_BY_HOST, S.CANCELLED_BY_VISITOR}
    ),
    S.INVITING: frozenset(
        {
            S.VALID,
            S.APPROVING,
            S.INVITATION_OVERDUE,
            S.INVITATION_CANCELLED_BY_HOST,
            S.INVITATION_CANCELLED_BY_VISITOR,
        }
    ),
    S.VALID: frozenset({S.LATE, S.EXPIRED, S.CANCELLED_BY_HOST, S.CANCELLED_BY_VISITOR}),
    S.LATE: frozenset({S.VALID, S.EXPIRED, S.CANCELLED_BY_HOST, S.CANCELLED_BY_VISITOR}),
    S.ARRIVED: frozenset({S.SIGNED_OUT, S.AUTO_SIGNED_OUT, S.OVERDUE}),
    S.OVERDUE: frozenset({S.SIGNED_OUT, S.AUTO_SIGNED_OUT}),
}
del S


def apply_statuses(
    db: Database,
    ctx: SiteContext,
    project_id: str,
    items: list[tuple[str, dict[str, Any]]],
    now: datetime | None = None,
) -> dict[str, Any]:
    """Each {orderId, status}: applied, unchanged, or refused with the reason."""
    now = now or utcnow()
    applied = unchanged = 0
    refused: list[dict[str, str]] = []
    with db.write() as s:
        for key, item in items:
            reason = _one_status(s, ctx, project_id, item, now)
            if reason is None:
                applied += 1
            elif reason == "":
                unchanged += 1
            else:
                refused.append({"key": key, "reason": reason})
    return {"applied": applied, "unchanged": unchanged, "refused": refused}


def _one_status(
    s: Session, ctx: SiteContext, project_id: str, item: dict[str, Any], now: datetime
) -> str | None:
    """None: applied; "": already so; else why not."""
    order_id = item.get("orderId")
    status = item.get("status")
    if not isinstance(order_id, str) or not order_id.strip() or len(order_id) > 64:
        return "orderId: 缺少或过长"
    if (
        isinstance(status, bool)
        or not isinstance(status, (int, str))
        or not str(status).strip().lstrip("-").isdigit()
    ):
        return "status: 应为整数"
    target = int(str(status).strip())
    if target not in VisitStatus._value2member_map_:
        return f"status: 未知的状态 {target}"
    visit = s.get(Visit, order_id.strip(), with_for_update=True)
    if visit is None or visit.project_id not in (project_id, ""):
        return "未找到该预约单"
    if visit.status == target:
        return ""
    allowed = TRANSITIONS.get(visit.status, frozenset())
    if target not in allowed:
        words = (
            VisitStatus(visit.status).words
            if visit.status in VisitStatus._value2member_map_
            else visit.status
        )
        return f"状态不能从「{words}」改为「{VisitStatus(target).words}」"
    visit.status = target
    visit.update_time = now
    visit.last_actor = "platform"
    if target == VisitStatus.VALID:
        visit.approval_result = "审批通过"
        if not visit.qr_code and visit.end_time is not None:
            visit.qr_code = qrtoken.encode(ctx.qr_key, visit.order_id, timefmt.aware(visit.end_time))
    elif target == VisitStatus.RETURNED:
        visit.approval_result = "审批退回"
    if target in ints(CLOSED) and visit.real_end_time is None:
        visit.real_end_time = now
    s.add(visit)
    if target not in ints((*ON_SITE, VisitStatus.VALID, VisitStatus.LATE)):
        credentials.withdraw(s, visit)
    return None
