"""Frame sources: a live camera (V4L2 index or device path), a looping video file, an image
folder / sequence / still, and `simulated` (the shipped demo clip). One interface for all.
"""

from __future__ import annotations

import glob
import logging
import os
import sys
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from drivers.base import DeviceError, is_sim_uri, parse_sim_uri

log = logging.getLogger(__name__)

MEDIA_DIR = Path(__file__).resolve().parent / "media"
DEMO_CLIP = MEDIA_DIR / "demo.avi"
IMAGE_EXTS = (".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff")


class FrameSource(Protocol):
    """Open, read frames, close. `read` returns None when a frame could not be read."""

    simulated: bool

    @property
    def frame_interval(self) -> float | None:
        """Seconds between frames for sources the capture thread must pace (files); None for live cameras."""

    def open(self) -> None:
        """Open the device or file; raise DeviceError with words a person can act on."""

    def read(self) -> np.ndarray | None:
        """The next BGR frame, or None on a failed read."""

    def close(self) -> None: ...

    def describe(self) -> str: ...


def _bgr(img: np.ndarray) -> np.ndarray:
    if img.ndim == 2:
        return cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    if img.shape[2] == 4:
        return cv2.cvtColor(img, cv2.COLOR_BGRA2BGR)
    return img


def _default_backend() -> int:
    if sys.platform.startswith("linux"):
        return cv2.CAP_V4L2
    if sys.platform == "win32":
        return cv2.CAP_DSHOW  # MSMF opens slowly (seconds) on many USB webcams
    return cv2.CAP_ANY


class CameraSource:
    """A live camera: an index (0 = /dev/video0 on Linux) or a device path, 640x480 MJPG by default."""

    simulated = False
    frame_interval = None  # the camera paces itself: read() blocks until the next frame

    def __init__(
        self,
        device: int | str,
        width: int = 640,
        height: int = 480,
        fps: int = 30,
        fourcc: str = "MJPG",
        backend: int | None = None,
    ) -> None:
        self.device = device
        self.width, self.height, self.fps, self.fourcc = width, height, fps, fourcc
        self.backend = _default_backend() if backend is None else backend
        self._cap: cv2.VideoCapture | None = None

    def open(self) -> None:
        node = f"/dev/video{self.device}" if isinstance(self.device, int) else self.device
        if (isinstance(self.device, str) or self.backend == cv2.CAP_V4L2) and not os.path.exists(node):
            # Checked first: clearer words than OpenCV's, and no V4L2 warning spam on every retry.
            raise DeviceError(f"未找到摄像头 {node}：请检查 USB 连接")
        cap = cv2.VideoCapture(self.device, self.backend)
        if not cap.isOpened():
            cap.release()
            raise DeviceError(f"无法打开摄像头 {self.device}：请检查 USB 连接，或是否被其他程序占用")
        # MJPG first: at 640x480 YUYV many USB 2.0 cameras drop to 15 fps or less.
        cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter_fourcc(*self.fourcc))
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        cap.set(cv2.CAP_PROP_FPS, self.fps)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # latest frame, not a queue of stale ones
        self._cap = cap

    def read(self) -> np.ndarray | None:
        if self._cap is None:
            return None
        ok, img = self._cap.read()
        return _bgr(img) if ok and img is not None else None

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None

    def describe(self) -> str:
        if self._cap is not None:
            w = int(self._cap.get(cv2.CAP_PROP_FRAME_WIDTH))
            h = int(self._cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
            return f"摄像头 {self.device} {w}x{h}"
        return f"摄像头 {self.device}"


class VideoFileSource:
    """A video file played in a loop at its own frame rate (or `fps`). The file is reopened at each
    loop, so a file that disappears is noticed like an unplugged camera."""

    def __init__(
        self, path: str | os.PathLike[str], fps: float | None = None, simulated: bool = False
    ) -> None:
        self.path = str(path)
        self._fps_override = fps
        self._fps = fps or 25.0
        self.simulated = simulated
        self._cap: cv2.VideoCapture | None = None
        self._frames_this_loop = 0

    @property
    def frame_interval(self) -> float | None:
        return 1.0 / self._fps

    def _open_cap(self) -> cv2.VideoCapture:
        if not os.path.isfile(self.path):
            raise DeviceError(f"视频文件 {self.path} 不存在")
        cap = cv2.VideoCapture(self.path, cv2.CAP_ANY)
        if not cap.isOpened():
            cap.release()
            raise DeviceError(f"无法打开视频文件 {self.path}")
        return cap

    def open(self) -> None:
        self._cap = self._open_cap()
        if self._fps_override is None:
            fps = self._cap.get(cv2.CAP_PROP_FPS)
            self._fps = fps if 1.0 <= fps <= 120.0 else 25.0
        self._frames_this_loop = 0

    def read(self) -> np.ndarray | None:
        if self._cap is None:
            return None
        ok, img = self._cap.read()
        if not ok:
            if self._frames_this_loop == 0:
                return None  # an empty or broken file: count as a failed read
            self._cap.release()
            self._cap = None
            try:
                self._cap = self._open_cap()
            except DeviceError as e:
                log.warning("%s", e)
                return None
            self._frames_this_loop = 0
            ok, img = self._cap.read()
            if not ok:
                return None
        self._frames_this_loop += 1
        return _bgr(img)

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None

    def describe(self) -> str:
        kind = "模拟摄像头" if self.simulated else "视频文件"
        return f"{kind} {self.path} ({self._fps:g} fps)"


class ImageSequenceSource:
    """Images played in a loop: a folder (sorted names), a glob (`frames/*.png`), a printf pattern
    (`frames/frame_%03d.png`), or one still image. The list is re-read at each loop."""

    def __init__(self, spec: str | os.PathLike[str], fps: float = 10.0) -> None:
        self.spec = str(spec)
        self._fps = fps
        self.simulated = False
        self._files: list[str] = []
        self._pos = 0

    @property
    def frame_interval(self) -> float | None:
        return 1.0 / self._fps

    def _list(self) -> list[str]:
        s = self.spec
        if os.path.isdir(s):
            names = sorted(n for n in os.listdir(s) if n.lower().endswith(IMAGE_EXTS))
            return [os.path.join(s, n) for n in names]
        if "%" in s:
            files = []
            for i in range(100000):
                p = s % i
                if not os.path.isfile(p):
                    if i == 0:
                        continue  # sequences may start at 0 or 1
                    break
                files.append(p)
            return files
        if any(c in s for c in "*?["):
            return sorted(glob.glob(s))
        return [s] if os.path.isfile(s) else []

    def open(self) -> None:
        self._files = self._list()
        if not self._files:
            raise DeviceError(f"图片 {self.spec} 不存在或文件夹中没有图片")
        self._pos = 0

    def read(self) -> np.ndarray | None:
        if self._pos >= len(self._files):
            self._files = self._list()
            self._pos = 0
            if not self._files:
                return None
        path = self._files[self._pos]
        self._pos += 1
        img = cv2.imread(path, cv2.IMREAD_COLOR)
        return img

    def close(self) -> None:
        self._files = []

    def describe(self) -> str:
        return f"图片 {self.spec} ({len(self._files)} 张, {self._fps:g} fps)"


def simulated_source(fps: float | None = None, path: str | os.PathLike[str] = DEMO_CLIP) -> VideoFileSource:
    """A video file played as a simulated camera: by default the built-in looping demo clip (a
    visitor's face, then a QR code)."""
    return VideoFileSource(path, fps=fps, simulated=True)


SIM_SETTINGS = ("file", "fps")


def open_source(spec: str | int, fps: float | None = None) -> FrameSource:
    """Build a source from a settings string: "0" / 0 / "/dev/video0", a video file, a folder, a
    glob or printf image pattern, one image, or `sim://camera[?file=clip.avi][&fps=N]` (a video
    file as a simulated camera, the demo clip by default; "simulated", "sim" and "demo" are the
    older spellings of `sim://camera`)."""
    if isinstance(spec, int):
        return CameraSource(spec)
    s = spec.strip()
    if s.isdigit():
        return CameraSource(int(s))
    if s.lower() in ("sim", "demo"):
        s = "sim://camera"
    if is_sim_uri(s):
        sim = parse_sim_uri(s, "camera", SIM_SETTINGS)
        try:
            rate = float(sim.params["fps"]) if "fps" in sim.params else fps
        except ValueError:
            raise ValueError(f"{spec!r}: fps is a number of frames per second") from None
        return simulated_source(rate, sim.params.get("file") or DEMO_CLIP)
    if s.startswith("/dev/"):
        return CameraSource(s)
    if os.path.isdir(s) or "%" in s or any(c in s for c in "*?[") or s.lower().endswith(IMAGE_EXTS):
        return ImageSequenceSource(s, fps=fps or 10.0)
    return VideoFileSource(s, fps=fps)
