"""15_企微应用_访客预约: the visitor's steps the WeCom app serves: the face picture, the form's
fields, the QR code, and the message login (server/services/mobile_login.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from server.body import body_doc, parse_body
from server.deps import CallerDep, CallersDep, ClientDep, DbDep, NotifierDep, SettingsDep, SiteDep, VisitorDep
from server.envelope import ok
from server.models._common import utcnow
from server.routes.mobile_common import order_ref, picture_path, upload_picture
from server.routes.mp_visitor import message_login
from server.schemas.common import Envelope, errors
from server.schemas.mobile import FaceIn, FaceUploaded, FieldInfo, MsgLoginIn, OrderRefIn, TokenDto
from server.services import appointments, mobile_reference

router = APIRouter(prefix="/ui/v1/wechat/wecom/visitor", tags=["15_企微应用_访客预约"])


@router.post(
    "/facePic/upload",
    response_model=Envelope[FaceUploaded],
    responses=errors(400, 401, 403, 413),
    summary="上传人脸图片（JPG ≤200 KB，人脸质量评分）",
    openapi_extra=body_doc(FaceIn),
)
async def face_upload(request: Request, db: DbDep, settings: SettingsDep, caller: CallerDep) -> dict:
    body = await parse_body(request, FaceIn)
    stored = await upload_picture(db, settings, caller, body.faceData, True)
    return ok(
        {
            "faceId": stored.face_id,
            "faceUrl": picture_path(stored.face_id),
            "level": stored.level,
            "score": stored.score,
        }
    )


@router.post(
    "/field/info",
    response_model=Envelope[list[FieldInfo]],
    responses=errors(400, 401, 403),
    summary="查询访客信息字段",
)
async def field_info(db: DbDep, caller: CallerDep) -> dict:
    return ok(await db.run(mobile_reference.field_info, db, "0"))


@router.post(
    "/qrCode",
    response_model=Envelope[str],
    responses=errors(400, 401, 403, 404, 413, 422),
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


@router.post(
    "/visitor/msg/login",
    response_model=Envelope[TokenDto],
    responses=errors(400, 401, 404, 413, 422, 429),
    summary="消息界面登录（访客；短信验证码：先不带 smsCode 发码，再带 smsCode 取会话）",
    openapi_extra=body_doc(MsgLoginIn),
)
async def msg_login(
    request: Request, db: DbDep, site: SiteDep, callers: CallersDep, client: ClientDep, notifier: NotifierDep
) -> dict:
    return await message_login(request, db, site, callers, client, notifier, "visitor")
