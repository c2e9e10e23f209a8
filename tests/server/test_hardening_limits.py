"""Limits at the edge, as an attacker meets them: bodies too large by Content-Length (refused
before a byte is read) or chunked (cut at the limit), bodies and heads that never finish
(slow loris), heads too large, and the security headers of every answer.

The first half drives the ASGI app directly (the edge guard is part of every server); the
second serves it the way `visitorcs-server` does (server/serve.py: uvicorn with the guarded
httptools protocol) with shortened timeouts, and talks to it over raw sockets."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import uuid

import pytest
import uvicorn
from fastapi.testclient import TestClient

from server import edge, kiosks, serve
from server.app import create_app
from server.limits import MAX_BODY_BYTES, MAX_HEAD_BYTES, MAX_OPEN_BODY_BYTES
from server.listen import listening_socket
from server.settings import Settings
from tests.server.conftest import KIOSK_MAC

API = "/webapi/visitorcs/api/v1/clientService/"
LOGIN = "/webapi/visitorcs/eits/login"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_app(Settings.build(tmp_path_factory.mktemp("limits"), run_workers=False))
    with TestClient(app) as client:
        app.state.test_token = kiosks.add(app.state.db, mac=KIOSK_MAC, name="大厅访客机")
        app.state.test_client = client
        yield app


def call(app, method: str, path: str, headers: dict[str, str], chunks, *, query: bytes = b""):
    """One request straight into the ASGI app; `chunks` is an async iterator of body parts (or a
    list). Returns (status, headers, body, how many body parts the app asked for)."""
    asked = 0
    parts = iter(chunks) if isinstance(chunks, list) else None
    sent: dict = {"body": b""}

    async def receive():
        nonlocal asked
        asked += 1
        if parts is not None:
            part = next(parts, None)
            return {"type": "http.request", "body": part or b"", "more_body": part is not None}
        return await chunks()

    async def send(message):
        if message["type"] == "http.response.start":
            sent["status"] = message["status"]
            sent["headers"] = {k.decode(): v.decode() for k, v in message["headers"]}
        else:
            sent["body"] += message.get("body", b"")

    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
        "state": {},
    }
    asyncio.run(app(scope, receive, send))
    return sent["status"], sent["headers"], sent["body"], asked


def auth(app) -> dict[str, str]:
    return {"authorization": f"Bearer {app.state.test_token}"}


# ---- the body ------------------------------------------------------------------------------------


def test_a_200_mb_content_length_is_refused_before_reading(app):
    status, headers, body, asked = call(
        app, "POST", LOGIN, {"content-length": str(200 * 1024 * 1024), "content-type": "application/json"}, []
    )
    assert (status, asked) == (413, 0) and headers["connection"] == "close"
    assert "请求体过大" in body.decode()
    status, _, _, asked = call(
        app, "POST", API + "order/register", auth(app) | {"content-length": str(MAX_BODY_BYTES + 1)}, []
    )
    assert (status, asked) == (413, 0)


def test_a_chunked_body_is_counted_and_cut_at_the_limit(app):
    part = b"x" * 16 * 1024
    endless = [part] * 10_000  # 160 MB if all were read
    status, headers, body, asked = call(app, "POST", LOGIN, {"transfer-encoding": "chunked"}, endless)
    assert status == 413 and headers["connection"] == "close", body
    assert asked <= MAX_OPEN_BODY_BYTES // len(part) + 1
    status, _, _, asked = call(
        app, "POST", API + "order/register", auth(app) | {"transfer-encoding": "chunked"}, endless
    )
    assert status == 413 and asked <= MAX_BODY_BYTES // len(part) + 1


def test_a_body_that_never_finishes_is_cut_after_the_body_timeout(app, monkeypatch):
    monkeypatch.setattr(edge, "BODY_TIMEOUT_S", 0.3)

    async def trickle():
        await asyncio.sleep(0.05)
        return {"type": "http.request", "body": b" ", "more_body": True}

    started = time.monotonic()
    status, headers, body, _ = call(app, "POST", LOGIN, {"transfer-encoding": "chunked"}, trickle)
    assert status == 408 and headers["connection"] == "close" and "超时" in body.decode()
    assert time.monotonic() - started < 2


def test_a_body_nobody_reads_closes_the_connection(app):
    """Refused before its body was read (no token): answered, then the connection is closed,
    so the rest of an upload is not read for nothing."""
    status, headers, _, asked = call(
        app, "POST", API + "order/register", {"content-length": "10"}, [b"0123456789"]
    )
    assert status == 401 and asked == 0 and headers["connection"] == "close"
    status, headers, _, _ = call(
        app, "POST", API + "order/register", auth(app) | {"content-length": "2"}, [b"{}"]
    )
    assert status == 400 and "connection" not in headers  # read to its end: the connection stays


def test_malformed_content_length_is_400(app):
    status, _, _, asked = call(app, "POST", LOGIN, {"content-length": "-1"}, [])
    assert (status, asked) == (400, 0)


# ---- the head and the answer's headers -------------------------------------------------------------


def test_a_head_over_the_limit_is_431_and_a_long_query_414(app):
    client = app.state.test_client
    r = client.get(API + "purpose", headers=auth(app) | {"x-pad": "a" * MAX_HEAD_BYTES})
    assert r.status_code == 431 and r.json()["code"] == "431"
    r = client.get(API + "personInfo/query", params={"queryInfo": "q" * 5000}, headers=auth(app))
    assert r.status_code == 414 and r.json()["code"] == "414"


def test_security_headers_on_every_answer(app):
    client = app.state.test_client
    import base64

    from tests.server.test_pictures import _pillow_jpeg

    pic = client.post(
        API + "savePicForApp",
        json={"checkQuality": "1", "picData": base64.b64encode(_pillow_jpeg(False)).decode()},
        headers=auth(app),
    ).json()["data"]
    answers = {
        "picture": client.get(pic["faceUrl"], headers=auth(app)),
        "list": client.get(
            API + "visitorInfo", params={"pageNo": 1, "pageSize": 10, "visitType": "total"}, headers=auth(app)
        ),
        "refusal": client.get(API + "visitorInfo", headers=auth(app)),
        "no token": client.get(API + "purpose", params={"pageNo": 1, "pageSize": 10}),
        "unknown": client.get("/nothing-here"),
        "document": client.get("/v3/api-docs"),
    }
    for name, r in answers.items():
        assert r.headers["x-content-type-options"] == "nosniff", name
        assert r.headers["x-frame-options"] == "DENY", name
        assert "cache-control" in r.headers, name
    assert answers["picture"].headers["content-type"] == "image/jpeg"
    assert answers["list"].headers["cache-control"] == "no-store"  # personal data
    assert "default-src 'none'" in answers["list"].headers["content-security-policy"]


def test_the_docs_page_is_off_unless_asked_for_and_then_has_a_strict_csp(app, tmp_path):
    assert app.state.test_client.get("/doc.html").status_code == 404
    assert app.state.test_client.get("/v3/api-docs").status_code == 200
    with TestClient(create_app(Settings.build(tmp_path, docs=True, run_workers=False))) as client:
        r = client.get("/doc.html")
        csp = r.headers["content-security-policy"]
        assert r.status_code == 200 and "swagger" in r.text.lower()
        assert (
            "script-src https://cdn.jsdelivr.net 'sha256-" in csp
            and "'unsafe-inline'" not in csp.split(";")[1]
        )
        assert "frame-ancestors 'none'" in csp and r.headers["x-content-type-options"] == "nosniff"


# ---- the server as `visitorcs-server` runs it --------------------------------------------------------


@pytest.fixture
def served(tmp_path, monkeypatch):
    """The app under uvicorn with serve.uvicorn_options() (the guarded protocol), short timeouts."""
    monkeypatch.setattr(serve, "HEAD_TIMEOUT_S", 0.5)
    monkeypatch.setattr(serve, "BODY_TIMEOUT_S", 0.5)
    monkeypatch.setattr(edge, "BODY_TIMEOUT_S", 0.5)
    app = create_app(Settings.build(tmp_path, run_workers=False))
    sock = listening_socket()
    config = uvicorn.Config(app, log_level="warning", access_log=False, **serve.uvicorn_options())
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    try:
        yield sock.getsockname()[1], app
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def _connect(port: int) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    return s


def _read_all(s: socket.socket, limit: float = 5.0) -> bytes:
    """What the server sends until it closes (b"" when it closed without a word)."""
    s.settimeout(limit)
    out = b""
    while True:
        try:
            part = s.recv(65536)
        except (ConnectionResetError, TimeoutError):
            return out
        if not part:
            return out
        out += part


def test_slow_loris_connections_are_closed_after_the_head_timeout(served):
    port, _app = served
    conns = [_connect(port) for _ in range(40)]
    for s in conns:
        s.sendall(b"GET /webapi/visitorcs/actuator/health HTTP/1.1\r\nHost: x\r\n")
    started = time.monotonic()
    for _ in range(4):  # a header line now and then: the head never ends
        time.sleep(0.1)
        for s in conns:
            try:
                s.sendall(b"X-a: b\r\n")
            except OSError:
                pass
    answers = [_read_all(s) for s in conns]
    assert all(a.startswith(b"HTTP/1.1 408") for a in answers), answers[:2]
    assert time.monotonic() - started < 3
    idle = _connect(port)  # says nothing at all: closed without a word
    assert _read_all(idle) == b""
    for s in [*conns, idle]:
        s.close()


def test_a_1_mb_header_is_cut_at_the_limit(served):
    port, _app = served
    s = _connect(port)
    s.sendall(b"GET /webapi/visitorcs/actuator/health HTTP/1.1\r\nHost: x\r\nX-Big: ")
    sent = 0
    try:
        while sent < 1024 * 1024:
            s.sendall(b"a" * 4096)
            sent += 4096
    except OSError:
        pass  # the server closed while we were still sending: what we want
    answer = _read_all(s)
    assert answer.startswith(b"HTTP/1.1 431"), answer[:80]
    s.close()


def test_a_200_mb_upload_is_answered_413_before_it_is_sent(served):
    port, _app = served
    s = _connect(port)
    s.sendall(
        b"POST /webapi/visitorcs/eits/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 209715200\r\n\r\n"
    )
    answer = _read_all(s)
    assert answer.startswith(b"HTTP/1.1 413") and b"connection: close" in answer.lower()
    s.close()


def test_an_endless_chunked_upload_is_cut_and_closed(served):
    port, _app = served
    s = _connect(port)
    s.sendall(b"POST /webapi/visitorcs/eits/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"%x\r\n%s\r\n" % (8192, b"x" * 8192)
    sent = 0
    try:
        while sent < 20 * 1024 * 1024:
            s.sendall(chunk)
            sent += 8192
    except OSError:
        pass
    answer = _read_all(s)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:80]
    assert sent < 20 * 1024 * 1024  # the server stopped reading long before
    s.close()


def test_a_body_sent_slowly_is_cut_after_the_body_timeout(served):
    port, _app = served
    s = _connect(port)
    s.sendall(b"POST /webapi/visitorcs/eits/login HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{")
    started = time.monotonic()
    answer = _read_all(s)
    assert answer.startswith(b"HTTP/1.1 408") and time.monotonic() - started < 3, answer[:80]
    s.close()


def test_requests_still_work_through_the_guarded_protocol(served):
    import httpx

    port, app = served
    token = kiosks.add(app.state.db, mac=KIOSK_MAC, name="k")
    with httpx.Client(
        base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"}
    ) as http:
        for _ in range(3):  # keep-alive: the same connection, request after request
            r = http.post(API + "order/register", json={"name": "正常访客", "orderId": str(uuid.uuid4())})
            assert r.status_code == 200 and r.json()["code"] == "0"
        assert http.get("/webapi/visitorcs/actuator/health").json()["status"] == "UP"
