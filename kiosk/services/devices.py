"""The device manager: builds each configured device from settings (or its simulator in demo mode), starts
them, and hands their events to plain callbacks; per-device test actions and demo actions ("present an ID
card", "tap a card", "scan a code"). Qt-free; callbacks run on the devices' own threads.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drivers.base import DeviceError, DeviceState, DeviceStatus, StatusReporter

log = logging.getLogger(__name__)

FAMILIES = ("idcard", "smartcard", "scanner", "camera", "printer")
EVENTS = ("idcard", "card", "card_removed", "code", "frame", "status", "error")
VPCD_CONF = Path("/etc/reader.conf.d/vpcd")
SIMULATED_CARD_UID = "04A22B6A"

# Words for the device page when a family is not configured.
NOT_CONFIGURED = {
    "idcard": "未配置身份证阅读器串口（[devices] idcard_port）",
    "smartcard": "未启用 IC 卡读卡器",
    "scanner": "扫码器已关闭（[devices] scanner_mode = off）",
    "camera": "未配置摄像头（[devices] camera_source）",
    "printer": "未配置打印机（[devices] printer_uri）",
}


@dataclass
class DeviceSettings:
    """The part of the kiosk config the devices need (kiosk.config.DevicesSection plus `simulate`)."""

    simulate: bool = False
    idcard_port: str = ""
    smartcard_reader: str = ""
    smartcard_enabled: bool = True
    camera_source: str = ""
    scanner_port: str = ""
    scanner_mode: str = "serial"  # serial / wedge / camera / off
    printer_uri: str = ""
    printer_fallback_uri: str = ""
    paper_width_mm: int = 80

    @classmethod
    def from_config(cls, config: Any) -> DeviceSettings:
        d = config.devices
        return cls(
            simulate=bool(config.simulate_devices),
            idcard_port=d.idcard_port,
            smartcard_reader=d.smartcard_reader,
            camera_source=d.camera_source,
            scanner_port=d.scanner_port,
            scanner_mode=d.scanner_mode,
            printer_uri=d.printer_uri,
            printer_fallback_uri=d.printer_fallback_uri,
            paper_width_mm=d.paper_width_mm,
        )


def vpcd_available() -> tuple[bool, str]:
    """(usable, words): the virtual PC/SC reader needs vsmartcard-vpcd configured and pyscard importable."""
    if not VPCD_CONF.exists():
        return False, (
            "演示 IC 卡不可用：未安装虚拟读卡器 vsmartcard-vpcd（apt install pcscd vsmartcard-vpcd，"
            "然后重启 pcscd）"
        )
    try:
        import smartcard.scard  # noqa: F401  (only probing that pyscard loads)
    except Exception:
        return False, "演示 IC 卡不可用：缺少 pyscard（pip install pyscard，需 libpcsclite-dev swig）"
    return True, ""


class DeviceManager:
    """Owns every device. `start()` never raises and never blocks for long: devices that are missing
    report MISSING and reconnect on their own threads.

    Listen with `listen(event, callback)`; events: idcard(IdCard), card(uid, reader), card_removed(reader),
    code(text), frame(Frame), status(DeviceStatus), error(family, words).
    """

    def __init__(self, settings: DeviceSettings, work_dir: str | Path | None = None) -> None:
        self.settings = settings
        self._own_dir = work_dir is None
        self.work_dir = Path(work_dir or tempfile.mkdtemp(prefix="kiosk-devices-"))
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self._listeners: dict[str, list[Callable[..., None]]] = {e: [] for e in EVENTS}
        self._status: dict[str, DeviceStatus] = {
            f: DeviceStatus(f, DeviceState.DISABLED, NOT_CONFIGURED[f]) for f in FAMILIES
        }
        self._lock = threading.Lock()
        self._started = False
        # drivers and simulators (None when not configured)
        self.idcard_sim: Any = None
        self.idcard: Any = None
        self.scanner_sim: Any = None
        self.scanner: Any = None
        self.smartcard: Any = None
        self.camera: Any = None
        self.camera_qr: Any = None
        self.printers: list[tuple[str, Any]] = []
        self._virtual_cards: list[Any] = []
        self._last_card: Any = None  # held only while test_idcard waits: a card is personal data
        self._card_waiters = 0
        self._card_event = threading.Condition()
        self._last_code: tuple[int, str] = (0, "")
        self._detector: Any = None
        self._detector_lock = threading.Lock()

    # -- listening ---------------------------------------------------------------------------
    def listen(self, event: str, callback: Callable[..., None]) -> None:
        if event not in self._listeners:
            raise ValueError(f"unknown device event {event!r}; one of {EVENTS}")
        self._listeners[event].append(callback)

    def _emit(self, event: str, *args: Any) -> None:
        for callback in list(self._listeners[event]):
            try:
                callback(*args)
            except Exception:  # a listener's bug must not stop a device thread
                log.exception("device listener for %s failed", event)

    def status(self) -> dict[str, DeviceStatus]:
        with self._lock:
            return dict(self._status)

    def _on_status(self, status: DeviceStatus) -> None:
        with self._lock:
            self._status[status.family] = status
        self._emit("status", status)

    def _watch(self, reporter: StatusReporter) -> None:
        reporter.subscribe(self._on_status)
        if reporter.current.state is not DeviceState.DISABLED:
            self._on_status(reporter.current)

    def _set_status(self, family: str, state: DeviceState, detail: str) -> None:
        self._on_status(DeviceStatus(family, state, detail))

    # -- life cycle ----------------------------------------------------------------------------
    def start(self) -> None:
        if self._started:
            return
        self._started = True
        for family in FAMILIES:
            try:
                getattr(self, f"_start_{family}")()
            except Exception as exc:  # one broken device must not keep the others (or the kiosk) down
                log.exception("starting %s failed", family)
                self._set_status(family, DeviceState.MISSING, f"启动失败：{exc}")

    def stop(self) -> None:
        for card in self._virtual_cards:
            try:
                card.remove()
            except Exception:
                log.debug("virtual card removal failed", exc_info=True)
        for name in ("camera_qr", "idcard", "scanner", "smartcard", "camera"):
            device = getattr(self, name)
            if device is not None:
                try:
                    device.stop()
                except Exception:
                    log.exception("stopping %s failed", name)
        for sim in (self.idcard_sim, self.scanner_sim):
            if sim is not None:
                sim.stop()
        for _, printer in self.printers:
            printer.close()
        self._started = False
        if self._own_dir:
            for child in self.work_dir.iterdir():
                try:
                    child.unlink()
                except OSError:
                    pass
            try:
                self.work_dir.rmdir()
            except OSError:
                pass

    def __enter__(self) -> DeviceManager:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- building each family ------------------------------------------------------------------
    def _start_idcard(self) -> None:
        from drivers.idcard import IdCardSimulator, make_idcard_reader

        port = self.settings.idcard_port
        simulated = self.settings.simulate
        if simulated:
            self.idcard_sim = IdCardSimulator(str(self.work_dir / "idcard"))
            port = self.idcard_sim.start()
        if not port:
            return
        self.idcard = make_idcard_reader(
            port,
            on_card=self._on_idcard,
            simulated=simulated,
            on_error=lambda words: self._emit("error", "idcard", words),
        )
        self._watch(self.idcard.status)
        self.idcard.start()

    def _start_scanner(self) -> None:
        from drivers.scanner import ScannerSimulator, SerialScanner

        mode = self.settings.scanner_mode
        simulated = self.settings.simulate
        if mode == "off" and not simulated:
            return
        if mode == "wedge" and not simulated:
            # keyboard wedge: the Qt filter (kiosk.ui.common.qt_wedge) in the UI feeds scan_code_typed()
            self._set_status("scanner", DeviceState.CONNECTED, "键盘模式扫码器：扫到的码作为键盘输入")
            return
        if mode == "camera" and not simulated:
            return  # the camera's QR scanner is started with the camera
        port = self.settings.scanner_port
        if simulated:
            self.scanner_sim = ScannerSimulator(str(self.work_dir / "scanner"))
            port = self.scanner_sim.start()
        if not port:
            self._set_status("scanner", DeviceState.DISABLED, "未配置扫码器串口（[devices] scanner_port）")
            return
        self.scanner = SerialScanner(
            port,
            on_code=self._on_code,
            simulated=simulated,
            on_error=lambda words: self._emit("error", "scanner", words),
        )
        self._watch(self.scanner.status)
        self.scanner.start()

    def _start_smartcard(self) -> None:
        from drivers.smartcard import CardWatcher

        if self.settings.simulate:
            ok, words = vpcd_available()
            if not ok:
                self._set_status("smartcard", DeviceState.UNAVAILABLE, words)
                return
            reader = "simulated"
        elif not self.settings.smartcard_enabled:
            return
        else:
            reader = self.settings.smartcard_reader or "first"
        self.smartcard = CardWatcher(
            reader,
            on_card=self._on_card,
            on_removed=self._on_card_removed,
            on_error=lambda words, _reader: self._emit("error", "smartcard", words),
        )
        self._watch(self.smartcard.reporter)
        self.smartcard.start()

    def _start_camera(self) -> None:
        from drivers.camera.capture import Camera

        source = "simulated" if self.settings.simulate else self.settings.camera_source
        if not source:
            return
        self.camera = Camera(source)
        self._watch(self.camera.reporter)
        self.camera.subscribe(lambda frame: self._emit("frame", frame))
        if self.settings.scanner_mode == "camera" and not self.settings.simulate:
            from drivers.camera.qr import QrScanner

            self.camera_qr = QrScanner(self.camera, self._on_code)
            self.camera_qr.start()
            self._set_status("scanner", DeviceState.CONNECTED, "摄像头扫码")
        self.camera.start()

    def _start_printer(self) -> None:
        from drivers.printer import PermitPrinter

        paper = self.settings.paper_width_mm
        if self.settings.simulate:
            self.printers = [("模拟打印机", PermitPrinter("simulated", paper))]
        else:
            if self.settings.printer_uri:
                self.printers.append(("打印机", PermitPrinter(self.settings.printer_uri, paper)))
            if self.settings.printer_fallback_uri:
                self.printers.append(("备用打印机", PermitPrinter(self.settings.printer_fallback_uri, paper)))
        if not self.printers:
            return
        _, first = self.printers[0]
        self._watch(first.reporter)
        self._set_status(
            "printer",
            DeviceState.SIMULATED if self.settings.simulate else DeviceState.MISSING,
            f"打印机：{first.where}（正在检查）",
        )
        threading.Thread(target=self.check_printer, name="printer-status", daemon=True).start()

    @property
    def printer_sink(self) -> Any:
        """The TCP sink behind the simulated printer (demo mode), else None."""
        return self.printers[0][1].sink if self.printers else None

    # -- driver callbacks ----------------------------------------------------------------------
    def _on_idcard(self, card: Any) -> None:
        with self._card_event:
            if self._card_waiters:
                self._last_card = card
                self._card_event.notify_all()
        self._emit("idcard", card)

    def _on_card(self, uid: str, reader: str) -> None:
        self._emit("card", uid, reader)

    def _on_card_removed(self, reader: str) -> None:
        self._emit("card_removed", reader)

    def _on_code(self, code: str) -> None:
        with self._card_event:
            self._last_code = (self._last_code[0] + 1, code)
            self._card_event.notify_all()
        self._emit("code", code)

    def scan_code_typed(self, code: str) -> None:
        """A code from the keyboard-wedge filter (the UI owns the Qt event filter)."""
        self._on_code(code)

    # -- demo actions (simulated devices) ------------------------------------------------------
    def present_id_card(self, card: Any = "zhang") -> None:
        """Put a sample card (a drivers.idcard.samples name, or an IdCard) on the simulated reader."""
        if self.idcard_sim is None:
            raise DeviceError("不是演示模式：请把真实身份证放到阅读器上")
        self.idcard_sim.present(card)

    def remove_id_card(self) -> None:
        if self.idcard_sim is not None:
            self.idcard_sim.remove()

    def tap_card(self, uid: str = SIMULATED_CARD_UID, hold: float = 1.0) -> None:
        """Tap a virtual contactless card on the vpcd reader for `hold` seconds (returns at once)."""
        if self.smartcard is None or not self.settings.simulate:
            status = self._status["smartcard"]
            raise DeviceError(status.detail or "不是演示模式：请刷真实的卡")
        from drivers.smartcard import VirtualCard

        card = VirtualCard(uid)
        self._virtual_cards.append(card)

        def tap() -> None:
            try:
                card.insert()
                threading.Event().wait(hold)
            except DeviceError as exc:
                self._emit("error", "smartcard", str(exc))
            finally:
                card.remove()
                self._virtual_cards.remove(card)

        threading.Thread(target=tap, name="virtual-card-tap", daemon=True).start()

    def scan_code(self, code: str) -> None:
        """Send a code through the simulated serial scanner (the same bytes a scanner sends)."""
        if self.scanner_sim is None:
            raise DeviceError("不是演示模式：请用扫码器扫码")
        self.scanner_sim.scan(code)

    def unplug(self, family: str) -> None:
        """Demo/test: pull the simulated serial device (its pty closes; the driver reports MISSING)."""
        sim = {"idcard": self.idcard_sim, "scanner": self.scanner_sim}.get(family)
        if sim is None:
            raise DeviceError(f"{family} 没有可拔出的模拟设备")
        sim.stop()

    def replug(self, family: str) -> None:
        """Demo/test: plug the simulated device back in at the same path; the driver reconnects."""
        from drivers.idcard import IdCardSimulator
        from drivers.scanner import ScannerSimulator

        if family == "idcard" and self.idcard_sim is not None:
            self.idcard_sim = IdCardSimulator(str(self.work_dir / "idcard"))
            self.idcard_sim.start()
        elif family == "scanner" and self.scanner_sim is not None:
            self.scanner_sim = ScannerSimulator(str(self.work_dir / "scanner"))
            self.scanner_sim.start()
        else:
            raise DeviceError(f"{family} 没有可插回的模拟设备")

    # -- test actions for the device page (blocking: call off the GUI thread) ------------------
    def test_idcard(self, timeout: float = 10.0) -> Any:
        """Wait for the next card read; in demo mode a sample card is presented first."""
        if self.idcard is None:
            raise DeviceError(self._status["idcard"].detail)
        with self._card_event:
            self._last_card = None
            self._card_waiters += 1
        if self.idcard_sim is not None:
            self.idcard_sim.remove()
            threading.Event().wait(0.5)  # the reader must see "no card" before a new presentation
            self.idcard_sim.present("zhang")
        with self._card_event:
            try:
                if not self._card_event.wait_for(lambda: self._last_card is not None, timeout):
                    raise DeviceError(f"{timeout:g} 秒内没有读到身份证：请把证件平放在阅读器上")
                card, self._last_card = self._last_card, None
            finally:
                self._card_waiters -= 1
        if self.idcard_sim is not None:
            self.idcard_sim.remove()
        return card

    def check_printer(self) -> DeviceStatus:
        """Ask the first printer for its status (DLE EOT); the status callbacks carry the words."""
        if not self.printers:
            return self._status["printer"]
        name, printer = self.printers[0]
        try:
            printer.status()
        except DeviceError as exc:
            log.info("%s status: %s", name, exc)
        except Exception:
            log.exception("printer status check failed")
        return self._status["printer"]

    def test_print(self) -> int:
        """Print the technician's test page on the first printer that works; returns bytes sent."""
        from drivers.printer.testpage import render_test_permit

        if not self.printers:
            raise DeviceError(NOT_CONFIGURED["printer"])
        errors = []
        for name, printer in self.printers:
            try:
                page = render_test_permit(printer.width, qr_data=f"VIS:TEST:{uuid.uuid4().hex[:6]}")
                return printer.print_permit(page)
            except DeviceError as exc:
                errors.append(f"{name}：{exc}")
        raise DeviceError("；".join(errors))

    def camera_snapshot(self, timeout: float = 3.0) -> bytes:
        """The newest camera frame as JPEG bytes."""
        import cv2

        if self.camera is None:
            raise DeviceError(NOT_CONFIGURED["camera"])
        frame = self.camera.latest() or self.camera.wait_frame(0, timeout)
        if frame is None:
            raise DeviceError(self._status["camera"].detail or "摄像头没有画面")
        ok, buf = cv2.imencode(".jpg", frame.image)
        if not ok:
            raise DeviceError("无法编码摄像头画面")
        return buf.tobytes()

    def scanner_echo(self, timeout: float = 10.0) -> str:
        """Wait for the next scanned code; in demo mode the simulator scans a fresh one first."""
        with self._card_event:
            seen = self._last_code[0]
        if self.scanner_sim is not None:
            self.scanner_sim.scan(f"ECHO{uuid.uuid4().hex[:8].upper()}")
        elif self.scanner is None and self.camera_qr is None and self.settings.scanner_mode != "wedge":
            raise DeviceError(self._status["scanner"].detail)
        with self._card_event:
            if not self._card_event.wait_for(lambda: self._last_code[0] > seen, timeout):
                raise DeviceError(f"{timeout:g} 秒内没有收到扫码：请用扫码器扫任意条码")
            return self._last_code[1]

    # -- camera helpers for the photo step (cv2 stays out of the UI) --------------------------
    def photo_check(self, frame: Any) -> Any:
        """The local face pre-check (drivers.camera.face.QualityReport) of one frame."""
        from drivers.camera.face import FaceDetector, check_quality

        with self._detector_lock:
            if self._detector is None:
                self._detector = FaceDetector()
            return check_quality(frame.image if hasattr(frame, "image") else frame, self._detector)

    def take_photo(self) -> Any:
        """The best of the recent frames, cropped to the face, as drivers.camera.photo.Photo (JPEG)."""
        from drivers.camera.photo import make_photo

        if self.camera is None:
            raise DeviceError(NOT_CONFIGURED["camera"])
        frames = [f.image for f in self.camera.recent()[-5:]]
        if not frames:
            frame = self.camera.wait_frame(0, 3.0)
            if frame is None:
                raise DeviceError(self._status["camera"].detail or "摄像头没有画面")
            frames = [frame.image]
        with self._detector_lock:
            if self._detector is None:
                from drivers.camera.face import FaceDetector

                self._detector = FaceDetector()
            return make_photo(frames, detector=self._detector)


__all__ = ["DeviceManager", "DeviceSettings", "EVENTS", "FAMILIES", "vpcd_available"]
