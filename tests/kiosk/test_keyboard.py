"""The on-screen keyboard of the self-service wizard, through the main window: a visitor with no
physical keyboard and no Chinese input method finds 王建国 by typing `wjg` on the screen, online
(the server's personInfo/query matches pinyin) and offline (the kiosk's cache matches it too)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.kiosk.conftest import LiveServer, wait_ready

pytestmark = pytest.mark.timeout(120)
LEFT = Qt.MouseButton.LeftButton


def _tap(qtbot: Any, button: Any) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, LEFT)


def _type(qtbot: Any, keyboard: Any, text: str) -> None:
    for ch in text:
        _tap(qtbot, keyboard.keys["space" if ch == " " else ch.lower()])


def _to_host_page(qtbot: Any, window: Any) -> Any:
    w, devices = window.content, window.context.devices
    _tap(qtbot, w.welcome.walkin)
    qtbot.waitUntil(lambda: devices.status()["idcard"].state.value == "simulated", timeout=15000)
    devices.present_id_card("zhang")
    qtbot.waitUntil(lambda: w.current() is w.photo and w.photo.shoot.isVisible(), timeout=15000)
    qtbot.waitUntil(lambda: not w.photo.preview.pixmap().isNull(), timeout=15000)
    _tap(qtbot, w.photo.shoot)
    qtbot.waitUntil(lambda: w.photo.go.isVisible(), timeout=20000)
    _tap(qtbot, w.photo.go)
    for digit in "13812345678":
        _tap(qtbot, w.phone.keypad.keys[digit])
    _tap(qtbot, w.phone.go)
    qtbot.waitUntil(lambda: w.current() is w.host, timeout=5000)
    return w


def _find_and_choose(qtbot: Any, w: Any, typed: str, name: str) -> None:
    assert w.host.query.hasFocus() or w.host.keyboard.target is w.host.query
    _tap(qtbot, w.host.keyboard.keys["clear"])
    _type(qtbot, w.host.keyboard, typed)
    assert w.host.query.text() == typed
    _tap(qtbot, w.host.keyboard.keys["enter"])  # the keyboard's 确定 searches
    qtbot.waitUntil(lambda: any(name in b.text() and b.isVisible() for b in w.host.buttons), timeout=10000)
    _tap(qtbot, next(b for b in w.host.buttons if name in b.text()))
    qtbot.waitUntil(lambda: w.current() is w.purpose, timeout=10000)
    assert w.flow.draft.host["name"] == name


def test_a_visitor_finds_the_host_by_pinyin_on_the_screen_keyboard_online_and_offline(
    make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    window = make_main_window(fresh_server, mode="selfservice", simulate="yes")
    window.resize(1366, 768)
    wait_ready(qtbot, window)
    w = _to_host_page(qtbot, window)

    # online: the server matches initials and full pinyin
    _find_and_choose(qtbot, w, "wjg", "王建国")
    _tap(qtbot, w.purpose.back)
    _find_and_choose(qtbot, w, "wangjianguo", "王建国")

    # offline: the kiosk's cache answers, by the same rule
    cache = window.context.cache
    qtbot.waitUntil(lambda: cache.directory.oldest_age_seconds() is not None, timeout=20000)
    fresh_server.stop()
    qtbot.waitUntil(lambda: window.offline_banner.isVisible(), timeout=10000)
    _tap(qtbot, w.purpose.back)
    _find_and_choose(qtbot, w, "wjg", "王建国")
    assert window.context.services.hosts.search("wjg")[0].get("fromCache") is True
    w.flow.reset()


def test_the_keyboard_types_documents_and_logs_staff_in(
    make_main_window, live_server: LiveServer, qtbot
) -> None:
    """Manual document entry: upper case, `<`, `-` and space; the staff login: lower case, and the
    keyboard's 确定 moves from the user name to the password, then logs in."""
    window = make_main_window(live_server, mode="selfservice", simulate="yes")
    window.resize(1280, 800)
    wait_ready(qtbot, window)
    w = window.content
    _tap(qtbot, w.welcome.walkin)
    _tap(qtbot, w.idcard.manual)
    kb = w.manual.keyboard
    assert kb.target is w.manual.name and kb.upper  # passports print names in capitals
    _type(qtbot, kb, "smith-jones<john")
    _tap(qtbot, kb.keys["back"])
    _type(qtbot, kb, "n a")
    assert w.manual.name.text() == "SMITH-JONES<JOHN A"
    _tap(qtbot, kb.keys["enter"])
    assert kb.target is w.manual.number and w.manual.number.hasFocus()
    _type(qtbot, kb, "e12345678")
    assert w.manual.number.text() == "E12345678"
    qtbot.mouseClick(w.manual.name, LEFT)  # tapping a field types there
    assert kb.target is w.manual.name
    _tap(qtbot, kb.keys["clear"])
    assert w.manual.name.text() == "" and w.manual.number.text() == "E12345678"
    _tap(qtbot, w.manual.back)
    _tap(qtbot, w.idcard.back)

    _tap(qtbot, w.welcome.staff)
    kb = w.login.keyboard
    assert kb.target is w.login.user and not kb.upper
    _type(qtbot, kb, "admin")
    _tap(qtbot, kb.keys["enter"])
    _type(qtbot, kb, "admin123")
    assert w.login.user.text() == "admin" and w.login.password.text() == "admin123"
    _tap(qtbot, kb.keys["enter"])  # 确定 on the password logs in: the console takes over
    qtbot.waitUntil(lambda: window.stack.currentWidget() is not w, timeout=15000)
