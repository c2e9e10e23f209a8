"""Request and response models of the platform's feeds (14_对外接口, routes/feeds.py), the
visitor queries (01_访客信息查询, routes/visitor_queries.py) and the staff web endpoints
(04_权限组管理 privilege/info, 18_图片上传等 base/image/upload, routes/staff_ui.py).

Feed items are checked row by row (server/services/site_data.py): one bad row is refused with its
reason and the others applied, so the item models here document the fields; the limits are the
ones site_data applies."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from visitorcs.wire import Id, Str, Text, text

Long = text(10_000)
Flag = text(16)


# ---- 14_对外接口 ------------------------------------------------------------------------------------


class IscPersonDto(BaseModel):
    cardNo: str | None = Field(default=None, description="员工卡号（≤32）")
    orgName: str | None = Field(default=None, description="部门路径，如 总部/研发中心（≤200）")
    personIndexCode: str | None = Field(default=None, description="人员编号（必填，≤64）")
    personName: str | None = Field(default=None, description="姓名（必填，≤64）")
    personStatus: int | None = Field(default=None, description="-1 删除，其他 正常")
    phone: str | None = None
    sex: int | None = Field(default=None, description="0 未知 1 男 2 女")


class PrivilegeInfoDto(BaseModel):
    createTime: str | None = None
    disorder: int | None = None
    groupId: str | None = Field(default=None, description="权限组ID（必填，≤64）")
    groupName: str | None = Field(default=None, description="≤100")
    isDefault: str | None = Field(default=None, description='"0" 默认权限组，"1" 否（规范的编码）')
    productId: str | None = None
    projectId: str | None = None
    remark: str | None = None
    status: int | None = Field(default=None, description="0 正常，-1 已删除")


class FieldInfoDto(BaseModel):
    createTime: str | None = None
    customOption: Any = None
    dataValue: str | None = Field(
        default=None, description='[{"text","value","selected"}] 的 JSON 文本，或 "a,b"'
    )
    defaultValue: str | None = None
    disorder: int | None = None
    display: str | None = Field(default=None, description="0 可见，1 不可见")
    fieldProperties: str | None = None
    fieldType: str | None = None
    hint: str | None = None
    maxLength: int | None = None
    overseas: str | None = None
    paraId: str | None = None
    paraKey: str | None = None
    paraName: str | None = None
    placeholder: str | None = None
    productId: str | None = None
    projectId: str | None = None
    readOnly: str | None = Field(default=None, description="0 不可修改，1 可修改")
    regular: str | None = None
    required: str | None = Field(default=None, description="0 必填，1 非必填")
    showType: str | None = Field(default=None, description="1 输入框 2 下拉框 3 日期 6 图片")
    status: int | None = Field(default=None, description="0 正常，-1 已删除")
    tips: str | None = None
    updateTime: str | None = None


class OrderStatusDto(BaseModel):
    orderId: str | None = None
    status: int | None = None


class ParkNoticeIn(BaseModel):
    docking: Str = Field(default=None, description="数据来源")
    parkNotice: Long = Field(default=None, description="入园须知内容（≤10000）")
    parkStatus: Flag = Field(default=None, description="0 未配置 1 配置")
    parkTitle: Text = Field(default=None, description="标题（≤100）")
    productId: Id = None
    projectId: Id = Field(default=None, description="须与请求头 projectId 相同")


class OrderDto(BaseModel):
    disorder: int | None = Field(default=0, ge=0, le=2**63 - 1, description="只返回更新顺序大于它的记录")
    pageNo: int | None = Field(default=1, ge=1, le=1_000_000)
    pageSize: int | None = Field(default=100, ge=1, le=1000)


class Refusal(BaseModel):
    key: str = Field(description="行：#序号，或其编号")
    reason: str


class FeedResult(BaseModel):
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    deleted: int = 0
    refused: list[Refusal] = Field(default_factory=list)


class StatusResult(BaseModel):
    applied: int
    unchanged: int
    refused: list[Refusal]


class OrderResponse(BaseModel):
    approvalResult: str
    authBarCode: str
    authIdentityPid: str
    authTempCard: str
    authVisitorCode: str
    backlogId: str
    beVisitorGroupId: str
    beVisitorGroupName: str
    beVisitorOpenId: str
    beVisitorPersonId: str
    beVisitorPersonName: str
    beVisitorPhoneNum: str
    beVisitorUserId: str
    createTime: str
    createUserType: int
    disorder: int
    endTime: str
    endTimeDifference: str
    endTimeUTC: int
    orderId: str
    orderModel: str
    processId: str
    processItemId: str
    processRemark: str
    productId: str
    projectId: str
    realEndTime: str
    realEndTimeDifference: str
    realEndTimeUTC: int
    registerPlace: str
    registerTime: str
    registerTimeDifference: str
    registerTimeUTC: int
    startTime: str
    startTimeDifference: str
    startTimeUTC: int
    status: int = Field(description="记录状态 0-15；-1 = 已删除（只有 orderId、projectId、disorder）")
    svrCodeIdentity: str
    svrCodeScanning: str
    svrCodeVisitor: str
    updateTime: str
    visitBatch: str
    visitorAddress: str
    visitorAllowTimes: int
    visitorBirthplace: str
    visitorCarNumber: str
    visitorCustoma: str
    visitorCustomb: str
    visitorCustomc: str
    visitorCustomd: str
    visitorCustome: str
    visitorCustomf: str
    visitorCustomg: str
    visitorCustomh: str
    visitorCustomi: str
    visitorCustomj: str
    visitorGroupId: str
    visitorIdentityAddr: str
    visitorIdentityIssuer: str
    visitorIdentityNum: str
    visitorIdentityPhoto: str
    visitorIdentityType: int
    visitorName: str
    visitorOpenId: str
    visitorPersonNum: int
    visitorPhoneNum: str
    visitorPhoto: str
    visitorPhotoFlag: str
    visitorPinyin: str
    visitorPrivilegeGroupIds: str
    visitorPurpose: str
    visitorScanningPhoto: str
    visitorSex: int
    visitorTemperature: str
    visitorTemperatureStatus: int
    visitorTypeId: str
    visitorUserId: str
    visitorWorkUnit: str
    webLabel: str


# ---- 01_访客信息查询 ---------------------------------------------------------------------------------


class VisitorBaseRequest(BaseModel):
    productId: Id = None
    projectId: Id = Field(default=None, description="项目编号（必填，须为本凭证的项目）")


class VisitorRequest(VisitorBaseRequest):
    earlyEndTimeISO: Str = None
    earlyRealEndTimeISO: Str = None
    earlyRegisterTimeISO: Str = None
    earlyStartTimeISO: Str = None
    isDel: Flag = Field(default=None, description='"0" 删除查询出的记录（须给出 visitorOpenId），其他不删除')
    lateEndTimeISO: Str = None
    lateRealEndTimeISO: Str = None
    lateRegisterTimeISO: Str = None
    lateStartTimeISO: Str = None
    noticeRemark: Str = None
    retinueNum: int | None = Field(default=None, ge=0, le=1000)
    updateBatch: Id = None
    updateOrderId: Id = None
    visitorOpenId: Id = None


class VisitorResponse(BaseModel):
    productId: str
    projectId: str
    visitorOpenId: str
    visitorUserId: str


class VisitorUpdate(VisitorBaseRequest):
    visitorOpenId: Id = None
    visitorPhone: Id = Field(default=None, description="访客手机号（必填）")
    visitorUserId: Id = None


class BindOpenIdRequest(VisitorBaseRequest):
    beVisitorOpenId: Id = None
    personId: Id = None
    phone: Id = None


class BacklogOperateCallbackDto(BaseModel):
    backlogId: Id = None
    backlogStatus: Flag = None
    backlogStatusExtraData: Text = None
    backlogStatusResult: Id = None
    backlogType: Id = None
    backlogTypeBusinessId: Id = Field(default=None, description="审批类待办：预约单号 orderId")
    operatePersonId: Id = None
    operatePersonName: Id = None
    operateTime: Str = None
    operateUserId: Id = None
    operateUserName: Id = None
    productCode: Id = None
    projectId: Id = None


class Updated(BaseModel):
    updated: int


# ---- 04 / 18 -------------------------------------------------------------------------------------


class PrivilegeResponse(BaseModel):
    createTime: str
    disorder: int
    groupId: str
    groupName: str
    isDefault: str
    productId: str
    projectId: str
    remark: str
    select: bool
    status: int
    updateTime: str


class PictureRequest(BaseModel):
    imageData: str = Field(default="", description="base64 JPG（≤200 KB）")
    productId: Id = None
    projectId: Id = None
    type: Id = Field(default=None, description="visitor 访客照片（人脸评分）；diy 预约字段图片")


class AcscImageUploadResponse(BaseModel):
    faceId: str
    faceLevel: str
    faceScore: int
    imageUrl: str
    tips: list[str] = Field(default_factory=list)
