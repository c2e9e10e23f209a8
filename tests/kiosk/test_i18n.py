"""Chinese by default, English through Qt's translation system, switched while running."""

from __future__ import annotations

from PySide6.QtGui import QFont, QRawFont

from kiosk.ui import i18n
from tests.kiosk.conftest import login_operator


def test_switch_language_while_running_and_back(make_main_window, live_server, qtbot) -> None:
    window = make_main_window(live_server, mode="staff")
    console = login_operator(qtbot, window)
    page = console.pages["register"]
    assert page.submit_button.text() == "确认登记"
    try:
        window.language.setCurrentIndex(window.language.findData("en"))
        qtbot.waitUntil(lambda: page.submit_button.text() == "Register")
        assert console.nav.item(2).text() == "Today"
        assert "Connected" in window.connection.text()
        assert page.form.labels["name"].text() == "* Name"
        assert console.page("today").tabs.tabText(0).startswith("All")
    finally:
        window.language.setCurrentIndex(window.language.findData("zh_CN"))
    qtbot.waitUntil(lambda: page.submit_button.text() == "确认登记")
    assert i18n.current() == "zh_CN" and console.nav.item(2).text() == "今日访客"


def test_chinese_glyphs_exist_in_the_ui_font(qapp) -> None:
    """With fonts-wqy-microhei installed, Chinese renders as glyphs, not boxes."""
    glyphs = QRawFont.fromFont(QFont("WenQuanYi Micro Hei")).glyphIndexesForString("访客登记")
    assert len(glyphs) == 4 and all(g != 0 for g in glyphs)
