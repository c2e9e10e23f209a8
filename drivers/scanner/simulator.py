"""A serial-mode scanner simulated on a pty: `scan()` writes a code with its suffix, as the
engine would after reading a QR code. For tests, demo mode (`sim://scanner`) and technicians."""

from __future__ import annotations

import logging

from drivers.scanner.codes import SUFFIXES
from drivers.serialport import PtyDevice, PtySimulated

log = logging.getLogger(__name__)


class ScannerSimulator(PtySimulated):
    """`path` (= `port`) is what the driver opens: the `link` symlink if given, else the pty's
    own name. `unplug()` closes the pty, `plug()` opens a new one (serialport.PortSimulator)."""

    def __init__(self, link: str | None = None, *, suffix: str = "CR", encoding: str = "utf-8") -> None:
        if suffix not in SUFFIXES:
            raise ValueError(f"suffix must be one of {sorted(SUFFIXES)}")
        self.suffix = suffix
        self.encoding = encoding
        self._pty = PtyDevice(link)

    def plug(self) -> str:
        if not self._pty.is_open:
            self._pty.open()
            log.info("scanner simulator on %s", self._pty.path)
        return self._pty.path

    def scan(self, code: str, *, suffix: str | None = None, encoding: str | None = None) -> None:
        """Send `code` the way a scanner does: encoded bytes, then the suffix."""
        self.write_raw(code.encode(encoding or self.encoding) + SUFFIXES[suffix or self.suffix])

    def write_raw(self, data: bytes) -> None:
        self._pty.write(data)

    def unplug(self) -> None:
        self._pty.close()

    def stop(self) -> None:
        self.unplug()
