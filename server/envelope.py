"""The spec's `{code, msg, data}` envelope, the one error type routes raise, and the
handlers that turn every failure (validation, malformed JSON, unknown route, bugs)
into a 4xx/5xx envelope with words a front-desk person understands."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from visitorcs.envelope import failure, ok, page
from visitorcs.errors import ApiError, bad_request, not_found, refused

__all__ = ["ApiError", "bad_request", "error_response", "not_found", "ok", "page", "refused", "to_json"]

log = logging.getLogger(__name__)


def to_json(content: Any) -> bytes:
    """`content` encoded as JSONResponse encodes it, for answers assembled from encoded parts."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def page_response(items: list[bytes], page_no: int, page_size: int, total: int) -> Response:
    """JSONResponse(page(...)) from items already encoded with `to_json`: the same bytes."""
    tail = f'],"pageNo":{page_no},"pageSize":{page_size},"total":{total}}}}}'
    body = b'{"code":"0","msg":"success","data":{"list":[' + b",".join(items) + tail.encode()
    return Response(body, media_type="application/json")


def error_response(status: int, msg: str, data: Any = None) -> JSONResponse:
    # words may quote what a client sent: never let that make the refusal itself fail to encode
    msg = msg.encode("utf-8", "replace").decode("utf-8")
    return JSONResponse(status_code=status, content=failure(status, msg, data))


_FIELD_WORDS = {
    "missing": "缺少必填参数",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_parsing_size": "整数过大",
    "string_type": "应为字符串",
    "greater_than": "取值过小",
    "greater_than_equal": "取值过小",
    "less_than": "取值过大",
    "less_than_equal": "取值过大",
    "json_invalid": "请求体不是合法的 JSON",
    "list_type": "应为数组",
    "dict_type": "应为 JSON 对象",
    "model_type": "应为 JSON 对象",
}


def field_words(err: Any) -> str:
    """One pydantic error in words a front-desk person understands (request bodies and queries)."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "string_too_long":
        return f"过长（最多 {ctx.get('max_length')} 个字符）"
    if kind == "string_too_short":
        return f"过短（至少 {ctx.get('min_length')} 个字符）"
    if kind == "too_long":
        return f"条目过多（最多 {ctx.get('max_length')} 项）"
    if kind == "value_error":
        return str(err.get("msg", "取值无效")).removeprefix("Value error, ")
    return _FIELD_WORDS.get(kind, err.get("msg", "取值无效"))


def describe_errors(errors: Any, skip: tuple[str, ...] = ()) -> str:
    parts = []
    for err in list(errors)[:5]:
        loc = [str(x) for x in err.get("loc", ()) if x not in skip]
        field = ".".join(loc) or "请求体"
        parts.append(f"{field}: {field_words(err)}")
    return "参数错误：" + "；".join(parts)


def _describe_validation(exc: RequestValidationError) -> str:
    return describe_errors(exc.errors(), skip=("body", "query"))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.msg, exc.data)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(400, _describe_validation(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        words = {404: "接口不存在", 405: "请求方式不被支持", 401: "未登录或凭证无效"}.get(
            exc.status_code, str(exc.detail)
        )
        response = error_response(exc.status_code, words)
        response.headers.update(exc.headers or {})  # 405's Allow, as RFC 9110 asks
        return response

    @app.exception_handler(ClientDisconnect)
    async def _gone(_request: Request, _exc: ClientDisconnect) -> JSONResponse:
        # the client left while its body was arriving: nobody reads this answer, nothing to log
        return error_response(400, "客户端已断开连接")

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        # A bug is still answered in the envelope; the log keeps the traceback.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "服务器内部错误，请稍后重试或联系管理员")
