"""Shared fixtures of the kiosk tests: a live visitorcs server (demo data, real HTTP on
127.0.0.1 port 0) with a kiosk token, an API client, and a qtbot-driven main window
factory. The self-service tests (tests/kiosk/selfservice/) use them too."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from server.listen import listening_socket

KIOSK_MAC = "AA:BB:CC:DD:EE:01"
KIOSK_NAME = "测试大厅访客机"


@dataclass
class LiveServer:
    """A real visitorcs server in this process, served by uvicorn on its own thread."""

    url: str
    token: str
    mac: str
    settings: Any  # server.settings.Settings
    app: Any  # FastAPI
    _server: Any = field(repr=False, default=None)
    _thread: threading.Thread | None = field(repr=False, default=None)

    @property
    def db(self) -> Any:
        return self.app.state.db

    def add_kiosk(self, mac: str, name: str = "另一台访客机") -> str:
        from server import kiosks

        return kiosks.add(self.db, mac=mac, name=name)

    def stop(self) -> None:
        """Stop serving (the port then refuses connections): the 'server went away' case."""
        if self._server is not None and self._thread is not None and self._thread.is_alive():
            self._server.should_exit = True
            self._thread.join(timeout=10)


def start_live_server(
    data_dir: Path, *, demo: bool = True, mac: str = KIOSK_MAC, run_workers: bool = False
) -> LiveServer:
    import uvicorn

    from server import kiosks
    from server.app import create_app
    from server.settings import Settings

    settings = Settings.build(data_dir, demo=demo, run_workers=run_workers)
    app = create_app(settings)
    sock = listening_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="visitorcs-test-server", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:  # uvicorn sets it once the lifespan (migrate + seed) is done
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test visitorcs server did not start")
        time.sleep(0.01)  # polling uvicorn's own flag: there is no event to wait on
    token = kiosks.add(app.state.db, mac=mac, name=KIOSK_NAME)
    return LiveServer(
        url=f"http://127.0.0.1:{port}",
        token=token,
        mac=mac,
        settings=settings,
        app=app,
        _server=server,
        _thread=thread,
    )


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One demo server for the whole session: tests that only read or add their own visits."""
    server = start_live_server(tmp_path_factory.mktemp("visitorcs-shared"))
    yield server
    server.stop()


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A demo server of this test's own: for tests that change settings or stop the server."""
    server = start_live_server(tmp_path / "server")
    yield server
    server.stop()


@pytest.fixture
def api(live_server: LiveServer) -> Iterator[Any]:
    from visitorcs.client import VisitorcsClient

    client = VisitorcsClient(live_server.url, live_server.token)
    yield client
    client.close()


@pytest.fixture
def kiosk_config(tmp_path: Path, live_server: LiveServer) -> Any:
    """A kiosk Config pointing at the shared live server, with simulated devices."""
    from kiosk.config import Config

    return Config.for_tests(
        tmp_path / "kiosk", server_url=live_server.url, token=live_server.token, mac=live_server.mac
    )


@pytest.fixture
def make_main_window(qtbot: Any, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Factory: `make_main_window(server=live_server, mode="staff")` -> a shown MainWindow,
    wired by kiosk.context.build_context against that server, closed after the test."""
    from kiosk.config import Config
    from kiosk.context import build_context
    from kiosk.ui.main_window import MainWindow

    made: list[Any] = []

    def factory(
        server: LiveServer,
        mode: str = "staff",
        language: str = "zh_CN",
        home: Path | None = None,
        **overrides: Any,
    ) -> Any:
        """`home`: the kiosk's data and log folder (default: a new one per window)."""
        config = Config.for_tests(
            home or tmp_path / f"kiosk{len(made)}",
            server_url=server.url,
            token=server.token,
            mac=server.mac,
            mode=mode,
            language=language,
            **overrides,
        )
        context = build_context(config)
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        made.append(context)
        context.start()
        return window

    yield factory
    for context in made:
        context.shutdown()


DEMO_OPERATOR = ("admin", "admin123")  # server.demo.DEMO_OPERATOR


def wait_ready(qtbot: Any, window: Any, timeout: int = 20000) -> None:
    """Until the window left the connecting state (ready, refused or unreachable)."""
    qtbot.waitUntil(lambda: window.context.state != "connecting", timeout=timeout)


def login_operator(
    qtbot: Any, window: Any, name: str = DEMO_OPERATOR[0], password: str = DEMO_OPERATOR[1]
) -> Any:
    """Type the operator's name and password and press 登录, as a person would; returns the console."""
    from PySide6.QtCore import Qt

    wait_ready(qtbot, window)
    assert window.context.state == "ready", window.context.words
    console = window.content
    page = console.login_page
    qtbot.keyClicks(page.name, name)
    qtbot.keyClicks(page.password, password)
    qtbot.mouseClick(page.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: console.stack.currentWidget() is console.work, timeout=15000)
    return console


def type_text(qtbot: Any, line_edit: Any, text: str) -> None:
    """Type into a QLineEdit. QTest can only synthesise ASCII keys; Chinese arrives the way an
    input method delivers it, as one committed string (QInputMethodEvent)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QInputMethodEvent

    line_edit.setFocus()
    if text.isascii():
        qtbot.keyClicks(line_edit, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(line_edit, event)


def add_appointment(
    server: LiveServer, name: str, host_name: str = "王建国", hours: float = 4.0
) -> dict[str, str]:
    """Given: a valid appointment for today (as the booking side would create it), with its
    signed QR code. Written through the server's own models and QR signer."""
    import datetime as dt
    import uuid

    from sqlmodel import select

    from server.keys import load_or_create_qr_key
    from server.models import Person, Visit
    from visitorcs import qrtoken

    tz = server.settings.timezone
    now = dt.datetime.now(dt.UTC)
    order_id = str(uuid.uuid4())
    end = now + dt.timedelta(hours=hours)
    qr = qrtoken.encode(load_or_create_qr_key(server.settings.data_dir), order_id, end)
    code = f"{uuid.UUID(order_id).int % 1_000_000:06d}"
    with server.db.write() as s:
        host = s.exec(select(Person).where(Person.name == host_name)).first()
        visit = Visit(
            order_id=order_id,
            register_type=2,
            status=1,
            approval_result="审批通过",
            name=name,
            phone_num="13500001234",
            phone_last4="1234",
            purpose="会议",
            be_visit_person_id=host.person_id if host else "",
            visitor_code=code,
            qr_code=qr,
            start_time=now - dt.timedelta(hours=1),
            end_time=end,
            register_place="预约",
            visit_day=now.astimezone(tz).date().isoformat(),
            sort_time=now,
        )
        if host is not None and hasattr(visit, "be_visit_person_name"):
            visit.be_visit_person_name = host.name
        s.add(visit)
    return {"orderId": order_id, "qrCode": qr, "visitorCode": code, "name": name}
