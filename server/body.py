"""Request bodies that arrive as JSON or as application/x-www-form-urlencoded (the spec
allows both), validated into pydantic models with 400 envelopes on any malformation."""

from __future__ import annotations

import json
import math
import re
from typing import Any, TypeVar
from urllib.parse import parse_qsl

from fastapi import Request
from pydantic import BaseModel, ValidationError

from server.envelope import ApiError, describe_errors
from server.limits import MAX_FORM_FIELDS, MAX_JSON_DEPTH

M = TypeVar("M", bound=BaseModel)

NOT_JSON = "请求体不是合法的 JSON"
NOT_UTF8 = "请求体编码错误，应为 UTF-8"
NOT_UTF8_JSON = "请求体不是合法的 JSON（应为 UTF-8 编码）"
TOO_DEEP = f"请求体嵌套层数过多（最多 {MAX_JSON_DEPTH} 层）"
BAD_TEXT = "请求体含有无效字符（不成对的 UTF-16 代理项或 NUL），请检查输入"
# A JSON escape that can make a str this server cannot encode or store: a UTF-16 surrogate
# (paired ones are fine and are checked like the rest) or NUL (PostgreSQL text cannot hold it).
_SUSPECT_ESCAPE = re.compile(rb"\\u(?:[dD][89a-fA-F][0-9a-fA-F]{2}|0000)")


async def parse_body(request: Request, model: type[M]) -> M:
    """The body as `model`, or a 400 (413/408 come from the edge guard while it is read).

    The one reader of request bodies: every route that takes one calls it, so what it refuses
    (malformed JSON, nesting deeper than MAX_JSON_DEPTH, NaN and overflowing numbers, lone
    surrogates, NUL, bytes that are not UTF-8) is refused on every route in the same words."""
    raw = await request.body()
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    data: Any
    if not raw.strip():
        data = {}
    elif content_type == "application/x-www-form-urlencoded":
        data = read_form(raw)
    else:
        data = read_json(raw)
    if not isinstance(data, dict):
        raise ApiError(400, "请求体应为 JSON 对象")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ApiError(400, describe(exc)) from None


async def parse_items(
    request: Request, names: tuple[str, ...], limit: int
) -> list[tuple[str, dict[str, Any]]]:
    """A feed's body: a JSON array of objects (the spec's examples), or an object holding it under
    one of `names` (its parameter name, e.g. iscPersonDtos). Items that are not objects are kept
    as refusals of their own (their key "#n"), so one bad item does not refuse the others."""
    raw = await request.body()
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    data: Any
    if not raw.strip():
        data = []
    elif content_type == "application/x-www-form-urlencoded":
        data = read_form(raw)  # one item's fields, as a form can carry them
    else:
        data = read_json(raw)
    if isinstance(data, dict):
        found = next((data[n] for n in names if n in data), None)
        data = found if found is not None else [data]
    if not isinstance(data, list):
        raise ApiError(400, "请求体应为 JSON 数组")
    if len(data) > limit:
        raise ApiError(400, f"一次最多 {limit} 条，请分批同步")
    return [
        (f"#{n}", item if isinstance(item, dict) else {"__bad__": True}) for n, item in enumerate(data, 1)
    ]


def read_json(raw: bytes) -> Any:
    """`raw` as JSON that this server can store and answer again, or ApiError(400)."""
    try:
        text = raw.decode("utf-8")  # strict: an encoded surrogate is not UTF-8 either
    except UnicodeDecodeError:
        raise ApiError(400, NOT_UTF8_JSON) from None
    try:
        data = json.loads(text, parse_constant=_not_json, parse_float=_finite)
    except RecursionError:  # ~1,000 levels: the parser's own stack
        raise ApiError(400, TOO_DEEP) from None
    except ValueError:
        raise ApiError(400, NOT_JSON) from None
    # Only bodies that could hold something to refuse are walked: most hold no such escape and
    # fewer brackets than the depth allowed (a picture's base64 has none).
    if _SUSPECT_ESCAPE.search(raw) or raw.count(b"[") + raw.count(b"{") > MAX_JSON_DEPTH:
        check_tree(data)
    return data


def read_form(raw: bytes) -> dict[str, str]:
    try:
        pairs = parse_qsl(
            raw.decode("utf-8"), keep_blank_values=True, errors="strict", max_num_fields=MAX_FORM_FIELDS
        )
    except UnicodeDecodeError:
        raise ApiError(400, NOT_UTF8) from None
    except ValueError:  # more fields than MAX_FORM_FIELDS
        raise ApiError(400, f"请求体字段过多（最多 {MAX_FORM_FIELDS} 个）") from None
    data = dict(pairs)
    for key, value in data.items():
        if "\x00" in key or "\x00" in value:
            raise ApiError(400, BAD_TEXT)
    return data


def check_tree(data: Any) -> None:
    """Depth at most MAX_JSON_DEPTH, and every key and string encodable as UTF-8 without NUL.
    Iterative: a deep body must not find the recursion limit here either."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise ApiError(400, TOO_DEEP)
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(key, str):
                _check_text(key)
            if isinstance(value, str):
                _check_text(value)
            elif isinstance(value, (dict, list)):
                stack.append((value, depth + 1))


def _check_text(text: str) -> None:
    if "\x00" in text:
        raise ApiError(400, BAD_TEXT)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ApiError(400, BAD_TEXT) from None


def _not_json(name: str) -> Any:
    """NaN and Infinity are not JSON (RFC 8259); Python would read them, store them, and then
    fail to answer every list that shows the record."""
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    """A number too large for a float (1e400) would be read as Infinity: refused like NaN."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is out of range")
    return value


def describe(exc: ValidationError) -> str:
    return describe_errors(exc.errors())


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
