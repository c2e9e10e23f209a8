"""15_企微应用_员工端-基础数据: the WeCom app's reference data and picture upload, the same
handlers as the miniapp's (routes/miniapp_my.py, miniapp_visitor.py) under WeCom's paths."""

from __future__ import annotations

from fastapi import APIRouter

from server.body import body_doc
from server.routes import miniapp_my, miniapp_visitor
from server.schemas.common import Envelope, errors
from server.schemas.mobile import (
    GroupList,
    ImageUploaded,
    PictureIn,
    ProjectIn,
    PurposeList,
    TimeDisplay,
    TypeList,
)

router = APIRouter(prefix="/ui/v1/wechat/wecom", tags=["15_企微应用_员工端-基础数据"])
READS = errors(400, 401, 403, 413)

router.post(
    "/image/upload",
    response_model=Envelope[ImageUploaded],
    responses=errors(400, 401, 403, 413),
    summary="上传预约表单中的图片（JPG ≤200 KB；type visitor 评分人脸）",
    openapi_extra=body_doc(PictureIn),
)(miniapp_visitor.image_upload)
router.post(
    "/my/privilege/group", response_model=Envelope[GroupList], responses=READS, summary="访客权限组列表"
)(miniapp_my.privilege_group)
router.post(
    "/my/purpose",
    response_model=Envelope[PurposeList],
    responses=READS,
    summary="事由列表",
    openapi_extra=body_doc(ProjectIn),
)(miniapp_my.purpose)
router.post(
    "/my/timeDisplay",
    response_model=Envelope[TimeDisplay],
    responses=READS,
    summary="预约/邀约时间选择类型（0 仅日期，1 时分）",
)(miniapp_my.time_display)
router.post("/my/visitor/type", response_model=Envelope[TypeList], responses=READS, summary="访客类型列表")(
    miniapp_my.visitor_type
)
