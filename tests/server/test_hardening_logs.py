"""Personal data in logs: uvicorn's access log recorded ID numbers and phones from GET query
strings (visitorGroup/judge, lastVisitor/inquiry, visitorInfo). The server installs a logging
filter (server.logmask) that masks them through visitorcs.masking, in uvicorn's access log and in
our own loggers. Checked by running the app under uvicorn and capturing what it logs."""

from __future__ import annotations

import logging
import threading
import time

import httpx
import pytest
import uvicorn

from server import kiosks, logmask
from server.listen import listening_socket
from tests.server.conftest import VALID_ID

API = "/webapi/visitorcs/api/v1/clientService/"
PHONE = "13912345678"
LEGACY = VALID_ID[:6] + VALID_ID[8:17]
FULL_WIDTH_PHONE = PHONE.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def served(settings):
    """The app under a real uvicorn with its access log on, and what the log captured."""
    from server.app import create_app

    app = create_app(settings)
    capture = Capture()
    access, ours = logging.getLogger("uvicorn.access"), logging.getLogger("server")
    access.addHandler(capture)
    logging.getLogger().addHandler(capture)
    old_level = access.level, ours.level
    access.setLevel(logging.INFO)
    ours.setLevel(logging.INFO)
    sock = listening_socket()
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=True, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline
        time.sleep(0.01)
    token = kiosks.add(app.state.db, mac="AA:BB:CC:00:00:09", name="日志")
    host, port = sock.getsockname()[:2]
    base = f"http://{host}:{port}"
    try:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as http:
            yield http, capture
    finally:
        server.should_exit = True
        thread.join(10)
        access.removeHandler(capture)
        logging.getLogger().removeHandler(capture)
        access.setLevel(old_level[0])
        ours.setLevel(old_level[1])


def test_query_strings_with_ids_and_phones_are_masked_in_the_access_log(served):
    http, capture = served
    for params in (
        {"identityNum": VALID_ID, "phoneNum": "+86" + PHONE},
        {"identityNum": LEGACY},
        {"phoneNum": FULL_WIDTH_PHONE},
    ):
        assert http.get(API + "visitorGroup/judge", params=params).status_code == 200
    http.get(API + "lastVisitor/inquiry", params={"identityId": 111, "identityNum": VALID_ID})
    http.get(
        API + "visitorInfo", params={"pageNo": 1, "pageSize": 10, "visitType": "total", "queryInfo": PHONE}
    )
    logging.getLogger("server.anything").info("looked up %s for %s", VALID_ID, "+86 139-1234-5678")
    text = "\n".join(capture.lines)
    assert "visitorGroup/judge" in text and "lastVisitor/inquiry" in text and "visitorInfo" in text
    for secret in (VALID_ID, LEGACY, PHONE, "8613912345678", "%2B86" + PHONE, "139-1234-5678"):
        assert secret not in text, secret
    assert "%EF%BC%91" not in text and FULL_WIDTH_PHONE not in text  # full-width digits, encoded or not
    assert "1101****002X" in text or "1101**********002X" in text
    assert "139****5678" in text


def test_the_filter_masks_arguments_messages_and_tracebacks():
    record = logging.LogRecord(
        "server.x", logging.ERROR, __file__, 1, "id %s phone %s", (VALID_ID, PHONE), None
    )
    try:
        raise ValueError(f"bad {VALID_ID}")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    assert logmask.MaskingFilter().filter(record)
    out = logging.Formatter().format(record)
    assert VALID_ID not in out and PHONE not in out


def test_the_cli_hands_uvicorn_a_log_config_with_the_filter():
    config = logmask.uvicorn_log_config()
    assert all("mask_personal_data" in h["filters"] for h in config["handlers"].values())
