"""Request and response models of the mobile channels (公众号 09/10, 小程序 11/12/13, 企微 15):
the spec's DTOs with a length for every field (the wire limits of visitorcs.wire), shared by the
route modules of each group (routes/mp_*.py, miniapp_*.py, wecom_*.py).

Fields the spec types as `object` arrive as strings or numbers; arrays as JSON arrays, JSON
strings or comma lists. Extensions (documented in docs/api-notes.md) are marked 扩展."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from server.services import appointment_views as views
from visitorcs.wire import (
    ADDRESS_LEN,
    CUSTOM_LEN,
    Address,
    Code,
    Doc,
    Id,
    Name,
    Text,
    Time,
    Url,
    text,
    text_list,
)

Purpose = text(128)  # 来访事由，长度为1～128个字符
Remark = text(200)
Groups = text_list(50)
Statuses = text_list(20, 16)
OrderIds = text_list(100)
Custom = text(CUSTOM_LEN)
ImageData = text(300_000)  # base64 of a 200 KB JPEG is ~273,000 characters
SmsCode = text(16)


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore")


# ---- a visitor's own details (accept, companion confirm, booking) ------------------------------


class VisitorDetailsIn(_In):
    visitorAddress: Address = None
    visitorBirthplace: Address = None
    visitorCarNumber: Doc = None
    visitorCustoma: Custom = None
    visitorCustomb: Custom = None
    visitorCustomc: Custom = None
    visitorCustomd: Custom = None
    visitorCustome: Custom = None
    visitorCustomf: Custom = None
    visitorCustomg: Custom = None
    visitorCustomh: Custom = None
    visitorCustomi: Custom = None
    visitorCustomj: Custom = None
    visitorIdentityAddr: Address = None
    visitorIdentityIssuer: Text = None
    visitorIdentityNum: Doc = None
    visitorIdentityType: Code = None
    visitorWorkUnit: Text = None
    visitorName: Name = Field(
        default=None, description="访客姓名（预约、同行确认时为扩展：小程序的用户资料）"
    )
    visitorSex: Code = Field(default=None, description="扩展：性别 1男 2女")
    faceId: Id = Field(default=None, description="人脸图片编号（image/upload、facePic/upload 的 faceId）")
    visitorPhoto: Url = Field(default=None, description="扩展：访客头像（本服务上传接口返回的地址）")


class BookingIn(VisitorDetailsIn):
    """VisitorInfoDto (公众号) and WcMaVisitorStartRequest (小程序): a booking or its update."""

    beVisitorOpenId: Id = None
    beVisitorPersonId: Id = Field(
        default=None, description="被访人唯一标识（或 beVisitorUserId / beVisitorPhoneNum）"
    )
    beVisitorUserId: Id = Field(
        default=None, description="被访人唯一标识（bevisitor/matching 的 beVisitorUserId）"
    )
    beVisitorPersonName: Name = None
    beVisitorPhoneNum: Doc = None
    orderId: Id = Field(
        default=None, description="预约单Id：新预约可由客户端生成（UUID，重试不重复）；修改时必填"
    )
    orderModel: Code = None
    projectId: Id = None
    startTime: Time = Field(default=None, description="预计来访时间 yyyy-MM-dd HH:mm（或仅日期）")
    endTime: Time = Field(default=None, description="预计离开时间 yyyy-MM-dd HH:mm（或仅日期）")
    visitStartTime: Time = Field(default=None, description="预计来访时间（ISO）")
    visitEndTime: Time = Field(default=None, description="预计离开时间（ISO），晚于当前时间和来访时间")
    visitorOpenId: Id = None
    visitorPersonNum: Code = None
    visitorPrivilegeGroupIds: Groups = None
    visitorPurpose: Purpose = None
    visitorTypeId: Id = Field(default=None, description="扩展（公众号）：访客类型")
    visitorUserId: Id = None
    visitorPhoneNum: Doc = Field(
        default=None, description="扩展：仅当登录身份没有手机号（网关只给了 openId）时使用"
    )


class AcceptIn(VisitorDetailsIn):
    """InvitationAcceptRequest (公众号), WeComInvitationAcceptRequest (企微)."""

    openId: Id = None
    orderId: Id = None
    visitorPersonNum: Code = None


class BatchDetailsIn(VisitorDetailsIn):
    """WcMaInvitationAcceptRequest, WcMaRetinueConfirmRequest: by the batch."""

    visitorBatch: Id = None


class InvitationIn(_In):
    """InvitationStartRequest (公众号; ISO times) and WcMa/WeComInvitationStartRequest (yyyy-MM-dd HH:mm)."""

    defaultOrderId: Id = Field(
        default=None, description="默认邀约编号（UUID，供分享前生成邀约记录；重试不重复）"
    )
    openId: Id = None
    visitorName: Name = None
    visitorPhoneNum: Doc = None
    visitorPrivilegeGroupIds: Groups = None
    visitorPurpose: Purpose = None
    visitorTypeId: Id = None
    visitorStartTime: Time = None
    visitorEndTime: Time = None
    startTime: Time = None
    endTime: Time = None


class OrderRefIn(_In):
    """Bodies naming one appointment: orderId (and openId, kept for compatibility, never trusted)."""

    openId: Id = None
    orderId: Id = None
    qrCode: Id = None


class BatchRefIn(_In):
    visitorBatch: Id = None
    orderId: Id = None
    shareStatus: Code = None


class PreviewIn(_In):
    sceneshow: Code = None


class CompleteIn(_In):
    """CompleteParamDto: approve or return one appointment."""

    beVisitorOpenId: Id = None
    orderId: Id = None
    productId: Id = None
    projectId: Id = None
    remark: Remark = None
    visitorPrivilegeGroupIds: Groups = None


class BatchCompleteIn(_In):
    orderIds: OrderIds = None
    remark: Remark = None
    type: Code = Field(default=None, description="approval（审批通过）或 reject（审批退回）")
    visitorPrivilegeGroupIds: Groups = None


class OrderDayIn(_In):
    beVisitorOpenId: Id = None
    earlyStartTimeISO: Time = None
    lateStartTimeISO: Time = None
    projectId: Id = None
    statusList: Statuses = None


class OrderRequestIn(_In):
    """OrderRequest: the record pages' filters (those applied are listed in docs/api-notes.md)."""

    backlogId: Id = None
    beVisitorOpenId: Id = None
    beVisitorPersonId: Id = None
    beVisitorPersonName: Name = None
    cardNo: Id = None
    disorder: Code = None
    earlyEndTimeISO: Time = None
    earlyRealEndTimeISO: Time = None
    earlyRegisterTimeISO: Time = None
    earlyStartTimeISO: Time = None
    identityId: Code = None
    lateEndTimeISO: Time = None
    lateRealEndTimeISO: Time = None
    lateRegisterTimeISO: Time = None
    lateStartTimeISO: Time = None
    maxTemperature: Code = None
    minTemperature: Code = None
    orderId: Id = None
    pageNo: Code = None
    pageSize: Code = None
    productId: Id = None
    projectId: Id = None
    projectIdList: text_list(50) = None
    qrCode: text(200) = None
    registerPlace: Text = None
    sort: Code = None
    statusList: Statuses = None
    temperatureStatus: Code = None
    type: Code = None
    visitorAddress: Address = None
    visitorBirthplace: Address = None
    visitorCarNumber: Doc = None
    visitorCode: Code = None
    visitorCustoma: Custom = None  # the custom fields the spec lists as filters: accepted, not applied
    visitorCustomb: Custom = None
    visitorCustomc: Custom = None
    visitorCustomd: Custom = None
    visitorCustome: Custom = None
    visitorCustomf: Custom = None
    visitorCustomg: Custom = None
    visitorCustomh: Custom = None
    visitorCustomi: Custom = None
    visitorCustomj: Custom = None
    visitorIdentityAddr: Address = None
    visitorIdentityIssuer: Text = None
    visitorIdentityNum: Doc = None
    visitorName: Name = None
    visitorOpenId: Id = None
    visitorPhoneNum: Doc = None
    visitorPurpose: Purpose = None
    visitorSex: Code = None
    visitorSexs: text_list(5, 16) = None
    visitorTypeId: Id = None
    visitorWorkUnit: Text = None


class PageIn(_In):
    pageNo: int = Field(description="页码（pageNo>0）")
    pageSize: int = Field(description="页大小（0<pageSize<=1000）")


class HistoryIn(PageIn):
    beVisitorPersonName: Name = None
    tabKey: Code = Field(default=None, description="0全部 1已失效 2已拜访")


class NamedPageIn(PageIn):
    visitorName: Name = None


class ShareLogIn(PageIn):
    invitationState: Code = Field(default=None, description="inviting（邀约中）或 expire（已失效）")


class MsgLoginIn(_In):
    """MsgLoginRequest / WecomMsgLoginRequest, with the bundled SMS code step (扩展)."""

    orderId: Id = None
    personId: Id = None
    type: Code = Field(default=None, description="visitor（访客，默认）或 person（员工）")
    phoneNum: Doc = Field(default=None, description="扩展：无预约单时，以手机号登录（访客）")
    smsCode: SmsCode = Field(default=None, description="扩展：短信验证码；不传则发送验证码")


class PictureIn(_In):
    imageData: ImageData = Field(default=None, description="图片数据，base64（JPG，≤200 KB）")
    productId: Id = None
    projectId: Id = None
    type: Code = Field(default=None, description="visitor（人脸，评分）或 diy（预约字段图片，不评分）")


class FaceIn(_In):
    faceData: ImageData = Field(default=None, description="人脸图片，base64（JPG，≤200 KB）")


class EnterpriseIn(_In):
    enterpriseName: Name = None


class ProjectIn(_In):
    projectId: Id = None


class MatchIn(_In):
    beVisitorPhoneNum: Doc = None
    enterpriseCode: Id = None
    enterpriseName: Name = None
    projectId: Id = None


class VisitorOrderIn(_In):
    orderId: Id = None
    visitorBatch: Id = None


# ---- answers -----------------------------------------------------------------------------------


def _model(name: str, fields: tuple[str, ...], ints: set[str], doc: str, **more: Any) -> type[BaseModel]:
    spec: dict[str, Any] = {f: (int if f in ints else str, ...) for f in fields}
    spec.update(more)
    return create_model(name, __config__=ConfigDict(extra="allow"), __doc__=doc, **spec)


class ButtonDto(BaseModel):
    buttonKey: str
    buttonName: str


OrderResponse = _model("OrderResponse", views.ORDER_FIELDS, views.ORDER_INT_FIELDS, "预约单（公众号）")
RetinueVisitorDto = _model(
    "WcMaRetinueVisitorDto", views.RETINUE_FIELDS, views.RETINUE_INT_FIELDS, "预约人员 / 同行人"
)
OrderDetail = _model(
    "WcMaVisitorOrderDetailResponse",
    tuple(f for f in views.ORDER_FIELDS if f != "status") + views.DETAIL_EXTRA,
    views.ORDER_INT_FIELDS - {"status"},
    "预约单详情（小程序、企微）：时间为 yyyy-MM-dd HH:mm:ss，status 为状态文字",
    status=(str, ...),
    buttonList=(list[ButtonDto], ...),
    leaderVisitor=(RetinueVisitorDto, ...),
    retinueList=(list[RetinueVisitorDto], ...),
)


class VisitorCard(BaseModel):
    """WcMaVisitorOrderCardDto."""

    model_config = ConfigDict(extra="allow")
    backlogId: str
    beVisitorEnterpriseName: str
    beVisitorPersonName: str
    buttonList: list[ButtonDto]
    endTime: str
    orderId: str
    orderModel: str
    projectId: str
    startTime: str
    status: str = Field(description="状态文字；statusCode（扩展）为状态码")
    statusCode: str
    visitorBatch: str
    visitorPurpose: str


class HostCard(BaseModel):
    """WcMaBeVisitorOrderCardDto (+ orderId, statusCode: 扩展)."""

    model_config = ConfigDict(extra="allow")
    backLogId: str
    buttonList: list[ButtonDto]
    endTime: str
    orderId: str
    projectId: str
    startTime: str
    status: str
    statusCode: str
    visitorBatch: str
    visitorName: str
    visitorPurpose: str
    visitorWorkUnit: str


InvitationPreview = _model(
    "InvitationPreviewResponse", views.PREVIEW_FIELDS, views.PREVIEW_INT_FIELDS, "邀约预览（公众号、企微）"
)


class BatchPreview(BaseModel):
    """WcMaInvitationPreviewResponse (with projectId) / WcMaRetinuePreviewResponse."""

    model_config = ConfigDict(extra="allow")
    beVisitorEnterpriseName: str
    beVisitorPersonName: str
    beVisitorPhoneNum: str
    endTime: str
    startTime: str
    visitorBatch: str
    visitorPurpose: str


class ShareVisitorDto(BaseModel):
    orderId: str
    status: str
    visitBatch: str
    visitorCarNumber: str
    visitorName: str
    visitorPhoneNum: str
    visitorSex: int
    visitorWorkUnit: str


class ShareRecord(BaseModel):
    """WcMaOrderShareResponse."""

    endTime: str
    mode: str
    shareStatus: str
    startTime: str
    visitorBatch: str
    visitorDtos: list[ShareVisitorDto]
    visitorPurpose: str
    visitorSmsSendFlag: str


class Booked(BaseModel):
    """A booking's answer (the spec's `data: {}`, with what a client needs next: 扩展)."""

    model_config = ConfigDict(extra="allow")
    orderId: str
    visitorBatch: str
    status: int


class InvitationStarted(BaseModel):
    orderId: str
    visitorBatch: str = Field(description="扩展")


class BatchStarted(BaseModel):
    visitorBatch: str
    orderId: str = Field(description="扩展")


class Changed(BaseModel):
    """An action's answer (the spec's `data: {}`): the visit and where it is now (扩展)."""

    model_config = ConfigDict(extra="allow")
    orderId: str
    status: int


class Decided(BaseModel):
    orderIds: list[str]
    status: int


class QrCodeDto(BaseModel):
    authBarCode: str


class TokenDto(BaseModel):
    """TokenMpResponse / TokenWeComResponse."""

    isAllowLogin: str = Field(
        description='"1" 已登录（token 有效），"0" 未登录（reason 说明：如验证码已发送）'
    )
    reason: str
    token: str


class ImageUploaded(BaseModel):
    """AcscImageUploadResponse."""

    faceId: str
    faceLevel: str
    faceScore: int
    imageUrl: str


class FaceUploaded(BaseModel):
    """FaceUploadResponse."""

    faceId: str
    faceUrl: str
    level: str
    score: int


class PurposeDto(BaseModel):
    purposeDesc: str
    purposeId: str


class PurposeList(BaseModel):
    purposeList: list[PurposeDto]


class GroupDto(BaseModel):
    groupId: str
    groupName: str
    isDefault: str = Field(description="1 默认拜访区域，0 否")
    select: bool


class GroupList(BaseModel):
    groupList: list[GroupDto]


class PrivilegeInfo(BaseModel):
    """The official account's privilege group (isDefault 1 = default)."""

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


class TypeDto(BaseModel):
    typeId: str
    typeName: str


class TypeList(BaseModel):
    typeList: list[TypeDto]


class TimeDisplay(BaseModel):
    timeDisplayType: str = Field(description="0 仅选日期，1 时分精确选择")


class OptionDto(BaseModel):
    selected: bool
    text: str
    value: Any = None


FieldInfoDto = _model(
    "FieldInfoDto",
    (
        "createTime",
        "customOption",
        "dataValue",
        "defaultValue",
        "disorder",
        "display",
        "fieldProperties",
        "fieldType",
        "hint",
        "maxLength",
        "overseas",
        "paraId",
        "paraKey",
        "paraName",
        "placeholder",
        "productId",
        "projectId",
        "readOnly",
        "regular",
        "required",
        "showType",
        "status",
        "tips",
        "updateTime",
    ),
    {"disorder", "maxLength", "status"},
    "预约表单字段",
)


class FieldInfo(BaseModel):
    dataList: list[OptionDto]
    fieldInfoDto: FieldInfoDto  # type: ignore[valid-type]
    subHint: str
    subParaKey: str
    subParaName: str


class PhItem(BaseModel):
    format: str
    key: str
    name: str
    value: str


class PhConfigWeb(BaseModel):
    """PhConfigWebResponse (phItems an array, as the kiosk's phConfig/info)."""

    backPicName: str
    backPicUrl: str
    configStatus: str
    endContent: str
    phConfigId: str
    phItems: list[PhItem]
    productCode: str
    projectId: str
    title: str


class PromiseDetail(BaseModel):
    detailsContent: str
    detailsFlag: bool
    promiseType: int


class PromiseInform(BaseModel):
    detailsContent: str
    detailsName: str


class PromiseAll(BaseModel):
    beforeDetails: list[PromiseDetail]
    inDetails: list[PromiseDetail]
    informDetails: PromiseInform
    showBeforeFlag: bool
    showInFlag: bool
    showInformFlag: bool


class SpaceDto(BaseModel):
    beVisitorPersonId: str
    beVisitorPersonName: str
    beVisitorPhoneNum: str
    spaceName: str


class OrderModelConfig(BaseModel):
    beVisitorPersonId: str
    beVisitorPersonName: str
    beVisitorPhoneNum: str
    personModelStatus: str
    spaceModelList: list[SpaceDto]
    spaceModelStatus: str
    spaceName: str


class EnterpriseDto(BaseModel):
    enterpriseCode: str
    enterpriseName: str
    productId: str
    projectId: str


class EnterpriseList(BaseModel):
    enterpriseList: list[EnterpriseDto]


class HostMatch(BaseModel):
    beVisitorPersonName: str = Field(description="被访人姓名（脱敏：张*）")
    beVisitorPhoneNum: str
    beVisitorUserId: str


ADDRESS_LIMIT = ADDRESS_LEN  # re-exported for the tests' tables
