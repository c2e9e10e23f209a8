"""Device manager in demo mode: simulators start and report status, events reach callbacks, test actions
work, a pulled ID card reader shows MISSING and recovers on its own; and outside demo mode, configuration
alone (a `sim://` URI per family) picks a simulator through the same path as hardware."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.base import DeviceState, DeviceStatus
from drivers.camera.synthetic import DEMO_QR_TEXT
from kiosk.services.devices import DeviceManager, DeviceSettings, vpcd_available

CAMERA_DATA = Path(__file__).resolve().parents[1] / "data" / "camera"


class Recorder:
    """Collects events from device threads; wait() blocks on a condition, never sleeps blindly."""

    def __init__(self) -> None:
        self.events: list[tuple[str, tuple[Any, ...]]] = []
        self.cond = threading.Condition()

    def __call__(self, name: str) -> Callable[..., None]:
        def record(*args: Any) -> None:
            with self.cond:
                self.events.append((name, args))
                self.cond.notify_all()

        return record

    def wait(self, pred: Callable[[], bool], timeout: float = 10.0) -> bool:
        with self.cond:
            return self.cond.wait_for(pred, timeout)

    def of(self, name: str) -> list[tuple[Any, ...]]:
        with self.cond:
            return [a for n, a in self.events if n == name]


def state_of(manager: DeviceManager, family: str) -> DeviceState:
    return manager.status()[family].state


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[DeviceManager, Recorder]]:
    rec = Recorder()
    manager = DeviceManager(DeviceSettings(simulate=True, paper_width_mm=58), tmp_path / "dev")
    for event in ("idcard", "code", "status", "error", "frame"):
        manager.listen(event, rec(event))
    manager.start()
    yield manager, rec
    manager.stop()


def test_demo_mode_starts_every_simulator(demo: tuple[DeviceManager, Recorder]) -> None:
    manager, rec = demo
    for family in ("idcard", "scanner", "camera", "printer"):
        assert rec.wait(lambda f=family: state_of(manager, f) is DeviceState.SIMULATED), (
            family,
            manager.status()[family],
        )
    smartcard = manager.status()["smartcard"]
    usable, _ = vpcd_available()
    if not usable:
        # without vpcd the page says what to install instead of pretending
        assert smartcard.state is DeviceState.UNAVAILABLE and "vpcd" in smartcard.detail
    statuses = [a[0] for a in rec.of("status")]
    assert all(isinstance(s, DeviceStatus) for s in statuses)
    assert rec.wait(lambda: len(rec.of("frame")) >= 3)  # the demo clip plays


def test_present_sample_card_and_scan_code(demo: tuple[DeviceManager, Recorder]) -> None:
    manager, rec = demo
    assert rec.wait(lambda: state_of(manager, "idcard") is DeviceState.SIMULATED)
    manager.present_id_card("li")
    assert rec.wait(lambda: bool(rec.of("idcard")))
    card = rec.of("idcard")[0][0]
    assert card.name == "李秀英" and card.id_number.endswith("X")

    assert rec.wait(lambda: state_of(manager, "scanner") is DeviceState.SIMULATED)
    manager.scan_code("VC1TESTCODE")
    assert rec.wait(lambda: ("VC1TESTCODE",) in rec.of("code"))


def test_test_actions(demo: tuple[DeviceManager, Recorder]) -> None:
    manager, rec = demo
    assert rec.wait(
        lambda: all(
            state_of(manager, f) is DeviceState.SIMULATED for f in ("idcard", "scanner", "camera", "printer")
        )
    )
    assert manager.test_idcard(timeout=10).name == "张伟"
    assert manager.scanner_echo(timeout=5).startswith("ECHO")
    jpeg = manager.camera_snapshot()
    assert jpeg[:2] == b"\xff\xd8"
    sent = manager.test_print()
    jobs = manager.printer_sink.wait_for_jobs(1)
    assert sent > 0 and jobs[0].data


def test_pulled_reader_shows_missing_then_recovers(demo: tuple[DeviceManager, Recorder]) -> None:
    manager, rec = demo
    assert rec.wait(lambda: state_of(manager, "idcard") is DeviceState.SIMULATED)
    manager.unplug("idcard")
    assert rec.wait(lambda: state_of(manager, "idcard") is DeviceState.MISSING)
    assert manager.status()["idcard"].detail  # with words
    manager.replug("idcard")
    assert rec.wait(lambda: state_of(manager, "idcard") is DeviceState.SIMULATED, timeout=15)
    manager.present_id_card("zhang")  # and it reads cards again
    assert rec.wait(lambda: any(a[0].name == "张伟" for a in rec.of("idcard")))


def test_stop_leaves_every_device_disabled(tmp_path: Path) -> None:
    manager = DeviceManager(DeviceSettings(simulate=True), tmp_path / "stop")
    manager.start()
    manager.stop()
    assert {s.state for s in manager.status().values()} == {DeviceState.DISABLED}


def test_configuration_alone_picks_the_simulators(tmp_path: Path) -> None:
    rec = Recorder()
    manager = DeviceManager(
        DeviceSettings(
            simulate=False,
            idcard_port="sim://idcard?card=li",
            scanner_mode="serial",
            scanner_port="sim://scanner",
            camera_source=f"sim://camera?file={CAMERA_DATA / 'face.avi'}",
            printer_uri="sim://printer?paper=near_end",
            smartcard_enabled=False,
        )
    )
    for event in ("idcard", "code", "status"):
        manager.listen(event, rec(event))
    manager.start()
    try:
        for family in ("idcard", "scanner", "camera", "printer"):
            assert rec.wait(lambda f=family: state_of(manager, f) is DeviceState.SIMULATED), manager.status()
        assert rec.wait(lambda: bool(rec.of("idcard")))  # the card the URI put on the reader
        assert rec.of("idcard")[0][0].name == "李秀英"
        manager.scan_code("VC1CONFIGURED")
        assert rec.wait(lambda: ("VC1CONFIGURED",) in rec.of("code"))
        assert rec.wait(lambda: "纸将用完" in manager.status()["printer"].detail)
        assert state_of(manager, "smartcard") is DeviceState.DISABLED
    finally:
        manager.stop()


def test_camera_mode_reads_codes_from_the_camera(tmp_path: Path) -> None:
    rec = Recorder()
    manager = DeviceManager(
        DeviceSettings(
            simulate=False,
            scanner_mode="camera",
            camera_source=f"sim://camera?file={CAMERA_DATA / 'qr.avi'}&fps=50",
            smartcard_enabled=False,
        )
    )
    manager.listen("code", rec("code"))
    manager.start()
    try:
        assert manager.status()["scanner"] == DeviceStatus("scanner", DeviceState.CONNECTED, "摄像头扫码")
        assert rec.wait(lambda: bool(rec.of("code")))
        assert rec.of("code")[0] == (DEMO_QR_TEXT,)
    finally:
        manager.stop()


def test_fallback_printer_prints_when_the_first_cannot(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    manager = DeviceManager(
        DeviceSettings(
            simulate=False,
            scanner_mode="off",
            smartcard_enabled=False,
            printer_uri=f"tcp://127.0.0.1:{port}",
            printer_fallback_uri="sim://printer",
        )
    )
    manager.start()
    try:
        assert manager.test_print() > 0
        (_, fallback), (_, first) = manager.printers[1], manager.printers[0]
        assert fallback.simulator is not None and fallback.simulator.wait_for_jobs(1)
        assert first.status.state is DeviceState.MISSING and "无法连接打印机" in first.status.detail
        assert state_of(manager, "printer") is DeviceState.MISSING  # the family shows the first printer
    finally:
        manager.stop()


def test_unconfigured_devices_are_disabled_with_words(tmp_path: Path) -> None:
    manager = DeviceManager(
        DeviceSettings(simulate=False, scanner_mode="off", smartcard_enabled=False), tmp_path / "none"
    )
    manager.start()
    try:
        status = manager.status()
        assert {s.state for s in status.values()} == {DeviceState.DISABLED}
        assert "idcard_port" in status["idcard"].detail
    finally:
        manager.stop()


def test_configured_but_absent_serial_reader_is_missing(tmp_path: Path) -> None:
    rec = Recorder()
    manager = DeviceManager(
        DeviceSettings(idcard_port=str(tmp_path / "ttyNOPE"), scanner_mode="off", smartcard_enabled=False),
        tmp_path / "absent",
    )
    manager.listen("status", rec("status"))
    manager.start()
    try:
        assert rec.wait(lambda: state_of(manager, "idcard") is DeviceState.MISSING)
        assert "ttyNOPE" in manager.status()["idcard"].detail
    finally:
        manager.stop()


@pytest.mark.pcsc
def test_virtual_card_tap_reaches_the_callback(tmp_path: Path) -> None:
    usable, words = vpcd_available()
    if not usable:
        pytest.skip(words)
    rec = Recorder()
    manager = DeviceManager(DeviceSettings(simulate=True), tmp_path / "pcsc")
    manager.listen("card", rec("card"))
    manager.listen("status", rec("status"))
    manager.start()
    try:
        if not rec.wait(lambda: state_of(manager, "smartcard") is DeviceState.SIMULATED, timeout=8):
            pytest.skip(f"pcscd not serving the vpcd reader here: {manager.status()['smartcard'].detail}")
        manager.tap_card("04A1B2C3", hold=1.5)
        assert rec.wait(lambda: bool(rec.of("card")), timeout=10)
        assert rec.of("card")[0][0] == "04A1B2C3"
    finally:
        manager.stop()
