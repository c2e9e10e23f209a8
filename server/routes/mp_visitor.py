"""10_微信公众号管理_访客: the visitor's side on the official account: book, change, cancel, look at
their appointments, fetch the QR code, the form's reference data, and the message login that gives
a session (server/services/mobile_login.py). Thin: parse, hand the use case to the database's
threads, wrap the answer."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from server.body import body_doc, parse_body
from server.deps import CallerDep, CallersDep, ClientDep, DbDep, NotifierDep, SettingsDep, SiteDep, VisitorDep
from server.envelope import ok
from server.models._common import utcnow
from server.routes.mobile_common import (
    booking_form,
    order_ref,
    origin,
    page_numbers,
    paged,
    picture_path,
    upload_picture,
)
from server.routes.mp_host import record_filter
from server.schemas.common import Envelope, Page, errors
from server.schemas.mobile import (
    Booked,
    BookingIn,
    Changed,
    FieldInfo,
    ImageUploaded,
    MsgLoginIn,
    OrderModelConfig,
    OrderRefIn,
    OrderRequestIn,
    OrderResponse,
    PhConfigWeb,
    PictureIn,
    PrivilegeInfo,
    PromiseAll,
    TokenDto,
)
from server.services import appointment_queries as queries
from server.services import appointment_views as views
from server.services import appointments, mobile_login, mobile_reference

router = APIRouter(prefix="/ui/v1/wechat/visitor", tags=["10_微信公众号管理_访客"])
ANSWERS = errors(400, 401, 403, 404, 413, 422)
READS = errors(400, 401, 403)


@router.post(
    "/check/beVisitor",
    response_model=Envelope[str],
    responses=ANSWERS,
    summary="校验被访人手机号，返回被访人姓名（脱敏）",
)
async def check_host(
    db: DbDep,
    caller: VisitorDep,
    phoneNo: Annotated[str | None, Query(max_length=32)] = None,
    openId: Annotated[str | None, Query(max_length=64)] = None,
) -> dict:
    host = await db.run(mobile_reference.host_by_phone, db, phoneNo, "phoneNo")
    return ok(host["beVisitorPersonName"])


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
    appId: Annotated[str | None, Query(max_length=64)] = None,
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
    return ok(
        {
            "faceId": stored.face_id,
            "faceLevel": stored.level,
            "faceScore": stored.score,
            "imageUrl": picture_path(stored.face_id),
        }
    )


@router.post(
    "/order",
    response_model=Envelope[Booked],
    responses=ANSWERS,
    summary="访客微信公众号预约（待审批；通知被访人）",
    openapi_extra=body_doc(BookingIn),
)
async def book(request: Request, db: DbDep, site: SiteDep, caller: VisitorDep, notifier: NotifierDep) -> dict:
    body = await parse_body(request, BookingIn)
    visit, replayed = await db.run(
        appointments.book, db, site, caller, booking_form(body, site.tz), "mp", origin(request), utcnow()
    )
    notifier.kick()
    data = {"orderId": visit.order_id, "visitorBatch": visit.visit_batch, "status": int(visit.status)}
    return ok(data, "该预约已提交过，返回已保存的预约" if replayed else "success")


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
    summary="访客取消预约（或拒绝邀约）",
    openapi_extra=body_doc(OrderRefIn),
)
async def cancel(
    request: Request,
    db: DbDep,
    site: SiteDep,
    caller: VisitorDep,
    notifier: NotifierDep,
    orderId: Annotated[str | None, Query()] = None,
) -> dict:
    order_id = await order_ref(request, orderId)
    visit = await db.run(appointments.cancel_by_visitor, db, site, caller, order_id, utcnow())
    notifier.kick()
    return ok({"orderId": visit.order_id, "status": int(visit.status)})


@router.post(
    "/order/detail",
    response_model=Envelope[OrderResponse],  # type: ignore[valid-type]
    responses=ANSWERS,
    summary="查询预约详情（本人的预约）",
    openapi_extra=body_doc(OrderRefIn),
)
async def detail(
    request: Request,
    db: DbDep,
    site: SiteDep,
    caller: VisitorDep,
    orderId: Annotated[str | None, Query()] = None,
) -> dict:
    order_id = await order_ref(request, orderId)
    visit, _batch = await db.run(appointments.visitor_detail, db, caller, order_id, None)
    return ok(views.order_response(visit, site.tz))


@router.post(
    "/order/page",
    response_model=Envelope[Page[OrderResponse]],  # type: ignore[valid-type]
    responses=ANSWERS,
    summary="访客预约记录查询（本人的预约与邀约）",
    openapi_extra=body_doc(OrderRequestIn),
)
async def order_page(request: Request, db: DbDep, site: SiteDep, caller: VisitorDep) -> dict:
    body = await parse_body(request, OrderRequestIn)
    page_no, page_size = page_numbers(body.pageNo, body.pageSize)
    items, total = await db.run(
        queries.visitor_records, db, site, caller, record_filter(body, site.tz), page_no, page_size
    )
    return paged(items, total, page_no, page_size)


@router.post(
    "/orderModel/config", response_model=Envelope[OrderModelConfig], responses=READS, summary="预约模式"
)
async def order_model(db: DbDep, caller: CallerDep) -> dict:
    return ok(await db.run(mobile_reference.order_model, db))


@router.post(
    "/phConfig/info", response_model=Envelope[PhConfigWeb], responses=READS, summary="访客通行证配置"
)
async def ph_config(db: DbDep, caller: CallerDep) -> dict:
    return ok(await db.run(mobile_reference.pass_config, db))


@router.post(
    "/privilege/info",
    response_model=Envelope[list[PrivilegeInfo]],
    responses=READS,
    summary="访客权限组（isDefault 1 为默认）",
)
async def privilege_info(
    db: DbDep,
    site: SiteDep,
    caller: CallerDep,
    openId: Annotated[str | None, Query(max_length=64)] = None,
    type: Annotated[str | None, Query(max_length=16)] = None,
) -> dict:
    return ok(await db.run(mobile_reference.privilege_info, db, site.tz))


@router.post("/promise/info", response_model=Envelope[PromiseAll], responses=READS, summary="防疫承诺配置")
async def promise(db: DbDep, caller: CallerDep) -> dict:
    return ok(await db.run(mobile_reference.promise, db))


@router.post(
    "/qrCode",
    response_model=Envelope[str],
    responses=ANSWERS,
    summary="访客获取二维码（审批通过后；到访后用于签离）",
    openapi_extra=body_doc(OrderRefIn),
)
async def qr_code(
    request: Request,
    db: DbDep,
    site: SiteDep,
    caller: VisitorDep,
    orderId: Annotated[str | None, Query()] = None,
) -> dict:
    order_id = await order_ref(request, orderId)
    return ok(await db.run(appointments.qr_code, db, site, caller, order_id, utcnow()))


async def message_login(
    request: Request,
    db: DbDep,
    site: SiteDep,
    callers: CallersDep,
    client: ClientDep,
    notifier: NotifierDep,
    default_kind: str,
) -> dict[str, Any]:
    body = await parse_body(request, MsgLoginIn)
    req = mobile_login.LoginRequest(
        order_id=body.orderId or "",
        person_id=body.personId or "",
        kind=(body.type or default_kind).strip() or default_kind,
        phone=body.phoneNum or "",
        sms_code=body.smsCode or "",
    )
    answer = await db.run(mobile_login.login, db, callers.sessions, site.session_key, req, client, utcnow())
    notifier.kick()
    return ok(answer)


@router.post(
    "/visitor/msg/login",
    response_model=Envelope[TokenDto],
    responses=errors(400, 401, 404, 413, 422, 429),
    summary="消息界面登录（短信验证码：先不带 smsCode 发码，再带 smsCode 取会话）",
    openapi_extra=body_doc(MsgLoginIn),
)
async def msg_login(
    request: Request, db: DbDep, site: SiteDep, callers: CallersDep, client: ClientDep, notifier: NotifierDep
) -> dict:
    return await message_login(request, db, site, callers, client, notifier, "visitor")
