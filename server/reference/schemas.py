"""Response and request models of the reference, picture and eits endpoints: they shape
the OpenAPI document (`/v3/api-docs`) that schemathesis and the kiosk check against.

Fields the spec types as `object` are strings (docs/api-notes.md)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Envelope(BaseModel, Generic[T]):
    code: str = Field(description='返回码，成功为 "0"')
    msg: str = Field(description="返回消息")
    data: T


class ErrorEnvelope(BaseModel):
    code: str = Field(description='与 HTTP 状态码相同，如 "400"')
    msg: str = Field(description="给前台人员看的原因")
    data: Any = None


class Page(BaseModel, Generic[T]):
    list: list[T]
    pageNo: int
    pageSize: int
    total: int


class Empty(BaseModel):
    model_config = ConfigDict(extra="allow")


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: every refusal it can answer, in the error envelope."""
    words = {
        400: "参数错误",
        401: "访客机凭证缺失或无效",
        403: "无权操作",
        404: "对象不存在",
        409: "状态冲突",
        413: "图片或请求体过大",
        422: "业务拒绝",
        429: "尝试过多，已锁定",
    }
    return {s: {"model": ErrorEnvelope, "description": words[s]} for s in statuses}


# ---- login / time -------------------------------------------------------------------


class AuthorizationInfo(BaseModel):
    loginResult: str = Field(description="0 正常登录，1 授权异常不能登录")
    tips: str = Field(description="授权异常时的原因")


class SysTimeDto(BaseModel):
    sysTime: str
    sysTimeDifference: str
    sysTimeUTC: str


# ---- catalogues ---------------------------------------------------------------------


class PurposeResponse(BaseModel):
    createTime: str
    disorder: int
    productId: str
    projectId: str
    purposeDesc: str
    purposeId: str
    status: int
    updateTime: str


class PurposeIn(BaseModel):
    purposeDesc: str = Field(description="来访事由名称，1-50 字")
    purposeId: str | None = Field(default=None, max_length=64)
    createTime: str | None = None


class WorkUnitResponse(BaseModel):
    createTime: str
    projectId: str
    unitDesc: str
    unitId: str
    updateTime: str


class UnitIn(BaseModel):
    unitDesc: str = Field(description="来访单位名称，1-100 字")
    unitId: str | None = Field(default=None, max_length=64)
    createTime: str | None = None


class PrivilegeGroupDto(BaseModel):
    isDefault: str = Field(description="0 默认拜访区域，1 否")
    privilegeGroupId: str
    privilegeGroupName: str
    remark: str


class VisitorFieldDto(BaseModel):
    dataValue: str = Field(description="下拉框选项：JSON 数组文本 [{text, value, selected}]")
    disOrder: str
    display: str
    fieldType: str
    paraId: str
    paraKey: str
    paraName: str
    readOnly: str
    regular: str
    required: str
    showType: str = Field(description="1 文本框，2 下拉框，3 时间框，6 图片")


class FieldEditionIn(BaseModel):
    paraId: str = Field(min_length=1, max_length=64)
    optionList: list[str] | str = Field(description="JSON 数组、JSON 数组文本或逗号分隔文本")


class NoteAdmissionDto(BaseModel):
    content: str
    status: str
    title: str


class PhItem(BaseModel):
    key: str
    name: str
    format: str
    value: str


class PhConfigDto(BaseModel):
    backPicName: str
    backPicUrl: str
    configStatus: str
    endContent: str
    phConfigId: str
    phItems: list[PhItem]
    productCode: str
    projectId: str
    title: str


class ParamConfigInfo(BaseModel):
    paramName: str
    content: str
    subContent: str


# ---- people -------------------------------------------------------------------------


class PersonInfo(BaseModel):
    name: str
    orgPathName: str
    organizationId: str
    organizationName: str
    personId: str
    phone: str


class PersonFaceInfo(PersonInfo):
    faceUrl: str = Field(description="人脸图片地址（需带访客机凭证访问），无人脸时为空")


class BlacklistDto(BaseModel):
    identityId: str
    identityNum: str
    phoneNum: str


class VisitorGroupRelInfo(BaseModel):
    identityId: str
    identityNum: str
    isRefuseRegister: str = Field(description="0 普通，1 黑名单人员")
    name: str
    phoneNum: str


# ---- pictures -----------------------------------------------------------------------


class UploadPicturesIn(BaseModel):
    checkQuality: str = Field(description='"1" 不校验质量（证件照），其他值校验')
    picData: str = Field(
        description="JPG 图片的 Base64（可带 data:image/jpeg;base64, 前缀），解码后不超过 200 KB"
    )


class UploadPicturesResponse(BaseModel):
    faceId: str
    faceUrl: str
    level: str = Field(description="高 >=80，中 >=70，低 >=60，不合格 <60；不校验时为空")
    score: int
    tips: list[str] = Field(default_factory=list, description="扩展：影响评分的原因")


# ---- eits operator login ------------------------------------------------------------


class ChallengeIn(BaseModel):
    name: str = Field(default="", max_length=64)
    productCode: str | None = None
    type: int = 0


class ChallengeDto(BaseModel):
    codeId: str
    nonce: str
    salt: str = Field(description="base64")
    kdf: dict[str, Any] = Field(description="{name: argon2id, timeCost, memoryCost, parallelism, length}")
    expiresIn: int = Field(description="秒")


class LoginIn(BaseModel):
    name: str = Field(default="", max_length=64)
    codeId: str = Field(default="", max_length=64)
    password: str = Field(default="", max_length=256, description="客户端证明 ClientProof（hex），不是密码")
    productCode: str | None = None
    type: int = 0
    expired: int | None = None
    verifyCodeId: str | None = None


class LoginDto(BaseModel):
    token: str
    expiresIn: int
    name: str
    displayName: str
    serverSignature: str = Field(description="hex；客户端据此确认服务端持有凭证")
