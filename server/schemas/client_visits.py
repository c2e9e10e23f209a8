"""Request and response models of the visit endpoints of `clientService` (routes/client_visits.py)
besides the wire models both sides share (visitorcs.wire: RegisterInfo, VisitorInfo, the offline
upload): look-up queries, the list shapes, sign-out, credential results, QR keys."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from server.models import Visit
from server.services.visits import BASE_FIELDS, CUSTOM_KEYS, SIMPLE_FIELDS, visitor_info
from server.settings import site_tz
from visitorcs.codes import AUTH_STATUS_WORDS, CREDENTIAL_TYPE_WORDS
from visitorcs.wire import (
    CODE_LEN,
    QR_LEN,
    VISITOR_INFO_FIELDS,
    Code,
    Id,
    Str,
    StrList,
    Text,
    Time,
    text,
    text_list,
)

# the renderer and the contract must agree on VisitorInfo's fields (checked once, at import)
if tuple(sorted(visitor_info(Visit(), site_tz()))) != VISITOR_INFO_FIELDS:
    raise RuntimeError("server.services.visits.visitor_info and visitorcs.wire.VISITOR_INFO_FIELDS differ")


# ---- requests -------------------------------------------------------------------------

QrText = text(QR_LEN)  # a visitor code, phone digits, document or plate number, or a QR code
Statuses = text_list(20, CODE_LEN)


class OrderIdBody(BaseModel):
    """signOut / authResult/download: the orderId when it comes in the body, not the query."""

    model_config = ConfigDict(extra="ignore")
    orderId: Str = None
    qrCode: Str = Field(
        default=None,
        description="扩展（签离）：访客出示的访客单二维码，任何访客机凭它即可签离该访客（见 api-notes）",
    )


class PrivilegeEditInfo(BaseModel):  # register/edit's body (docstrings show in /v3/api-docs)
    model_config = ConfigDict(extra="ignore")
    endTimeISO: Time = None
    orderId: Id = None
    privilegeGroupIds: StrList = None
    registerPlace: Text = None


class DetailsQuery(BaseModel):  # visitor/details' body
    """The spec's VisitorClientQueryDto."""

    model_config = ConfigDict(extra="ignore")
    code: QrText = None
    codeType: Code = None
    macAddress: Id = None
    statusList: Statuses = None
    subParamCode: Code = None
    type: Code = None


# ---- answers --------------------------------------------------------------------------


def _model(name: str, fields: tuple[str, ...], ints: set[str], doc: str) -> type[BaseModel]:
    spec: dict[str, Any] = {f: (int if f in ints else str, ...) for f in fields}
    model = create_model(name, __config__=ConfigDict(extra="allow"), __doc__=doc, **spec)
    return model


SimpleVisitorInfo = _model(
    "SimpleVisitorInfo",
    SIMPLE_FIELDS + CUSTOM_KEYS,
    set(),
    "被访人的有效访客记录（证件号脱敏）",
)
VisitorBaseInfo = _model(
    "VisitorBaseInfo", BASE_FIELDS + ("openId",) + CUSTOM_KEYS, set(), "最近一次访客记录（预填登记表）"
)


class AuthResultDto(BaseModel):
    authStatus: str = Field(description=" ".join(f"{int(s)}{w}" for s, w in AUTH_STATUS_WORDS.items()))
    cardType: str = Field(description=" ".join(f"{int(t)}{w}" for t, w in CREDENTIAL_TYPE_WORDS.items()))
    deviceDesc: str
    orderId: str
    message: str = Field(description="扩展：下发失败的原因")


class SignedOut(BaseModel):
    orderId: str
    companions: list[str] = Field(description="随主访客一并签离的同行人 orderId")


class Reissued(BaseModel):
    reissued: int = Field(description="重新排队下发的权限条数")


class QrKeyDto(BaseModel):
    kid: int
    publicKey: str = Field(description="base64 的 32 字节 Ed25519 公钥")
    self: bool = Field(default=False, description="是否为调用方访客机自己的密钥")


class QrKeys(BaseModel):
    keys: list[QrKeyDto]
