"""Visit endpoints of 15_客户端接口 (register, sign out, look-ups, privileges, credential results,
offline upload) plus the `ext/qrKeys` extension; thin: parse, call a service, wrap the answer."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from server.body import body_doc, parse_body
from server.db import Database
from server.deps import DbDep, KioskDep, SettingsDep
from server.envelope import ApiError, ok, page, page_response
from server.models import Kiosk, Visit
from server.models._common import utcnow
from server.models.visit import QrKey
from server.reference.schemas import Envelope, Page, errors
from server.services import credentials, lookup, offline_sync, register
from server.services.lookup import DetailsQuery
from server.services.schemas import (
    AuthResultDto,
    QrKeys,
    Reissued,
    SignedOut,
    SimpleVisitorInfo,
    VisitorBaseInfo,
)
from server.services.validation import Str, StrList
from server.services.visits import SiteContext, visitor_info
from server.settings import Settings
from visitorcs import qrtoken
from visitorcs.wire import RegisteredVisitorInfo, RegisterInfo, SyncAnswer, SyncBatch, VisitorInfo

router = APIRouter(prefix="/api/v1/clientService", tags=["15_客户端接口"])


def site(request: Request, settings: Settings) -> SiteContext:
    ctx = getattr(request.app.state, "site_context", None)
    if ctx is None:
        ctx = request.app.state.site_context = SiteContext(settings)
    return ctx


class OrderIdBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    orderId: Str = None


class PrivilegeEditInfo(BaseModel):
    model_config = ConfigDict(extra="ignore")
    endTimeISO: Str = None
    orderId: Str = None
    privilegeGroupIds: StrList = None
    registerPlace: Str = None


async def _order_id(request: Request, query_value: str | None) -> str:
    """orderId from the query (as the spec says) or from a form/JSON body (as clients also send)."""
    value = (query_value or "").strip()
    if not value:
        value = ((await parse_body(request, OrderIdBody)).orderId or "").strip()
    if not value:
        raise ApiError(400, "orderId: 缺少必填参数")
    if len(value) > 64:
        raise ApiError(400, "orderId: 过长")
    return value


def _registered(done: register.Registered, ctx: SiteContext) -> dict[str, Any]:
    data = visitor_info(done.visit, ctx.tz)
    data["companions"] = [visitor_info(c, ctx.tz) for c in done.companions]
    return data


@router.post(
    "/order/register",
    response_model=Envelope[RegisteredVisitorInfo],
    responses=errors(400, 401, 404, 413, 422),
    summary="访客登记",
    openapi_extra=body_doc(RegisterInfo),
)
async def order_register(
    request: Request, db: DbDep, settings: SettingsDep, kiosk: KioskDep
) -> dict[str, Any]:
    info = await parse_body(request, RegisterInfo)
    ctx = site(request, settings)
    done = await db.call(_register_now, db, ctx, kiosk, info)
    return ok(_registered(done, ctx), "该登记已提交过，返回已保存的记录" if done.replayed else "success")


def _register_now(db: Database, ctx: SiteContext, kiosk: Kiosk, info: RegisterInfo) -> register.Registered:
    try:
        with db.write() as session:
            return register.register(session, ctx, kiosk, info, utcnow())
    except IntegrityError:
        # a concurrent replay of the same registration won the insert: answer from what it stored
        with db.write() as session:
            return register.register(session, ctx, kiosk, info, utcnow())


@router.post(
    "/signOut", response_model=Envelope[SignedOut], responses=errors(400, 401, 404, 413, 422), summary="签离"
)
async def sign_out(
    request: Request,
    db: DbDep,
    kiosk: KioskDep,
    orderId: Annotated[str | None, Query(description="访客预约单id")] = None,
) -> dict[str, Any]:
    order_id = await _order_id(request, orderId)
    return await db.call(_sign_out_now, db, order_id)


def _sign_out_now(db: Database, order_id: str) -> dict[str, Any]:
    now = utcnow()
    with db.write() as session:
        visit, comps, closed = register.sign_out(session, order_id, now, now)
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
async def visitor_details(
    request: Request, db: DbDep, settings: SettingsDep, kiosk: KioskDep
) -> JSONResponse:
    q = await parse_body(request, DetailsQuery)
    ctx = site(request, settings)
    rows = await db.on_rows(lookup.details, ctx, kiosk, q, utcnow())
    data = {r.order_id: visitor_info(r, ctx.tz) for r in rows}
    return JSONResponse(ok(data, "success" if data else "未找到符合条件的访客记录"))


@router.get(
    "/visitorInfo",
    response_model=Envelope[Page[VisitorInfo]],
    responses=errors(400, 401, 403),
    summary="分页展示访客信息",
)
async def visitor_info_page(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    kiosk: KioskDep,
    pageNo: Annotated[int, Query()],
    pageSize: Annotated[int, Query()],
    visitType: Annotated[str, Query()],
    macAddress: Annotated[str | None, Query()] = None,
    queryInfo: Annotated[str | None, Query()] = None,
    type: Annotated[int | None, Query()] = None,
) -> Response:
    ctx = site(request, settings)
    items, total = await db.on_rows(
        lookup.visitor_page, ctx, kiosk, visitType, pageNo, pageSize, queryInfo, type, macAddress, utcnow()
    )
    return page_response(items, pageNo, pageSize, total)


@router.get(
    "/validVisitorInfo/pageInfo",
    response_model=Envelope[Page[SimpleVisitorInfo]],
    responses=errors(400, 401, 404),
    summary="获取当前被访人的有效访客记录",
)
async def valid_visitor_page(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    kiosk: KioskDep,
    pageNo: Annotated[int, Query()],
    pageSize: Annotated[int, Query()],
    personId: Annotated[str, Query()],
) -> dict[str, Any]:
    ctx = site(request, settings)
    with db.read() as session:
        items, total = lookup.valid_page(session, ctx, personId, pageNo, pageSize)
    return page(items, pageNo, pageSize, total)


@router.get(
    "/lastVisitor/inquiry",
    response_model=Envelope[VisitorBaseInfo | None],
    responses=errors(400, 401),
    summary="根据证件信息查询最近一次历史访客记录",
)
async def last_visitor(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    kiosk: KioskDep,
    identityId: Annotated[int, Query()],
    identityNum: Annotated[str, Query()],
) -> dict[str, Any]:
    ctx = site(request, settings)
    with db.read() as session:
        data = lookup.last_visitor(session, ctx, identityId, identityNum)
    if data is None:
        return {"code": "0", "msg": "没有该证件的历史访客记录", "data": None}
    return ok(data)


@router.post(
    "/register/edit",
    response_model=Envelope[VisitorInfo],
    responses=errors(400, 401, 404, 413, 422),
    summary="访客权限修改",
    openapi_extra=body_doc(PrivilegeEditInfo),
)
async def register_edit(
    request: Request, db: DbDep, settings: SettingsDep, kiosk: KioskDep
) -> dict[str, Any]:
    body = await parse_body(request, PrivilegeEditInfo)
    if not (body.orderId or "").strip():
        raise ApiError(400, "orderId: 缺少必填参数")
    ctx = site(request, settings)
    with db.write() as session:
        visit = register.edit(
            session,
            ctx,
            body.orderId.strip(),
            body.endTimeISO,
            body.privilegeGroupIds,  # type: ignore[union-attr]
            body.registerPlace,
            utcnow(),
        )
    return ok(visitor_info(visit, ctx.tz))


@router.get(
    "/authResult",
    response_model=Envelope[list[AuthResultDto]],
    responses=errors(400, 401, 404),
    summary="查询访客权限下载结果",
)
async def auth_result(db: DbDep, kiosk: KioskDep, orderId: Annotated[str, Query()]) -> dict[str, Any]:
    with db.read() as session:
        return ok(lookup.auth_results(session, orderId.strip()))


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
    with db.write() as session:
        if session.get(Visit, order_id) is None:
            raise ApiError(404, "未找到该访客记录")
        count = credentials.retry_failed(session, order_id)
    return ok({"reissued": count}, "success" if count else "没有下发失败的权限")


@router.post(
    "/offline/data/synchron",
    response_model=Envelope[SyncAnswer],
    responses=errors(400, 401, 403, 409, 413),
    summary="离线数据上传",
    openapi_extra=body_doc(SyncBatch),
)
async def offline_synchron(
    request: Request, db: DbDep, settings: SettingsDep, kiosk: KioskDep
) -> dict[str, Any]:
    batch = await parse_body(request, SyncBatch)
    ctx = site(request, settings)
    # a batch is up to 500 records of database work: off the event loop, so other requests keep
    # flowing. The one-request writes above stay on the loop on SQLite (`Database.call`):
    # measured with 20 clients, the thread-pool hop costs more than the few ms they block it.
    return ok(await run_in_threadpool(offline_sync.synchronise, db, ctx, kiosk, batch))


@router.get(
    "/ext/qrKeys",
    response_model=Envelope[QrKeys],
    responses=errors(401),
    summary="访客二维码验签公钥（扩展）",
)
async def qr_keys(request: Request, db: DbDep, settings: SettingsDep, kiosk: KioskDep) -> dict[str, Any]:
    ctx = site(request, settings)
    keys = [{"kid": qrtoken.SERVER_KID, "publicKey": qrtoken.public_key_b64(ctx.qr_key)}]
    with db.read() as session:
        live = {k.id for k in session.exec(select(Kiosk).where(col(Kiosk.revoked).is_(False)))}
        for row in session.exec(select(QrKey).order_by(QrKey.kid)):  # type: ignore[arg-type]
            if row.kiosk_id in live:
                keys.append(
                    {"kid": int(row.kid or 0), "publicKey": row.public_key, "self": row.kiosk_id == kiosk.id}
                )
    return ok({"keys": keys})
