"""15_企微应用_员工端: the employee's side in the WeCom app: invitations (create, cancel, the
invited visitor's preview and acceptance, as the spec puts them here), cancel, the detail of a
batch, the reception lists. The handlers the miniapp's host side shares are registered again here
(routes/miniapp_host.py). Approval goes through routes/mp_host.py with the same host session."""

from __future__ import annotations

from fastapi import APIRouter, Request

from server.body import body_doc, parse_body
from server.deps import DbDep, HostDep, NotifierDep, SiteDep, VisitorDep
from server.envelope import ok
from server.models._common import utcnow
from server.routes import miniapp_host
from server.routes.mobile_common import invitation_form, order_ref, origin, person_num, visitor_form
from server.schemas.common import Envelope, Page, errors
from server.schemas.mobile import (
    AcceptIn,
    BatchRefIn,
    Changed,
    HostCard,
    InvitationIn,
    InvitationPreview,
    InvitationStarted,
    NamedPageIn,
    OrderDetail,
    OrderRefIn,
    PageIn,
    PreviewIn,
)
from server.services import appointment_views as views
from server.services import appointments

router = APIRouter(prefix="/ui/v1/wechat/wecom/bevisitor", tags=["15_企微应用_员工端"])
ANSWERS = errors(400, 401, 403, 404, 413, 422)
READS = errors(400, 401, 403, 413)


@router.post(
    "/invitation/accepting",
    response_model=Envelope[Changed],
    responses=ANSWERS,
    summary="接受邀约（受邀访客；faceId 为 facePic/upload 的人脸）",
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
    "/invitation/cancel",
    response_model=Envelope[Changed],
    responses=ANSWERS,
    summary="员工取消邀约",
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


router.post(
    "/order/cancel",
    response_model=Envelope[Changed],
    responses=ANSWERS,
    summary="员工取消预约（整批；邀约中的为取消邀约）",
    openapi_extra=body_doc(BatchRefIn),
)(miniapp_host.cancel_batch)
router.post(
    "/order/detail",
    response_model=Envelope[OrderDetail],  # type: ignore[valid-type]
    responses=ANSWERS,
    summary="获取预约记录详情（证件号脱敏）",
    openapi_extra=body_doc(BatchRefIn),
)(miniapp_host.batch_detail)


@router.post(
    "/order/invitation/founding",
    response_model=Envelope[InvitationStarted],
    responses=ANSWERS,
    summary="员工发起邀约（短信通知访客）",
    openapi_extra=body_doc(InvitationIn),
)
async def invite(request: Request, db: DbDep, site: SiteDep, caller: HostDep, notifier: NotifierDep) -> dict:
    body = await parse_body(request, InvitationIn)
    visit, replayed = await db.run(
        appointments.invite, db, site, caller, invitation_form(body, site.tz), "wecom", utcnow()
    )
    notifier.kick()
    data = {"orderId": visit.order_id, "visitorBatch": visit.visit_batch}
    return ok(data, "该邀约已发起过，返回已保存的邀约" if replayed else "success")


router.post(
    "/order/reception/log/doing",
    response_model=Envelope[Page[HostCard]],
    responses=READS,
    summary="获取待受访记录（正常、迟到、已到达；按来访时间）",
    openapi_extra=body_doc(PageIn),
)(miniapp_host.reception_doing)
router.post(
    "/order/reception/log/history",
    response_model=Envelope[Page[HostCard]],
    responses=READS,
    summary="获取受访历史记录（签离、超期；按离开时间倒序）",
    openapi_extra=body_doc(NamedPageIn),
)(miniapp_host.reception_history)
