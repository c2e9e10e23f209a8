"""Keyboard-wedge scanners: the Qt-free timing detector, and the Qt event filter driven by
real key events (fast bursts are scans and are swallowed; typing reaches the widget)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers.scanner.wedge import Key, WedgeDetector


class Log:
    def __init__(self) -> None:
        self.codes: list[str] = []
        self.passed: list[str] = []

    def code(self, c: str) -> None:
        self.codes.append(c)

    def passthrough(self, keys: list[Key]) -> None:
        self.passed += [k.text for k in keys]


def feed(det: WedgeDetector, text: str, start: float, gap: float) -> tuple[list[bool], float]:
    t, verdicts = start, []
    for ch in text:
        verdicts.append(det.feed(ch, t))
        t += gap
    return verdicts, t


@pytest.fixture
def det_log() -> tuple[WedgeDetector, Log]:
    log = Log()
    return WedgeDetector(log.code, log.passthrough), log


def test_fast_burst_ending_in_enter_is_one_scan(det_log) -> None:
    det, log = det_log
    verdicts, _ = feed(det, "VIS2024000123\r", 10.0, 0.008)
    assert log.codes == ["VIS2024000123"] and log.passed == []
    assert all(verdicts)  # every key, Enter included, swallowed


def test_tab_suffix_also_ends_a_scan(det_log) -> None:
    det, log = det_log
    feed(det, "ABCDEF\t", 0.0, 0.02)
    assert log.codes == ["ABCDEF"]


def test_typing_passes_through_in_order(det_log) -> None:
    det, log = det_log
    verdicts, t = feed(det, "hello world\r", 5.0, 0.15)
    assert log.codes == []
    assert "".join(log.passed) == "hello world"
    assert verdicts[-1] is False  # Enter delivered by the caller, after the text


def test_quiet_after_typing_releases_the_last_keys(det_log) -> None:
    det, log = det_log
    _, t = feed(det, "ab", 0.0, 0.2)
    assert log.passed == ["a"] and det.held == 1
    det.poll(t - 0.2 + 0.05)  # not quiet long enough yet
    assert det.held == 1
    det.poll(t - 0.2 + det.max_gap + 0.001)
    assert log.passed == ["a", "b"] and det.held == 0 and det.deadline is None


def test_short_fast_burst_is_not_a_scan(det_log) -> None:
    det, log = det_log
    verdicts, _ = feed(det, "12345\r", 0.0, 0.005)  # 5 < min_length 6
    assert log.codes == [] and log.passed == list("12345") and verdicts[-1] is False


def test_average_gap_over_the_limit_is_typing_even_without_a_long_pause(det_log) -> None:
    det, log = det_log
    feed(det, "ABCDEFGH\r", 0.0, 0.045)  # each gap < max_gap, average > 30 ms
    assert log.codes == [] and "".join(log.passed) == "ABCDEFGH"


def test_typing_then_scan_separates_cleanly(det_log) -> None:
    det, log = det_log
    _, t = feed(det, "hi", 0.0, 0.3)
    feed(det, "CODE123456\r", t + 0.3, 0.004)
    assert log.passed == ["h", "i"] and log.codes == ["CODE123456"]


def test_interrupt_releases_held_keys(det_log) -> None:
    det, log = det_log
    feed(det, "ab", 0.0, 0.005)
    det.interrupt()
    assert log.passed == ["a", "b"]


def test_settings_are_configurable() -> None:
    log = Log()
    det = WedgeDetector(log.code, log.passthrough, avg_gap=0.06, min_length=3, terminators=("\r",))
    feed(det, "AB1\r", 0.0, 0.05)
    feed(det, "XYZW\t", 1.0, 0.01)  # Tab is not a terminator here
    assert log.codes == ["AB1"]
    assert det.held == 5  # "XYZW\t" still held as one burst


# ---- the Qt adapter -------------------------------------------------------------------

QtWidgets = pytest.importorskip("PySide6.QtWidgets", reason="PySide6 is needed for the Qt adapter tests")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from kiosk.ui.common.qt_wedge import WedgeScannerFilter  # noqa: E402


class FakeClock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def qt_setup(qtbot, qapp) -> Iterator[tuple]:
    clock = FakeClock()
    filt = WedgeScannerFilter(clock=clock)
    filt.install(qapp)
    edit = QtWidgets.QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    returns: list[str] = []
    edit.returnPressed.connect(lambda: returns.append(edit.text()))
    yield filt, edit, clock, returns
    qapp.removeEventFilter(filt)


def type_keys(edit, clock: FakeClock, text: str, gap: float) -> None:
    for ch in text:
        clock.t += gap
        if ch == "\r":
            QTest.keyClick(edit, Qt.Key.Key_Return)
        else:
            QTest.keyClick(edit, ch)


def test_qt_scan_is_swallowed_and_emitted_once(qt_setup, qtbot) -> None:
    filt, edit, clock, returns = qt_setup
    with qtbot.waitSignal(filt.scanned, timeout=2000) as blocker:
        type_keys(edit, clock, "VIS2024000123\r", 0.006)
    assert blocker.args == ["VIS2024000123"]
    assert edit.text() == "" and returns == []  # the field saw nothing of the scan


def test_qt_typing_reaches_the_widget_with_enter(qt_setup, qtbot) -> None:
    filt, edit, clock, returns = qt_setup
    codes: list[str] = []
    filt.scanned.connect(codes.append)
    type_keys(edit, clock, "Wang Li", 0.18)
    clock.t += 1.0  # then the person pauses
    qtbot.waitUntil(lambda: edit.text() == "Wang Li", timeout=2000)
    type_keys(edit, clock, "\r", 0.2)
    assert returns == ["Wang Li"] and codes == []


def test_qt_short_fast_burst_passes_through(qt_setup, qtbot) -> None:
    filt, edit, clock, returns = qt_setup
    type_keys(edit, clock, "123\r", 0.004)
    assert edit.text() == "123" and returns == ["123"]


def test_qt_real_timing_keyclicks_fast_and_slow(qtbot, qapp) -> None:
    """Real clock: QTest.keyClicks without delay is a scan; with 80 ms between keys it is typing."""
    filt = WedgeScannerFilter()
    filt.install(qapp)
    try:
        edit = QtWidgets.QLineEdit()
        qtbot.addWidget(edit)
        edit.show()
        with qtbot.waitSignal(filt.scanned, timeout=2000) as blocker:
            QTest.keyClicks(edit, "QR0000042X")
            QTest.keyClick(edit, Qt.Key.Key_Return)
        assert blocker.args == ["QR0000042X"] and edit.text() == ""
        QTest.keyClicks(edit, "typed1", Qt.KeyboardModifier.NoModifier, 80)
        qtbot.waitUntil(lambda: edit.text() == "typed1", timeout=3000)
    finally:
        qapp.removeEventFilter(filt)


def test_qt_backspace_and_shortcuts_are_not_held(qt_setup, qtbot) -> None:
    filt, edit, clock, returns = qt_setup
    type_keys(edit, clock, "ab", 0.005)
    clock.t += 0.005
    QTest.keyClick(edit, Qt.Key.Key_Backspace)  # releases "ab", then deletes "b"
    assert edit.text() == "a"


def test_qt_keys_through_the_window_like_a_real_keyboard(qt_setup, qtbot) -> None:
    """Key events sent to the QWindow travel window → focus widget, as from the platform;
    the filter must judge each key once, not once per hop."""
    filt, edit, clock, returns = qt_setup
    edit.activateWindow()
    qtbot.waitUntil(lambda: edit.hasFocus(), timeout=2000)
    window = edit.window().windowHandle()
    K = Qt.Key
    keys = [K.Key_A, K.Key_B, K.Key_C, K.Key_1, K.Key_2, K.Key_3, K.Key_Return]
    with qtbot.waitSignal(filt.scanned, timeout=2000) as blocker:
        for key in keys:
            clock.t += 0.005
            QTest.keyClick(window, key)
    assert blocker.args == ["abc123"] and edit.text() == ""
    for key in keys:  # now the same keys, typed slowly
        clock.t += 0.2
        QTest.keyClick(window, key)
    qtbot.waitUntil(lambda: returns == ["abc123"], timeout=2000)
    assert edit.text() == "abc123"
