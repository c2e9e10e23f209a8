"""Wire models both sides build and read: RegisterInfo (with the `companions` extension), the
register/edit body, and the records and answers of `offline/data/synchron`. Field names are the
spec's; the spec's "object" fields arrive as strings or numbers, arrays as JSON arrays, JSON
strings or comma lists, and are coerced here once."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model

MAX_PERSONS = 50  # a visitor and their companions in one registration
MAX_RECORDS = 500  # records in one offline/data/synchron batch
SYNC_OPS = ("register", "signOut", "edit")


def _to_str(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    raise ValueError("应为字符串")


def _to_list(value: Any) -> Any:
    """JSON array, JSON-encoded array string, comma string, or the spec example's `{}` (= none)."""
    if value is None or value == {} or value == "":
        return None
    if isinstance(value, (int, float)):
        value = str(value)
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                raise ValueError("应为数组、JSON 数组字符串或逗号分隔的字符串") from None
        else:
            value = [p for p in (x.strip() for x in text.split(",")) if p]
    if not isinstance(value, list):
        raise ValueError("应为数组、JSON 数组字符串或逗号分隔的字符串")
    out = []
    for item in value:
        if isinstance(item, (dict, list)) or item is None:
            raise ValueError("数组元素应为字符串")
        out.append(str(item).strip())
    return [x for x in out if x]


Str = Annotated[str | None, BeforeValidator(_to_str)]
StrList = Annotated[list[str] | None, BeforeValidator(_to_list)]


def join_list(values: Any) -> str | None:
    """How a client sends an array field: a comma list (accepted in every body type)."""
    if values is None or isinstance(values, str):
        return values
    return ",".join(str(v) for v in values)


class CompanionInfo(BaseModel):
    """One companion's personal data (extension of RegisterInfo: `companions`)."""

    model_config = ConfigDict(extra="ignore")
    name: Str = None
    sex: Str = None
    identityId: Str = None
    identityNum: Str = None
    phoneNum: Str = None
    cardNo: Str = None
    visitorPhoto: Str = None
    faceId: Str = None


class RegisterInfo(BaseModel):
    """The spec's RegisterInfo; custom attributes (customf.., any `custom*`) ride as extra keys."""

    model_config = ConfigDict(extra="allow")
    beVisitPersonId: Str = None
    birthplace: Str = None
    carNumber: Str = None
    cardNo: Str = None
    certAddr: Str = None
    certIssuer: Str = None
    certifyFlag: Str = None
    clientUserType: Str = None
    defaultPrivilegeFlag: Str = None
    endTimeISO: Str = None
    startTimeISO: Str = None
    faceId: Str = None
    identityId: Str = None
    identityNum: Str = None
    identityPhoto: Str = None
    identityPid: Str = None
    name: Str = None
    orderId: Str = None
    personNum: Str = None
    phoneNum: Str = None
    privilegeGroupIds: StrList = None
    productId: Str = None
    projectId: Str = None
    purpose: Str = None
    receptionistOrgCode: Str = None
    registerPlace: Str = None
    registerType: Str = None
    scanningPhoto: Str = None
    sex: Str = None
    temperatureStatus: Str = None
    visitorAddress: Str = None
    visitorAllowTimes: Str = None
    visitorPhoto: Str = None
    visitorTemperature: Str = None
    visitorTypeId: Str = None
    visitorTypeName: Str = None
    visitorWorkUnit: Str = None
    qrCode: Str = None  # offline only: the QR the kiosk signed and printed
    companions: list[CompanionInfo] | None = Field(default=None, max_length=MAX_PERSONS)

    def custom(self) -> dict[str, Any]:
        extra = self.model_extra or {}
        return {
            k: (v if isinstance(v, (str, int, float, bool)) else json.dumps(v, ensure_ascii=False))
            for k, v in extra.items()
            if k.startswith("custom") and v is not None
        }

    def payload_hash(self) -> str:
        data = self.model_dump(exclude_none=True, mode="json")
        data.pop("qrCode", None)
        return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


PHOTO_FIELDS = ("visitorPhoto", "identityPhoto", "scanningPhoto")  # pictures a RegisterInfo carries


class EditData(BaseModel):
    """register/edit (PrivilegeEditInfo) without its orderId: what may change on a visit."""

    model_config = ConfigDict(extra="ignore")
    endTimeISO: Str = None
    privilegeGroupIds: StrList = None
    registerPlace: Str = None


class SyncBatch(BaseModel):
    """The body of offline/data/synchron."""

    model_config = ConfigDict(extra="ignore")
    clientMacAddress: Str = None
    kioskPublicKey: Str = None
    records: list[dict[str, Any]] = Field(default_factory=list)


class SyncItem(BaseModel):
    """One offline record: `op` is one of SYNC_OPS, `data` a RegisterInfo, EditData or nothing."""

    model_config = ConfigDict(extra="ignore")
    recordId: str = Field(min_length=1, max_length=64)
    seq: int = 0
    op: str
    orderId: Str = None
    clientTime: Str = None
    clockOffsetMs: int = 0
    data: dict[str, Any] = Field(default_factory=dict)


class SyncResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    recordId: str
    seq: int
    orderId: str
    result: str = Field(description="applied | duplicate | rejected | retry")
    code: str
    msg: str
    data: Any = None


class SyncAnswer(BaseModel):
    results: list[SyncResult]
    kioskKid: int | None = Field(default=None, description="上传了 kioskPublicKey 时：本机二维码密钥的 kid")


VISITOR_INFO_FIELDS = (
    "approvalResult",
    "barCode",
    "beVisitGroupId",
    "beVisitGroupName",
    "beVisitOrgPathName",
    "beVisitPersonId",
    "beVisitPersonName",
    "beVisitPhoneNum",
    "birthplace",
    "carNumber",
    "certAddr",
    "certIssuer",
    "certifyFlag",
    "createTime",
    "customf",
    "customg",
    "customh",
    "customi",
    "customj",
    "endTime",
    "endTimeDifference",
    "endTimeISO",
    "endTimeUTC",
    "followFlag",
    "groupId",
    "identityId",
    "identityNum",
    "identityPhoto",
    "identityPid",
    "name",
    "orderId",
    "personNum",
    "phoneNum",
    "pinyin",
    "privilegeGroupIds",
    "purpose",
    "qrCode",
    "realEndTime",
    "realEndTimeDifference",
    "realEndTimeISO",
    "realEndTimeUTC",
    "registerFlag",
    "registerPlace",
    "registerTime",
    "registerTimeDifference",
    "registerTimeISO",
    "registerTimeUTC",
    "scanningPhoto",
    "sex",
    "startTime",
    "startTimeDifference",
    "startTimeISO",
    "startTimeUTC",
    "status",
    "tempCard",
    "temperatureStatus",
    "updateTime",
    "userType",
    "visitBatch",
    "visitorAddress",
    "visitorAllowTimes",
    "visitorCode",
    "visitorId",
    "visitorPhoto",
    "visitorTemperature",
    "visitorTypeId",
    "visitorTypeName",
    "visitorWorkUnit",
)
_INT_FIELDS = {"followFlag", "temperatureStatus"}

VisitorInfo: type[BaseModel] = create_model(  # type: ignore[call-overload]
    "VisitorInfo",
    __config__=ConfigDict(extra="allow"),
    __doc__="访客单（规范的 VisitorInfo，时间为字符串：ISO 为站点时区，UTC 为毫秒时间戳；列表中证件号脱敏）",
    **{f: (int if f in _INT_FIELDS else str, ...) for f in VISITOR_INFO_FIELDS},
)


class RegisteredVisitorInfo(VisitorInfo):  # type: ignore[misc, valid-type]
    """order/register's answer: the VisitorInfo, and the companions' (an extension)."""

    companions: list[VisitorInfo] = Field(  # type: ignore[valid-type]
        default_factory=list, description="扩展：同行人的访客单（同一 visitBatch，followFlag 1）"
    )


# record outcomes: final ones end a record's life in the outbox; RETRY asks for it again later
APPLIED, DUPLICATE, REJECTED, RETRY = "applied", "duplicate", "rejected", "retry"
