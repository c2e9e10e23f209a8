"""Live visitor guidance: runs the face pre-check on the newest camera frame on its own thread
and emits each QualityReport (the UI shows `hint`; the photo is taken once `ok` holds)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from drivers.base import Listeners, Unsubscribe
from drivers.camera.capture import Camera, Frame, FrameWorker
from drivers.camera.face import FaceDetector, QualityReport, Thresholds, check_quality

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Guidance:
    """An event: the pre-check of one frame."""

    frame: Frame
    report: QualityReport


class FaceGuide:
    """Checks at most `rate` frames a second (the check costs ~15 ms; 10/s is smooth enough for
    hints) and emits a Guidance per checked frame to its subscribers, on its own thread. A
    helper on top of the camera device, not a device: it has no status of its own."""

    def __init__(self, camera: Camera, rate: float = 10.0, limits: Thresholds = Thresholds()) -> None:
        self._listeners: Listeners[Guidance] = Listeners("face guide")
        self.limits = limits
        self.min_gap = 1.0 / rate if rate > 0 else 0.0
        self._detector: FaceDetector | None = None  # built on the worker thread: cascades are per thread
        self._last = 0.0
        self._worker = FrameWorker(camera, self._on_frame, name="camera-guide")

    def subscribe(self, listener: Callable[[Guidance], None]) -> Unsubscribe:
        return self._listeners.add(listener)

    def start(self) -> None:
        self._worker.start()

    def stop(self, timeout: float = 3.0) -> bool:
        return self._worker.stop(timeout)

    def _on_frame(self, frame: Frame) -> None:
        if frame.timestamp - self._last < self.min_gap:
            return
        self._last = frame.timestamp
        if self._detector is None:
            self._detector = FaceDetector()
        t0 = time.perf_counter()
        report = check_quality(frame.image, self._detector, self.limits)
        log.debug(
            "pre-check %.1f ms: score %d %s", (time.perf_counter() - t0) * 1000, report.score, report.hint
        )
        self._listeners.emit(Guidance(frame, report))
