"""A staff console in English shows English: page words, the photo's score and level, device and
print states, the server's refusals. Only data stays as it was written (names, the site, purposes)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QListWidget, QTabBar, QWidget

from kiosk.ui import i18n
from tests.kiosk.conftest import LiveServer, login_operator

pytestmark = pytest.mark.timeout(120)
LEFT = Qt.MouseButton.LeftButton
HAN = re.compile(r"[\u3400-\u9fff\uff08\uff09\uff1a\uff0c\u3002]")  # Han characters, full-width （）：，。
# What the demo site and its visitors wrote: shown as written in every language.
DATA = ("中文", "张伟", "王建国", "行政部", "演示管理员", "大厅访客机", "示例科技园", "商务洽谈", "面试")


def chinese_words(page: QWidget) -> list[str]:
    """The visible words on `page` that are not data and still hold Chinese."""
    texts: list[str] = []
    for w in page.findChildren(QWidget):
        if not w.isVisibleTo(page):
            continue
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QListWidget) and w.objectName() == "nav":
            texts += [w.item(i).text() for i in range(w.count())]
    left = []
    for text in texts:
        for value in DATA:
            text = text.replace(value, "")
        if HAN.search(text):
            left.append(text)
    return left


def test_the_english_console_shows_no_chinese_but_the_data(
    make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    window = make_main_window(fresh_server, mode="staff", simulate="yes")
    try:
        console = login_operator(qtbot, window)
        window.language.setCurrentIndex(window.language.findData("en"))  # the desk's language menu
        qtbot.waitUntil(lambda: console.nav.item(0).text() == "Register", timeout=5000)
        devices = window.context.devices
        register = console.show_page("register")
        qtbot.waitUntil(lambda: devices.status()["idcard"].state.value == "simulated", timeout=15000)
        devices.present_id_card("zhang")
        qtbot.waitUntil(lambda: register.draft.source == "idcard", timeout=15000)
        devices.remove_id_card()
        qtbot.waitUntil(lambda: register.capture_button.isEnabled(), timeout=15000)
        qtbot.mouseClick(register.capture_button, LEFT)
        qtbot.waitUntil(lambda: "Photo quality" in register.score.text(), timeout=20000)
        assert chinese_words(window) == [], "register page"
        window.context.services.alerts.blacklist_hit("SMITH JOHN", "E12345678")  # the desk's banner
        qtbot.waitUntil(lambda: "blacklisted" in window.banner.text(), timeout=5000)
        assert chinese_words(window) == [], "blacklist alert"

        signout = console.show_page("signout")
        qtbot.keyClicks(signout.code, "V0000000")  # a visitor code nobody has: the server says so
        qtbot.mouseClick(signout.find_button, LEFT)
        qtbot.waitUntil(lambda: bool(signout.result.text()), timeout=10000)
        assert chinese_words(window) == [], "sign-out page after a search that finds nobody"

        for key in ("today", "onsite", "prints", "attention", "devices"):
            page = console.show_page(key)
            qtbot.waitUntil(lambda page=page: page.isVisible(), timeout=5000)
            qtbot.wait(300)  # the page's first load (states, lists) arrives from worker threads
            assert chinese_words(window) == [], f"{key} page"
    finally:
        i18n.set_language("zh_CN")


def test_a_visitor_who_chooses_english_reads_english(
    make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    window = make_main_window(fresh_server, mode="selfservice", simulate="yes")
    qtbot.waitUntil(lambda: window.context.state == "ready", timeout=20000)
    wizard = window.content
    try:
        qtbot.mouseClick(wizard.welcome.language, LEFT)  # the visitor's own choice on the welcome screen
        qtbot.waitUntil(lambda: wizard.welcome.title.text() == "Welcome", timeout=5000)
        left = chinese_words(window)
        assert left == [], left
        qtbot.mouseClick(wizard.welcome.walkin, LEFT)
        qtbot.waitUntil(lambda: wizard.current() is wizard.idcard, timeout=5000)
        assert chinese_words(window) == [], "ID card page"
        qtbot.mouseClick(wizard.idcard.manual, LEFT)
        qtbot.waitUntil(lambda: wizard.current() is wizard.manual, timeout=5000)
        assert chinese_words(window) == [], "manual entry with its keyboard"
    finally:
        i18n.set_language("zh_CN")
