"""The platform's feeds (14_对外接口): persons, privilege groups, the visitor field configuration,
the park notice pushed in; visits paged out by change sequence (order/sync); statuses the
platform decided pushed in. Called by another system with an integration credential
(`visitorcs-server integration add`), its `projectId` header naming the credential's project."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request

from server.body import body_doc, parse_body, parse_items
from server.db import Database
from server.deps import DbDep, FeedProjectDep, SiteDep
from server.envelope import ApiError, ok, page
from server.schemas.common import Envelope, Page, errors
from server.schemas.feeds import (
    FeedResult,
    FieldInfoDto,
    IscPersonDto,
    OrderDto,
    OrderResponse,
    OrderStatusDto,
    ParkNoticeIn,
    PrivilegeInfoDto,
    StatusResult,
)
from server.services import order_feed, site_data
from server.services.site_data import Outcome, Refused

router = APIRouter(prefix="/api/v1", tags=["14_对外接口"])

MAX_ITEMS = 1000  # rows per feed request (a batch of 1,000 persons is ~250 KB)
FEED = errors(400, 401, 403, 413)
HEADER = [
    {"name": "projectId", "in": "header", "required": True, "schema": {"type": "string", "maxLength": 64}}
]


def _array_doc(model: type, name: str) -> dict[str, Any]:
    schema = {"type": "array", "maxItems": MAX_ITEMS, "items": model.model_json_schema()}
    content = {"application/json": {"schema": schema}}
    return {"parameters": HEADER, "requestBody": {"required": True, "content": content}, "x-body-name": name}


def _object_doc(model: type) -> dict[str, Any]:
    return {"parameters": HEADER, **body_doc(model)}


def _rows(
    db: Database, apply: Callable[..., None], rows: list[tuple[str, dict[str, Any]]], *args: Any
) -> Outcome:
    outcome = Outcome()
    with db.write() as session:
        apply(session, rows, outcome, *args)
    return outcome


def _answer(request: Request, feed: str, outcome: Outcome) -> dict[str, Any]:
    request.app.state.metrics.feed(feed, outcome.counts())
    return {**outcome.counts(), "refused": [{"key": k, "reason": r} for k, r in outcome.refused]}


@router.post(
    "/person/syncPersonInfos",
    response_model=Envelope[list[str]],
    responses=FEED,
    openapi_extra=_array_doc(IscPersonDto, "iscPersonDtos"),
    summary="ISC人员同步（data 为未同步的人员编号；msg 写明原因）",
)
async def sync_persons(request: Request, project: FeedProjectDep, db: DbDep) -> dict[str, Any]:
    items = await parse_items(request, ("iscPersonDtos",), MAX_ITEMS)
    rows = [
        (
            str(item.get("personIndexCode") or key)[:64],
            {
                "personId": item.get("personIndexCode"),
                "name": item.get("personName"),
                "department": item.get("orgName"),
                "phone": item.get("phone"),
                "cardNo": item.get("cardNo"),
                "sex": item.get("sex"),
                "status": item.get("personStatus"),
            },
        )
        for key, item in items
    ]
    outcome = await db.run(_rows, db, site_data.person_rows, rows)
    _answer(request, "persons", outcome)
    refused = [key for key, _reason in outcome.refused]
    words = "success"
    if refused:
        words = f"{len(refused)} 人未同步：" + "；".join(f"{k}: {r}" for k, r in outcome.refused[:20])
    return {"code": "0", "msg": words, "data": refused}


@router.post(
    "/privilege/sync",
    response_model=Envelope[FeedResult],
    responses=FEED,
    openapi_extra=_array_doc(PrivilegeInfoDto, "privilegeInfoDtos"),
    summary="同步访客权限组信息（status -1 删除）",
)
async def sync_groups(request: Request, project: FeedProjectDep, db: DbDep) -> dict[str, Any]:
    items = await parse_items(request, ("privilegeInfoDtos",), MAX_ITEMS)
    rows = []
    for key, item in items:
        flag = str(item.get("isDefault", "") or "").strip()
        rows.append(
            (
                str(item.get("groupId") or key)[:64],
                {
                    "groupId": item.get("groupId"),
                    "groupName": item.get("groupName"),
                    "remark": item.get("remark"),
                    "isDefault": flag == "0",  # the spec's encoding: "0" = the default group
                    "disorder": item.get("disorder"),
                    "status": item.get("status"),
                },
            )
        )
    outcome = await db.run(_rows, db, site_data.group_rows, rows, project)
    return ok(_answer(request, "privilegeGroups", outcome))


@router.post(
    "/field/sync",
    response_model=Envelope[FeedResult],
    responses=FEED,
    openapi_extra=_array_doc(FieldInfoDto, "fieldInfoDtos"),
    summary="同步访客信息字段、来访事由及访客类型（status -1 删除）",
)
async def sync_fields(request: Request, project: FeedProjectDep, db: DbDep) -> dict[str, Any]:
    items = await parse_items(request, ("fieldInfoDtos",), MAX_ITEMS)
    rows = [(str(item.get("paraId") or item.get("paraKey") or key)[:64], item) for key, item in items]
    outcome = await db.run(_rows, db, site_data.field_rows, rows, project)
    return ok(_answer(request, "fields", outcome))


def _notice(db: Database, body: ParkNoticeIn) -> Outcome:
    outcome = Outcome()
    try:
        status, title, content = site_data.notice_fields(
            {"status": body.parkStatus, "title": body.parkTitle, "content": body.parkNotice}
        )
    except Refused as exc:
        raise ApiError(400, str(exc)) from None
    with db.write() as session:
        site_data.set_notice(session, status, title, content, outcome)
    return outcome


@router.post(
    "/config/park/notice/sync",
    response_model=Envelope[FeedResult],
    responses=FEED,
    openapi_extra=_object_doc(ParkNoticeIn),
    summary="同步访客入园须知信息",
)
async def sync_notice(request: Request, project: FeedProjectDep, db: DbDep) -> dict[str, Any]:
    body = await parse_body(request, ParkNoticeIn)
    if body.projectId and body.projectId.strip() != project:
        raise ApiError(403, "projectId: 请求体与请求头的项目编号不一致")
    outcome = await db.run(_notice, db, body)
    return ok(_answer(request, "notice", outcome))


@router.post(
    "/order/sync",
    response_model=Envelope[Page[OrderResponse]],
    responses=FEED,
    openapi_extra=_object_doc(OrderDto),
    summary="分页同步访客预约信息（按更新顺序 disorder 递增；请以上次最大的 disorder 续取第 1 页）",
)
async def sync_orders(request: Request, project: FeedProjectDep, db: DbDep, site: SiteDep) -> dict[str, Any]:
    body = await parse_body(request, OrderDto)
    page_no, page_size = body.pageNo or 1, body.pageSize or 100
    items, total = await db.run(
        order_feed.order_page, db, project, body.disorder or 0, page_no, page_size, site.tz
    )
    return page(items, page_no, page_size, total)


@router.post(
    "/order/status/sync",
    response_model=Envelope[StatusResult],
    responses=FEED,
    openapi_extra=_array_doc(OrderStatusDto, "orderStatusDtos"),
    summary="同步访客预约状态（审批、取消、签离等；到达须经访客机登记）",
)
async def sync_statuses(
    request: Request, project: FeedProjectDep, db: DbDep, site: SiteDep
) -> dict[str, Any]:
    items = await parse_items(request, ("orderStatusDtos",), MAX_ITEMS)
    result = await db.run(order_feed.apply_statuses, db, site, project, items)
    request.app.state.metrics.feed(
        "orderStatus",
        {"applied": result["applied"], "unchanged": result["unchanged"], "refused": len(result["refused"])},
    )
    return ok(result)
