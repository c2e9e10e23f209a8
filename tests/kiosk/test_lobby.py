"""The kiosk in a real lobby, through the main window as `./dev run` starts it: the staff
hand-over on a self-service kiosk."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.kiosk.conftest import DEMO_OPERATOR, LiveServer

pytestmark = pytest.mark.timeout(120)
LEFT = Qt.MouseButton.LeftButton


def staff_takes_over(qtbot, window):  # noqa: ANN001, ANN201
    """On a self-service kiosk: 工作人员, the demo operator's name and password, 登录 -> the console."""
    wizard = window.content
    qtbot.mouseClick(wizard.welcome.staff, LEFT)
    qtbot.keyClicks(wizard.login.user, DEMO_OPERATOR[0])
    qtbot.keyClicks(wizard.login.password, DEMO_OPERATOR[1])
    qtbot.mouseClick(wizard.login.login, LEFT)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is not wizard, timeout=15000)
    return window.stack.currentWidget()


def test_staff_login_on_a_self_service_kiosk_keeps_the_console_until_logout(
    make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    window = make_main_window(fresh_server, mode="selfservice", simulate="yes")
    qtbot.waitUntil(lambda: window.context.state == "ready", timeout=20000)
    wizard = window.content
    console = staff_takes_over(qtbot, window)
    assert console.stack.currentWidget() is console.work

    # the licence is checked again (as after every return home): the console stays
    with qtbot.waitSignal(window.context.state_changed, timeout=15000):
        window.context.check_licence()
    assert window.stack.currentWidget() is console and console.stack.currentWidget() is console.work

    # logging out hands the kiosk back to the visitors, on the welcome screen
    qtbot.mouseClick(console.logout_button, LEFT)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is wizard, timeout=5000)
    assert wizard.current() is wizard.welcome
    assert wizard.login.user.text() == "" and wizard.login.password.text() == ""


@pytest.fixture
def machine_in_utc(monkeypatch):  # noqa: ANN001, ANN201
    """The kiosk's machine clock runs in UTC; the site (the demo server) is in Asia/Shanghai."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_screen_and_paper_show_the_sites_time_on_a_machine_in_another_zone(
    machine_in_utc, make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    import datetime as dt
    import uuid

    from tests.kiosk.conftest import login_operator
    from tests.kiosk.test_staff_flows import _accept_notice, _choose_host, _fill

    window = make_main_window(fresh_server, mode="staff", simulate="yes")
    console = login_operator(qtbot, window)
    site = window.context.site_time
    assert site.offset == dt.timedelta(hours=8)  # learned from the server at the licence check
    page = console.show_page("register")
    qtbot.waitUntil(lambda: bool(page.form.fields), timeout=10000)
    page.reset()
    assert page.draft.end_time.utcoffset() == dt.timedelta(hours=8)  # made on the site's clock
    shown = page.end_time.dateTime().toString("yyyy-MM-dd HH:mm")
    assert shown == page.draft.end_time.strftime("%Y-%m-%d %H:%M")

    _fill(qtbot, page, "name", "时区" + uuid.uuid4().hex[:4])
    _fill(qtbot, page, "phoneNum", "13811114444")
    _fill(qtbot, page, "purpose", "会议")
    _choose_host(qtbot, page)
    _accept_notice(page)
    with qtbot.waitSignal(page.registered, timeout=10000) as registered:
        qtbot.mouseClick(page.submit_button, LEFT)
    visit = registered.args[0]
    # the server's record (site zone) and the permit say the time the screen said
    assert visit["endTimeISO"][:16].replace("T", " ") == shown
    assert site.text(visit["endTimeUTC"], "%Y-%m-%d %H:%M") == shown


def _register_by_id_card(qtbot, page, devices, card: str = "zhang") -> dict:  # noqa: ANN001
    from tests.kiosk.test_staff_flows import _accept_notice, _choose_host, _fill

    devices.present_id_card(card)
    qtbot.waitUntil(lambda: page.draft is not None and page.draft.source == "idcard", timeout=10000)
    _fill(qtbot, page, "phoneNum", "13911112222")
    _fill(qtbot, page, "purpose", "会议")
    _choose_host(qtbot, page)
    _accept_notice(page)
    with qtbot.waitSignal(page.registered, timeout=15000) as registered:
        qtbot.mouseClick(page.submit_button, LEFT)
    devices.remove_id_card()
    qtbot.wait(1500)  # the reader reports one read per presentation: it must see the card lifted
    return registered.args[0]


def test_an_id_card_on_site_offers_reprint_and_sign_out_instead_of_a_second_visit(
    make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    from tests.kiosk.conftest import login_operator

    window = make_main_window(fresh_server, mode="staff", simulate="yes")
    console = login_operator(qtbot, window)
    page = console.show_page("register")
    devices = window.context.devices
    qtbot.waitUntil(lambda: devices.status()["idcard"].state.value == "simulated", timeout=10000)
    visit = _register_by_id_card(qtbot, page, devices)

    # the same card again while the visitor is on site: no second registration
    devices.present_id_card("zhang")
    qtbot.waitUntil(lambda: page.on_site.isVisible(), timeout=10000)
    assert "已在场" in page.screening.text() and not page.submit_button.isEnabled()
    assert page.draft.open_visit["orderId"] == visit["orderId"]

    # a lost permit is printed again, as a reprint of the same visit
    qtbot.mouseClick(page.reprint_button, LEFT)
    dialog = page.permit_dialog
    qtbot.waitUntil(lambda: dialog.png is not None, timeout=10000)
    assert "补打" in dialog.title.text() and dialog.job is None  # printed only when asked
    qtbot.mouseClick(dialog.print_button, LEFT)
    qtbot.waitUntil(lambda: dialog.job is not None, timeout=10000)
    assert dialog.job.kind.value == "reprint" and dialog.job.order_id == visit["orderId"]
    dialog.close()

    # and leaving is one tap away
    with qtbot.waitSignal(page.signed_out, timeout=10000):
        qtbot.mouseClick(page.sign_out_button, LEFT)
    from tests.kiosk.test_staff_flows import _details
    from visitorcs.client import VisitorcsClient

    with VisitorcsClient(fresh_server.url, fresh_server.token) as api:
        assert _details(api, visit["orderId"])["status"] == "6"


def test_a_returning_visitor_finds_the_last_host_named_and_no_stale_search(
    make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    """lastVisitor/inquiry names the host by id only (the spec's VisitorBaseInfo): the form must
    still say whom the visitor saw last time, and the previous visitor's search text is gone."""
    from tests.kiosk.conftest import login_operator

    window = make_main_window(fresh_server, mode="staff", simulate="yes")
    console = login_operator(qtbot, window)
    page = console.show_page("register")
    devices = window.context.devices
    qtbot.waitUntil(lambda: devices.status()["idcard"].state.value == "simulated", timeout=10000)
    first = _register_by_id_card(qtbot, page, devices)
    host_name = first["beVisitPersonName"]
    signout = console.show_page("signout")
    devices.present_id_card("zhang")
    qtbot.waitUntil(lambda: signout.confirm.isVisible(), timeout=10000)
    with qtbot.waitSignal(signout.signed_out, timeout=10000):
        qtbot.mouseClick(signout.confirm, LEFT)
    devices.remove_id_card()
    qtbot.wait(1500)

    page = console.show_page("register")
    page.host_query.setText("上一位访客的搜索")
    devices.present_id_card("zhang")  # back the next day
    qtbot.waitUntil(lambda: page.draft is not None and page.draft.source == "idcard", timeout=10000)
    assert page.draft.prefilled_from == first["orderId"]
    assert page.host_chosen.text() == "已选择：" + host_name
    assert page.host_query.text() == ""
    assert page.form.values()["phoneNum"] == "13911112222"  # what they gave last time


def test_a_lost_permit_signs_out_by_name_by_id_card_and_from_todays_list(
    make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    from tests.kiosk.conftest import login_operator, type_text

    window = make_main_window(fresh_server, mode="staff", simulate="yes")
    console = login_operator(qtbot, window)
    devices = window.context.devices
    qtbot.waitUntil(lambda: devices.status()["idcard"].state.value == "simulated", timeout=10000)
    first = _register_by_id_card(qtbot, console.show_page("register"), devices, "zhang")

    # by name, typed at the desk (the page said 未找到访客记录（预约码：张伟） before)
    signout = console.show_page("signout")
    type_text(qtbot, signout.code, first["name"])
    qtbot.mouseClick(signout.find_button, LEFT)
    qtbot.waitUntil(lambda: signout.confirm.isVisible(), timeout=10000)
    assert first["name"] in signout.details.text()
    with qtbot.waitSignal(signout.signed_out, timeout=10000):
        qtbot.mouseClick(signout.confirm, LEFT)

    # by ID card tapped on the sign-out page
    again = _register_by_id_card(qtbot, console.show_page("register"), devices, "zhang")
    signout = console.show_page("signout")
    devices.present_id_card("zhang")
    qtbot.waitUntil(lambda: signout.confirm.isVisible(), timeout=10000)
    assert signout.visit["orderId"] == again["orderId"]
    with qtbot.waitSignal(signout.signed_out, timeout=10000):
        qtbot.mouseClick(signout.confirm, LEFT)
    devices.remove_id_card()
    qtbot.wait(1500)

    # from today's list: the details dialog signs out too
    third = _register_by_id_card(qtbot, console.show_page("register"), devices, "zhang")
    today = console.show_page("today")
    qtbot.waitUntil(
        lambda: any(r.get("orderId") == third["orderId"] for r in today.model.rows), timeout=10000
    )
    row = next(i for i, r in enumerate(today.model.rows) if r.get("orderId") == third["orderId"])
    rect = today.table.visualRect(today.model.index(row, 0))
    qtbot.mouseClick(today.table.viewport(), LEFT, pos=rect.center())  # Qt's views want the press first
    qtbot.mouseDClick(today.table.viewport(), LEFT, pos=rect.center())
    qtbot.waitUntil(lambda: getattr(today, "details", None) is not None, timeout=5000)
    details = today.details
    assert details.sign_out.isVisible() and details.reprint.isVisible()
    qtbot.mouseClick(details.sign_out, LEFT)
    qtbot.waitUntil(lambda: "已签离" in details.message.text(), timeout=10000)


def test_kiosk_mode_fills_the_screen_and_only_an_operator_can_close_it(
    make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    from PySide6.QtGui import QGuiApplication

    window = make_main_window(fresh_server, mode="selfservice", simulate="yes")
    window.present()
    qtbot.waitUntil(lambda: window.context.state == "ready", timeout=20000)
    assert window.isFullScreen() and window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.geometry() == QGuiApplication.primaryScreen().geometry()
    assert window.close() is False and window.isVisible()  # close button, Alt+F4, the window manager

    console = staff_takes_over(qtbot, window)
    assert console.quit_button.isVisible()
    qtbot.mouseClick(console.quit_button, LEFT)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def test_a_staff_console_is_a_normal_window_by_default(
    make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    window = make_main_window(fresh_server, mode="staff", simulate="yes")
    window.present()
    assert not window.isFullScreen() and not window.locked
    assert window.close() is True


@pytest.fixture
def webhook():  # noqa: ANN201
    """A real HTTP receiver for the site's alert webhook (as a WeCom/DingTalk robot would be)."""
    import http.server
    import json
    import threading

    received: list[dict] = []

    class Robot(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            length = int(self.headers.get("Content-Length") or 0)
            received.append(json.loads(self.rfile.read(length)))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"errcode":0}')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Robot)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/robot", received
    server.shutdown()


def test_a_blacklisted_visitor_reads_neutral_words_while_desk_and_security_are_told(
    make_main_window, fresh_server: LiveServer, qtbot, webhook
) -> None:
    from kiosk.embedded import demo_blacklisted_card

    url, received = webhook
    window = make_main_window(fresh_server, mode="selfservice", simulate="yes", webhook_url=url)
    qtbot.waitUntil(lambda: window.context.state == "ready", timeout=20000)
    wizard = window.content
    devices = window.context.devices
    qtbot.mouseClick(wizard.welcome.walkin, LEFT)
    qtbot.waitUntil(lambda: devices.idcard_sim is not None, timeout=10000)
    devices.idcard_sim.present(demo_blacklisted_card())
    qtbot.waitUntil(lambda: wizard.current() is wizard.message, timeout=15000)
    shown = wizard.message.title.text() + wizard.message.words.text() + wizard.message.detail.text()
    assert "黑名单" not in shown and "前台" in shown  # neutral, and where to go
    assert not window.banner.text()  # nothing for the people in the lobby to read
    qtbot.waitUntil(lambda: len(received) == 1, timeout=10000)  # security's robot got it
    content = received[0]["text"]["content"]
    assert "黑名单" in content and "110101" not in content  # masked, as every log is

    # staff who take over the kiosk see what happened
    qtbot.mouseClick(wizard.message.home, LEFT)
    staff_takes_over(qtbot, window)
    assert "黑名单" in window.banner.text()


def test_the_next_visitor_starts_in_the_sites_language_after_a_still_there_countdown(
    make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    from kiosk.ui import i18n

    window = make_main_window(fresh_server, mode="selfservice", simulate="yes")
    qtbot.waitUntil(lambda: window.context.state == "ready", timeout=20000)
    wizard = window.content
    try:
        qtbot.mouseClick(wizard.welcome.language, LEFT)  # a visitor switches to English ...
        assert i18n.current() == "en"
        qtbot.mouseClick(wizard.welcome.walkin, LEFT)
        wizard.flow.idle_timeout_s, wizard.flow.still_there_s = 0.3, 2
        wizard.flow.user_active()
        qtbot.waitUntil(lambda: wizard.still_there.isVisible(), timeout=5000)  # ... and walks away
        assert (
            "Still there" in wizard.still_there.question.text()
            or "还在吗" in wizard.still_there.question.text()
        )
        qtbot.waitUntil(lambda: wizard.current() is wizard.welcome, timeout=5000)
        assert i18n.current() == "zh_CN"  # the site's language for whoever comes next
    finally:
        i18n.set_language("zh_CN")


def _faceless_clip(path):  # noqa: ANN001, ANN202
    """A camera that sees an empty wall: a short grey video (the server finds no face in it)."""
    import cv2
    import numpy as np

    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (640, 480))
    for i in range(20):
        writer.write(np.full((480, 640, 3), 120 + i, np.uint8))
    writer.release()
    return path


def test_self_service_asks_for_a_new_photo_below_the_sites_minimum(
    make_main_window, fresh_server: LiveServer, qtbot, tmp_path
) -> None:
    clip = _faceless_clip(tmp_path / "wall.avi")
    window = make_main_window(
        fresh_server, mode="selfservice", simulate="yes", camera_source=f"sim://camera?file={clip}"
    )
    qtbot.waitUntil(lambda: window.context.state == "ready", timeout=20000)
    wizard = window.content
    devices = window.context.devices
    qtbot.mouseClick(wizard.welcome.walkin, LEFT)
    qtbot.waitUntil(lambda: devices.status()["idcard"].state.value == "simulated", timeout=10000)
    devices.present_id_card("zhang")
    qtbot.waitUntil(lambda: wizard.current() is wizard.photo, timeout=15000)
    qtbot.waitUntil(lambda: wizard.photo.shoot.isEnabled() and wizard.photo.shoot.isVisible(), timeout=10000)
    qtbot.mouseClick(wizard.photo.shoot, LEFT)
    qtbot.waitUntil(lambda: wizard.photo.go.isVisible(), timeout=20000)
    assert wizard.flow.draft.face["score"] is not None and wizard.flow.draft.face["score"] < 60
    qtbot.mouseClick(wizard.photo.go, LEFT)
    assert wizard.current() is wizard.photo  # not on to the phone page with a poor photo
    assert "重拍" in wizard.photo.hint.text()
