"""The permit printer the kiosk talks to: URI -> transport, status check, build job, send, report.

Blocking calls; the kiosk runs them off the GUI thread. Every failure a person can fix is a
DeviceError whose message says what to do.
"""

from __future__ import annotations

import logging
import time

from PIL import Image

from drivers.base import DeviceError, DeviceState, StatusReporter
from drivers.printer import status as rt
from drivers.printer.job import build_permit_job, paper_dots
from drivers.printer.sink import PrinterSink
from drivers.printer.transport import PrinterUri, Transport, open_transport, parse_uri

log = logging.getLogger(__name__)

SIMULATED = "simulated"
AUTO = "auto"  # the first known USB printer (drivers.detect), looked for at every job


class PermitPrinter:
    """One configured printer. `uri` is tcp/serial/usb/file/cups (see transport.parse_uri) or 'simulated',
    which starts an in-process TCP sink and prints to it through the same code path."""

    def __init__(
        self,
        uri: str,
        paper: int = 80,
        *,
        timeout: float = 3.0,
        write_timeout: float = 20.0,
        status_timeout: float = 1.0,
        check_status: bool = True,
    ) -> None:
        self.width = paper_dots(paper)
        self.timeout, self.write_timeout = timeout, write_timeout
        self.status_timeout = min(status_timeout, timeout)
        self.check_status = check_status
        self.reporter = StatusReporter("printer")
        self.sink: PrinterSink | None = None
        self.auto = uri.strip().lower() == AUTO
        if uri.strip().lower() == SIMULATED:
            self.sink = PrinterSink().start()
            self.uri: PrinterUri | None = parse_uri(self.sink.uri)
        else:
            self.uri = None if self.auto else parse_uri(uri)
        self._ok_state = DeviceState.SIMULATED if self.sink else DeviceState.CONNECTED

    @property
    def where(self) -> str:
        """Where jobs go, in words for the devices page."""
        return str(self.uri) if self.uri is not None else "自动检测 USB 打印机"

    def close(self) -> None:
        if self.sink is not None:
            self.sink.stop()
            self.sink = None

    def __enter__(self) -> PermitPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public --------------------------------------------------------------------------------
    def print_permit(self, image: Image.Image) -> int:
        """Print one permit image (scaled to the paper width); returns the bytes sent."""
        job = build_permit_job(image, self.width)
        self.send_job(job)
        return len(job)

    def send_job(self, job: bytes) -> None:
        started = time.monotonic()
        transport = self._open()
        try:
            if self.check_status and transport.can_read:
                state = self._query(transport)
                if state.answered and not state.can_print:
                    self.reporter.report(DeviceState.MISSING, state.words)
                    raise DeviceError(state.words)
            transport.write(job)
        except DeviceError as exc:
            if self.reporter.current.state is not DeviceState.MISSING:
                self.reporter.report(DeviceState.MISSING, str(exc))
            raise
        finally:
            transport.close()
        log.info("printed %d bytes to %s in %.2f s", len(job), self.uri, time.monotonic() - started)
        self.reporter.report(self._ok_state, f"打印机：{self.uri}（{self.width} 点宽）")

    def status(self) -> rt.PrinterStatus:
        """Ask the printer (DLE EOT 1..4). Raises DeviceError when it cannot be reached at all."""
        transport = self._open()
        try:
            if not transport.can_read:
                state = rt.PrinterStatus(readable=False)
                log.info("%s cannot report status", self.uri)
            else:
                state = self._query(transport)
        finally:
            transport.close()
        if state.answered and not state.can_print:
            self.reporter.report(DeviceState.MISSING, state.words)
        else:
            self.reporter.report(self._ok_state, f"打印机：{self.uri}；{state.words}")
        return state

    # -- internals -----------------------------------------------------------------------------
    def _open(self) -> Transport:
        try:
            if self.auto:
                self.uri = self._detect()
            return open_transport(self.uri, self.timeout, self.write_timeout)
        except DeviceError as exc:
            unavailable = "需要 py" in str(exc)  # a missing library, not a missing printer
            self.reporter.report(DeviceState.UNAVAILABLE if unavailable else DeviceState.MISSING, str(exc))
            raise

    @staticmethod
    def _detect() -> PrinterUri:
        from drivers.detect import find_printer_uri

        found = find_printer_uri()
        if found is None:
            raise DeviceError(
                "自动检测没有找到已知型号的 USB 打印机：请检查 USB 线和电源，"
                "或在配置中填写 printer_uri（见 python -m drivers.detect）"
            )
        return parse_uri(found)

    def _query(self, transport: Transport) -> rt.PrinterStatus:
        answers: dict[int, int] = {}
        for n in (rt.PRINTER, rt.OFFLINE_CAUSE, rt.ERROR_CAUSE, rt.PAPER_SENSOR):
            transport.write(rt.query(n))
            reply = transport.read(self.status_timeout)
            if not reply:
                if n == rt.PRINTER:
                    # no answer to the first query: this printer/print server does not do DLE EOT
                    log.info("%s does not answer DLE EOT; printing without a status check", self.uri)
                    break
                continue
            answers[n] = reply[-1]  # the latest byte, if an old one was still queued
        return rt.decode(answers)
