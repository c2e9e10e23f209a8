"""Qt face of the device manager: its plain callbacks (on device threads) become Qt signals delivered on
the GUI thread, and camera frames become QImages at a bounded rate. Widgets connect here, never to drivers.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

if TYPE_CHECKING:
    import numpy as np

    from drivers.base import DeviceStatus
    from drivers.camera.capture import Frame
    from kiosk.services.devices import DeviceManager
    from kiosk.ui.common.qt_wedge import WedgeScannerFilter

log = logging.getLogger(__name__)


def frame_to_qimage(image: np.ndarray) -> QImage:
    """A BGR numpy frame as a QImage that owns its pixels (the frame buffer is shared and reused)."""
    height, width = image.shape[:2]
    return QImage(image.data, width, height, int(image.strides[0]), QImage.Format.Format_BGR888).copy()


class DeviceBridge(QObject):
    """Create on the GUI thread; signals emitted from device threads are queued to it by Qt.

    Frames are converted on the camera thread (QImage is safe off the GUI thread) and at most one waits
    in the queue at a time, so a busy GUI never builds a backlog of pictures.
    """

    idCardRead = Signal(object)  # drivers.idcard.IdCard
    cardTapped = Signal(str, str)  # uid, reader
    cardRemoved = Signal(str)  # reader
    codeScanned = Signal(str)
    frameReady = Signal(QImage)
    rawFrame = Signal(object)  # drivers.camera.capture.Frame (for the photo pre-check)
    statusChanged = Signal(object)  # drivers.base.DeviceStatus
    deviceError = Signal(str, str)  # family, words

    def __init__(
        self, manager: DeviceManager, parent: QObject | None = None, *, max_fps: float = 15.0
    ) -> None:
        super().__init__(parent)
        self.manager = manager
        self._min_gap = 1.0 / max_fps if max_fps > 0 else 0.0
        self._frame_lock = threading.Lock()
        self._frame_pending = False
        self._last_frame = 0.0
        self._frames_wanted = 0
        self._closed = False
        manager.listen("idcard", self._guard(self.idCardRead.emit))
        manager.listen("card", self._guard(self.cardTapped.emit))
        manager.listen("card_removed", self._guard(self.cardRemoved.emit))
        manager.listen("code", self._guard(self.codeScanned.emit))
        manager.listen("status", self._guard(self.statusChanged.emit))
        manager.listen("error", self._guard(self.deviceError.emit))
        manager.listen("frame", self._on_frame)
        self.frameReady.connect(self._frame_delivered)
        self.wedge: WedgeScannerFilter | None = None
        settings = getattr(manager, "settings", None)
        if getattr(settings, "scanner_mode", "") == "wedge" and not getattr(settings, "simulate", False):
            self.install_wedge()

    def install_wedge(self) -> None:
        """Keyboard-wedge scanners type their codes: an application-wide filter tells a scan from typing,
        swallows it and hands it to the manager, so it arrives like a serial scanner's code."""
        from PySide6.QtWidgets import QApplication

        from kiosk.ui.common.qt_wedge import WedgeScannerFilter

        if self.wedge is not None:
            return
        self.wedge = WedgeScannerFilter(self)
        self.wedge.scanned.connect(self.manager.scan_code_typed)
        app = QApplication.instance()
        if app is not None:
            self.wedge.install(app)

    def _guard(self, emit: Callable[..., object]) -> Callable[..., None]:
        def call(*args: Any) -> None:
            if not self._closed:
                emit(*args)

        return call

    def close(self) -> None:
        """Stop emitting (the manager keeps the listener; a closed bridge ignores it)."""
        self._closed = True
        if self.wedge is not None:
            from PySide6.QtWidgets import QApplication

            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self.wedge)
            self.wedge = None

    # -- frames, only while someone shows them ------------------------------------------------
    def want_frames(self, on: bool) -> None:
        """The photo page and the device page's preview ask for frames; otherwise none are converted."""
        with self._frame_lock:
            self._frames_wanted = max(0, self._frames_wanted + (1 if on else -1))

    def _on_frame(self, frame: Frame) -> None:
        if self._closed:
            return
        now = time.monotonic()
        with self._frame_lock:
            if not self._frames_wanted or self._frame_pending or now - self._last_frame < self._min_gap:
                return
            self._frame_pending = True
            self._last_frame = now
        try:
            image = frame_to_qimage(frame.image)
        except Exception:
            log.exception("frame conversion failed")
            with self._frame_lock:
                self._frame_pending = False
            return
        self.rawFrame.emit(frame)
        self.frameReady.emit(image)

    def _frame_delivered(self, _image: QImage) -> None:
        with self._frame_lock:
            self._frame_pending = False

    # -- state ---------------------------------------------------------------------------------
    def statuses(self) -> dict[str, DeviceStatus]:
        return self.manager.status()
