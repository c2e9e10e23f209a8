"""12_微信小程序_访客预约端: the visitor's side on the miniapp: find the host, book, submit, change,
cancel, the waiting and history lists, invitations (preview, accept), companions (the invite link's
preview, confirm), the QR code, and the form's reference data. Thin: parse, hand the use case to
the database's threads (server/services/appointments.py), wrap the answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from server.body import body_doc, parse_body
from server.deps import CallerDep, DbDep, NotifierDep, SettingsDep, SiteDep, VisitorDep
from server.envelope import ok
from server.models._common import utcnow
from server.routes.mobile_common import (
    booking_form,
    order_ref,
    origin,
    paged,
    picture_path,
    upload_picture,
    visitor_form,
)
from server.schemas.common import Envelope, Page, errors
from server.schemas.mobile import (
    BatchDetailsIn,
    BatchPreview,
    BatchRefIn,
    Booked,
    BookingIn,
    Changed,
    FieldInfo,
    HistoryIn,
    HostMatch,
    ImageUploaded,
    MatchIn,
    OrderDetail,
    OrderModelConfig,
    OrderRefIn,
    PageIn,
    PhConfigWeb,
    PictureIn,
    ProjectIn,
    PromiseAll,
    QrCodeDto,
    VisitorCard,
    VisitorOrderIn,
)
from server.services import appointment_queries as queries
from server.services import appointment_views as views
from server.services import appointments, mobile_reference

router = APIRouter(prefix="/ui/v1/wechat/miniapp/visitor", tags=["12_微信小程序_访客预约端"])
ANSWERS = errors(400, 401, 403, 404, 413, 422)
READS = errors(400, 401, 403, 413)


@router.post(
    "/field/info",
    response_model=Envelope[list[FieldInfo]],
    responses=READS,
    summary="查询访客信息字段（type 0 访客，1 被访人）",
)
async def field_info(
    db: DbDep,
    caller: CallerDep,
    type: Annotated[str | None, Query(max_length=16)] = None,
    projectId: Annotated[str | None, Query(max_length=64)] = None,
    orderModel: Annotated[str | None, Query(max_length=16)] = None,
) -> dict:
    return ok(await db.run(mobile_reference.field_info, db, type))


@router.post(
    "/image/upload",
    response_model=Envelope[ImageUploaded],
    responses=errors(400, 401, 403, 413),
    summary="上传预约表单中的图片（JPG ≤200 KB；type visitor 评分人脸）",
    openapi_extra=body_doc(PictureIn),
)
async def image_upload(request: Request, db: DbDep, settings: SettingsDep, caller: CallerDep) -> dict:
    body = await parse_body(request, PictureIn)
    stored = await upload_picture(
        db, settings, caller, body.imageData, (body.type or "").strip() == "visitor"
    )
    data = {
        "faceId": stored.face_id,
        "faceLevel": stored.level,
        "faceScore": stored.score,
        "imageUrl": picture_path(stored.face_id),
    }
    return ok(data)


@router.post(
    "/order/bevisitor/matching",
    response_model=Envelope[HostMatch],
    responses=ANSWERS,
    summary="通过手机号获取被访人（姓名脱敏）",
    openapi_extra=body_doc(MatchIn),
)
async def match_host(request: Request, db: DbDep, caller: VisitorDep) -> dict:
    body = await parse_body(request, MatchIn)
    return ok(await db.run(mobile_reference.host_by_phone, db, body.beVisitorPhoneNum))


@router.post(
    "/order/founding",
    response_model=Envelope[Booked],
    responses=ANSWERS,
    summary="访客预约（待审批；通知被访人）",
    openapi_extra=body_doc(BookingIn),
)
async def book(request: Request, db: DbDep, site: SiteDep, caller: VisitorDep, notifier: NotifierDep) -> dict:
    body = await parse_body(request, BookingIn)
    visit, replayed = await db.run(
        appointments.book, db, site, caller, booking_form(body, site.tz), "miniapp", origin(request), utcnow()
    )
    notifier.kick()
    data = {"orderId": visit.order_id, "visitorBatch": visit.visit_batch, "status": int(visit.status)}
    return ok(data, "该预约已提交过，返回已保存的预约" if replayed else "success")


@router.post(
    "/order/submit",
    response_model=Envelope[Changed],
    responses=ANSWERS,
    summary="访客提交预约（退回或审批逾期的预约连同同行人重新提交审批）",
    openapi_extra=body_doc(OrderRefIn),
)
async def submit(
    request: Request, db: DbDep, site: SiteDep, caller: VisitorDep, notifier: NotifierDep
) -> dict:
    order_id = await order_ref(request, None)
    visit = await db.run(appointments.submit, db, site, caller, order_id, utcnow())
    notifier.kick()
    return ok({"orderId": visit.order_id, "status": int(visit.status)})


@router.post(
    "/order/update",
    response_model=Envelope[Changed],
    responses=ANSWERS,
    summary="访客修改预约（已通过的预约改了被访人、时间、区域或人数则重新审批）",
    openapi_extra=body_doc(BookingIn),
)
async def update(
    request: Request, db: DbDep, site: SiteDep, caller: VisitorDep, notifier: NotifierDep
) -> dict:
    body = await parse_body(request, BookingIn)
    visit = await db.run(
        appointments.update, db, site, caller, booking_form(body, site.tz), origin(request), utcnow()
    )
    notifier.kick()
    return ok({"orderId": visit.order_id, "status": int(visit.status)})


@router.post(
    "/order/cancel",
    response_model=Envelope[Changed],
    responses=ANSWERS,
    summary="访客取消预约（或拒绝邀约；预约人取消时同行人一并取消）",
    openapi_extra=body_doc(OrderRefIn),
)
async def cancel(
    request: Request, db: DbDep, site: SiteDep, caller: VisitorDep, notifier: NotifierDep
) -> dict:
    order_id = await order_ref(request, None)
    visit = await db.run(appointments.cancel_by_visitor, db, site, caller, order_id, utcnow())
    notifier.kick()
    return ok({"orderId": visit.order_id, "status": int(visit.status)})


@router.post(
    "/order/detail",
    response_model=Envelope[OrderDetail],  # type: ignore[valid-type]
    responses=ANSWERS,
    summary="获取预约记录详情（本人的预约，含预约人与同行人）",
    openapi_extra=body_doc(VisitorOrderIn),
)
async def detail(request: Request, db: DbDep, site: SiteDep, caller: VisitorDep) -> dict:
    body = await parse_body(request, VisitorOrderIn)
    visit, batch = await db.run(
        appointments.visitor_detail, db, caller, body.orderId or "", body.visitorBatch
    )
    return ok(
        views.detail_response(
            visit,
            batch,
            site.tz,
            site.settings.site_name,
            host=False,
            owner=lambda row: appointments.is_owner(row, caller),
        )
    )


@router.post(
    "/order/go/log/doing",
    response_model=Envelope[Page[VisitorCard]],
    responses=READS,
    summary="获取待拜访记录（待审批、正常、迟到、已到达、审批退回、邀约中；按来访时间）",
    openapi_extra=body_doc(PageIn),
)
async def doing(request: Request, db: DbDep, site: SiteDep, caller: VisitorDep) -> dict:
    body = await parse_body(request, PageIn)
    items, total = await db.run(queries.visitor_doing, db, site, caller, body.pageNo, body.pageSize)
    return paged(items, total, body.pageNo, body.pageSize)


@router.post(
    "/order/go/log/history",
    response_model=Envelope[Page[VisitorCard]],
    responses=READS,
    summary="获取拜访历史记录（tabKey 0 全部，1 已失效，2 已拜访；最新在前）",
    openapi_extra=body_doc(HistoryIn),
)
async def history(request: Request, db: DbDep, site: SiteDep, caller: VisitorDep) -> dict:
    body = await parse_body(request, HistoryIn)
    items, total = await db.run(
        queries.visitor_history,
        db,
        site,
        caller,
        body.pageNo,
        body.pageSize,
        body.tabKey,
        body.beVisitorPersonName,
    )
    return paged(items, total, body.pageNo, body.pageSize)


@router.post(
    "/order/invitation/preview",
    response_model=Envelope[BatchPreview],
    responses=ANSWERS,
    summary="邀约预览（受邀访客：以收到邀约的手机号登录）",
    openapi_extra=body_doc(BatchRefIn),
)
async def invitation_preview(request: Request, db: DbDep, site: SiteDep, caller: VisitorDep) -> dict:
    body = await parse_body(request, BatchRefIn)
    visit = await db.run(appointments.invitation, db, caller, body.visitorBatch or "", True)
    return ok(
        views.batch_preview(visit, site.tz, site.settings.site_name, with_project=True, masked_phone=False)
    )


@router.post(
    "/order/invitation/accepting",
    response_model=Envelope[Changed],
    responses=ANSWERS,
    summary="接受邀约（签发预约码和二维码）",
    openapi_extra=body_doc(BatchDetailsIn),
)
async def accept(
    request: Request, db: DbDep, site: SiteDep, caller: VisitorDep, notifier: NotifierDep
) -> dict:
    body = await parse_body(request, BatchDetailsIn)
    visit = await db.run(
        appointments.accept,
        db,
        site,
        caller,
        body.visitorBatch or "",
        True,
        visitor_form(body),
        None,
        origin(request),
        utcnow(),
    )
    notifier.kick()
    return ok({"orderId": visit.order_id, "status": int(visit.status)})


@router.post(
    "/order/qrcode/refresh",
    response_model=Envelope[QrCodeDto],
    responses=ANSWERS,
    summary="获取二维码凭证（审批通过后；预约时间变更后重新签发）",
    openapi_extra=body_doc(OrderRefIn),
)
async def qr_refresh(request: Request, db: DbDep, site: SiteDep, caller: VisitorDep) -> dict:
    order_id = await order_ref(request, None)
    return ok({"authBarCode": await db.run(appointments.qr_code, db, site, caller, order_id, utcnow())})


@router.post(
    "/order/retinue/preview",
    response_model=Envelope[BatchPreview],
    responses=ANSWERS,
    summary="同行人邀请预览（持预约人分享的链接；被访人手机号脱敏）",
    openapi_extra=body_doc(BatchRefIn),
)
async def retinue_preview(request: Request, db: DbDep, site: SiteDep, caller: VisitorDep) -> dict:
    body = await parse_body(request, BatchRefIn)
    leader = await db.run(appointments.leader_of_batch, db, body.visitorBatch or "")
    mine = appointments.is_owner(leader, caller)
    return ok(
        views.batch_preview(
            leader, site.tz, site.settings.site_name, with_project=False, masked_phone=not mine
        )
    )


@router.post(
    "/order/retinue/confirm",
    response_model=Envelope[Changed],
    responses=ANSWERS,
    summary="确认同行（加入预约人的批次；visitorName 扩展：同行人姓名）",
    openapi_extra=body_doc(BatchDetailsIn),
)
async def retinue_confirm(request: Request, db: DbDep, site: SiteDep, caller: VisitorDep) -> dict:
    body = await parse_body(request, BatchDetailsIn)
    visit, replayed = await db.run(
        appointments.join,
        db,
        site,
        caller,
        body.visitorBatch or "",
        visitor_form(body),
        origin(request),
        utcnow(),
    )
    return ok(
        {"orderId": visit.order_id, "status": int(visit.status)}, "已确认同行" if replayed else "success"
    )


@router.post(
    "/orderModel/config", response_model=Envelope[OrderModelConfig], responses=READS, summary="预约模式"
)
async def order_model(
    db: DbDep, caller: CallerDep, projectId: Annotated[str | None, Query(max_length=64)] = None
) -> dict:
    return ok(await db.run(mobile_reference.order_model, db))


@router.post(
    "/phConfig/info",
    response_model=Envelope[PhConfigWeb],
    responses=READS,
    summary="访客通行证配置",
    openapi_extra=body_doc(ProjectIn),
)
async def ph_config(request: Request, db: DbDep, caller: CallerDep) -> dict:
    await parse_body(request, ProjectIn)
    return ok(await db.run(mobile_reference.pass_config, db))


@router.post(
    "/promise/info",
    response_model=Envelope[PromiseAll],
    responses=READS,
    summary="防疫承诺配置",
    openapi_extra=body_doc(ProjectIn),
)
async def promise(request: Request, db: DbDep, caller: CallerDep) -> dict:
    await parse_body(request, ProjectIn)
    return ok(await db.run(mobile_reference.promise, db))
