"""09_微信公众号管理_被访人: the host's side on the official account (and the approval endpoints
every channel's host uses): approve, return, batch decisions, invitations, records. The invited
visitor's own steps (preview, accept) live here too, as the spec puts them. Thin: parse, hand the
use case to the database's threads, wrap the answer (server/services/appointments.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from server.body import body_doc, parse_body
from server.deps import DbDep, HostDep, NotifierDep, SiteDep, VisitorDep
from server.envelope import ApiError, ok
from server.models._common import utcnow
from server.routes.mobile_common import (
    invitation_form,
    order_ref,
    origin,
    page_numbers,
    paged,
    person_num,
    visitor_form,
    when,
)
from server.schemas.common import Envelope, Page, errors
from server.schemas.mobile import (
    AcceptIn,
    BatchCompleteIn,
    Changed,
    CompleteIn,
    Decided,
    InvitationIn,
    InvitationPreview,
    InvitationStarted,
    OrderDayIn,
    OrderRefIn,
    OrderRequestIn,
    OrderResponse,
    PreviewIn,
)
from server.services import appointment_queries as queries
from server.services import appointment_views as views
from server.services import appointments

router = APIRouter(prefix="/ui/v1/wechat/beVisitor", tags=["09_微信公众号管理_被访人"])
ANSWERS = errors(400, 401, 403, 404, 413, 422)


def _decided(visits: list[Any]) -> dict[str, Any]:
    return {"orderIds": [v.order_id for v in visits], "status": int(visits[0].status) if visits else 0}


@router.post(
    "/approval/order",
    response_model=Envelope[Decided],
    responses=ANSWERS,
    summary="审批通过（被访人；同批次同行人一并通过，签发预约码和二维码）",
    openapi_extra=body_doc(CompleteIn),
)
async def approve(request: Request, db: DbDep, site: SiteDep, caller: HostDep, notifier: NotifierDep) -> dict:
    body = await parse_body(request, CompleteIn)
    visits = await db.run(
        appointments.approve,
        db,
        site,
        caller,
        [body.orderId or ""],
        body.remark,
        body.visitorPrivilegeGroupIds,
        utcnow(),
    )
    notifier.kick()
    return ok(_decided(visits))


@router.post(
    "/batch/approval/order",
    response_model=Envelope[Decided],
    responses=ANSWERS,
    summary="员工批量审批（type approval 通过 / reject 退回；全部成功或全部不变）",
    openapi_extra=body_doc(BatchCompleteIn),
)
async def batch_approve(
    request: Request, db: DbDep, site: SiteDep, caller: HostDep, notifier: NotifierDep
) -> dict:
    body = await parse_body(request, BatchCompleteIn)
    kind = (body.type or "").strip()
    if kind not in ("approval", "reject"):
        raise ApiError(400, "type: 应为 approval（审批通过）或 reject（审批退回）")
    ids = body.orderIds or []
    if kind == "approval":
        visits = await db.run(
            appointments.approve, db, site, caller, ids, body.remark, body.visitorPrivilegeGroupIds, utcnow()
        )
    else:
        visits = await db.run(appointments.reject, db, site, caller, ids, body.remark, utcnow())
    notifier.kick()
    return ok(_decided(visits))


@router.post(
    "/reject/order",
    response_model=Envelope[Decided],
    responses=ANSWERS,
    summary="审批退回（remark 为退回原因）",
    openapi_extra=body_doc(CompleteIn),
)
async def reject(request: Request, db: DbDep, site: SiteDep, caller: HostDep, notifier: NotifierDep) -> dict:
    body = await parse_body(request, CompleteIn)
    visits = await db.run(appointments.reject, db, site, caller, [body.orderId or ""], body.remark, utcnow())
    notifier.kick()
    return ok(_decided(visits))


@router.post(
    "/invitation/founding",
    response_model=Envelope[InvitationStarted],
    responses=ANSWERS,
    summary="员工发起邀约（短信通知访客）",
    openapi_extra=body_doc(InvitationIn),
)
async def invite(request: Request, db: DbDep, site: SiteDep, caller: HostDep, notifier: NotifierDep) -> dict:
    body = await parse_body(request, InvitationIn)
    visit, replayed = await db.run(
        appointments.invite, db, site, caller, invitation_form(body, site.tz), "mp", utcnow()
    )
    notifier.kick()
    data = {"orderId": visit.order_id, "visitorBatch": visit.visit_batch}
    return ok(data, "该邀约已发起过，返回已保存的邀约" if replayed else "success")


@router.post(
    "/invitation/cancel",
    response_model=Envelope[Changed],
    responses=ANSWERS,
    summary="员工取消邀约（邀约中 -> 邀约失效(员工取消)）",
    openapi_extra=body_doc(OrderRefIn),
)
async def cancel_invitation(
    request: Request, db: DbDep, site: SiteDep, caller: HostDep, notifier: NotifierDep
) -> dict:
    order_id = await order_ref(request, None)
    visit = await db.run(appointments.cancel_invitation, db, site, caller, order_id, False, utcnow())
    notifier.kick()
    return ok({"orderId": visit.order_id, "status": int(visit.status)})


@router.post(
    "/invitation/wechat/{orderId}/preview",
    response_model=Envelope[InvitationPreview],  # type: ignore[valid-type]
    responses=ANSWERS,
    summary="邀约预览（受邀访客：以收到邀约的手机号登录）",
    openapi_extra=body_doc(PreviewIn),
)
async def invitation_preview(
    request: Request, orderId: str, db: DbDep, site: SiteDep, caller: VisitorDep
) -> dict:
    await parse_body(request, PreviewIn)
    visit = await db.run(appointments.invitation, db, caller, orderId, False)
    return ok(views.invitation_preview(visit, site.tz, site.settings.site_name))


@router.post(
    "/invitation/accepting",
    response_model=Envelope[Changed],
    responses=ANSWERS,
    summary="接受邀约（受邀访客；签发预约码和二维码）",
    openapi_extra=body_doc(AcceptIn),
)
async def accept(
    request: Request, db: DbDep, site: SiteDep, caller: VisitorDep, notifier: NotifierDep
) -> dict:
    body = await parse_body(request, AcceptIn)
    visit = await db.run(
        appointments.accept,
        db,
        site,
        caller,
        body.orderId or "",
        False,
        visitor_form(body),
        person_num(body.visitorPersonNum),
        origin(request),
        utcnow(),
    )
    notifier.kick()
    return ok({"orderId": visit.order_id, "status": int(visit.status)})


@router.post(
    "/order/cancel",
    response_model=Envelope[Changed],
    responses=ANSWERS,
    summary="被访人取消预约（同批次同行人一并取消，短信通知访客）",
    openapi_extra=body_doc(OrderRefIn),
)
async def cancel(
    request: Request,
    db: DbDep,
    site: SiteDep,
    caller: HostDep,
    notifier: NotifierDep,
    orderId: Annotated[str | None, Query()] = None,
) -> dict:
    order_id = await order_ref(request, orderId)
    visit = await db.run(appointments.cancel_by_host, db, site, caller, order_id, False, utcnow())
    notifier.kick()
    return ok({"orderId": visit.order_id, "status": int(visit.status)})


@router.post(
    "/record/detail",
    response_model=Envelope[OrderResponse],  # type: ignore[valid-type]
    responses=ANSWERS,
    summary="查询预约记录详情（证件号脱敏）",
    openapi_extra=body_doc(OrderRefIn),
)
async def detail(
    request: Request,
    db: DbDep,
    site: SiteDep,
    caller: HostDep,
    orderId: Annotated[str | None, Query()] = None,
) -> dict:
    order_id = await order_ref(request, orderId)
    visit, _batch = await db.run(appointments.host_detail, db, caller, order_id, False)
    return ok(views.order_response(visit, site.tz, masked=True))


@router.post(
    "/record/orderDay",
    response_model=Envelope[list[str]],
    responses=ANSWERS,
    summary="查询有访问记录的日期（yyyy-MM-dd，站点时区）",
    openapi_extra=body_doc(OrderDayIn),
)
async def order_day(request: Request, db: DbDep, site: SiteDep, caller: HostDep) -> dict:
    body = await parse_body(request, OrderDayIn)
    early = when(body.earlyStartTimeISO, site.tz, "earlyStartTimeISO")
    late = when(body.lateStartTimeISO, site.tz, "lateStartTimeISO", end=True)
    days = await db.run(queries.order_days, db, site, caller, early, late, body.statusList, utcnow())
    return ok(days)


def record_filter(body: OrderRequestIn, tz: Any) -> queries.RecordFilter:
    return queries.RecordFilter(
        type=body.type,
        order_id=body.orderId,
        visitor_name=body.visitorName,
        visitor_phone=body.visitorPhoneNum,
        identity_num=body.visitorIdentityNum,
        car_number=body.visitorCarNumber,
        visitor_code=body.visitorCode,
        qr_code=body.qrCode,
        purpose=body.visitorPurpose,
        work_unit=body.visitorWorkUnit,
        host_name=body.beVisitorPersonName,
        sex=body.visitorSex,
        statuses=body.statusList,
        early_start=when(body.earlyStartTimeISO, tz, "earlyStartTimeISO"),
        late_start=when(body.lateStartTimeISO, tz, "lateStartTimeISO", end=True),
        early_end=when(body.earlyEndTimeISO, tz, "earlyEndTimeISO"),
        late_end=when(body.lateEndTimeISO, tz, "lateEndTimeISO", end=True),
        early_register=when(body.earlyRegisterTimeISO, tz, "earlyRegisterTimeISO"),
        late_register=when(body.lateRegisterTimeISO, tz, "lateRegisterTimeISO", end=True),
        sort=body.sort,
    )


@router.post(
    "/record/page",
    response_model=Envelope[Page[OrderResponse]],  # type: ignore[valid-type]
    responses=ANSWERS,
    summary="查询预约记录（type 0 被访记录，1 审批记录，2 邀约记录）",
    openapi_extra=body_doc(OrderRequestIn),
)
async def record_page(request: Request, db: DbDep, site: SiteDep, caller: HostDep) -> dict:
    body = await parse_body(request, OrderRequestIn)
    page_no, page_size = page_numbers(body.pageNo, body.pageSize)
    items, total = await db.run(
        queries.host_records, db, site, caller, record_filter(body, site.tz), page_no, page_size
    )
    return paged(items, total, page_no, page_size)
