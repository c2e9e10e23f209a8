"""QR codes from camera frames, so a camera can stand in for a QR scanner: a decoder (zxing-cpp,
falling back to OpenCV's QRCodeDetectorAruco) and a debouncing scanner device that emits each
code once, as a ScannedCode event like any scanner's.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import cv2
import numpy as np

from drivers.base import DeviceBase, DeviceState, ScannedCode
from drivers.camera.capture import Camera, Frame, FrameWorker
from drivers.camera.face import to_gray

log = logging.getLogger(__name__)

# zxing-cpp: ~1 ms per 640x480 frame here vs 15-18 ms for OpenCV's detectors (bench/drivers/camera_bench.py)
try:
    import zxingcpp
except ImportError:  # pragma: no cover - depends on the installed extras
    zxingcpp = None


class QrDecoder:
    """Decode every QR code in a frame. backend: "auto" (zxing-cpp if installed), "zxing", "opencv"."""

    def __init__(self, backend: str = "auto") -> None:
        if backend == "auto":
            backend = "zxing" if zxingcpp is not None else "opencv"
        if backend == "zxing" and zxingcpp is None:
            raise RuntimeError("zxing-cpp is not installed: pip install zxing-cpp, or use backend='opencv'")
        self.backend = backend
        self._cv: cv2.QRCodeDetectorAruco | None = None
        if backend == "opencv":
            self._cv = cv2.QRCodeDetectorAruco()

    def decode(self, frame: np.ndarray) -> list[str]:
        gray = to_gray(frame)
        if self.backend == "zxing":
            results = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
            return [r.text for r in results if r.valid and r.text]
        assert self._cv is not None
        ok, texts, _points, _ = self._cv.detectAndDecodeMulti(gray)
        return [t for t in texts if t] if ok else []


class QrDebouncer:
    """Lets a code through once while it stays in view; again only after it was out of view for
    `hold` seconds (a visitor holding a permit up produces the same code 10-30 times a second)."""

    def __init__(self, hold: float = 3.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.hold = hold
        self.clock = clock
        self._last_seen: dict[str, float] = {}

    def feed(self, codes: list[str]) -> list[str]:
        now = self.clock()
        fresh = []
        for code in dict.fromkeys(codes):  # unique, in order
            last = self._last_seen.get(code)
            if last is None or now - last > self.hold:
                fresh.append(code)
            self._last_seen[code] = now
        # forget codes long gone so the table stays small on a kiosk that runs for months
        for code in [c for c, t in self._last_seen.items() if now - t > self.hold * 4]:
            del self._last_seen[code]
        return fresh


CAMERA_SCANNER_WORDS = "摄像头扫码"


class QrScanner(DeviceBase[ScannedCode]):
    """The scanner device when the camera reads the codes (`scanner_mode = camera`): watches a
    Camera on a worker thread and emits one ScannedCode per distinct code. Its status is the
    scanner's (CONNECTED once started); the camera reports its own."""

    family = "scanner"
    simulator: None = None  # no simulator of its own (a serial scanner has one for sim://scanner)

    def __init__(self, camera: Camera, hold: float = 3.0, decoder: QrDecoder | None = None) -> None:
        super().__init__()
        self.decoder = decoder or QrDecoder()
        self.debouncer = QrDebouncer(hold)
        self._lock = threading.Lock()
        self._worker = FrameWorker(camera, self._on_frame, name="camera-qr")

    def start(self) -> None:
        self._worker.start()
        self.report(DeviceState.CONNECTED, CAMERA_SCANNER_WORDS)

    def stop(self, timeout: float = 3.0) -> bool:
        stopped = self._worker.stop(timeout)
        if stopped:
            self.report(DeviceState.DISABLED, "已停止")
        return stopped

    def _on_frame(self, frame: Frame) -> None:
        codes = self.decoder.decode(frame.image)
        with self._lock:
            fresh = self.debouncer.feed(codes)
        for code in fresh:
            log.info("QR code from camera: %d chars", len(code))  # content may identify a visitor: not logged
            self.emit(ScannedCode(code))
