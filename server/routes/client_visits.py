"""Visit endpoints of 15_客户端接口 (register, sign out, look-ups, privileges, credential results,
offline upload) plus the `ext/qrKeys` extension; thin: parse, hand the use case to the database's
threads (`db.run`), wrap the answer."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from server.body import body_doc, parse_body
from server.deps import DbDep, KioskDep, NotifierDep, OperatorDep, SiteDep
from server.envelope import ApiError, ok, page, page_response
from server.models._common import utcnow
from server.picture_refs import origin_of
from server.rights import Actor
from server.schemas.client_visits import (
    AuthResultDto,
    DetailsQuery,
    OrderIdBody,
    PrivilegeEditInfo,
    QrKeys,
    Reissued,
    SignedOut,
    SimpleVisitorInfo,
    VisitorBaseInfo,
)
from server.schemas.common import Envelope, Page, errors
from server.services import credentials, lookup, offline_sync
from server.services.edit_visit import edit_now
from server.services.registration import register_now
from server.services.sign_out import sign_out_now
from server.services.visits import visitor_info
from visitorcs.wire import RegisteredVisitorInfo, RegisterInfo, SyncAnswer, SyncBatch, VisitorInfo

router = APIRouter(prefix="/api/v1/clientService", tags=["15_客户端接口"])


async def _order_id(request: Request, query_value: str | None) -> str:
    """orderId from the query (as the spec says) or from a form/JSON body (as clients also send)."""
    return (await _order_and_qr(request, query_value, None))[0]


async def _order_and_qr(request: Request, query_value: str | None, query_qr: str | None) -> tuple[str, str]:
    """orderId and the optional qrCode, each from the query or else from a form/JSON body."""
    value, qr = (query_value or "").strip(), (query_qr or "").strip()
    if not value or not qr:
        body = await parse_body(request, OrderIdBody)
        value = value or (body.orderId or "").strip()
        qr = qr or (body.qrCode or "").strip()
    if not value:
        raise ApiError(400, "orderId: 缺少必填参数")
    if len(value) > 64:
        raise ApiError(400, "orderId: 过长")
    if len(qr) > 256:
        raise ApiError(400, "qrCode: 过长")
    return value, qr


@router.post(
    "/order/register",
    response_model=Envelope[RegisteredVisitorInfo],
    responses=errors(400, 401, 404, 413, 422),
    summary="访客登记",
    openapi_extra=body_doc(RegisterInfo),
)
async def order_register(
    request: Request, db: DbDep, site: SiteDep, kiosk: KioskDep, notifier: NotifierDep
) -> dict[str, Any]:
    info = await parse_body(request, RegisterInfo)
    done = await db.run(register_now, db, site, kiosk, info, origin_of(str(request.base_url)))
    notifier.kick()  # the host's arrival message: delivered by the notifier's thread, not here
    data = visitor_info(done.visit, site.tz)
    data["companions"] = [visitor_info(c, site.tz) for c in done.companions]
    return ok(data, "该登记已提交过，返回已保存的记录" if done.replayed else "success")


@router.post(
    "/signOut",
    response_model=Envelope[SignedOut],
    responses=errors(400, 401, 403, 404, 413, 422),
    summary="签离（其他访客机登记的访客：需访客单二维码 qrCode 或操作员会话 X-Operator-Token）",
)
async def sign_out(
    request: Request,
    db: DbDep,
    kiosk: KioskDep,
    operator: OperatorDep,
    orderId: Annotated[str | None, Query(description="访客预约单id")] = None,
    qrCode: Annotated[str | None, Query(description="扩展：访客出示的访客单二维码")] = None,
) -> dict[str, Any]:
    order_id, qr = await _order_and_qr(request, orderId, qrCode)
    visit, comps, closed = await db.run(sign_out_now, db, order_id, Actor(kiosk, operator), qr or None)
    data = {"orderId": visit.order_id, "companions": [c.order_id for c in comps]}
    return ok(data, "该访客已签离" if closed else "success")


# The two hot reads answer a Response, which FastAPI sends as it is: no validating and
# re-encoding of the dict against `response_model` (kept for the OpenAPI document). visitor_info
# gives the schema's types and key order, so the bytes are the same; tests/server/test_schemathesis.py
# checks the answers against the schema. visitorInfo's rows come encoded (services/list_rows.py).
@router.post(
    "/visitor/details",
    response_model=Envelope[dict[str, VisitorInfo]],
    responses=errors(400, 401, 403, 413),
    summary="获取访客详情",
    openapi_extra=body_doc(DetailsQuery),
)
async def visitor_details(request: Request, db: DbDep, site: SiteDep, kiosk: KioskDep) -> JSONResponse:
    q = await parse_body(request, DetailsQuery)
    rows = await db.run(lookup.details, db, site, kiosk, q, utcnow())
    data = {r.order_id: visitor_info(r, site.tz) for r in rows}
    return JSONResponse(ok(data, "success" if data else "未找到符合条件的访客记录"))


@router.get(
    "/visitorInfo",
    response_model=Envelope[Page[VisitorInfo]],
    responses=errors(400, 401, 403),
    summary="分页展示访客信息",
)
async def visitor_info_page(
    db: DbDep,
    site: SiteDep,
    kiosk: KioskDep,
    pageNo: Annotated[int, Query()],
    pageSize: Annotated[int, Query()],
    visitType: Annotated[str, Query()],
    macAddress: Annotated[str | None, Query()] = None,
    queryInfo: Annotated[str | None, Query()] = None,
    type: Annotated[int | None, Query()] = None,
) -> Response:
    items, total = await db.run(
        lookup.visitor_page,
        db,
        site,
        kiosk,
        visitType,
        pageNo,
        pageSize,
        queryInfo,
        type,
        macAddress,
        utcnow(),
    )
    return page_response(items, pageNo, pageSize, total)


@router.get(
    "/validVisitorInfo/pageInfo",
    response_model=Envelope[Page[SimpleVisitorInfo]],
    responses=errors(400, 401, 404),
    summary="获取当前被访人的有效访客记录",
)
async def valid_visitor_page(
    db: DbDep,
    site: SiteDep,
    kiosk: KioskDep,
    pageNo: Annotated[int, Query()],
    pageSize: Annotated[int, Query()],
    personId: Annotated[str, Query()],
) -> dict[str, Any]:
    items, total = await db.run(lookup.valid_page, db, site, personId, pageNo, pageSize)
    return page(items, pageNo, pageSize, total)


@router.get(
    "/lastVisitor/inquiry",
    response_model=Envelope[VisitorBaseInfo | None],
    responses=errors(400, 401),
    summary="根据证件信息查询最近一次历史访客记录",
)
async def last_visitor(
    db: DbDep,
    site: SiteDep,
    kiosk: KioskDep,
    identityId: Annotated[int, Query()],
    identityNum: Annotated[str, Query()],
) -> dict[str, Any]:
    data = await db.run(lookup.last_visitor, db, site, identityId, identityNum)
    if data is None:
        return {"code": "0", "msg": "没有该证件的历史访客记录", "data": None}
    return ok(data)


@router.post(
    "/register/edit",
    response_model=Envelope[VisitorInfo],
    responses=errors(400, 401, 403, 404, 413, 422),
    summary="访客权限修改（其他访客机登记的访客需操作员会话 X-Operator-Token；结束时间变更时重新签发二维码）",
    openapi_extra=body_doc(PrivilegeEditInfo),
)
async def register_edit(
    request: Request, db: DbDep, site: SiteDep, kiosk: KioskDep, operator: OperatorDep
) -> dict[str, Any]:
    body = await parse_body(request, PrivilegeEditInfo)
    order_id = (body.orderId or "").strip()
    if not order_id:
        raise ApiError(400, "orderId: 缺少必填参数")
    visit = await db.run(
        edit_now,
        db,
        site,
        order_id,
        body.endTimeISO,
        body.privilegeGroupIds,
        body.registerPlace,
        Actor(kiosk, operator),
    )
    return ok(visitor_info(visit, site.tz))


@router.get(
    "/authResult",
    response_model=Envelope[list[AuthResultDto]],
    responses=errors(400, 401, 404),
    summary="查询访客权限下载结果",
)
async def auth_result(db: DbDep, kiosk: KioskDep, orderId: Annotated[str, Query()]) -> dict[str, Any]:
    return ok(await db.run(lookup.auth_results, db, orderId.strip()))


@router.post(
    "/authResult/download",
    response_model=Envelope[Reissued],
    responses=errors(400, 401, 404, 413),
    summary="重新下发权限",
)
async def auth_result_download(
    request: Request, db: DbDep, kiosk: KioskDep, orderId: Annotated[str | None, Query()] = None
) -> dict[str, Any]:
    order_id = await _order_id(request, orderId)
    count = await db.run(credentials.retry_failed_now, db, order_id)
    return ok({"reissued": count}, "success" if count else "没有下发失败的权限")


@router.post(
    "/offline/data/synchron",
    response_model=Envelope[SyncAnswer],
    responses=errors(400, 401, 403, 409, 413, 422),
    summary="离线数据上传",
    openapi_extra=body_doc(SyncBatch),
)
async def offline_synchron(
    request: Request, db: DbDep, site: SiteDep, kiosk: KioskDep, operator: OperatorDep, notifier: NotifierDep
) -> dict[str, Any]:
    batch = await parse_body(request, SyncBatch)
    origin = origin_of(str(request.base_url))
    answer = await offline_sync.synchronise(db, site, kiosk, batch, origin, operator)
    notifier.kick()  # arrivals among the records: their hosts are told
    ops = {str(r.get("recordId")): r.get("op") for r in batch.records if isinstance(r, dict)}
    request.app.state.metrics.offline_results(
        [{"op": ops.get(r.get("recordId"), ""), "result": r.get("result")} for r in answer.get("results", [])]
    )
    return ok(answer)


@router.get(
    "/ext/qrKeys",
    response_model=Envelope[QrKeys],
    responses=errors(401),
    summary="访客二维码验签公钥（扩展）",
)
async def qr_keys(db: DbDep, site: SiteDep, kiosk: KioskDep) -> dict[str, Any]:
    return ok({"keys": await db.run(lookup.qr_keys, db, site, kiosk)})
