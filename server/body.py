"""Request bodies that arrive as JSON or as application/x-www-form-urlencoded (the spec
allows both), validated into pydantic models with 400 envelopes on any malformation."""

from __future__ import annotations

import json
from typing import Any, TypeVar
from urllib.parse import parse_qsl

from fastapi import Request
from pydantic import BaseModel, ValidationError

from server.envelope import ApiError

M = TypeVar("M", bound=BaseModel)

MAX_BODY_BYTES = 2 * 1024 * 1024  # a 200 KB JPEG in base64 is ~270 KB; batches stay well below


async def parse_body(request: Request, model: type[M]) -> M:
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise ApiError(413, "请求体过大")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    data: Any
    if not raw.strip():
        data = {}
    elif content_type == "application/x-www-form-urlencoded":
        try:
            data = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
        except UnicodeDecodeError:
            raise ApiError(400, "请求体编码错误，应为 UTF-8") from None
    else:
        try:
            data = json.loads(raw, parse_constant=_not_json)
        except (ValueError, UnicodeDecodeError):
            raise ApiError(400, "请求体不是合法的 JSON") from None
    if not isinstance(data, dict):
        raise ApiError(400, "请求体应为 JSON 对象")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ApiError(400, describe(exc)) from None


def _not_json(name: str) -> Any:
    """NaN and Infinity are not JSON (RFC 8259); Python would read them, store them, and then
    fail to answer every list that shows the record."""
    raise ValueError(f"{name} is not JSON")


def describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        field = ".".join(str(x) for x in err.get("loc", ())) or "请求体"
        kind = err.get("type", "")
        words = "缺少必填参数" if kind == "missing" else err.get("msg", "取值无效")
        parts.append(f"{field}: {words}")
    return "参数错误：" + "；".join(parts)


def body_doc(model: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` for a route that reads its body with parse_body: both media types.

    Nested models (RegisterInfo.companions) are inlined: openapi_extra cannot add them to
    the document's components. The body is optional where parse_body reads none as {}."""
    schema = model.model_json_schema(ref_template="{model}")
    schema = _inline(schema, schema.pop("$defs", {}))
    content = {
        "application/json": {"schema": schema},
        "application/x-www-form-urlencoded": {"schema": schema},
    }
    return {"requestBody": {"required": bool(schema.get("required")), "content": content}}


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(defs[node["$ref"]], defs)
        return {k: _inline(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(x, defs) for x in node]
    return node
