"""Operations (the spec's Spring Boot actuator and k8s probes): `/actuator` (links),
`/actuator/health` (the database and the background workers), `/actuator/health/{component}`,
`/actuator/prometheus` (prometheus_client exposition, server/metrics.py), `/application/health`,
`/services` and `/getServiceDetail`. Open like a load balancer's probe needs them; they carry no
personal data (restrict them at the reverse proxy where the network is not trusted)."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import text

from server.db import Database
from server.deps import DbDep
from server.envelope import ApiError
from server.metrics import CONTENT_TYPE_LATEST
from server.schemas.common import Envelope, errors
from visitorcs.paths import PREFIX

router = APIRouter(tags=["operation-handler"])
SERVICE = "visitorcs"
STARTED = time.monotonic()
# the k8s probes answer whatever the method (the spec lists them all); TRACE is left out: it
# echoes requests back (cross-site tracing) and no probe uses it
PROBE_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
HEALTH_DOC = {
    200: {"description": "UP", "content": {"application/json": {"schema": {"type": "object"}}}},
    503: {"description": "DOWN", "content": {"application/json": {"schema": {"type": "object"}}}},
}


def _ping(db: Database) -> None:
    with db.rows() as conn:
        conn.execute(text("select 1"))


async def components(request: Request, db: Database) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    try:
        await db.run(_ping, db)
        out["db"] = {"status": "UP", "details": {"database": db.engine.dialect.name}}
    except Exception as exc:  # the database is the dependency worth reporting
        out["db"] = {"status": "DOWN", "details": {"error": str(exc)[:200]}}
    workers = request.app.state.worker_status
    ok, words = workers.healthy()
    out["workers"] = {
        "status": "UP" if ok else "DOWN",
        "details": {"state": words, "runs": workers.runs, "failures": workers.failures},
    }
    return out


def _status(parts: dict[str, dict[str, Any]]) -> str:
    return "UP" if all(p["status"] == "UP" for p in parts.values()) else "DOWN"


@router.get("/actuator", responses={200: {"description": "links"}}, summary="actuator links")
async def links(request: Request) -> dict[str, Any]:
    base = str(request.base_url).rstrip("/") + PREFIX + "/actuator"
    return {
        "_links": {
            "self": {"href": base, "templated": False},
            "health": {"href": base + "/health", "templated": False},
            "health-path": {"href": base + "/health/{*path}", "templated": True},
            "prometheus": {"href": base + "/prometheus", "templated": False},
        }
    }


@router.get("/actuator/health", responses=HEALTH_DOC, summary="健康检查：数据库与后台任务")
async def health(request: Request, db: DbDep) -> JSONResponse:
    parts = await components(request, db)
    status = _status(parts)
    return JSONResponse(
        status_code=200 if status == "UP" else 503, content={"status": status, "components": parts}
    )


@router.get(
    "/actuator/health/{component}",
    responses={**HEALTH_DOC, **errors(404)},
    summary="健康检查：单个组件（db、workers）",
)
async def health_part(component: str, request: Request, db: DbDep) -> JSONResponse:
    parts = await components(request, db)
    if component not in parts:
        raise ApiError(404, f"没有这个组件: {component[:64]}（可用: {', '.join(parts)}）")
    part = parts[component]
    return JSONResponse(status_code=200 if part["status"] == "UP" else 503, content=part)


@router.get(
    "/actuator/prometheus",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "Prometheus 文本格式"}},
    summary="Prometheus 指标",
)
async def prometheus(request: Request) -> Response:
    return Response(request.app.state.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


async def application_health(request: Request, db: DbDep) -> JSONResponse:
    status = _status(await components(request, db))
    return JSONResponse(
        status_code=200 if status == "UP" else 503,
        content={
            "code": "0" if status == "UP" else "503",
            "msg": "success" if status == "UP" else "服务异常",
            "data": status,
        },
    )


async def services() -> dict[str, Any]:
    return {"code": "0", "msg": "success", "data": [SERVICE]}


async def service_detail(
    request: Request, db: DbDep, serviceName: str | None = Query(default=None, max_length=64)
) -> JSONResponse:
    if serviceName and serviceName.strip() != SERVICE:
        raise ApiError(404, f"没有这个服务: {serviceName}")
    parts = await components(request, db)
    settings = request.app.state.settings
    detail = {
        "name": SERVICE,
        "version": request.app.version,
        "status": _status(parts),
        "site": settings.site_name,
        "projectId": settings.project_id,
        "timezone": str(settings.timezone),
        "database": db.engine.dialect.name,
        "uptimeSeconds": int(time.monotonic() - STARTED),
        "components": parts,
    }
    return JSONResponse(content={"code": "0", "msg": "success", "data": detail})


for _method in PROBE_METHODS:  # one operation per method: each its own id in the document
    _m = _method.lower()
    router.add_api_route(
        "/application/health",
        application_health,
        methods=[_method],
        operation_id=f"application_health_{_m}",
        response_model=Envelope[str],
        responses={503: {"description": "DOWN"}},
        summary="应用健康检查（k8s 探针）",
        tags=["k8s测试类"],
    )
    router.add_api_route(
        "/services",
        services,
        methods=[_method],
        operation_id=f"services_{_m}",
        response_model=Envelope[list[str]],
        summary="本进程提供的服务",
        tags=["k8s测试类"],
    )
    router.add_api_route(
        "/getServiceDetail",
        service_detail,
        methods=[_method],
        operation_id=f"service_detail_{_m}",
        response_model=Envelope[dict[str, Any]],
        responses={**errors(404), 503: {"description": "DOWN"}},
        summary="服务详情（版本、运行时间、数据库、后台任务）",
        tags=["k8s测试类"],
    )
