"""13_微信小程序_访客审核端: the host's side on the miniapp (approval itself goes through the
approval endpoints of 09, routes/mp_host.py, which take any channel's host session): the lists of
appointments to approve, overdue, to receive and received; invitations (create, cancel, stop or
reopen the link, send the SMS again, the share records); cancel; the detail of a batch.
Thin: parse, hand the use case to the database's threads, wrap the answer."""

from __future__ import annotations

from fastapi import APIRouter, Request

from server.body import body_doc, parse_body
from server.deps import DbDep, HostDep, NotifierDep, SiteDep
from server.envelope import ok
from server.models._common import utcnow
from server.routes.mobile_common import invitation_form, paged
from server.schemas.common import Envelope, Page, errors
from server.schemas.mobile import (
    BatchRefIn,
    BatchStarted,
    Changed,
    HostCard,
    InvitationIn,
    NamedPageIn,
    OrderDetail,
    PageIn,
    ShareLogIn,
    ShareRecord,
)
from server.services import appointment_queries as queries
from server.services import appointment_views as views
from server.services import appointments

router = APIRouter(prefix="/ui/v1/wechat/miniapp/bevisitor", tags=["13_微信小程序_访客审核端"])
ANSWERS = errors(400, 401, 403, 404, 413, 422)
READS = errors(400, 401, 403, 413)


def _changed(visit) -> dict:  # type: ignore[no-untyped-def]
    return ok({"orderId": visit.order_id, "status": int(visit.status)})


@router.post(
    "/invitation/again/send/sms",
    response_model=Envelope[Changed],
    responses=errors(400, 401, 403, 404, 413, 422, 429),
    summary="员工重发邀约短信（邀约中；每分钟一次，共 5 次）",
    openapi_extra=body_doc(BatchRefIn),
)
async def resend_sms(
    request: Request, db: DbDep, site: SiteDep, caller: HostDep, notifier: NotifierDep
) -> dict:
    body = await parse_body(request, BatchRefIn)
    visit = await db.run(appointments.resend_invitation, db, site, caller, body.visitorBatch or "", utcnow())
    notifier.kick()
    return _changed(visit)


async def cancel_batch(
    request: Request, db: DbDep, site: SiteDep, caller: HostDep, notifier: NotifierDep
) -> dict:
    body = await parse_body(request, BatchRefIn)
    visit = await db.run(
        appointments.cancel_by_host, db, site, caller, body.visitorBatch or "", True, utcnow()
    )
    notifier.kick()
    return _changed(visit)


async def batch_detail(request: Request, db: DbDep, site: SiteDep, caller: HostDep) -> dict:
    body = await parse_body(request, BatchRefIn)
    visit, batch = await db.run(appointments.host_detail, db, caller, body.visitorBatch or "", True)
    return ok(views.detail_response(visit, batch, site.tz, site.settings.site_name, host=True))


async def reception_doing(request: Request, db: DbDep, site: SiteDep, caller: HostDep) -> dict:
    body = await parse_body(request, PageIn)
    items, total = await db.run(
        queries.host_cards, db, site, caller, "reception_doing", body.pageNo, body.pageSize, None, utcnow()
    )
    return paged(items, total, body.pageNo, body.pageSize)


async def reception_history(request: Request, db: DbDep, site: SiteDep, caller: HostDep) -> dict:
    body = await parse_body(request, NamedPageIn)
    items, total = await db.run(
        queries.host_cards,
        db,
        site,
        caller,
        "reception_history",
        body.pageNo,
        body.pageSize,
        body.visitorName,
        utcnow(),
    )
    return paged(items, total, body.pageNo, body.pageSize)


router.post(
    "/order/cancel",
    response_model=Envelope[Changed],
    responses=ANSWERS,
    summary="员工取消预约（整批；邀约中的为取消邀约）",
    openapi_extra=body_doc(BatchRefIn),
)(cancel_batch)
router.post(
    "/order/detail",
    response_model=Envelope[OrderDetail],  # type: ignore[valid-type]
    responses=ANSWERS,
    summary="获取预约记录详情（证件号脱敏）",
    openapi_extra=body_doc(BatchRefIn),
)(batch_detail)


@router.post(
    "/order/examine/log/doing",
    response_model=Envelope[Page[HostCard]],
    responses=READS,
    summary="获取待审批记录（按来访时间）",
    openapi_extra=body_doc(PageIn),
)
async def examine_doing(request: Request, db: DbDep, site: SiteDep, caller: HostDep) -> dict:
    body = await parse_body(request, PageIn)
    items, total = await db.run(
        queries.host_cards, db, site, caller, "examine_doing", body.pageNo, body.pageSize, None, utcnow()
    )
    return paged(items, total, body.pageNo, body.pageSize)


@router.post(
    "/order/examine/log/expires",
    response_model=Envelope[Page[HostCard]],
    responses=READS,
    summary="获取审批逾期记录（审批逾期，或待审批且离开时间已过；按离开时间倒序）",
    openapi_extra=body_doc(NamedPageIn),
)
async def examine_expires(request: Request, db: DbDep, site: SiteDep, caller: HostDep) -> dict:
    body = await parse_body(request, NamedPageIn)
    items, total = await db.run(
        queries.host_cards,
        db,
        site,
        caller,
        "examine_expires",
        body.pageNo,
        body.pageSize,
        body.visitorName,
        utcnow(),
    )
    return paged(items, total, body.pageNo, body.pageSize)


@router.post(
    "/order/invitation/cancel",
    response_model=Envelope[Changed],
    responses=ANSWERS,
    summary="员工取消邀约",
    openapi_extra=body_doc(BatchRefIn),
)
async def cancel_invitation(
    request: Request, db: DbDep, site: SiteDep, caller: HostDep, notifier: NotifierDep
) -> dict:
    body = await parse_body(request, BatchRefIn)
    visit = await db.run(
        appointments.cancel_invitation, db, site, caller, body.visitorBatch or "", True, utcnow()
    )
    notifier.kick()
    return _changed(visit)


@router.post(
    "/order/invitation/founding",
    response_model=Envelope[BatchStarted],
    responses=ANSWERS,
    summary="员工发起邀约（短信通知访客）",
    openapi_extra=body_doc(InvitationIn),
)
async def invite(request: Request, db: DbDep, site: SiteDep, caller: HostDep, notifier: NotifierDep) -> dict:
    body = await parse_body(request, InvitationIn)
    visit, replayed = await db.run(
        appointments.invite, db, site, caller, invitation_form(body, site.tz), "miniapp", utcnow()
    )
    notifier.kick()
    data = {"visitorBatch": visit.visit_batch, "orderId": visit.order_id}
    return ok(data, "该邀约已发起过，返回已保存的邀约" if replayed else "success")


router.post(
    "/order/reception/log/doing",
    response_model=Envelope[Page[HostCard]],
    responses=READS,
    summary="获取待受访记录（正常、迟到、已到达；按来访时间）",
    openapi_extra=body_doc(PageIn),
)(reception_doing)
router.post(
    "/order/reception/log/history",
    response_model=Envelope[Page[HostCard]],
    responses=READS,
    summary="获取受访历史记录（签离、超期；按离开时间倒序）",
    openapi_extra=body_doc(NamedPageIn),
)(reception_history)


@router.post(
    "/order/share/log",
    response_model=Envelope[Page[ShareRecord]],
    responses=READS,
    summary="获取邀约分享记录（inviting 邀约中，expire 已失效）",
    openapi_extra=body_doc(ShareLogIn),
)
async def share_log(request: Request, db: DbDep, site: SiteDep, caller: HostDep) -> dict:
    body = await parse_body(request, ShareLogIn)
    items, total = await db.run(
        queries.share_log, db, site, caller, body.invitationState, body.pageNo, body.pageSize
    )
    return paged(items, total, body.pageNo, body.pageSize)


@router.post(
    "/order/share/update",
    response_model=Envelope[Changed],
    responses=ANSWERS,
    summary="停止邀约（shareStatus 0）和开启邀约（1）",
    openapi_extra=body_doc(BatchRefIn),
)
async def share_update(request: Request, db: DbDep, caller: HostDep) -> dict:
    body = await parse_body(request, BatchRefIn)
    visit = await db.run(
        appointments.set_share, db, caller, body.visitorBatch or "", body.shareStatus, utcnow()
    )
    return _changed(visit)
