"""A serial-mode scanner simulated on a pty: `scan()` writes a code with its suffix, as the
engine would after reading a QR code. For tests, demo mode and technicians."""

from __future__ import annotations

import logging

from drivers.scanner.codes import SUFFIXES
from drivers.serialport import PtyDevice

log = logging.getLogger(__name__)


class ScannerSimulator:
    def __init__(self, link: str | None = None, *, suffix: str = "CR", encoding: str = "utf-8") -> None:
        if suffix not in SUFFIXES:
            raise ValueError(f"suffix must be one of {sorted(SUFFIXES)}")
        self.suffix = suffix
        self.encoding = encoding
        self._pty = PtyDevice(link)

    def start(self) -> str:
        path = self._pty.open()
        log.info("scanner simulator on %s", path)
        return path

    @property
    def path(self) -> str:
        return self._pty.path

    def scan(self, code: str, *, suffix: str | None = None, encoding: str | None = None) -> None:
        """Send `code` the way a scanner does: encoded bytes, then the suffix."""
        self.write_raw(code.encode(encoding or self.encoding) + SUFFIXES[suffix or self.suffix])

    def write_raw(self, data: bytes) -> None:
        self._pty.write(data)

    def stop(self) -> None:
        self._pty.close()

    def __enter__(self) -> ScannerSimulator:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
