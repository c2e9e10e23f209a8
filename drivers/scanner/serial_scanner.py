"""A QR/barcode scanner in serial mode (USB-COM / CDC-ACM or RS-232): one ScannedCode event
per code, reconnecting like every serial device; `device_for_uri` builds it (or its
simulator behind a pty) from the configured port."""

from __future__ import annotations

import logging
import time
from typing import Any

import serial

from drivers.base import DeviceProblem, ScannedCode, is_sim_uri, parse_sim_uri
from drivers.scanner.codes import SUFFIXES, CodeSplitter
from drivers.scanner.simulator import ScannerSimulator
from drivers.serialport import SerialDeviceThread

log = logging.getLogger(__name__)

ScannerEvent = ScannedCode | DeviceProblem  # what a scanner's subscribers receive


class SerialScanner(SerialDeviceThread[ScannedCode]):
    """Listens on `port` (device path, symlink, pyserial URL or `auto`) and emits one
    ScannedCode per code.

    A scanner never answers anything, so "connected" means the port opened. Set
    `idle_flush` (seconds) for scanners configured without a suffix.
    """

    family = "scanner"

    def __init__(
        self,
        port: str,
        *,
        baudrate: int = 9600,
        idle_flush: float | None = None,
        simulator: ScannerSimulator | None = None,
        backoff: tuple[float, float] = (0.25, 5.0),
    ) -> None:
        super().__init__(port, baudrate, simulator=simulator, backoff=backoff)
        self.simulator: ScannerSimulator | None = simulator  # scan codes, unplug, plug
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
                    self._scanned(code)
            elif self.idle_flush is not None and splitter.pending and now - last_byte >= self.idle_flush:
                code = splitter.flush()
                if code:
                    self._scanned(code)

    def _scanned(self, code: str) -> None:
        log.info("scanned %d characters", len(code))
        self.emit(ScannedCode(code))


SIM_SETTINGS = ("encoding", "link", "suffix")


def device_for_uri(port: str, **options: Any) -> SerialScanner:
    """The serial-mode scanner for a configured `scanner_port` (not started): a device path,
    symlink, pyserial URL or `auto`; or `sim://scanner[?suffix=CRLF][&encoding=gbk][&link=PATH]`,
    the simulated scanner on a pty (`simulator.scan(code)` sends a code as the engine would;
    `simulated` still means `sim://scanner`)."""
    if not is_sim_uri(port):
        return SerialScanner(port, **options)
    sim = parse_sim_uri(port, "scanner", SIM_SETTINGS)
    suffix = sim.params.get("suffix", "CR").upper()
    if suffix not in SUFFIXES:
        raise ValueError(f"{port!r}: suffix is one of {', '.join(SUFFIXES)}")
    simulator = ScannerSimulator(
        sim.params.get("link") or None, suffix=suffix, encoding=sim.params.get("encoding", "utf-8")
    )
    return SerialScanner(str(sim), simulator=simulator, **options)
