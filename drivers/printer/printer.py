"""The permit printer the kiosk talks to: URI -> transport, status check, build job, send, report.

Blocking calls; the kiosk runs them off the GUI thread. Every failure a person can fix is a
DeviceError whose message says what to do.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Never

from PIL import Image

from drivers.base import DeviceBase, DeviceError, DeviceState, is_sim_uri
from drivers.printer import status as rt
from drivers.printer.job import build_permit_job, paper_dots
from drivers.printer.sink import PrinterSink, SinkState
from drivers.printer.transports import PrinterUri, Transport, open_transport, parse_uri

log = logging.getLogger(__name__)

AUTO = "auto"  # the first known USB printer (drivers.detect), looked for at every job


class PermitPrinter(DeviceBase[Never]):
    """One configured printer (a `drivers.base.Device`). `uri` is tcp/serial/usb/file/cups (see
    transports.parse_uri), `auto`, or `sim://printer[?paper=out][&cover_open=1][&offline=1]
    [&no_status=1]`: the TCP sink (`simulator`) in-process, printed to through the same code
    path (`simulated` still means `sim://printer`).

    A printer has no events of its own (a job returns or raises), so `subscribe()` never calls
    back; its status follows every job and status query. `start()` checks the status once in
    the background; jobs do not need it, each one opens the transport for itself.
    """

    family = "printer"

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
        super().__init__()
        self.width = paper_dots(paper)
        self.timeout, self.write_timeout = timeout, write_timeout
        self.status_timeout = min(status_timeout, timeout)
        self.check_status = check_status
        self.simulator: PrinterSink | None = None
        self.auto = uri.strip().lower() == AUTO
        if is_sim_uri(uri):
            spec = parse_uri("sim://printer" if "://" not in uri else uri)
            self.simulator = PrinterSink(state=_sink_state(spec))  # bound now, serving from start()
            self.uri: PrinterUri | None = parse_uri(self.simulator.uri)
        else:
            self.uri = None if self.auto else parse_uri(uri)
        self._ok_state = DeviceState.SIMULATED if self.simulator else DeviceState.CONNECTED
        self._checker: threading.Thread | None = None

    @property
    def where(self) -> str:
        """Where jobs go, in words for the devices page."""
        return str(self.uri) if self.uri is not None else "自动检测 USB 打印机"

    def start(self) -> None:
        """Serve the simulator (if any) and ask the printer for its status in the background."""
        if self._checker is not None and self._checker.is_alive():
            return
        if self.simulator is not None:
            self.simulator.start()
        checking = self._ok_state if self.simulator else DeviceState.MISSING
        self.report(checking, f"打印机：{self.where}（正在检查）")
        self._checker = threading.Thread(target=self._check, name="printer-status", daemon=True)
        self._checker.start()

    def stop(self, timeout: float = 3.0) -> bool:
        """Wait for a status check in progress (bounded by `timeout`), stop the simulator."""
        alive = False
        if self._checker is not None:
            self._checker.join(timeout)
            alive = self._checker.is_alive()
        if self.simulator is not None:
            self.simulator.stop()
        if not alive:
            self.report(DeviceState.DISABLED, "已停止")
        return not alive

    def __enter__(self) -> PermitPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

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
                    self.report(DeviceState.MISSING, state.words)
                    raise DeviceError(state.words)
            transport.write(job)
        except DeviceError as exc:
            if self.status.state is not DeviceState.MISSING:
                self.report(DeviceState.MISSING, str(exc))
            raise
        finally:
            transport.close()
        log.info("printed %d bytes to %s in %.2f s", len(job), self.uri, time.monotonic() - started)
        self.report(self._ok_state, f"打印机：{self.uri}（{self.width} 点宽）")

    def query_status(self) -> rt.PrinterStatus:
        """Ask the printer (DLE EOT 1..4); the device status follows the answer. Raises
        DeviceError when it cannot be reached at all."""
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
            self.report(DeviceState.MISSING, state.words)
        else:
            self.report(self._ok_state, f"打印机：{self.uri}；{state.words}")
        return state

    # -- internals -----------------------------------------------------------------------------
    def _check(self) -> None:
        try:
            self.query_status()
        except DeviceError as exc:
            log.info("printer status: %s", exc)
        except Exception:
            log.exception("printer status check failed")

    def _open(self) -> Transport:
        if self.simulator is not None:
            self.simulator.start()  # printing without start() (technician CLI, tests) works too
        try:
            if self.auto:
                self.uri = self._detect()
            return open_transport(self.uri, self.timeout, self.write_timeout)
        except DeviceError as exc:
            unavailable = "需要 py" in str(exc)  # a missing library, not a missing printer
            self.report(DeviceState.UNAVAILABLE if unavailable else DeviceState.MISSING, str(exc))
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


def _sink_state(spec: PrinterUri) -> SinkState:
    """The simulated printer's state from `sim://printer?paper=out&cover_open=1&...`."""

    def flag(key: str) -> bool:
        return spec.params.get(key, "0").lower() not in ("0", "", "no", "false", "off")

    paper = spec.params.get("paper", "ok")
    if paper not in ("ok", "near_end", "out"):
        raise ValueError(f"sim://printer?paper= 应为 ok、near_end 或 out，不是 {paper!r}")
    return SinkState(
        paper=paper,
        cover_open=flag("cover_open"),
        offline=flag("offline"),
        answer_status=not flag("no_status"),
    )


def device_for_uri(uri: str, paper: int = 80, *, timeout: float = 3.0) -> PermitPrinter:
    """The printer for a configured `printer_uri` (not started); see PermitPrinter."""
    return PermitPrinter(uri, paper, timeout=timeout)
