"""Auto-detection: known USB ids pick the candidate ports, a SAM probe over a real pty picks
the ID card reader among them, and sysfs tells where a known printer can be reached."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from serial.tools.list_ports_common import ListPortInfo

from drivers import detect
from drivers.base import DeviceError, DeviceState
from drivers.idcard import SerialIdCardReader
from drivers.idcard.simulator import IdCardSimulator
from drivers.printer import PermitPrinter
from drivers.scanner.simulator import ScannerSimulator


def usb_port(device: str, vid: int, pid: int) -> ListPortInfo:
    info = ListPortInfo(device, skip_link_detection=True)
    info.vid, info.pid = vid, pid
    return info


def test_known_ids_choose_the_ports_of_each_family() -> None:
    ports = [
        usb_port("/dev/ttyUSB1", 0x1A86, 0x7523),
        usb_port("/dev/ttyACM0", 0x0C2E, 0x0B61),
        usb_port("/dev/ttyUSB0", 0x1234, 0x5678),
        ListPortInfo("/dev/ttyS0", skip_link_detection=True),
    ]
    assert detect.serial_candidates("idcard", ports) == ["/dev/ttyUSB1"]
    assert detect.find_scanner_port(ports) == "/dev/ttyACM0"
    assert detect.find_scanner_port(ports[2:]) is None


def test_the_sam_probe_finds_the_reader_among_other_serial_devices(tmp_path: Path) -> None:
    scanner = ScannerSimulator(str(tmp_path / "ttyScanner"))
    reader = IdCardSimulator(str(tmp_path / "ttyReader"))
    scanner_path, reader_path = scanner.start(), reader.start()
    try:
        missing = str(tmp_path / "ttyGone")
        assert detect.find_idcard_reader([missing, scanner_path, reader_path]) == reader_path
        assert detect.find_idcard_reader([missing, scanner_path]) is None
    finally:
        scanner.stop()
        reader.stop()


def fake_usb_device(root: Path, name: str, vid: int, pid: int, lp: str | None = None) -> None:
    device = root / name
    device.mkdir(parents=True)
    (device / "idVendor").write_text(f"{vid:04x}\n")
    (device / "idProduct").write_text(f"{pid:04x}\n")
    if lp:
        (device / f"{name}:1.0" / "usbmisc" / lp).mkdir(parents=True)


def test_a_known_printer_is_reached_through_usblp_when_the_kernel_holds_it(tmp_path: Path) -> None:
    fake_usb_device(tmp_path, "1-1", 0x046D, 0xC52B)  # a mouse
    assert detect.find_printer_uri(tmp_path) is None
    fake_usb_device(tmp_path, "1-2", 0x0416, 0x5011)
    assert detect.find_printer_uri(tmp_path) == "usb://0416:5011"
    fake_usb_device(tmp_path, "1-3", 0x04B8, 0x0202, lp="lp0")
    assert detect.find_printer_uri(tmp_path) == "usb://0416:5011"  # first in bus order
    (tmp_path / "1-2" / "idVendor").write_text("dead\n")
    assert detect.find_printer_uri(tmp_path) == "file:///dev/usb/lp0"


def test_a_usb_bulk_reader_is_recognised(tmp_path: Path) -> None:
    assert not detect.usb_bulk_idcard_present(tmp_path)
    fake_usb_device(tmp_path, "2-1", 0x0400, 0xC35A)
    assert detect.usb_bulk_idcard_present(tmp_path)


def test_auto_devices_say_what_is_missing_when_nothing_known_is_plugged_in() -> None:
    if detect.serial_candidates("idcard") or detect.find_printer_uri():
        pytest.skip("a real reader or printer is plugged into this machine")
    reader = SerialIdCardReader("auto")
    reader.start()
    try:
        deadline = time.monotonic() + 5
        while reader.status.state is not DeviceState.MISSING:
            assert time.monotonic() < deadline, reader.status
            reader.wait(0.05)
        assert "auto-detection" in reader.status.detail
    finally:
        reader.stop()
    printer = PermitPrinter("auto")
    assert printer.where == "自动检测 USB 打印机"
    with pytest.raises(DeviceError, match="自动检测没有找到"):
        printer.send_job(b"\x1b@")
    assert printer.status.state is DeviceState.MISSING
