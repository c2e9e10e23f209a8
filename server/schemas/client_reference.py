"""Request and response models of the kiosk's reference-data endpoints of `clientService`
(routes/client_reference.py): licence login, time, catalogues, field configuration, site
settings, hosts, blacklist and pictures."""

from __future__ import annotations

from pydantic import BaseModel, Field

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
