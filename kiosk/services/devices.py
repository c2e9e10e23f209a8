"""The device manager: builds each configured device from its URI (in demo mode every family's
simulator, `sim://<family>`), starts them, and hands their events to plain callbacks; per-device
test actions and demo actions ("present an ID card", "tap a card", "scan a code"). Qt-free;
callbacks run on the devices' own threads.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from drivers.base import (
    Device,
    DeviceError,
    DeviceProblem,
    DeviceState,
    DeviceStatus,
    ScannedCode,
    Unsubscribe,
)

if TYPE_CHECKING:
    import numpy as np

    from drivers.camera.capture import Camera, Frame
    from drivers.camera.face import FaceDetector, QualityReport
    from drivers.camera.photo import Photo
    from drivers.camera.qr import QrScanner
    from drivers.idcard import IdCard, IdCardEvent, SamReaderThread, SimulatedReader
    from drivers.printer import PermitPrinter, PrinterSink
    from drivers.scanner import ScannerEvent, ScannerSimulator, SerialScanner, WedgeScanner
    from drivers.smartcard import CardWatcher, SmartcardEvent
    from kiosk.config import Config

    ScannerDevice = SerialScanner | WedgeScanner | QrScanner

log = logging.getLogger(__name__)

E = TypeVar("E")

FAMILIES = ("idcard", "smartcard", "scanner", "camera", "printer")
START_ORDER = ("idcard", "smartcard", "camera", "scanner", "printer")  # the camera first: it may scan codes
EVENTS = ("idcard", "card", "card_removed", "code", "frame", "status", "error")
SIMULATED_URIS = {family: f"sim://{family}" for family in FAMILIES}  # demo mode
SIMULATED_CARD_UID = "04A22B6A"

# Words for the device page when a family is not configured.
NOT_CONFIGURED = {
    "idcard": "未配置身份证阅读器串口（[devices] idcard_port）",
    "smartcard": "未启用 IC 卡读卡器",
    "scanner": "扫码器已关闭（[devices] scanner_mode = off）",
    "camera": "未配置摄像头（[devices] camera_source）",
    "printer": "未配置打印机（[devices] printer_uri）",
}
NO_SCANNER_PORT = "未配置扫码器串口（[devices] scanner_port）"


@dataclass
class DeviceSettings:
    """The part of the kiosk config the devices need (kiosk.config.DevicesSection plus `simulate`).
    Each device is a port or URI; `sim://<family>` (or demo mode, `simulate`) picks its simulator."""

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
    def from_config(cls, config: Config) -> DeviceSettings:
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

    def uri(self, family: str) -> str:
        """Where a family's device is ('' = not configured); in demo mode, its simulator."""
        configured = {
            "idcard": self.idcard_port,
            "smartcard": (self.smartcard_reader or "first") if self.smartcard_enabled else "",
            "scanner": self.scanner_port,
            "camera": self.camera_source,
            "printer": self.printer_uri,
        }[family]
        if self.simulate:  # demo mode: the family's simulator, as configured when it is one (sim://...?x=y)
            return configured if configured.startswith("sim://") else SIMULATED_URIS[family]
        return configured


def vpcd_available() -> tuple[bool, str]:
    """(usable, words): the virtual PC/SC reader needs vsmartcard-vpcd configured and pyscard importable."""
    from drivers.smartcard.vpcd import vpcd_available as check

    return check()


class DeviceManager:
    """Owns every device. `start()` never raises and never blocks for long: devices that are missing
    report MISSING and reconnect on their own threads.

    Every family is built the same way: its URI from the settings, the family's `device_for_uri`,
    status and events subscribed, `start()`. Listen with `listen(event, callback)`; events:
    idcard(IdCard), card(uid, reader), card_removed(reader), code(text), frame(Frame),
    status(DeviceStatus), error(family, words).
    """

    def __init__(self, settings: DeviceSettings, work_dir: str | Path | None = None) -> None:
        self.settings = settings
        self.work_dir = work_dir  # accepted for older callers: simulators keep no files now
        self._listeners: dict[str, list[Callable[..., None]]] = {e: [] for e in EVENTS}
        self._status: dict[str, DeviceStatus] = {
            f: DeviceStatus(f, DeviceState.DISABLED, NOT_CONFIGURED[f]) for f in FAMILIES
        }
        self._lock = threading.Lock()
        self._started = False
        # the devices, None (or no printers) when not configured
        self.idcard: SamReaderThread | None = None
        self.smartcard: CardWatcher | None = None
        self.scanner: ScannerDevice | None = None
        self.camera: Camera | None = None
        self.printers: list[tuple[str, PermitPrinter]] = []  # tried in order; the first one's status shows
        self._wedge: WedgeScanner | None = None
        self._devices: list[Device[object]] = []  # started, in start order
        self._subscriptions: list[Unsubscribe] = []
        self._last_card: IdCard | None = None  # held only while test_idcard waits: a card is personal data
        self._card_waiters = 0
        self._card_event = threading.Condition()
        self._last_code: tuple[int, str] = (0, "")
        self._detector: FaceDetector | None = None
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

    def _set_status(self, family: str, state: DeviceState, detail: str) -> None:
        self._on_status(DeviceStatus(family, state, detail))

    # -- life cycle ----------------------------------------------------------------------------
    def start(self) -> None:
        if self._started:
            return
        self._started = True
        for family in START_ORDER:
            try:
                device = self._build(family)
                if device is not None:
                    self._devices.append(device)
                    device.start()
            except Exception as exc:  # one broken device must not keep the others (or the kiosk) down
                log.exception("starting %s failed", family)
                self._set_status(family, DeviceState.MISSING, f"启动失败：{exc}")

    def started_families(self) -> set[str]:
        """The families that have a device (configured, or simulated), whatever state it is in."""
        return {device.family for device in self._devices} | ({"printer"} if self.printers else set())

    def stop(self) -> None:
        devices = list(reversed(self._devices))
        devices += [printer for _, printer in self.printers if printer not in devices]  # the fallback
        for device in devices:
            try:
                device.stop()
            except Exception:
                log.exception("stopping %s failed", device.family)
        self._devices = []
        self._started = False

    def __enter__(self) -> DeviceManager:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- building each family: URI -> device, status and events subscribed ----------------------
    def _attach(self, device: Device[E], on_event: Callable[[E], None] | None) -> Device[E]:
        self._subscriptions.append(device.subscribe_status(self._on_status))
        if on_event is not None:
            self._subscriptions.append(device.subscribe(on_event))
        return device

    def _build(self, family: str) -> Device[object] | None:
        """The family's device from its URI, subscribed and not started; None if not configured."""
        uri = self.settings.uri(family)
        if family == "scanner":
            return self._build_scanner(uri)
        if family == "printer":
            return self._build_printers()
        if not uri:
            return None
        if family == "idcard":
            from drivers.idcard import device_for_uri as idcard_for_uri

            self.idcard = idcard_for_uri(uri)
            return self._attach(self.idcard, self._on_idcard_event)
        if family == "smartcard":
            from drivers.smartcard import device_for_uri as smartcard_for_uri

            self.smartcard = smartcard_for_uri(uri)
            return self._attach(self.smartcard, self._on_smartcard_event)
        if family == "camera":
            from drivers.camera import device_for_uri as camera_for_uri

            self.camera = camera_for_uri(uri)
            return self._attach(self.camera, lambda frame: self._emit("frame", frame))
        raise ValueError(f"unknown device family {family!r}")

    def _build_scanner(self, uri: str) -> ScannerDevice | None:
        """What differs for scanners: the mode says which device reads the codes."""
        mode = "serial" if self.settings.simulate else self.settings.scanner_mode
        scanner: ScannerDevice
        if mode == "wedge":
            # keyboard wedge: the Qt filter (kiosk.ui.common.qt_wedge) in the UI feeds scan_code_typed()
            from drivers.scanner import WedgeScanner

            scanner = self._wedge = WedgeScanner()
        elif mode == "camera":
            if self.camera is None:
                return None
            from drivers.camera.qr import QrScanner

            scanner = QrScanner(self.camera)
        elif mode == "serial":
            if not uri:
                self._set_status("scanner", DeviceState.DISABLED, NO_SCANNER_PORT)
                return None
            from drivers.scanner import device_for_uri as scanner_for_uri

            scanner = scanner_for_uri(uri)
        else:
            return None
        self.scanner = scanner
        self._attach(scanner, self._on_scanner_event)
        return scanner

    def _build_printers(self) -> PermitPrinter | None:
        """What differs for printers: a fallback, printed to when the first fails; the first one's
        status is the family's."""
        from drivers.printer import device_for_uri as printer_for_uri

        s = self.settings
        named = [("模拟打印机", s.uri("printer"))] if s.simulate else [("打印机", s.printer_uri)]
        if not s.simulate:
            named.append(("备用打印机", s.printer_fallback_uri))
        self.printers = [(name, printer_for_uri(uri, s.paper_width_mm)) for name, uri in named if uri]
        if not self.printers:
            return None
        first = self.printers[0][1]
        self._attach(first, None)  # a printer has no events: a job returns or raises
        return first

    # -- device events -------------------------------------------------------------------------
    def _on_problem(self, problem: DeviceProblem) -> None:
        self._emit("error", problem.family, problem.words)

    def _on_idcard_event(self, event: IdCardEvent) -> None:
        if isinstance(event, DeviceProblem):
            self._on_problem(event)
            return
        with self._card_event:
            if self._card_waiters:
                self._last_card = event
                self._card_event.notify_all()
        self._emit("idcard", event)

    def _on_smartcard_event(self, event: SmartcardEvent) -> None:
        from drivers.smartcard import CardRemoved, CardTapped

        if isinstance(event, CardTapped):
            self._emit("card", event.uid, event.reader)
        elif isinstance(event, CardRemoved):
            self._emit("card_removed", event.reader)
        else:
            self._on_problem(event)

    def _on_scanner_event(self, event: ScannerEvent) -> None:
        if isinstance(event, ScannedCode):
            self._on_code(event.text)
        else:
            self._on_problem(event)

    def _on_code(self, code: str) -> None:
        with self._card_event:
            self._last_code = (self._last_code[0] + 1, code)
            self._card_event.notify_all()
        self._emit("code", code)

    def scan_code_typed(self, code: str) -> None:
        """A code from the keyboard-wedge filter (the UI owns the Qt event filter)."""
        if self._wedge is not None:
            self._wedge.typed(code)
        else:
            self._on_code(code)

    # -- simulators (devices built from sim:// URIs) -------------------------------------------
    @property
    def idcard_sim(self) -> SimulatedReader | None:
        return self.idcard.simulator if self.idcard is not None else None

    @property
    def scanner_sim(self) -> ScannerSimulator | None:
        return self.scanner.simulator if self.scanner is not None else None

    @property
    def printer_sink(self) -> PrinterSink | None:
        """The TCP sink behind the simulated printer (demo mode), else None."""
        return self.printers[0][1].simulator if self.printers else None

    # -- demo actions (simulated devices) ------------------------------------------------------
    def present_id_card(self, card: IdCard | str = "zhang") -> None:
        """Put a sample card (a drivers.idcard.samples name, or an IdCard) on the simulated reader."""
        if self.idcard_sim is None:
            raise DeviceError("不是演示模式：请把真实身份证放到阅读器上")
        self.idcard_sim.present(card)

    def remove_id_card(self) -> None:
        if self.idcard_sim is not None:
            self.idcard_sim.remove()

    def tap_card(self, uid: str = SIMULATED_CARD_UID, hold: float = 1.0) -> None:
        """Tap a virtual contactless card on the vpcd reader for `hold` seconds (returns at once)."""
        watcher = self.smartcard
        status = self._status["smartcard"]
        if watcher is None or watcher.simulator is None or status.state is DeviceState.UNAVAILABLE:
            raise DeviceError(status.detail or "不是演示模式：请刷真实的卡")
        watcher.simulator.tap(uid, hold, on_error=lambda words: self._emit("error", "smartcard", words))

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
        sim.unplug()

    def replug(self, family: str) -> None:
        """Demo/test: plug the simulated device back in; the driver reconnects."""
        sim = {"idcard": self.idcard_sim, "scanner": self.scanner_sim}.get(family)
        if sim is None:
            raise DeviceError(f"{family} 没有可插回的模拟设备")
        sim.plug()

    # -- test actions for the device page (blocking: call off the GUI thread) ------------------
    def test_idcard(self, timeout: float = 10.0) -> IdCard:
        """Wait for the next card read; in demo mode a sample card is presented first."""
        if self.idcard is None:
            raise DeviceError(self._status["idcard"].detail)
        sim = self.idcard_sim
        with self._card_event:
            self._last_card = None
            self._card_waiters += 1
        if sim is not None:
            sim.remove()
            threading.Event().wait(0.5)  # the reader must see "no card" before a new presentation
            sim.present("zhang")
        with self._card_event:
            try:
                if not self._card_event.wait_for(lambda: self._last_card is not None, timeout):
                    raise DeviceError(f"{timeout:g} 秒内没有读到身份证：请把证件平放在阅读器上")
                card, self._last_card = self._last_card, None
            finally:
                self._card_waiters -= 1
        if sim is not None:
            sim.remove()
        assert card is not None
        return card

    def check_printer(self) -> DeviceStatus:
        """Ask the first printer for its status (DLE EOT); the status callbacks carry the words."""
        if not self.printers:
            return self._status["printer"]
        name, printer = self.printers[0]
        try:
            printer.query_status()
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
        return bytes(buf.tobytes())

    def scanner_echo(self, timeout: float = 10.0) -> str:
        """Wait for the next scanned code; in demo mode the simulator scans a fresh one first."""
        with self._card_event:
            seen = self._last_code[0]
        if self.scanner_sim is not None:
            self.scanner_sim.scan(f"ECHO{uuid.uuid4().hex[:8].upper()}")
        elif self.scanner is None:
            raise DeviceError(self._status["scanner"].detail)
        with self._card_event:
            if not self._card_event.wait_for(lambda: self._last_code[0] > seen, timeout):
                raise DeviceError(f"{timeout:g} 秒内没有收到扫码：请用扫码器扫任意条码")
            return self._last_code[1]

    # -- camera helpers for the photo step (cv2 stays out of the UI) --------------------------
    def _face_detector(self) -> FaceDetector:
        from drivers.camera.face import FaceDetector

        if self._detector is None:
            self._detector = FaceDetector()
        return self._detector

    def photo_check(self, frame: Frame | np.ndarray) -> QualityReport:
        """The local face pre-check (drivers.camera.face.QualityReport) of one frame."""
        from drivers.camera.face import check_quality

        image = frame.image if hasattr(frame, "image") else frame
        with self._detector_lock:
            return check_quality(image, self._face_detector())

    def take_photo(self) -> Photo:
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
            return make_photo(frames, detector=self._face_detector())


__all__ = ["DeviceManager", "DeviceSettings", "EVENTS", "FAMILIES", "vpcd_available"]
