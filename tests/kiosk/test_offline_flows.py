"""Offline mode of the whole kiosk, clicked as a person would: the demo server stops mid-session,
the desk keeps registering, checking in and signing out from the outbox and the cache, and when
the server returns everything reaches it exactly once. Real HTTP, device simulators."""

from __future__ import annotations

import io
import threading
import time
import uuid

import pytest
from PySide6.QtCore import Qt

from server.listen import listening_socket
from tests.kiosk.conftest import LiveServer, add_appointment, login_operator, type_text
from tests.kiosk.test_staff_flows import _accept_notice, _choose_host, _fill, _register_directly
from visitorcs.client import VisitorcsClient
from visitorcs.codes import CodeType

pytestmark = pytest.mark.timeout(180)


def _restart(server: LiveServer) -> None:
    """Serve the same app and database again on the same port (the server is back)."""
    import uvicorn

    port = int(server.url.rsplit(":", 1)[1])
    sock = listening_socket(port=port)
    uv = uvicorn.Server(uvicorn.Config(server.app, log_level="warning", lifespan="on", access_log=False))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:  # uvicorn's own flag: there is no event to wait on
        assert thread.is_alive() and time.monotonic() < deadline, "server did not restart"
        time.sleep(0.01)
    server._server, server._thread = uv, thread


def _qrs_of(png: bytes) -> list[str]:
    """Every QR code on a permit (the visitor's photo from the demo camera may show one too)."""
    import zxingcpp
    from PIL import Image

    return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def _total(api: VisitorcsClient, name: str) -> int:
    return int(api.visitor_info("total", 1, 50, query_info=name)["total"])


def test_the_desk_keeps_working_while_the_server_is_down(
    make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    from kiosk.embedded import demo_blacklisted_card

    api = VisitorcsClient(fresh_server.url, fresh_server.token)
    tag = uuid.uuid4().hex[:4]
    appointment = add_appointment(fresh_server, "离线预约" + tag)
    leaving = _register_directly(api, "离线签离" + tag)  # registered online, signs out offline
    window = make_main_window(fresh_server, mode="staff", simulate="yes")
    console = login_operator(qtbot, window)
    sync, cache = window.context.sync, window.context.cache
    # Given the kiosk has its offline copy (first refresh after start)
    cached = lambda: bool(cache.directory.find_visits(CodeType.ORDER_ID, appointment["orderId"]))  # noqa: E731
    qtbot.waitUntil(lambda: cache.directory.oldest_age_seconds() is not None and cached(), timeout=20000)
    assert not window.offline_banner.isVisible()

    # When the server stops, the banner says so within 5 s
    fresh_server.stop()
    stopped = time.monotonic()
    qtbot.waitUntil(lambda: window.offline_banner.isVisible(), timeout=5000)
    assert time.monotonic() - stopped < 5
    assert "离线模式：服务器暂不可用" in window.offline_banner.text()
    assert "待上传 0 条" in window.offline_banner.text()
    assert "离线" in window.connection.text()
    assert "基础数据更新于" in console.cache_age.text()

    # A walk-in registers offline and gets a permit whose QR is the visit's
    page = console.show_page("register")
    walk_in = "离线散客" + tag
    _fill(qtbot, page, "name", walk_in)
    _fill(qtbot, page, "phoneNum", "13811112222")
    _fill(qtbot, page, "purpose", "送货")
    _choose_host(qtbot, page)  # from the cache: the hosts of today's visits
    devices = window.context.devices
    qtbot.waitUntil(lambda: devices.status()["camera"].state.value == "simulated", timeout=10000)
    with qtbot.waitSignal(page.photo_scored, timeout=20000):
        qtbot.mouseClick(page.capture_button, Qt.MouseButton.LeftButton)
    assert "离线" in page.score.text()  # kept for upload, not scored
    _accept_notice(page)
    with qtbot.waitSignal(page.registered, timeout=10000) as registered:
        qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    visit = registered.args[0]
    qtbot.waitUntil(lambda: page.permit_dialog.png is not None, timeout=10000)
    assert visit["qrCode"].startswith("VC1") and visit["qrCode"] in _qrs_of(page.permit_dialog.png)
    qtbot.waitUntil(lambda: "待上传 1 条" in window.offline_banner.text(), timeout=5000)

    # An appointment checks in offline by its visitor code
    page.lookup_kind.setCurrentIndex(page.lookup_kind.findData(CodeType.VISITOR_CODE))
    type_text(qtbot, page.lookup_code, appointment["visitorCode"])
    qtbot.mouseClick(page.lookup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.draft.order_id == appointment["orderId"], timeout=10000)
    assert "已找到预约" in page.screening.text() and "离线数据" in page.screening.text()
    _accept_notice(page)
    with qtbot.waitSignal(page.registered, timeout=10000):
        qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)

    # A cached blacklisted person is refused, in words
    qtbot.waitUntil(lambda: devices.idcard_sim is not None, timeout=10000)
    devices.idcard_sim.present(demo_blacklisted_card())
    qtbot.waitUntil(lambda: page.form.values().get("name") == demo_blacklisted_card().name, timeout=10000)
    assert "禁止登记" in page.screening.text() and not page.submit_button.isEnabled()

    # Someone registered online signs out offline by scanning the permit's QR
    signout = console.show_page("signout")
    qtbot.waitUntil(lambda: devices.status()["scanner"].state.value == "simulated", timeout=10000)
    devices.scan_code(leaving["qrCode"])
    qtbot.waitUntil(lambda: signout.confirm.isVisible(), timeout=10000)
    with qtbot.waitSignal(signout.signed_out, timeout=10000):
        qtbot.mouseClick(signout.confirm, Qt.MouseButton.LeftButton)
    assert "已签离" in signout.result.text() and "待上传" in signout.result.text()

    # The roll call shows the offline registrations and not the one who left
    onsite = console.show_page("onsite")
    names = lambda: [onsite.list.item(i).text() for i in range(onsite.list.count())]  # noqa: E731
    qtbot.waitUntil(lambda: any(walk_in in n for n in names()), timeout=10000)
    assert any(walk_in in n and "王建国" in n for n in names())  # the host's name from the cache
    assert any(appointment["name"] in n and "王建国" in n for n in names())
    assert not any(leaving["name"] in n for n in names())

    # When the server is back: the banner goes, the outbox drains, each record is there once
    _restart(fresh_server)
    qtbot.waitUntil(lambda: not window.offline_banner.isVisible(), timeout=10000)
    assert "已连接" in window.connection.text()
    qtbot.waitUntil(lambda: sync.outbox.unsent_count() == 0, timeout=20000)
    assert _total(api, walk_in) == 1
    stored = api.visitor_details(visit["orderId"], CodeType.ORDER_ID)[visit["orderId"]]
    assert stored["qrCode"] == visit["qrCode"] and stored["status"] == "8"
    assert stored["visitorPhoto"]  # the offline photo travelled with the record
    assert (
        api.visitor_details(appointment["orderId"], CodeType.ORDER_ID)[appointment["orderId"]]["status"]
        == "8"
    )
    assert api.visitor_details(leaving["orderId"], CodeType.ORDER_ID)[leaving["orderId"]]["status"] == "6"
    api.close()


def test_a_record_the_server_refuses_is_fixed_and_sent_again(
    make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    api = VisitorcsClient(fresh_server.url, fresh_server.token)
    window = make_main_window(fresh_server, mode="staff", simulate="yes")
    console = login_operator(qtbot, window)
    sync, cache = window.context.sync, window.context.cache
    qtbot.waitUntil(lambda: cache.directory.oldest_age_seconds() is not None, timeout=20000)
    fresh_server.stop()
    qtbot.waitUntil(lambda: window.offline_banner.isVisible(), timeout=5000)

    # Given an offline registration whose host has since left (unknown to the server)
    name = "离线退回" + uuid.uuid4().hex[:4]
    window.context.gateway.register(
        {
            "orderId": str(uuid.uuid4()),
            "registerType": "1",
            "name": name,
            "phoneNum": "13900001111",
            "purpose": "会议",
            "beVisitPersonId": "no-such-host",
            "beVisitPersonName": "已离职",
            "personNum": "1",
        }
    )
    _restart(fresh_server)
    qtbot.waitUntil(lambda: sync.outbox.counts().get("attention", 0) == 1, timeout=20000)

    # Then the console counts it and the page shows the server's words
    qtbot.waitUntil(
        lambda: "需处理（1）" in [console.nav.item(i).text() for i in range(console.nav.count())],
        timeout=5000,
    )
    page = console.show_page("attention")
    qtbot.waitUntil(lambda: page.list.count() == 1, timeout=5000)
    assert "被访人不存在" in page.message.text() and "404" not in page.message.text()
    assert "已离职" in page.host.text()  # the host by name; its internal id is nobody's business here

    # When the desk picks the right host by name and sends it again, the server has it once
    type_text(qtbot, page.host_query, "王建国")
    qtbot.mouseClick(page.host_search, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.host_results.count() > 0, timeout=10000)
    item = page.host_results.item(0)
    qtbot.mouseClick(
        page.host_results.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.host_results.visualItemRect(item).center(),
    )
    assert "王建国" in page.host.text()
    qtbot.mouseClick(page.resend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sync.outbox.unsent_count() == 0, timeout=20000)
    qtbot.waitUntil(lambda: page.list.count() == 0, timeout=5000)
    assert _total(api, name) == 1
    visit = api.visitor_info("total", 1, 5, query_info=name)["list"][0]
    assert visit["beVisitPersonName"] == "王建国"
    api.close()


def test_the_api_client_announces_the_kiosk_qr_key_with_a_batch(live_server: LiveServer) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from visitorcs import qrtoken

    key = qrtoken.public_key_b64(Ed25519PrivateKey.generate())
    mac = "AA:BB:CC:DD:EE:" + uuid.uuid4().hex[:2].upper()
    client = VisitorcsClient(live_server.url, live_server.add_kiosk(mac), mac=mac)
    try:
        answer = client.synchron([], kiosk_public_key=key)
        assert int(answer["kioskKid"]) > 0
    finally:
        client.close()


def test_exit_kiosk_setting_reaches_the_wizard(tmp_path) -> None:
    from kiosk.config import Config, ConfigError

    config = Config.load(tmp_path / "none.toml", env={"VISITOR_KIOSK_UI_EXIT_KIOSK": "true"})
    assert config.ui.exit_kiosk is True
    with pytest.raises(ConfigError, match="exit_kiosk"):
        Config.load(tmp_path / "none.toml", env={"VISITOR_KIOSK_UI_EXIT_KIOSK": "maybe"})
