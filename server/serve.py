"""How the server listens (`visitorcs-server`, and so the kiosk's bundled child): uvicorn with
httptools, and what uvicorn leaves out for a server that faces a network.

uvicorn's httptools protocol arms no timer until a first response is sent: a connection that
sends nothing, or a head one byte at a time, or a body that never ends, stays open for ever
(300 of them stayed open in a probe), and it takes a head of any size (httptools keeps it all).
`GuardedHttpToolsProtocol` adds, per connection:

- the head (request line and headers) must arrive within HEAD_TIMEOUT_S of the connection or of
  the request's first byte, else 408 and close;
- the head may hold at most MAX_HEAD_BYTES, else 431 and close (counted as the bytes arrive,
  so an endless header is cut at the limit, not when it ends);
- the body must arrive within BODY_TIMEOUT_S (+2 s, after the edge guard's own 408 had its
  chance) of the head's end, else close: this also ends bodies no route reads.

uvicorn's own options do the rest: `timeout_keep_alive` (idle keep-alive connections),
`limit_concurrency` (503 above MAX_CONCURRENCY connections or requests). The body's size is
checked by the edge guard (server/edge.py), which every way of starting the app has.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from server.limits import BODY_TIMEOUT_S, HEAD_TIMEOUT_S, KEEP_ALIVE_S, MAX_CONCURRENCY, MAX_HEAD_BYTES

log = logging.getLogger(__name__)

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # httptools is part of the server extra; without it, uvicorn's h11 below
    HttpToolsProtocol = None  # type: ignore[assignment,misc]


def _answer(status: int, reason: str, words: str) -> bytes:
    body = json.dumps({"code": str(status), "msg": words, "data": None}, ensure_ascii=False).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


HEAD_TOO_LARGE = _answer(
    431, "Request Header Fields Too Large", f"请求头过大（最大 {MAX_HEAD_BYTES // 1024} KB）"
)
HEAD_TOO_SLOW = _answer(408, "Request Timeout", "请求头接收超时")


if HttpToolsProtocol is not None:

    class GuardedHttpToolsProtocol(HttpToolsProtocol):  # type: ignore[misc,valid-type]
        """uvicorn's httptools protocol with a deadline and a size limit for the head and a
        deadline for the body (see the module's docstring)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._in_head = True  # the bytes arriving now belong to a request's head
            self._head_bytes = 0
            self._head_timer: Any = None
            self._body_timer: Any = None

        # -- the connection ------------------------------------------------------------------
        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm_head_timer()

        def connection_lost(self, exc: Exception | None) -> None:
            self._cancel_timers()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            if not self._in_head:
                super().data_received(data)
                return
            room = MAX_HEAD_BYTES - self._head_bytes + 1  # one byte over the limit tells
            first, rest = (data, b"") if len(data) <= room else (data[:room], data[room:])
            self._head_bytes += len(first)
            super().data_received(first)
            if self.transport.is_closing():
                return
            if self._in_head and self._head_bytes > MAX_HEAD_BYTES:
                self._close_with(HEAD_TOO_LARGE, "request head over %d bytes", MAX_HEAD_BYTES)
                return
            if rest:
                self.data_received(rest)

        # -- parser callbacks ----------------------------------------------------------------
        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._in_head = True
            self._arm_head_timer()

        def on_headers_complete(self) -> None:
            self._in_head = False
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None
            self._body_timer = self.loop.call_later(BODY_TIMEOUT_S + 2.0, self._body_timed_out)
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            if self._body_timer is not None:
                self._body_timer.cancel()
                self._body_timer = None
            self._in_head = True  # whatever comes next is the next request's head
            self._head_bytes = 0
            super().on_message_complete()

        # -- timers --------------------------------------------------------------------------
        def _arm_head_timer(self) -> None:
            if self._head_timer is None:
                self._head_timer = self.loop.call_later(HEAD_TIMEOUT_S, self._head_timed_out)

        def _cancel_timers(self) -> None:
            for timer in (self._head_timer, self._body_timer):
                if timer is not None:
                    timer.cancel()
            self._head_timer = self._body_timer = None

        def _head_timed_out(self) -> None:
            self._head_timer = None
            if self.transport.is_closing() or not self._in_head:
                return
            if self._answering():  # the previous request is still being answered: look again later
                self._arm_head_timer()
                return
            if self._head_bytes == 0:  # nothing of a request came: idle, as keep-alive closes them
                self.transport.close()
                return
            self._close_with(HEAD_TOO_SLOW, "request head not complete after %.0f s", HEAD_TIMEOUT_S)

        def _answering(self) -> bool:
            return self.cycle is not None and not self.cycle.response_complete

        def _body_timed_out(self) -> None:
            self._body_timer = None
            if not self.transport.is_closing():
                log.info("closing %s: request body not complete after %.0f s", self.client, BODY_TIMEOUT_S)
                self.transport.close()

        def _close_with(self, answer: bytes, why: str, *args: Any) -> None:
            log.info("closing %s: " + why, self.client, *args)
            self._cancel_timers()
            if not self._answering():  # never write into the middle of another answer
                self.transport.write(answer)
            self.transport.close()


def uvicorn_options() -> dict[str, Any]:
    """What `uvicorn.run` / `uvicorn.Config` get besides the app, host and port."""
    options: dict[str, Any] = {
        "timeout_keep_alive": KEEP_ALIVE_S,
        "limit_concurrency": MAX_CONCURRENCY,
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,  # used only where httptools is missing
    }
    if HttpToolsProtocol is not None:
        options["http"] = GuardedHttpToolsProtocol
    else:
        log.warning("httptools is not installed: request heads and bodies have no time limit")
        options["http"] = "h11"
    return options


def run(app: Any, host: str, port: int, **kwargs: Any) -> None:
    import uvicorn

    uvicorn.run(app, host=host, port=port, **(uvicorn_options() | kwargs))
