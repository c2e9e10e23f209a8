"""Wire models both sides build and read: RegisterInfo (with the `companions` extension), the
register/edit body, and the records and answers of `offline/data/synchron`. Field names are the
spec's; the spec's "object" fields arrive as strings or numbers, arrays as JSON arrays, JSON
strings or comma lists, and are coerced here once."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    model_validator,
)

MAX_PERSONS = 50  # a visitor and their companions in one registration
MAX_RECORDS = 500  # records in one offline/data/synchron batch
SYNC_OPS = ("register", "signOut", "edit")

# Field lengths in characters (docs/api-notes.md, "Limits and time rules"): far above what a
# person or a kiosk types, low enough that a list of 1,000 visits stays a few MB.
NAME_LEN = 64  # a person's name, an id (orderId, faceId, host, group ...)
ID_LEN = 64
TEXT_LEN = 100  # purpose, work unit, register place, issuing authority
ADDRESS_LEN = 200  # addresses, birthplace
CODE_LEN = 16  # flags and small numbers sent as text ("1", "36.5")
DOC_LEN = 32  # document and phone numbers, plates (before normalising)
TIME_LEN = 40  # "2026-11-28T09:15:02.123456+08:00"
URL_LEN = 512  # a picture's URL (faceUrl); pictures themselves go through savePicForApp
QR_LEN = 200  # "VC1" + 140 base32 characters
DEFAULT_LEN = 200  # any other text field
MAX_GROUPS = 50  # privilegeGroupIds of one visit
MAX_CUSTOM_FIELDS = 20  # custom* attributes of one registration
CUSTOM_LEN = 500  # one custom attribute's value (its JSON text when it is not a string)
CUSTOM_NAME_LEN = 32


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


def text(max_length: int) -> Any:
    """An optional text field of at most `max_length` characters (numbers arrive as text)."""
    return Annotated[
        Annotated[str, StringConstraints(max_length=max_length)] | None, BeforeValidator(_to_str)
    ]


def text_list(max_items: int, max_length: int = ID_LEN) -> Any:
    """An optional list of short texts (a JSON array, a JSON array string or a comma list)."""
    item = Annotated[str, StringConstraints(max_length=max_length)]
    return Annotated[Annotated[list[item], Field(max_length=max_items)] | None, BeforeValidator(_to_list)]


# The first bytes of the picture formats a client could paste into a text field as base64
_IMAGE_MAGIC = (
    b"\xff\xd8\xff",
    b"\x89PNG",
    b"GIF8",
    b"BM",
    b"RIFF",
    b"II*\x00",
    b"MM\x00*",
    b"<svg",
    b"<?xm",
)
_B64_HEAD = re.compile(r"[A-Za-z0-9+/_-]{8}")


def is_picture_data(value: str | None) -> bool:
    """Does a text field hold picture data (a data: URL or base64 of an image) instead of a
    reference to a stored picture? Looks at the first 8 characters only."""
    text = (value or "").lstrip()
    if text[:5].lower() == "data:":
        return True
    if not _B64_HEAD.match(text):
        return False
    head = base64.urlsafe_b64decode(text[:8].replace("+", "-").replace("/", "_"))
    return head.startswith(_IMAGE_MAGIC)


def _reference(value: str | None) -> str | None:
    """A picture field (visitorPhoto, identityPhoto, scanningPhoto, faceId) holds the faceUrl savePicForApp
    answered; picture data pasted into it would skip that upload's checks (size, pixels from the
    header, scans), be stored as text and reach every kiosk that lists the visit."""
    if is_picture_data(value):
        raise ValueError("照片请先通过 savePicForApp 上传，此处填写返回的 faceUrl（不接受图片数据）")
    return value


Str = text(DEFAULT_LEN)
StrList = text_list(MAX_GROUPS)
Name = text(NAME_LEN)
Id = text(ID_LEN)
Text = text(TEXT_LEN)
Address = text(ADDRESS_LEN)
Code = text(CODE_LEN)
Doc = text(DOC_LEN)
Time = text(TIME_LEN)
Url = Annotated[text(URL_LEN), AfterValidator(_reference)]  # a picture's URL, never its data


def join_list(values: Any) -> str | None:
    """How a client sends an array field: a comma list (accepted in every body type)."""
    if values is None or isinstance(values, str):
        return values
    return ",".join(str(v) for v in values)


class CompanionInfo(BaseModel):
    """One companion's personal data (extension of RegisterInfo: `companions`)."""

    model_config = ConfigDict(extra="ignore")
    name: Name = None
    sex: Code = None
    identityId: Code = None
    identityNum: Doc = None
    phoneNum: Doc = None
    cardNo: Id = None
    visitorPhoto: Url = None
    faceId: Url = None  # a faceId or the faceUrl savePicForApp answered


class RegisterInfo(BaseModel):
    """The spec's RegisterInfo; custom attributes (customf.., any `custom*`) ride as extra keys."""

    model_config = ConfigDict(extra="allow")
    beVisitPersonId: Id = None
    birthplace: Address = None
    carNumber: Doc = None
    cardNo: Id = None
    certAddr: Address = None
    certIssuer: Text = None
    certifyFlag: Code = None
    clientUserType: Code = None
    defaultPrivilegeFlag: Code = None
    endTimeISO: Time = None
    startTimeISO: Time = None
    faceId: Url = None  # a faceId or the faceUrl savePicForApp answered
    identityId: Code = None
    identityNum: Doc = None
    identityPhoto: Url = None
    identityPid: Id = None
    name: Name = None
    orderId: Id = None
    personNum: Code = None
    phoneNum: Doc = None
    privilegeGroupIds: StrList = None
    productId: Id = None
    projectId: Id = None
    purpose: Text = None
    receptionistOrgCode: Id = None
    registerPlace: Text = None
    registerType: Code = None
    scanningPhoto: Url = None
    sex: Code = None
    temperatureStatus: Code = None
    visitorAddress: Address = None
    visitorAllowTimes: Code = None
    visitorPhoto: Url = None
    visitorTemperature: Code = None
    visitorTypeId: Id = None
    visitorTypeName: Name = None
    visitorWorkUnit: Text = None
    qrCode: text(QR_LEN) = None  # offline only: the QR the kiosk signed and printed
    companions: list[CompanionInfo] | None = Field(default=None, max_length=MAX_PERSONS)

    @model_validator(mode="after")
    def _custom_limits(self) -> RegisterInfo:
        """Custom attributes ride as extra keys: at most MAX_CUSTOM_FIELDS, each CUSTOM_LEN long."""
        names = [k for k in (self.model_extra or {}) if k.startswith("custom")]
        if len(names) > MAX_CUSTOM_FIELDS:
            raise ValueError(f"自定义字段过多（最多 {MAX_CUSTOM_FIELDS} 个）")
        for name in names:
            if len(name) > CUSTOM_NAME_LEN:
                raise ValueError(f"自定义字段名过长（最多 {CUSTOM_NAME_LEN} 个字符）")
            value = (self.model_extra or {})[name]
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            if len(shown) > CUSTOM_LEN:
                raise ValueError(f"{name}: 过长（最多 {CUSTOM_LEN} 个字符）")
        return self

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
    endTimeISO: Time = None
    privilegeGroupIds: StrList = None
    registerPlace: Text = None


class SyncBatch(BaseModel):
    """The body of offline/data/synchron."""

    model_config = ConfigDict(extra="ignore")
    clientMacAddress: Id = None
    kioskPublicKey: text(128) = None
    records: list[dict[str, Any]] = Field(default_factory=list)


class SyncItem(BaseModel):
    """One offline record: `op` is one of SYNC_OPS, `data` a RegisterInfo, EditData or nothing."""

    model_config = ConfigDict(extra="ignore")
    recordId: str = Field(min_length=1, max_length=64)
    seq: int = 0
    op: str = Field(max_length=CODE_LEN)
    orderId: Id = None
    clientTime: Time = None
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
