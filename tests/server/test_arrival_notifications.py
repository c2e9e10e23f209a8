"""The host is told when their visitor checks in at a kiosk, online or when the kiosk uploads what
it did offline, through the pluggable sender: the bundled one records the message and posts it to
the site's group-robot webhook (JSON, as WeCom and DingTalk robots take it), retrying a webhook
that fails, and a registration never waits for any of it."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from server import kiosks, notify
from server.app import create_app
from server.models import Notification
from server.models._common import utcnow
from server.settings import Settings
from tests.server.conftest import KIOSK_MAC, VALID_ID, seed_visit_site
from tests.server.mobile_helpers import KIOSK, deliver, ok
from tests.server.test_offline_sync import record, sync


class Robot:
    """A group robot's webhook on loopback: answers `failures` times with HTTP 500, then
    {"errcode": 0}; `hold` keeps each request waiting until released."""

    def __init__(self, failures: int = 0, hold: bool = False) -> None:
        self.failures, self.hold = failures, hold
        self.bodies: list[dict] = []
        self.entered = threading.Event()
        self.release = threading.Event()
        self.delivered = threading.Event()
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = json.loads(self.rfile.read(int(self.headers["content-length"])))
                robot.entered.set()
                if robot.hold:
                    robot.release.wait(10)
                robot.bodies.append(body)
                failing = len(robot.bodies) <= robot.failures
                answer = b'{"errcode": 0, "errmsg": "ok"}'
                self.send_response(500 if failing else 200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
                if not failing:
                    robot.delivered.set()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/cgi-bin/webhook/send?key=test"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def robot() -> Iterator[Robot]:
    r = Robot(failures=1)
    yield r
    r.close()


def _site(tmp_path, database_url: str, webhook: str):  # type: ignore[no-untyped-def]
    app = create_app(
        Settings.build(tmp_path / "data", database_url, run_workers=False, extra={"notify_webhook": webhook})
    )
    return app


def _walk_in(site) -> dict:  # type: ignore[no-untyped-def]
    return {
        "name": "王五",
        "identityNum": VALID_ID,
        "phoneNum": "13912345678",
        "beVisitPersonId": site.host_id,
    }


def test_online_arrival_reaches_the_webhook_after_a_failure(tmp_path, database_url, robot):
    app = _site(tmp_path, database_url, robot.url)
    with TestClient(app) as client:
        site = seed_visit_site(app.state.db)
        auth = {"Authorization": "Bearer " + kiosks.add(app.state.db, mac=KIOSK_MAC, name="大厅访客机")}
        ok(client.post(KIOSK + "order/register", headers=auth, json=_walk_in(site)))

        assert app.state.notifier.run_once() == {"sent": 0, "retried": 1, "failed": 0}  # HTTP 500
        with app.state.db.read() as s:
            row = s.exec(select(Notification).where(Notification.kind == "arrival")).one()
        assert row.status == notify.PENDING and "500" in row.last_error
        assert app.state.notifier.run_once() == {"sent": 0, "retried": 0, "failed": 0}  # not due yet
        assert app.state.notifier.run_once(utcnow() + timedelta(seconds=10))["sent"] == 1
        recorded = app.state.notifier.sender.messages(site.host_id)  # the bundled sender's record
        assert [m.kind for m in recorded] == ["arrival"]

    assert len(robot.bodies) == 2 and robot.bodies[0] == robot.bodies[1]
    body = robot.bodies[-1]
    assert body["msgtype"] == "text"
    assert "张伟" in body["text"]["content"] and "王*" in body["text"]["content"]
    assert VALID_ID not in body["text"]["content"] and "13912345678" not in body["text"]["content"]


def test_a_registration_never_waits_for_the_webhook(tmp_path, database_url):
    robot = Robot(hold=True)  # the webhook takes its time (up to 10 s)
    try:
        app = _site(tmp_path, database_url, robot.url)
        with TestClient(app) as client:
            site = seed_visit_site(app.state.db)
            auth = {"Authorization": "Bearer " + kiosks.add(app.state.db, mac=KIOSK_MAC, name="大厅访客机")}
            stop = app.state.notifier.start()  # the delivering thread, as a running server has it
            try:
                began = time.monotonic()
                ok(client.post(KIOSK + "order/register", headers=auth, json=_walk_in(site)))
                answered = time.monotonic() - began
                assert robot.entered.wait(10)  # the notifier is posting now...
                assert not robot.delivered.is_set()  # ... and is held, while the kiosk has its answer
                assert answered < 2.0
                robot.release.set()
                assert robot.delivered.wait(10)
            finally:
                stop()
    finally:
        robot.close()


def test_an_offline_arrival_is_told_when_uploaded_and_only_once(app, client, auth, visit_site):
    oid = str(uuid.uuid4())
    data = {
        "registerType": "1",
        "name": "离线访客",
        "identityNum": VALID_ID,
        "phoneNum": "13912345678",
        "beVisitPersonId": visit_site.host_id,
    }
    records = [record("register", oid, 1, data)]
    assert sync(client, auth, records)["results"][0]["result"] == "applied"
    told = [m for m in deliver(app) if m.kind == "arrival"]
    assert [m.recipient for m in told] == [visit_site.host_id]
    assert sync(client, auth, records)["results"][0]["result"] == "duplicate"  # the kiosk's retry
    assert len([m for m in deliver(app) if m.kind == "arrival"]) == 1
