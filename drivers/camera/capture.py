"""The camera device: a capture thread that reads a FrameSource, keeps the latest and recent
frames, emits each Frame to its subscribers, reports camera status, and reopens a lost camera
with backoff; `device_for_uri` builds it from the configured source. Qt-free.
"""

from __future__ import annotations

import collections
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from drivers.base import DeviceBase, DeviceError, DeviceState
from drivers.camera.sources import FrameSource, open_source

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Frame:
    image: np.ndarray  # BGR, HxWx3 uint8, read-only: it is shared with every listener
    index: int  # counts up from 1 over the camera's life, across reconnects
    timestamp: float  # time.monotonic() when it was read


FrameCallback = Callable[[Frame], None]


class Camera(DeviceBase[Frame]):
    """One camera on its own thread; subscribers get every Frame. `start()` never raises: with
    no camera the status is MISSING and the thread keeps retrying, so the kiosk starts anyway.

    Listeners run on the capture thread and must be quick; heavy work belongs on a FrameWorker.
    """

    family = "camera"

    def __init__(
        self,
        source: FrameSource | str | int,
        *,
        fail_threshold: int = 5,
        backoff: tuple[float, float] = (0.5, 10.0),
        keep: int = 15,
    ) -> None:
        super().__init__()
        self.source: FrameSource = open_source(source) if isinstance(source, (str, int)) else source
        self.fail_threshold = fail_threshold
        self.backoff_min, self.backoff_max = backoff
        self._recent: collections.deque[Frame] = collections.deque(maxlen=keep)
        self._cond = threading.Condition()
        self._latest: Frame | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._index = 0

    # ---- frames -------------------------------------------------------------------------------
    def latest(self) -> Frame | None:
        with self._cond:
            return self._latest

    def recent(self) -> list[Frame]:
        """The last few frames, oldest first (for picking the best photo)."""
        with self._cond:
            return list(self._recent)

    def wait_frame(
        self, after: int = 0, timeout: float = 5.0, cancel: threading.Event | None = None
    ) -> Frame | None:
        """Block until a frame with index > `after` exists; None on timeout, on stop, or once `cancel` is set."""

        def ready() -> bool:
            return (
                (self._latest is not None and self._latest.index > after)
                or self._stop.is_set()
                or (cancel is not None and cancel.is_set())
            )

        with self._cond:
            self._cond.wait_for(ready, timeout)
            f = self._latest
            return f if f is not None and f.index > after else None

    def wake(self) -> None:
        """Wake every thread blocked in wait_frame (so it can see its cancel flag)."""
        with self._cond:
            self._cond.notify_all()

    # ---- lifecycle --------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="camera-capture", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> bool:
        """Ask the thread to stop and wait for it; True if it ended (device released)."""
        self._stop.set()
        self.wake()
        t = self._thread
        if t is None:
            return True
        t.join(timeout)
        if t.is_alive():
            # A driver stuck in read(): the thread releases the device when read returns.
            log.warning("camera thread did not stop within %.1f s", timeout)
            return False
        self._thread = None
        self.report(DeviceState.DISABLED, "已停止")
        return True

    def __enter__(self) -> Camera:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- the thread -------------------------------------------------------------------------
    def _run(self) -> None:
        opened = False
        backoff = self.backoff_min
        failures = 0
        next_due = time.monotonic()
        try:
            while not self._stop.is_set():
                if not opened:
                    try:
                        self.source.open()
                    except DeviceError as e:
                        self.report(DeviceState.MISSING, f"{e}；正在重试")
                        self._stop.wait(backoff)
                        backoff = min(backoff * 2, self.backoff_max)
                        continue
                    except Exception as e:  # an unexpected driver error: report, retry like a missing device
                        log.exception("camera open failed")
                        self.report(DeviceState.MISSING, f"摄像头打开失败：{e}")
                        self._stop.wait(backoff)
                        backoff = min(backoff * 2, self.backoff_max)
                        continue
                    opened, failures = True, 0
                    state = DeviceState.SIMULATED if self.source.simulated else DeviceState.CONNECTED
                    self.report(state, self.source.describe())
                    next_due = time.monotonic()

                try:
                    img = self.source.read()
                except Exception:
                    log.exception("camera read failed")
                    img = None
                if img is None:
                    failures += 1
                    if failures >= self.fail_threshold:
                        # Read fails repeatedly: the camera was unplugged (or the file vanished).
                        self._safe_close()
                        opened = False
                        self.report(DeviceState.MISSING, f"{self.source.describe()} 读取失败，正在重连")
                        self._stop.wait(backoff)
                        backoff = min(backoff * 2, self.backoff_max)
                    else:
                        self._stop.wait(min(0.05, self.backoff_min))
                    continue
                failures = 0
                backoff = self.backoff_min
                self._publish(img)

                interval = self.source.frame_interval
                if interval:
                    next_due += interval
                    delay = next_due - time.monotonic()
                    if delay > 0:
                        self._stop.wait(delay)
                    elif delay < -interval:
                        next_due = time.monotonic()  # fell behind (slow listener): do not burst to catch up
        except Exception as e:  # never let the thread die silently
            log.exception("camera thread crashed")
            self.report(DeviceState.MISSING, f"摄像头线程异常：{e}")
        finally:
            self._safe_close()
            with self._cond:
                self._cond.notify_all()

    def _safe_close(self) -> None:
        try:
            self.source.close()
        except Exception:
            log.exception("camera close failed")

    def _publish(self, img: np.ndarray) -> None:
        self._index += 1
        img.flags.writeable = False  # shared by every listener: a listener that wants to draw must copy
        frame = Frame(img, self._index, time.monotonic())
        with self._cond:
            self._latest = frame
            self._recent.append(frame)
            self._cond.notify_all()
        self.emit(frame)  # a listener's bug is logged there and does not stop capture


class FrameWorker:
    """Runs `fn` on the newest frame on a thread of its own, skipping frames while busy, so slow
    work (face check, QR decoding) never holds up capture."""

    def __init__(self, camera: Camera, fn: FrameCallback, name: str = "camera-worker") -> None:
        self.camera = camera
        self.fn = fn
        self.name = name
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> bool:
        self._stop.set()
        self.camera.wake()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        alive = self._thread.is_alive()
        if not alive:
            self._thread = None
        return not alive

    def _run(self) -> None:
        last = 0
        while not self._stop.is_set():
            frame = self.camera.wait_frame(last, timeout=0.5, cancel=self._stop)
            if frame is None:
                self._stop.wait(0.05)  # camera stopped or no frames: do not spin
                continue
            last = frame.index
            try:
                self.fn(frame)
            except Exception:
                log.exception("%s failed", self.name)


def device_for_uri(
    source: str | int,
    fps: float | None = None,
    *,
    fail_threshold: int = 5,
    backoff: tuple[float, float] = (0.5, 10.0),
) -> Camera:
    """The camera for a configured `camera_source` (not started): an index or `/dev/videoN`, a
    video file, an image folder or pattern, or `sim://camera[?file=clip.avi][&fps=N]`, a video
    file played as a simulated camera (the shipped demo clip by default; `simulated` still
    means `sim://camera`). `fps` sets the playback rate of files."""
    return Camera(open_source(source, fps=fps), fail_threshold=fail_threshold, backoff=backoff)
