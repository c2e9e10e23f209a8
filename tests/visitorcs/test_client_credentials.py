"""The client sends its kiosk token and operator session only to the server it was made for:
a picture URL that points at another host is not fetched at all (issue: one kiosk collected
another's token through a visitorPhoto URL)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from visitorcs.client import VisitorcsClient


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        type(self).seen.append(dict(self.headers))
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.end_headers()
        self.wfile.write(b"\xff\xd8\xff\xd9")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def host() -> Iterator[str]:
    """A real HTTP server on loopback that records the headers it receives."""
    _Recorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_pictures_on_the_clients_own_server_are_fetched_with_its_credentials(host: str) -> None:
    with VisitorcsClient(host, "kiosk-secret") as client:
        client.set_operator_token("operator-secret")
        assert (
            client.picture("/webapi/visitorcs/api/v1/clientService/ext/pictures/x.jpg") == b"\xff\xd8\xff\xd9"
        )
        assert client.picture(host + "/pictures/y.jpg") == b"\xff\xd8\xff\xd9"
    assert [h.get("Authorization") for h in _Recorder.seen] == ["Bearer kiosk-secret"] * 2
    assert all(h.get("X-Operator-Token") == "operator-secret" for h in _Recorder.seen)


@pytest.mark.parametrize(
    "elsewhere",
    [
        "http://127.0.0.2:{port}/steal.jpg",
        "https://127.0.0.1:{port}/a.jpg",
        "http://127.0.0.1:1/a.jpg",
        "//evil.example/a.jpg",
        "http://evil.example/a.jpg",
    ],
)
def test_pictures_anywhere_else_are_not_fetched_and_no_credential_leaves(host: str, elsewhere: str) -> None:
    port = host.rsplit(":", 1)[1]
    with VisitorcsClient(host, "kiosk-secret") as client:
        client.set_operator_token("operator-secret")
        assert client.picture(elsewhere.format(port=port)) is None
    assert _Recorder.seen == []
