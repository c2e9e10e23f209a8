"""The platform's queries about visits (01_访客信息查询, rpc/v1 and the backlog callback): called by
another system with an integration credential; `projectId` in the body names the credential's
project (403 otherwise)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from server.body import body_doc, parse_body
from server.deps import DbDep, IntegrationDep, SettingsDep, SiteDep, check_project
from server.envelope import ok
from server.schemas.common import Envelope, errors
from server.schemas.feeds import (
    BacklogOperateCallbackDto,
    BindOpenIdRequest,
    Updated,
    VisitorBaseRequest,
    VisitorRequest,
    VisitorResponse,
    VisitorUpdate,
)
from server.services import visitor_queries as q

router = APIRouter(tags=["01_访客信息查询"])
ANSWERS = errors(400, 401, 403, 413)


@router.post(
    "/rpc/v1/client/login/info/num",
    response_model=Envelope[int],
    responses=ANSWERS,
    openapi_extra=body_doc(VisitorBaseRequest),
    summary="查询数据库中已登录客户端数量",
)
async def logged_in(request: Request, integration: IntegrationDep, db: DbDep) -> dict[str, Any]:
    body = await parse_body(request, VisitorBaseRequest)
    check_project(integration, body.projectId)
    return ok(await db.run(q.logged_in_kiosks, db))


@router.post(
    "/rpc/v1/visitor/expected/count",
    response_model=Envelope[int],
    responses=ANSWERS,
    openapi_extra=body_doc(VisitorBaseRequest),
    summary="查询今日预计来访记录（今日开始的预约数）",
)
async def expected(request: Request, integration: IntegrationDep, db: DbDep, site: SiteDep) -> dict[str, Any]:
    body = await parse_body(request, VisitorBaseRequest)
    project = check_project(integration, body.projectId)
    return ok(await db.run(q.expected_today, db, project, site.tz))


@router.post(
    "/rpc/v1/visitor/register/count",
    response_model=Envelope[int],
    responses=ANSWERS,
    openapi_extra=body_doc(VisitorRequest),
    summary="查询到访记录数（按时间条件；不给时间条件为今日）",
)
async def registered(
    request: Request, integration: IntegrationDep, db: DbDep, site: SiteDep
) -> dict[str, Any]:
    body = await parse_body(request, VisitorRequest)
    project = check_project(integration, body.projectId)
    return ok(await db.run(q.registered_count, db, body, project, site.tz))


async def _records(
    request: Request, integration: Any, db: Any, settings: Any, site: Any, mobile: bool
) -> dict[str, Any]:
    body = await parse_body(request, VisitorRequest)
    project = check_project(integration, body.projectId)
    records, words = await db.run(q.visitor_records, db, settings.data_dir, body, project, site.tz, mobile)
    return {"code": "0", "msg": words, "data": records}


@router.post(
    "/rpc/v1/visitor/info",
    response_model=Envelope[list[VisitorResponse]],
    responses=ANSWERS,
    openapi_extra=body_doc(VisitorRequest),
    summary="查询访客记录，isDel 为 0 时删除查出的已结束记录（须给出 visitorOpenId）",
)
async def visitor_info(
    request: Request, integration: IntegrationDep, db: DbDep, settings: SettingsDep, site: SiteDep
) -> dict[str, Any]:
    return await _records(request, integration, db, settings, site, mobile=False)


@router.post(
    "/rpc/v1/mobile/visitor/info",
    response_model=Envelope[list[VisitorResponse]],
    responses=ANSWERS,
    openapi_extra=body_doc(VisitorRequest),
    summary="获取移动端人员的访客记录（有 openId 或 userId 的记录）",
)
async def mobile_visitor_info(
    request: Request, integration: IntegrationDep, db: DbDep, settings: SettingsDep, site: SiteDep
) -> dict[str, Any]:
    return await _records(request, integration, db, settings, site, mobile=True)


@router.post(
    "/rpc/v1/visitor/order/update",
    response_model=Envelope[Updated],
    responses=ANSWERS,
    openapi_extra=body_doc(VisitorUpdate),
    summary="回填预约记录访客openId及userId（按访客手机号）",
)
async def visitor_update(request: Request, integration: IntegrationDep, db: DbDep) -> dict[str, Any]:
    body = await parse_body(request, VisitorUpdate)
    project = check_project(integration, body.projectId)
    return ok({"updated": await db.run(q.backfill_visitor, db, body, project)})


@router.post(
    "/rpc/v1/visitor/second/order/update",
    response_model=Envelope[Updated],
    responses=errors(400, 401, 403, 404, 413),
    openapi_extra=body_doc(BindOpenIdRequest),
    summary="回填二级审批记录openId（被访人及其待审批的记录）",
)
async def host_update(request: Request, integration: IntegrationDep, db: DbDep) -> dict[str, Any]:
    body = await parse_body(request, BindOpenIdRequest)
    project = check_project(integration, body.projectId)
    return ok({"updated": await db.run(q.backfill_host, db, body, project)})


@router.post(
    "/api/v1/visitor/backlog/callBack",
    response_model=Envelope[dict[str, Any]],
    responses=ANSWERS,
    openapi_extra=body_doc(BacklogOperateCallbackDto),
    summary="待办结果回调（审批类：通过/退回 backlogTypeBusinessId 指向的待审批预约）",
)
async def backlog(request: Request, integration: IntegrationDep, db: DbDep, site: SiteDep) -> dict[str, Any]:
    body = await parse_body(request, BacklogOperateCallbackDto)
    project = check_project(integration, body.projectId)
    return ok(await db.run(q.backlog_callback, db, site, body, project))
