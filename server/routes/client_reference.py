"""Kiosk reference-data endpoints of `clientService`: login/logOut (licence), time,
catalogues, field configuration, site settings, hosts, blacklist, picture upload and
the picture download extension. Thin: parse, hand server.reference / pictures / licence to the
database's threads (`db.run`), wrap the answer."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from server import licence, pictures
from server.body import body_doc, parse_body
from server.deps import DbDep, KioskDep, SettingsDep
from server.envelope import ok, page
from server.reference import catalog, people
from server.reference.common import INT32_MAX
from server.schemas.client_reference import (
    AuthorizationInfo,
    BlacklistDto,
    FieldEditionIn,
    NoteAdmissionDto,
    ParamConfigInfo,
    PersonFaceInfo,
    PersonInfo,
    PhConfigDto,
    PrivilegeGroupDto,
    PurposeIn,
    PurposeResponse,
    SysTimeDto,
    UnitIn,
    UploadPicturesIn,
    UploadPicturesResponse,
    VisitorFieldDto,
    VisitorGroupRelInfo,
    WorkUnitResponse,
)
from server.schemas.common import Empty, Envelope, Page, errors
from server.services import timefmt

router = APIRouter(prefix="/api/v1/clientService", tags=["15_客户端接口"])

PageNo = Annotated[int, Query(ge=1, le=INT32_MAX, description="当前页，大于 0")]
PageSize = Annotated[int, Query(ge=1, le=1000, description="分页大小，1-1000")]
Mac = Annotated[str, Query(min_length=1, max_length=64, description="客户端 MAC 地址")]
READ = errors(400, 401)


# ---- login / time ---------------------------------------------------------------------


@router.get(
    "/login",
    response_model=Envelope[AuthorizationInfo],
    responses=errors(400, 401, 403),
    summary="登录查询授权信息",
)
async def login(clientMacAddress: Mac, kiosk: KioskDep, db: DbDep, settings: SettingsDep) -> dict[str, Any]:
    return ok(await db.run(licence.login, db, kiosk, clientMacAddress, settings.timezone))


@router.get("/logOut", response_model=Envelope[Empty], responses=errors(400, 401, 403), summary="客户端登出")
async def log_out(clientMacAddress: Mac, kiosk: KioskDep, db: DbDep) -> dict[str, Any]:
    await db.run(licence.logout, db, kiosk, clientMacAddress)
    return ok()


@router.post(
    "/getSysTime", response_model=Envelope[SysTimeDto], responses=errors(401), summary="获取当前系统时间"
)
async def get_sys_time(kiosk: KioskDep, settings: SettingsDep) -> dict[str, Any]:
    now = datetime.now(UTC)
    local = now.astimezone(settings.timezone)
    return ok(
        {
            "sysTime": local.isoformat(timespec="seconds"),
            "sysTimeDifference": timefmt.offset_text(local),
            "sysTimeUTC": str(int(now.timestamp() * 1000)),
        }
    )


# ---- catalogues -----------------------------------------------------------------------


@router.get(
    "/purpose", response_model=Envelope[Page[PurposeResponse]], responses=READ, summary="获取来访事由"
)
async def purposes(
    pageNo: PageNo, pageSize: PageSize, kiosk: KioskDep, db: DbDep, settings: SettingsDep
) -> dict[str, Any]:
    items, total = await db.run(catalog.list_purposes, db, pageNo, pageSize, settings.timezone)
    return page(items, pageNo, pageSize, total)


@router.post(
    "/purpose/add",
    response_model=Envelope[PurposeResponse],
    responses=errors(400, 401, 409, 413),
    openapi_extra=body_doc(PurposeIn),
    summary="添加来访事由（已有同名事由时返回该事由）",
)
async def purpose_add(request: Request, kiosk: KioskDep, db: DbDep, settings: SettingsDep) -> dict[str, Any]:
    body = await parse_body(request, PurposeIn)
    return ok(await db.run(catalog.add_purpose, db, body.purposeDesc, body.purposeId, settings.timezone))


@router.get(
    "/workUnit", response_model=Envelope[Page[WorkUnitResponse]], responses=READ, summary="获取来访单位"
)
async def work_units(
    pageNo: PageNo, pageSize: PageSize, kiosk: KioskDep, db: DbDep, settings: SettingsDep
) -> dict[str, Any]:
    items, total = await db.run(catalog.list_units, db, pageNo, pageSize, settings.timezone)
    return page(items, pageNo, pageSize, total)


@router.post(
    "/save",
    response_model=Envelope[WorkUnitResponse],
    responses=errors(400, 401, 409, 413),
    openapi_extra=body_doc(UnitIn),
    summary="添加来访单位（已有同名单位时返回该单位）",
)
async def unit_save(request: Request, kiosk: KioskDep, db: DbDep, settings: SettingsDep) -> dict[str, Any]:
    body = await parse_body(request, UnitIn)
    return ok(await db.run(catalog.add_unit, db, body.unitDesc, body.unitId, settings.timezone))


@router.get(
    "/privilegeGroup",
    response_model=Envelope[Page[PrivilegeGroupDto]],
    responses=READ,
    summary="获取访客权限组",
)
async def privilege_groups(
    pageNo: PageNo,
    pageSize: PageSize,
    kiosk: KioskDep,
    db: DbDep,
    name: Annotated[str | None, Query(max_length=100)] = None,
) -> dict[str, Any]:
    items, total = await db.run(catalog.list_groups, db, pageNo, pageSize, name)
    return page(items, pageNo, pageSize, total)


@router.get(
    "/visitorInfo/configuration",
    response_model=Envelope[list[VisitorFieldDto]],
    responses=READ,
    summary="获取访客字段的配置信息（data 为按 disOrder 排序的列表）",
)
async def field_configuration(kiosk: KioskDep, db: DbDep) -> dict[str, Any]:
    return ok(await db.run(catalog.field_configuration, db))


@router.post(
    "/visitorField/edition",
    response_model=Envelope[VisitorFieldDto],
    responses=errors(400, 401, 404, 413, 422),
    openapi_extra=body_doc(FieldEditionIn),
    summary="添加自定义枚举字段选项",
)
async def field_edition(request: Request, kiosk: KioskDep, db: DbDep) -> dict[str, Any]:
    body = await parse_body(request, FieldEditionIn)
    return ok(await db.run(catalog.add_field_options, db, body.paraId, body.optionList))


@router.get(
    "/getNoteAdmission",
    response_model=Envelope[NoteAdmissionDto],
    responses=READ,
    summary="获取访客的入园须知配置",
)
async def note_admission(kiosk: KioskDep, db: DbDep) -> dict[str, Any]:
    return ok(await db.run(catalog.note_admission, db))


@router.get(
    "/phConfig/info",
    response_model=Envelope[PhConfigDto],
    responses=READ,
    summary="获取访客单打印模板（phItems 为数组）",
)
async def ph_config(kiosk: KioskDep, db: DbDep) -> dict[str, Any]:
    return ok(await db.run(catalog.ph_config, db))


@router.get(
    "/sceneConfig",
    response_model=Envelope[list[ParamConfigInfo]],
    responses=READ,
    summary="获取场景参数配置信息（data 为列表）",
)
async def scene_config(kiosk: KioskDep, db: DbDep) -> dict[str, Any]:
    return ok(await db.run(catalog.scene_config, db))


# ---- hosts and blacklist --------------------------------------------------------------


@router.get(
    "/person",
    response_model=Envelope[PersonInfo],
    responses=errors(400, 401, 404),
    summary="根据员工卡获取员工信息",
)
async def person(
    cardNo: Annotated[str, Query(min_length=1, max_length=64)], kiosk: KioskDep, db: DbDep
) -> dict[str, Any]:
    return ok(await db.run(people.by_card, db, cardNo))


@router.get(
    "/personInfo/query",
    response_model=Envelope[list[PersonInfo]],
    responses=READ,
    summary="根据姓名和手机号模糊搜索被访人（data 为列表，最多 200 人，手机号脱敏）",
)
async def person_query(
    kiosk: KioskDep, db: DbDep, queryInfo: Annotated[str | None, Query(max_length=50)] = None
) -> dict[str, Any]:
    return ok(await db.run(people.search, db, queryInfo))


@router.get(
    "/personFace/query",
    response_model=Envelope[PersonFaceInfo],
    responses=errors(400, 401, 404),
    summary="根据被访人id和组织查询被访人人脸信息",
)
async def person_face(
    request: Request,
    kiosk: KioskDep,
    db: DbDep,
    personId: Annotated[str | None, Query(max_length=64)] = None,
    orgIndexCode: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    dto, face_id = await db.run(people.face_of, db, personId, orgIndexCode)
    url = pictures.face_url(str(request.base_url), face_id) if face_id else ""
    return ok({**dto, "faceUrl": url})


@router.get(
    "/blackList",
    response_model=Envelope[Page[BlacklistDto]],
    responses=READ,
    summary="分页查询黑名单人员信息",
)
async def blacklist(pageNo: PageNo, pageSize: PageSize, kiosk: KioskDep, db: DbDep) -> dict[str, Any]:
    items, total = await db.run(people.blacklist_page, db, pageNo, pageSize)
    return page(items, pageNo, pageSize, total)


@router.get(
    "/visitorGroup/judge",
    response_model=Envelope[VisitorGroupRelInfo],
    responses=READ,
    summary="根据身份证号或者手机号查询访客属性",
)
async def visitor_judge(
    kiosk: KioskDep,
    db: DbDep,
    identityId: Annotated[str | None, Query(max_length=8)] = None,
    identityNum: Annotated[str | None, Query(max_length=32)] = None,
    phoneNum: Annotated[str | None, Query(max_length=20)] = None,
) -> dict[str, Any]:
    return ok(await db.run(people.judge, db, identityId, identityNum, phoneNum))


# ---- pictures -------------------------------------------------------------------------


@router.post(
    "/savePicForApp",
    response_model=Envelope[UploadPicturesResponse],
    responses=errors(400, 401, 413),
    openapi_extra=body_doc(UploadPicturesIn),
    summary="访客app图片上传接口（JPG，≤200 KB，人脸质量评分）",
)
async def save_pic(request: Request, kiosk: KioskDep, db: DbDep, settings: SettingsDep) -> dict[str, Any]:
    body = await parse_body(request, UploadPicturesIn)
    # Decoding and face detection are tens of ms of CPU without the database: the general thread
    # pool (OpenCV releases the GIL), so the database's threads keep serving other requests.
    assessed = await run_in_threadpool(pictures.assess, body.picData, body.checkQuality)
    stored = await db.run(pictures.store, db, settings.data_dir, assessed, kiosk.mac)
    return ok(
        {
            "faceId": stored.face_id,
            "faceUrl": pictures.face_url(str(request.base_url), stored.face_id),
            "level": stored.level,
            "score": stored.score,
            "tips": stored.tips,
        }
    )


@router.get(
    "/ext/pictures/{face_id}.jpg",
    response_class=FileResponse,
    responses={200: {"content": {"image/jpeg": {}}, "description": "JPG 图片"}, **errors(401, 404)},
    summary="扩展：下载图片（需访客机凭证）",
)
async def picture(face_id: str, kiosk: KioskDep, db: DbDep, settings: SettingsDep) -> FileResponse:
    path = await db.run(pictures.find, db, settings.data_dir, face_id)
    return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=86400"})
