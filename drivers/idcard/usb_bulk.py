"""SAM frames over USB bulk endpoints (精伦 iDR200/iDR210, `0400:c35a`) through pyusb.

`UsbBulkPort` looks like the part of a serial port that `SamSession` uses, so the session,
codec and reader logic are the same as on a serial line. The split, from AuroraRAS/openiDR200
idrusb.cpp: a command frame's 7-byte header (preamble + LEN) is one transfer on OUT 0x02 and
the rest (CMD PARA DATA CHK, LEN bytes) one transfer on OUT 0x06; the reply's header comes on
IN 0x81 and its rest on IN 0x85. pyusb is optional (`pip install 'visitor-kiosk[usb]'`) and
imported only when a USB reader is opened.
"""

from __future__ import annotations

import errno
import logging
import re
from typing import Any

from drivers.detect import USB_BULK_IDCARD
from drivers.idcard.codec import HEADER_LEN, PREAMBLE, Deframer

log = logging.getLogger(__name__)

EP_OUT_HEADER, EP_OUT_BODY = 0x02, 0x06
EP_IN_HEADER, EP_IN_BODY = 0x81, 0x85
READ_SIZE = 0x10000  # what openiDR200 asks for; a buffer shorter than the transfer overflows
TRANSFER_TIMEOUT = 0.2  # s per transfer, as openiDR200; the session loops until its reply timeout
WRITE_TIMEOUT = 1.0  # s; a write that cannot finish means the device is wedged or gone
DRAIN_TIMEOUT = 0.02  # s per read when throwing away the rest of an abandoned reply

INSTALL_PYUSB = "pyusb is not installed: pip install 'visitor-kiosk[usb]' (or pip install 'pyusb>=1.2')"
INSTALL_LIBUSB = (
    "libusb is not installed: apt-get install libusb-1.0-0 (Debian/Ubuntu); "
    "on Windows bind the reader to WinUSB with Zadig"
)
UDEV_RULE = (
    'SUBSYSTEM=="usb", ATTRS{idVendor}=="%04x", ATTRS{idProduct}=="%04x", MODE="0660", GROUP="plugdev"'
)


class UsbDeviceNotFound(OSError):
    """No device with the configured ids is on the bus (unplugged)."""


def is_usb_url(url: str) -> bool:
    return url == "usb" or url.startswith("usb://")


def parse_usb_url(url: str) -> tuple[int, int]:
    """`usb`, `usb://` or `usb://auto` → the iDR200's ids; `usb://vvvv:pppp` → those."""
    rest = url[len("usb://") :] if url.startswith("usb://") else ("" if url == "usb" else None)
    if rest in ("", "auto"):
        return USB_BULK_IDCARD
    match = re.fullmatch(r"([0-9a-fA-F]{4}):([0-9a-fA-F]{4})", rest or "")
    if match is None:
        raise ValueError(f"{url}: not a USB reader address; write usb://0400:c35a (vendor:product in hex)")
    return int(match[1], 16), int(match[2], 16)


def pyusb_problem(backend: Any = None) -> str | None:
    """What must be installed before a USB reader can be used, or None if nothing."""
    try:
        import usb.core  # noqa: F401
    except ImportError:
        return INSTALL_PYUSB
    if backend is None and default_backend() is None:
        return INSTALL_LIBUSB
    return None


def default_backend() -> Any:
    """The first libusb pyusb can load (what usb.core.find would pick), or None."""
    import usb.backend.libusb0
    import usb.backend.libusb1
    import usb.backend.openusb

    for module in (usb.backend.libusb1, usb.backend.openusb, usb.backend.libusb0):
        backend = module.get_backend()
        if backend is not None:
            return backend
    return None


def open_usb_port(url: str, backend: Any = None) -> UsbBulkPort:
    """Find the reader by its ids, claim its interface, return a port for SamSession.

    Raises UsbDeviceNotFound, usb.core.USBError (an OSError: permission, busy) or ValueError
    for a malformed URL."""
    import usb.core
    import usb.util

    vid, pid = parse_usb_url(url)
    device = usb.core.find(idVendor=vid, idProduct=pid, backend=backend or default_backend())
    if device is None:
        raise UsbDeviceNotFound(errno.ENODEV, f"no USB device {vid:04x}:{pid:04x}")
    try:
        try:
            device.get_active_configuration()  # opens the device: permission errors show here
        except usb.core.USBError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.ENODEV):
                raise
            device.set_configuration()  # unconfigured: take the first configuration
        _detach_kernel_driver(device)
        usb.util.claim_interface(device, 0)  # another program holding it shows here (busy)
    except BaseException:
        usb.util.dispose_resources(device)
        raise
    return UsbBulkPort(device, url)


def _detach_kernel_driver(device: Any) -> None:
    """A vendor-class reader should have no kernel driver; if one holds it, take it over."""
    import usb.core

    try:
        if device.is_kernel_driver_active(0):
            device.detach_kernel_driver(0)
    except (NotImplementedError, usb.core.USBError):  # not on this OS / backend
        log.debug("kernel driver check skipped", exc_info=True)


def describe_usb_error(url: str, exc: BaseException) -> str:
    """Words a technician can act on for a USB reader that will not open."""
    try:
        vid, pid = parse_usb_url(url)
    except ValueError as bad:
        return str(bad)
    ids = f"{vid:04x}:{pid:04x}"
    if isinstance(exc, UsbDeviceNotFound):
        return f"{url}: no USB device {ids} found: is the reader plugged in? (check `lsusb -d {ids}`)"
    code = getattr(exc, "errno", None)
    if code in (errno.EACCES, errno.EPERM):
        return (
            f"{url}: permission denied; add the udev rule {UDEV_RULE % (vid, pid)} "
            "(kiosk user in plugdev), then replug the reader"
        )
    if code == errno.EBUSY:
        return f"{url} is in use by another program (a vendor service or another kiosk?)"
    return f"{url}: {exc}"


class UsbBulkPort:
    """A SAM reader's four bulk endpoints seen as one byte stream, like a serial port.

    `write` takes whole command frames (what SamSession writes) and sends each as header +
    body. `read` does at most one transfer (TRANSFER_TIMEOUT): on IN 0x81 while the reply's
    header is due, then on IN 0x85 until the LEN bytes it announced have come.
    """

    def __init__(self, device: Any, name: str) -> None:
        self.device = device
        self.name = name
        self._outgoing = Deframer()
        self._received = bytearray()  # arrived, not yet read by the session
        self._header = bytearray()  # the current reply's header bytes so far
        self._body_left: int | None = None  # reply bytes still due on IN 0x85; None: header due
        self._awaiting = False  # a command went out and its whole reply has not come

    @property
    def where(self) -> str:
        return f"{self.name} (bus {self.device.bus} device {self.device.address})"

    @property
    def in_waiting(self) -> int:
        return len(self._received)

    def write(self, data: bytes) -> int:
        for frame in self._outgoing.feed(data):
            self._transfer_out(EP_OUT_HEADER, frame[:HEADER_LEN])
            self._transfer_out(EP_OUT_BODY, frame[HEADER_LEN:])
            self._awaiting = True
        return len(data)

    def flush(self) -> None:
        """Transfers are synchronous: written means sent."""

    def read(self, size: int = 1) -> bytes:
        if not self._received:
            self._receive(TRANSFER_TIMEOUT)
        out = bytes(self._received[:size])
        del self._received[:size]
        return out

    def reset_input_buffer(self) -> None:
        """Forget unread bytes. If the last reply did not come whole (card pulled, timeout), read
        away whatever of it the reader still has queued, so it cannot be taken for the next one."""
        abandoned, self._awaiting = self._awaiting, False
        self._received.clear()
        self._header.clear()
        self._body_left = None
        if abandoned:
            for endpoint in (EP_IN_HEADER, EP_IN_BODY):
                while self._transfer_in(endpoint, DRAIN_TIMEOUT):
                    pass

    def close(self) -> None:
        import usb.util

        usb.util.dispose_resources(self.device)

    # -- transfers ------------------------------------------------------------------------
    def _receive(self, timeout: float) -> None:
        if self._body_left is not None:
            chunk = self._transfer_in(EP_IN_BODY, timeout)
            self._body_left -= len(chunk)
            if self._body_left <= 0:
                self._body_left, self._awaiting = None, False
        else:
            chunk = self._transfer_in(EP_IN_HEADER, timeout)
            self._header += chunk
            if len(self._header) >= HEADER_LEN:
                self._start_body()
        self._received += chunk

    def _start_body(self) -> None:
        """The header is complete: LEN says how much follows on IN 0x85. A header that is not
        a SAM header is passed on as it is (the session's deframer drops it)."""
        header, extra = self._header[:HEADER_LEN], len(self._header) - HEADER_LEN
        self._header.clear()
        if header.startswith(PREAMBLE):
            left = int.from_bytes(header[5:7], "big") - extra
            if left > 0:
                self._body_left = left
            else:
                self._awaiting = False

    def _transfer_in(self, endpoint: int, timeout: float) -> bytes:
        import usb.core

        try:
            return bytes(self.device.read(endpoint, READ_SIZE, timeout=max(1, int(timeout * 1000))))
        except usb.core.USBTimeoutError:
            return b""

    def _transfer_out(self, endpoint: int, data: bytes) -> None:
        sent = self.device.write(endpoint, data, timeout=int(WRITE_TIMEOUT * 1000))
        if sent != len(data):
            raise OSError(
                errno.EIO,
                f"{self.name}: only {sent} of {len(data)} bytes went out on endpoint {endpoint:#04x}",
            )
