"""What every API group's document shares: the `{code, msg, data}` envelope, the page shape, an
empty `data`, and the error answers a route declares (`errors(400, 401, ...)`).

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


_ERROR_WORDS = {
    400: "参数错误",
    401: "访客机凭证缺失或无效",
    403: "无权操作",
    404: "对象不存在",
    409: "状态冲突",
    413: "图片或请求体过大",
    422: "业务拒绝",
    429: "尝试过多，已锁定",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: every refusal it can answer, in the error envelope."""
    return {s: {"model": ErrorEnvelope, "description": _ERROR_WORDS[s]} for s in statuses}
