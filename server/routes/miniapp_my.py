"""11_微信小程序_个人中心: the booking form's reference data on the miniapp (also served, the same
way, by the WeCom app: routes/wecom_basic.py): enterprises, privilege groups (拜访区域), purposes,
visitor types, the time picker's precision. Any logged-in caller, visitor or host."""

from __future__ import annotations

from fastapi import APIRouter, Request

from server.body import body_doc, parse_body
from server.deps import CallerDep, DbDep, SiteDep
from server.envelope import ok
from server.schemas.common import Envelope, errors
from server.schemas.mobile import (
    EnterpriseIn,
    EnterpriseList,
    GroupList,
    ProjectIn,
    PurposeList,
    TimeDisplay,
    TypeList,
)
from server.services import mobile_reference

router = APIRouter(prefix="/ui/v1/wechat/miniapp/my", tags=["11_微信小程序_个人中心"])
READS = errors(400, 401, 403, 413)


@router.post(
    "/enterprise/list",
    response_model=Envelope[EnterpriseList],
    responses=READS,
    summary="获取工作单位列表（本服务为一个园区：名称包含所填文字时列出）",
    openapi_extra=body_doc(EnterpriseIn),
)
async def enterprise_list(request: Request, site: SiteDep, caller: CallerDep) -> dict:
    body = await parse_body(request, EnterpriseIn)
    return ok({"enterpriseList": mobile_reference.enterprises(site.settings.site_name, body.enterpriseName)})


@router.post(
    "/privilege/group", response_model=Envelope[GroupList], responses=READS, summary="访客权限组列表"
)
async def privilege_group(db: DbDep, caller: CallerDep) -> dict:
    return ok({"groupList": await db.run(mobile_reference.privilege_groups, db)})


@router.post(
    "/purpose",
    response_model=Envelope[PurposeList],
    responses=READS,
    summary="事由列表",
    openapi_extra=body_doc(ProjectIn),
)
async def purpose(request: Request, db: DbDep, caller: CallerDep) -> dict:
    await parse_body(request, ProjectIn)
    return ok({"purposeList": await db.run(mobile_reference.purposes, db)})


@router.post(
    "/timeDisplay",
    response_model=Envelope[TimeDisplay],
    responses=READS,
    summary="预约/邀约时间选择类型（0 仅日期，1 时分）",
)
async def time_display(db: DbDep, caller: CallerDep) -> dict:
    return ok(await db.run(mobile_reference.time_display, db))


@router.post("/visitor/type", response_model=Envelope[TypeList], responses=READS, summary="访客类型列表")
async def visitor_type(db: DbDep, caller: CallerDep) -> dict:
    return ok({"typeList": await db.run(mobile_reference.visitor_type_list, db)})
