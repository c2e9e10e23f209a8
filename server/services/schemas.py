"""Response schemas of the visit endpoints, for the OpenAPI document (/v3/api-docs) and as a
runtime check that every answer keeps the spec's field names and JSON types."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from server.models import Visit
from server.services.visits import BASE_FIELDS, CUSTOM_KEYS, SIMPLE_FIELDS, visitor_info
from server.settings import site_tz
from visitorcs.wire import VISITOR_INFO_FIELDS

# the renderer and the contract must agree on VisitorInfo's fields (checked once, at import)
if tuple(sorted(visitor_info(Visit(), site_tz()))) != VISITOR_INFO_FIELDS:
    raise RuntimeError("server.services.visits.visitor_info and visitorcs.wire.VISITOR_INFO_FIELDS differ")


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
    authStatus: str = Field(
        description="0无介质 1待下发 2正在下发 3已下发 4下发失败 -1待删除 -2正在删除 -3已删除 -4删除失败"
    )
    cardType: str = Field(description="0身份证号 1身份证序列号 2IC卡 3二维码 4车牌号码 5人脸")
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
