"""The kiosk on the screens of real lobbies (1366x768, 1280x800, 1920x1080 and the portrait
1080x1920 panel), through the main window as `./dev run` starts it: every wizard page and every
staff page is measured (tests/kiosk/geometry.py) — nothing overlaps, nothing leaves its window,
touch targets stay touchable, no text is cut — and the window never grows past the screen."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from tests.kiosk.conftest import LiveServer, login_operator, wait_ready
from tests.kiosk.geometry import problems

pytestmark = pytest.mark.timeout(240)
LEFT = Qt.MouseButton.LeftButton
SIZES = [(1366, 768), (1280, 800), (1920, 1080), (1080, 1920)]
IDS = [f"{w}x{h}" for w, h in SIZES]


def _settle(qtbot: Any) -> None:
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(30)


class Screens:
    """Measures the window each time the visitor (or the desk) sees a new screen."""

    def __init__(self, qtbot: Any, window: Any, size: tuple[int, int], **limits: Any) -> None:
        self.qtbot, self.window, self.size, self.limits = qtbot, window, QSize(*size), limits
        self.seen: dict[str, list[str]] = {}

    def check(self, name: str, window: Any = None, **limits: Any) -> None:
        _settle(self.qtbot)
        target = window or self.window
        found = problems(target, **{**self.limits, **limits})
        if window is None and self.window.size() != self.size:
            found.append(f"the window grew to {self.window.width()}x{self.window.height()}")
        if window is not None and (
            target.width() > self.size.width() or target.height() > self.size.height()
        ):
            found.append(f"the dialog ({target.width()}x{target.height()}) is bigger than the screen")
        self.seen[name] = found

    def assert_good(self) -> None:
        bad = {name: found for name, found in self.seen.items() if found}
        assert not bad, "\n".join(f"{name}: {line}" for name, found in bad.items() for line in found)


def _click(qtbot: Any, button: Any) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, LEFT)


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> Any:
    """The interface language (English words are longer: they must fit too)."""
    from kiosk.ui import i18n

    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("zh_CN")


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_wizard_fits_the_screen(make_main_window, live_server: LiveServer, qtbot, size, language) -> None:
    window = make_main_window(live_server, mode="selfservice", simulate="yes", language=language)
    window.resize(*size)
    wait_ready(qtbot, window)
    w = window.content
    devices = window.context.devices
    s = Screens(qtbot, window, size, min_button=44)
    s.check("welcome")
    _click(qtbot, w.welcome.booked)
    s.check("booked")
    _click(qtbot, w.booked.back)
    _click(qtbot, w.welcome.staff)
    s.check("staff login")
    _click(qtbot, w.login.cancel)
    _click(qtbot, w.welcome.walkin)
    s.check("id card")
    _click(qtbot, w.idcard.manual)
    s.check("manual entry")
    _click(qtbot, w.manual.back)
    qtbot.waitUntil(lambda: devices.status()["idcard"].state.value == "simulated", timeout=15000)
    devices.present_id_card("zhang")
    qtbot.waitUntil(lambda: w.current() is w.photo and not w.photo.preview.pixmap().isNull(), timeout=15000)
    s.check("photo")
    _click(qtbot, w.photo.shoot)
    qtbot.waitUntil(lambda: w.photo.go.isVisible(), timeout=20000)
    s.check("photo taken")
    _click(qtbot, w.photo.go)
    for digit in "13812345678":
        _click(qtbot, w.phone.keypad.keys[digit])
    s.check("phone")
    _click(qtbot, w.phone.go)
    for key in "wjg":
        _click(qtbot, w.host.keyboard.keys[key])
    _click(qtbot, w.host.keyboard.keys["enter"])
    qtbot.waitUntil(lambda: bool(w.host.buttons) and w.host.buttons[0].isVisible(), timeout=10000)
    s.check("host")
    _click(qtbot, next(b for b in w.host.buttons if "王建国" in b.text()))
    qtbot.waitUntil(lambda: bool(w.purpose.buttons) and w.purpose.buttons[0].isVisible(), timeout=10000)
    s.check("purpose")
    _click(qtbot, w.purpose.buttons[0])
    qtbot.waitUntil(lambda: w.current() in (w.notice, w.confirm), timeout=10000)
    if w.current() is w.notice:
        s.check("notice")
        _click(qtbot, w.notice.accept)
    qtbot.waitUntil(lambda: w.current() is w.confirm, timeout=10000)
    s.check("confirm")
    _click(qtbot, w.confirm.submit)
    qtbot.waitUntil(lambda: w.current() is w.done and not w.done.permit.pixmap().isNull(), timeout=20000)
    s.check("done")
    qr = (w.flow.visit or {}).get("qrCode")
    _click(qtbot, w.done.finish)
    qtbot.waitUntil(lambda: devices.status()["scanner"].state.value == "simulated", timeout=15000)
    devices.scan_code(qr)  # the same visitor at the same kiosk again: on site already
    qtbot.waitUntil(lambda: w.current() in (w.on_site, w.message), timeout=15000)
    s.check("on site" if w.current() is w.on_site else "message")
    if w.current() is w.on_site:
        _click(qtbot, w.on_site.sign_out)
        qtbot.waitUntil(lambda: w.current() is w.message, timeout=15000)
        s.check("goodbye")
    w.flow.reset()
    s.assert_good()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_staff_console_fits_the_screen(
    make_main_window, fresh_server: LiveServer, qtbot, size, language
) -> None:
    from tests.kiosk.test_staff_flows import _accept_notice, _choose_host

    window = make_main_window(fresh_server, mode="staff", simulate="yes", language=language)
    window.resize(*size)
    wait_ready(qtbot, window)
    # arm's length: 16 px text, 36 px fields, 36 px buttons (a mouse, not a finger)
    staff_limits = {"min_button": 36, "min_field": 36, "min_text_px": 16, "button_exempt": ("addOption",)}
    s = Screens(qtbot, window, size, min_button=28)
    console = window.content
    s.check("login")
    s.seen["login (console)"] = problems(window, root=console, **staff_limits)
    console = login_operator(qtbot, window)
    page = console.show_page("register")
    qtbot.waitUntil(lambda: bool(page.form.fields) and page.groups.count() > 0, timeout=10000)
    s.check("register")
    devices = window.context.devices
    qtbot.waitUntil(lambda: devices.status()["idcard"].state.value == "simulated", timeout=15000)
    devices.present_id_card("zhang")
    qtbot.waitUntil(lambda: page.form.values().get("name") == "张伟", timeout=10000)
    page.form.set_values({"phoneNum": "13912345678", "purpose": "商务洽谈"})
    _choose_host(qtbot, page)
    page.add_companion()
    page.companions.item(0, 0).setText("李雷")
    s.check("register filled")
    s.seen["register (console)"] = problems(window, root=console, **staff_limits)
    _accept_notice(page)
    with qtbot.waitSignal(page.registered, timeout=15000):
        qtbot.mouseClick(page.submit_button, LEFT)
    dialog = page.permit_dialog
    qtbot.waitUntil(lambda: dialog.png is not None and not dialog.preview.pixmap().isNull(), timeout=10000)
    s.check("permit", window=dialog, min_button=28)
    pixmap = dialog.preview.pixmap()
    assert (
        pixmap.height() <= dialog.preview.height() and pixmap.width() <= dialog.preview.width()
    )  # QR in view
    dialog.close()
    for key in console.page_keys[1:]:
        shown = console.show_page(key)
        _settle(qtbot)
        if key == "today":
            qtbot.waitUntil(lambda p=shown: p.model.rowCount() > 0, timeout=10000)
        s.check(key)
        s.seen[f"{key} (console)"] = problems(window, root=console, **staff_limits)
        if key == "today":
            shown.open_details(shown.model.index(0, 0))
            qtbot.waitUntil(lambda p=shown: p.details is not None and p.details.isVisible(), timeout=10000)
            s.check("visit details", window=shown.details, min_button=28)
            shown.details.close()
    s.assert_good()
