"""Staff device page over the demo-mode device manager: states with words, test buttons clicked as a
technician would, a pulled reader shown as missing and then recovered; the bridge queues to the GUI thread."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThread

from kiosk.services.devices import DeviceManager, DeviceSettings
from kiosk.ui.common.device_bridge import DeviceBridge
from kiosk.ui.common.ops import wait_all
from kiosk.ui.staff.devices_page import DevicesPage

SCREENS = Path(__file__).resolve().parents[2] / "docs" / "screens"


@pytest.fixture
def page(qtbot: Any, tmp_path: Path) -> Iterator[DevicesPage]:
    manager = DeviceManager(DeviceSettings(simulate=True, paper_width_mm=58), tmp_path / "dev")
    bridge = DeviceBridge(manager)
    manager.start()
    widget = DevicesPage(bridge, demo=True)
    qtbot.addWidget(widget)
    widget.resize(1000, 640)
    widget.show()
    yield widget
    bridge.close()
    wait_all(10000)
    manager.stop()


def _state(page: DevicesPage, family: str) -> str:
    return page.rows[family].state.text()


def test_states_and_tests(qtbot: Any, page: DevicesPage) -> None:
    for family in ("idcard", "scanner", "camera", "printer"):
        qtbot.waitUntil(lambda f=family: _state(page, f) == "模拟设备", timeout=10000)
    smartcard = page.rows["smartcard"]
    assert _state(page, "smartcard") in ("模拟设备", "不可用", "未连接")
    assert smartcard.detail.text()  # words, whatever the state

    qtbot.mouseClick(page.rows["idcard"].test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "读到" in page.rows["idcard"].result.text(), timeout=15000)
    assert "张*" in page.rows["idcard"].result.text()  # a name on the staff page is still masked

    qtbot.mouseClick(page.rows["scanner"].test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "ECHO" in page.rows["scanner"].result.text(), timeout=10000)

    qtbot.mouseClick(page.rows["printer"].test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已发送测试页" in page.rows["printer"].result.text(), timeout=10000)
    assert page.manager.printer_sink.wait_for_jobs(1)

    qtbot.mouseClick(page.rows["camera"].test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.preview.pixmap() is not None and not page.preview.pixmap().isNull(), timeout=10000
    )
    if os.environ.get("KIOSK_SAVE_SCREENS") == "1":  # refresh docs/screens on request only
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.grab().save(str(SCREENS / "staff-devices.png"))
    qtbot.mouseClick(page.rows["camera"].test, Qt.MouseButton.LeftButton)
    assert page.preview.isHidden()


def test_pulled_reader_is_shown_missing_then_recovers(qtbot: Any, page: DevicesPage) -> None:
    qtbot.waitUntil(lambda: _state(page, "idcard") == "模拟设备", timeout=10000)
    qtbot.mouseClick(page.demo_unplug, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _state(page, "idcard") == "未连接", timeout=10000)
    row = page.rows["idcard"]
    assert "连接线" in row.advice.text() and row.detail.isHidden()  # what to do, in the desk's words
    for technical in ("pip", "/dev/", "baud", "sim://", "Traceback"):
        assert technical not in row.advice.text()
    qtbot.mouseClick(row.more, Qt.MouseButton.LeftButton)  # the technician's details, on request
    assert row.detail.isVisible() and row.detail.text()
    qtbot.mouseClick(page.demo_unplug, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _state(page, "idcard") == "模拟设备", timeout=15000)


def test_bridge_delivers_on_the_gui_thread(qtbot: Any, page: DevicesPage) -> None:
    threads: list[Any] = []
    page.bridge.codeScanned.connect(lambda code: threads.append(QThread.currentThread()))
    qtbot.waitUntil(lambda: _state(page, "scanner") == "模拟设备", timeout=10000)
    with qtbot.waitSignal(page.bridge.codeScanned, timeout=5000):
        threading.Thread(target=page.manager.scan_code, args=("VC1THREADCHECK",)).start()
    assert threads and threads[0] is page.thread()


def test_keyboard_wedge_scans_arrive_as_codes_and_typing_does_not(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    manager = DeviceManager(
        DeviceSettings(simulate=False, scanner_mode="wedge", smartcard_enabled=False), tmp_path / "wedge"
    )
    manager.start()
    bridge = DeviceBridge(manager)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    try:
        assert manager.status()["scanner"].state.value == "connected"
        with qtbot.waitSignal(bridge.codeScanned, timeout=5000) as signal:
            QTest.keyClicks(edit, "VC1WEDGE2024\r")  # a scanner types fast, ending with Enter
        assert signal.args == ["VC1WEDGE2024"]
        assert edit.text() == ""  # swallowed: it never reached the field
        QTest.keyClicks(edit, "abc", delay=120)  # a person types slowly
        qtbot.waitUntil(lambda: edit.text() == "abc", timeout=3000)
    finally:
        bridge.close()
        manager.stop()
