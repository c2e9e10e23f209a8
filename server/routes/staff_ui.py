"""Staff web endpoints (ui/v1): 04_权限组管理 privilege/info (the groups, for choosing the default of
automatic approvals) and 18_图片上传等 base/image/upload (a visitor photo, face-scored, or a
custom field's picture) through savePicForApp's picture rules. Called with an operator's session
or an integration credential."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from sqlmodel import col, select

from server import pictures
from server.body import body_doc, parse_body
from server.db import Database
from server.deps import DbDep, SettingsDep, StaffDep
from server.envelope import ApiError, ok
from server.models import PrivilegeGroup
from server.reference.common import local_text
from server.schemas.common import Envelope, errors
from server.schemas.feeds import AcscImageUploadResponse, PictureRequest, PrivilegeResponse

router = APIRouter(prefix="/ui/v1", tags=["04_权限组管理", "18_图片上传等"])


def _groups(db: Database, tz: Any) -> list[dict[str, Any]]:
    with db.read() as s:
        rows = s.exec(
            select(PrivilegeGroup).order_by(
                col(PrivilegeGroup.is_default).desc(),
                col(PrivilegeGroup.disorder),
                col(PrivilegeGroup.privilege_group_name),
            )
        ).all()
    return [
        {
            "createTime": local_text(g.create_time, tz),
            "disorder": g.disorder,
            "groupId": g.privilege_group_id,
            "groupName": g.privilege_group_name,
            "isDefault": "0" if g.is_default else "1",  # the spec's encoding: "0" = the default group
            "productId": g.product_id,
            "projectId": g.project_id,
            "remark": g.remark,
            "select": g.is_default,
            "status": 0,
            "updateTime": local_text(g.update_time, tz),
        }
        for g in rows
    ]


@router.post(
    "/privilege/info",
    response_model=Envelope[list[PrivilegeResponse]],
    responses=errors(401),
    summary='获取访客权限组信息（默认权限组在前；isDefault "0" 为默认）',
    tags=["04_权限组管理"],
)
async def privilege_info(who: StaffDep, db: DbDep, settings: SettingsDep) -> dict[str, Any]:
    return ok(await db.run(_groups, db, settings.timezone))


@router.post(
    "/base/image/upload",
    response_model=Envelope[AcscImageUploadResponse],
    responses=errors(400, 401, 413),
    openapi_extra=body_doc(PictureRequest),
    summary="上传图片（type visitor：访客照片，人脸评分；diy：预约字段图片）",
    tags=["18_图片上传等"],
)
async def image_upload(request: Request, who: StaffDep, db: DbDep, settings: SettingsDep) -> dict[str, Any]:
    body = await parse_body(request, PictureRequest)
    kind = (body.type or "").strip().lower()
    if kind not in ("visitor", "diy"):
        raise ApiError(400, "type: 应为 visitor（访客照片）或 diy（预约字段图片）")
    if not body.imageData.strip():
        raise ApiError(400, "imageData: 缺少图片数据")
    check = "0" if kind == "visitor" else "1"  # savePicForApp's checkQuality: "1" = not scored
    assessed = await pictures.assess_off_loop(body.imageData, check)
    stored = await db.run(pictures.store, db, settings.data_dir, assessed, who[:64])
    return ok(
        {
            "faceId": stored.face_id,
            "faceLevel": stored.level,
            "faceScore": stored.score,
            "imageUrl": pictures.face_url(str(request.base_url), stored.face_id),
            "tips": stored.tips,
        }
    )
