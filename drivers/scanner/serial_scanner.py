"""A QR/barcode scanner in serial mode (USB-COM / CDC-ACM or RS-232): one event per code,
reconnecting like every serial device."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import serial

from drivers.base import StatusReporter
from drivers.scanner.codes import CodeSplitter
from drivers.serialport import SerialDeviceThread

log = logging.getLogger(__name__)


class SerialScanner(SerialDeviceThread):
    """Listens on `port` (device path, symlink or pyserial URL) and calls `on_code(str)`.

    A scanner never answers anything, so "connected" means the port opened. Set
    `idle_flush` (seconds) for scanners configured without a suffix.
    """

    family = "scanner"

    def __init__(
        self,
        port: str,
        *,
        baudrate: int = 9600,
        on_code: Callable[[str], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        status: StatusReporter | None = None,
        idle_flush: float | None = None,
        simulated: bool = False,
        backoff: tuple[float, float] = (0.25, 5.0),
    ) -> None:
        super().__init__(
            port, baudrate, status=status, on_error=on_error, simulated=simulated, backoff=backoff
        )
        self._on_code = on_code
        self.idle_flush = idle_flush

    def detect(self) -> str | None:
        from drivers.detect import find_scanner_port

        return find_scanner_port()

    def probe(self, port: serial.SerialBase) -> str:
        return f"{self.url} @ {self.baudrate} baud (serial mode)"

    def serve(self, port: serial.SerialBase) -> None:
        splitter = CodeSplitter()
        last_byte = time.monotonic()
        while not self.stopping:
            data = port.read(max(1, port.in_waiting))  # returns b"" after port.timeout
            now = time.monotonic()
            if data:
                last_byte = now
                for code in splitter.feed(data):
                    self._emit(code)
            elif self.idle_flush is not None and splitter.pending and now - last_byte >= self.idle_flush:
                code = splitter.flush()
                if code:
                    self._emit(code)

    def _emit(self, code: str) -> None:
        log.info("scanned %d characters", len(code))
        if self._on_code is None:
            return
        try:
            self._on_code(code)
        except Exception:  # a listener's bug must not kill the scanner thread
            log.exception("on_code callback failed")
