"""The kiosk in a real lobby, through the main window as `./dev run` starts it: the staff
hand-over on a self-service kiosk."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.kiosk.conftest import DEMO_OPERATOR, LiveServer

pytestmark = pytest.mark.timeout(120)
LEFT = Qt.MouseButton.LeftButton


def test_staff_login_on_a_self_service_kiosk_keeps_the_console_until_logout(
    make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    window = make_main_window(fresh_server, mode="selfservice", simulate="yes")
    qtbot.waitUntil(lambda: window.context.state == "ready", timeout=20000)
    wizard = window.content
    qtbot.mouseClick(wizard.welcome.staff, LEFT)
    qtbot.keyClicks(wizard.login.user, DEMO_OPERATOR[0])
    qtbot.keyClicks(wizard.login.password, DEMO_OPERATOR[1])
    qtbot.mouseClick(wizard.login.login, LEFT)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is not wizard, timeout=15000)
    console = window.stack.currentWidget()
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

    wizard = window.content
    qtbot.mouseClick(wizard.welcome.staff, LEFT)
    qtbot.keyClicks(wizard.login.user, DEMO_OPERATOR[0])
    qtbot.keyClicks(wizard.login.password, DEMO_OPERATOR[1])
    qtbot.mouseClick(wizard.login.login, LEFT)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is not wizard, timeout=15000)
    console = window.stack.currentWidget()
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
