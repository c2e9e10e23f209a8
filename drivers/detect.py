"""Finding devices without configuration: a table of known USB vendor/product ids, matched
against what the system enumerates (pyserial's port list for serial devices, sysfs for USB
printers), and for ID card readers a SAM status probe that proves the device speaks SAM.

    python -m drivers.detect            # what is plugged in, as JSON

A configured port or URI always wins; `auto` in the kiosk configuration asks this module.
Ids tagged [U] in docs/devices.md are from vendor listings, not checked on a device.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from serial.tools import list_ports
from serial.tools.list_ports_common import ListPortInfo

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class KnownDevice:
    vid: int
    pid: int | None  # None: any product of this vendor
    family: str  # idcard | scanner | printer
    name: str


KNOWN_USB: tuple[KnownDevice, ...] = (
    # USB-serial bridges inside ID card readers; generic chips, so a SAM probe decides.
    KnownDevice(0x1A86, 0x7523, "idcard", "CH340 USB-serial (ID card readers)"),
    KnownDevice(0x067B, 0x2303, "idcard", "PL2303 USB-serial (ID card readers)"),
    KnownDevice(0x10C4, 0xEA60, "idcard", "CP210x USB-serial (ID card readers)"),
    KnownDevice(0x0403, 0x6001, "idcard", "FTDI USB-serial (ID card readers)"),
    # Scanners in USB COM (CDC-ACM) mode, by vendor.
    KnownDevice(0x0C2E, None, "scanner", "Honeywell / Metrologic scanner"),
    KnownDevice(0x05E0, None, "scanner", "Zebra / Symbol scanner"),
    KnownDevice(0x1EAB, None, "scanner", "Newland scanner"),
    KnownDevice(0x05F9, None, "scanner", "Datalogic scanner"),
    # Thermal receipt printers (USB printer class or vendor bulk).
    KnownDevice(0x04B8, 0x0202, "printer", "Epson TM series"),
    KnownDevice(0x0416, 0x5011, "printer", "Winbond-based POS printer (Xprinter, GPrinter, …)"),
    KnownDevice(0x0483, 0x5743, "printer", "STM-based POS printer"),
    KnownDevice(0x0FE6, 0x811E, "printer", "ICS-based POS printer (many 58 mm models)"),
    KnownDevice(0x1FC9, 0x2016, "printer", "NXP-based POS printer"),
)

# 精伦 iDR200/iDR210 talk SAM over USB bulk endpoints: drivers.idcard.UsbIdCardReader drives
# them through pyusb when `idcard_port` is usb://0400:c35a (`auto` looks for serial readers only).
USB_BULK_IDCARD = (0x0400, 0xC35A)


def known(vid: int | None, pid: int | None, family: str) -> KnownDevice | None:
    for device in KNOWN_USB:
        if device.family == family and device.vid == vid and device.pid in (None, pid):
            return device
    return None


def serial_candidates(family: str, ports: Iterable[ListPortInfo] | None = None) -> list[str]:
    """Serial ports whose USB ids are known for `family`, stable by-id paths first."""
    ports = list(list_ports.comports()) if ports is None else list(ports)
    found = [p for p in ports if known(p.vid, p.pid, family)]
    return [_stable_path(p.device) for p in sorted(found, key=lambda p: p.device)]


def _stable_path(device: str) -> str:
    """/dev/serial/by-id/… survives replugging into another socket; /dev/ttyUSB0 may not."""
    by_id = Path("/dev/serial/by-id")
    if by_id.is_dir():
        for link in sorted(by_id.iterdir()):
            if os.path.realpath(link) == os.path.realpath(device):
                return str(link)
    return device


def find_idcard_reader(
    candidates: Sequence[str] | None = None, baudrate: int = 115200, reply_timeout: float = 0.5
) -> str | None:
    """The first candidate port on which a SAM answers its status command."""
    from drivers.base import DeviceError
    from drivers.idcard.session import SamSession
    from drivers.serialport import PORT_ERRORS, open_port

    for url in serial_candidates("idcard") if candidates is None else candidates:
        try:
            port = open_port(url, baudrate)
        except PORT_ERRORS as exc:
            log.info("ID card probe: %s does not open (%s)", url, exc)
            continue
        try:
            SamSession(port, reply_timeout).sam_status()
            return url
        except (DeviceError, *PORT_ERRORS) as exc:
            log.info("ID card probe: %s is not a SAM reader (%s)", url, exc)
        finally:
            port.close()
    return None


def find_scanner_port(ports: Iterable[ListPortInfo] | None = None) -> str | None:
    candidates = serial_candidates("scanner", ports)
    return candidates[0] if candidates else None


def find_printer_uri(sysfs: Path = Path("/sys/bus/usb/devices")) -> str | None:
    """A known USB printer: file:///dev/usb/lpN when the kernel's usblp driver holds it (no
    pyusb needed, print only), else usb://vid:pid for python-escpos through pyusb."""
    for device in sorted(sysfs.glob("*")) if sysfs.is_dir() else ():
        ids = _usb_ids(device)
        if ids is None or known(*ids, "printer") is None:
            continue
        lp = sorted(device.glob("*/usbmisc/lp*"))
        if lp:
            return f"file:///dev/usb/{lp[0].name}"
        return f"usb://{ids[0]:04x}:{ids[1]:04x}"
    return None


def usb_bulk_idcard_present(sysfs: Path = Path("/sys/bus/usb/devices")) -> bool:
    return any(_usb_ids(d) == USB_BULK_IDCARD for d in sysfs.glob("*")) if sysfs.is_dir() else False


def _usb_ids(device: Path) -> tuple[int, int] | None:
    try:
        return (int((device / "idVendor").read_text(), 16), int((device / "idProduct").read_text(), 16))
    except (OSError, ValueError):
        return None


def main() -> int:
    report = {
        "serial_ports": [
            {
                "device": p.device,
                "usb": f"{p.vid:04x}:{p.pid:04x}" if p.vid else None,
                "description": p.description,
            }
            for p in list_ports.comports()
        ],
        "idcard_reader": "usb://0400:c35a" if usb_bulk_idcard_present() else find_idcard_reader(),
        "scanner": find_scanner_port(),
        "printer": find_printer_uri(),
    }
    if usb_bulk_idcard_present():
        report["note"] = (
            "a USB-bulk ID card reader (iDR200/iDR210) is plugged in: idcard_port = auto "
            "or \"usb://0400:c35a\" drives it (needs pyusb: pip install 'visitor-kiosk[usb]')"
        )
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
