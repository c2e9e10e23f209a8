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
