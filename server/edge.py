"""The edge guard: the first thing every HTTP request meets, whatever route it asks for and
however the server was started (CLI, the kiosk's child, tests, bench).

- The head: too large (431), a query string too long (414), or a path or query string that is
  not UTF-8 text or holds a NUL (400): answered before any route runs.
- The body: a Content-Length over the route's limit is answered 413 before a byte is read;
  a chunked body is counted as it arrives and cut at the limit (413); the whole body must arrive
  within BODY_TIMEOUT_S (408). A body the route did not read to its end closes the connection
  after the answer, so nobody keeps uploading into a connection we will not read.
- Every answer gets the security headers: `nosniff`, no framing, no referrer, `no-store` unless
  the route chose its own caching, a CSP of `default-src 'none'` unless the route set its own.

A pure ASGI wrapper (server/app.py puts it outside everything else): one function call and a
few header tuples per request. server/serve.py cuts slow or oversized heads at the connection,
where an ASGI app cannot see them.
"""

from __future__ import annotations

import asyncio
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.envelope import ApiError, error_response
from server.limits import BODY_TIMEOUT_S, MAX_HEAD_BYTES, MAX_QUERY_BYTES, body_limit

SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
NO_STORE = (b"cache-control", b"no-store")
API_CSP = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")
CLOSE = (b"connection", b"close")

BODY_TOO_LARGE = "请求体过大（最大 {limit}），请压缩图片或分批上传"
BODY_TIMEOUT = "请求体接收超时，请检查网络后重试"


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def text_problem(raw: bytes, where: str) -> str | None:
    """Why a raw path or query string is not text we accept (None: it is): each percent-escape
    must decode to UTF-8 (an escaped lone surrogate does not), and no NUL anywhere."""
    if b"%" not in raw and raw.isascii():
        return None
    try:
        text = unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return f"{where}含有无效字符（应为 UTF-8 编码的文字）"
    if "\x00" in text:
        return f"{where}含有无效字符（NUL）"
    return None


def head_problem(scope: Scope) -> tuple[int, str] | None:
    """(status, words) when the request's head is refused, else None."""
    query: bytes = scope.get("query_string", b"")
    size = len(scope.get("raw_path") or b"") + len(query)
    for name, value in scope["headers"]:
        size += len(name) + len(value) + 4
    if size > MAX_HEAD_BYTES:
        return 431, f"请求头过大（最大 {MAX_HEAD_BYTES // 1024} KB）"
    if len(query) > MAX_QUERY_BYTES:
        return 414, f"查询参数过长（最大 {MAX_QUERY_BYTES // 1024} KB）"
    path_words = text_problem(scope.get("raw_path") or scope["path"].encode("utf-8", "replace"), "请求路径")
    if path_words:
        return 400, path_words
    query_words = text_problem(query, "查询参数")
    if query_words:
        return 400, query_words
    return None


def _declared_length(scope: Scope) -> tuple[int | None, bool, bool]:
    """(Content-Length or None, chunked, malformed) from the request's headers."""
    length: int | None = None
    chunked = malformed = False
    for name, value in scope["headers"]:
        if name == b"content-length":
            if not value.isdigit() or (length is not None and int(value) != length):
                malformed = True
            else:
                length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    return length, chunked, malformed


class _Body:
    """How much of the body has arrived, by when the rest must, and whether it was cut."""

    __slots__ = ("limit", "received", "done", "cut", "deadline")

    def __init__(self, limit: int, done: bool, deadline: float):
        self.limit, self.received, self.done, self.cut, self.deadline = limit, 0, done, False, deadline


def with_security_headers(message: Message, close: bool) -> None:
    """Add the security headers (and `connection: close`) to an http.response.start message."""
    headers: list[tuple[bytes, bytes]] = list(message.get("headers", ()))
    names = {name.lower() for name, _ in headers}
    headers.extend(SECURITY_HEADERS)
    if b"cache-control" not in names:
        headers.append(NO_STORE)
    if b"content-security-policy" not in names:
        headers.append(API_CSP)
    if close:
        headers.append(CLOSE)
    message["headers"] = headers


class EdgeGuard:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = head_problem(scope)
        if problem is not None:
            await self._refuse(scope, receive, send, *problem)
            return
        limit = body_limit(scope["path"])
        length, chunked, malformed = _declared_length(scope)
        if malformed:
            await self._refuse(scope, receive, send, 400, "Content-Length 无效")
            return
        if length is not None and length > limit:
            await self._refuse(scope, receive, send, 413, BODY_TOO_LARGE.format(limit=_size(limit)))
            return
        no_body = not chunked and not length
        body = _Body(limit, no_body, asyncio.get_running_loop().time() + BODY_TIMEOUT_S)

        async def guarded_receive() -> Message:
            if body.done:  # the body is in (or there is none): what is left is waiting for a disconnect
                return await receive()
            try:
                async with asyncio.timeout_at(body.deadline):
                    message = await receive()
            except TimeoutError:
                body.cut = True
                raise ApiError(408, BODY_TIMEOUT) from None
            if message["type"] == "http.request":
                body.received += len(message.get("body", b""))
                if body.received > limit:
                    body.cut = True
                    raise ApiError(413, BODY_TOO_LARGE.format(limit=_size(limit)))
                if not message.get("more_body", False):
                    body.done = True
            else:
                body.done = True
            return message

        async def guarded_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                with_security_headers(message, close=body.cut or not body.done)
            await send(message)

        await self.app(scope, guarded_receive, guarded_send)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, words: str) -> None:
        response = error_response(status, words)

        async def send_closing(message: Message) -> None:
            if message["type"] == "http.response.start":
                with_security_headers(message, close=True)
            await send(message)

        await response(scope, receive, send_closing)


EDGE_ANSWERS = {
    400: "参数错误（含路径或查询参数中的无效字符）",
    414: "查询参数过长",
    431: "请求头过大",
}
BODY_ANSWERS = {408: "请求体接收超时", 413: "请求体过大"}


def document_edge_answers(document: dict) -> None:
    """Add what the edge guard may answer on any operation to the OpenAPI document, so clients
    (and schemathesis' status check) know every status an operation can give."""
    envelope = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}}
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            answers = EDGE_ANSWERS | (BODY_ANSWERS if "requestBody" in operation else {})
            for status, words in answers.items():
                operation["responses"].setdefault(str(status), {"description": words, "content": envelope})
