"""Local face pre-check: Haar face/eye detection and the quality checks that guide a visitor
(one face, size, centred, sharp, exposed, frontal) before a photo is uploaded for scoring.
"""

from __future__ import annotations

import math
import os
from dataclasses import asdict, dataclass, field
from typing import Any

import cv2
import numpy as np

# Short hints shown to the visitor, most important first (the first failing one is shown).
HINT_NO_FACE = "请正对摄像头"
HINT_MULTI = "检测到多张人脸，请一人拍照"
HINT_DARK = "光线太暗"
HINT_BRIGHT = "光线太亮"
HINT_FLAT = "光线不均匀，请调整位置"
HINT_CLOSER = "请靠近一点"
HINT_CENTRE = "请站到画面中央"
HINT_BLUR = "画面模糊，请保持不动"
HINT_POSE = "请正对摄像头，不要歪头"
HINT_OK = "很好，请保持"

# Sharpness/exposure are measured on the face resized to this, so they do not depend on distance.
ROI_SIZE = 112


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def clip(self, width: int, height: int) -> Box:
        x0, y0 = max(0, self.x), max(0, self.y)
        x1, y1 = min(width, self.x + self.w), min(height, self.y + self.h)
        return Box(x0, y0, max(0, x1 - x0), max(0, y1 - y0))


@dataclass(frozen=True)
class Thresholds:
    """Pass limits of each check. Defaults tuned on synthetic frames; README says how to tune on a real camera."""

    min_face_frac: float = 0.25  # face width / frame width ...
    min_face_px: int = 120  # ... or at least this many pixels wide
    max_centre_dx: float = 0.18  # |face centre - frame centre| / frame width
    max_centre_dy: float = 0.22  # ... / frame height
    min_sharpness: float = 0.09  # var(Laplacian) / var(face), on the 112 px face
    min_mean: float = 70.0  # face brightness (0-255)
    max_mean: float = 215.0
    min_std: float = 18.0  # face contrast
    dark_frame_mean: float = 45.0  # whole frame this dark with no face found -> "光线太暗"
    max_roll_deg: float = 12.0  # eye line angle
    max_yaw_ratio: float = 0.15  # eye midpoint offset from face centre / face width


@dataclass
class QualityReport:
    """Result of one pre-check: each check's pass/fail, the measurements, a 0-100 score, one hint."""

    faces: int = 0
    face: Box | None = None
    one_face: bool = False
    size_ok: bool = False
    centred: bool = False
    sharp: bool = False
    exposure_ok: bool = False
    pose_ok: bool = False
    score: int = 0
    hint: str = HINT_NO_FACE
    hints: list[str] = field(default_factory=list)
    # measurements, for logs and tuning
    face_width_frac: float = 0.0
    centre_offset: tuple[float, float] = (0.0, 0.0)
    sharpness: float = 0.0
    brightness: float = 0.0
    contrast: float = 0.0
    eyes: int = 0
    roll_deg: float | None = None
    yaw_ratio: float | None = None

    @property
    def ok(self) -> bool:
        return all((self.one_face, self.size_ok, self.centred, self.sharp, self.exposure_ok, self.pose_ok))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["ok"] = self.ok
        for k in ("face_width_frac", "sharpness", "brightness", "contrast", "roll_deg", "yaw_ratio"):
            if isinstance(d[k], float):
                d[k] = round(d[k], 3)
        d["centre_offset"] = [round(v, 3) for v in self.centre_offset]
        return d


def _cascade(name: str) -> cv2.CascadeClassifier:
    path = os.path.join(cv2.data.haarcascades, name)
    c = cv2.CascadeClassifier(path)
    if c.empty():
        # opencv-python-headless 5.x ships no Haar files (HARDWARE.md section 5): pin <5.
        raise RuntimeError(
            f"Haar cascade {name} not found in {cv2.data.haarcascades}; install opencv-python-headless<5"
        )
    return c


def to_gray(frame: np.ndarray) -> np.ndarray:
    if frame.ndim == 2:
        return frame
    if frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


class FaceDetector:
    """Haar frontal-face detector tuned for speed: detect on a 256 px wide copy, faces >= 1/8 frame.

    Not thread-safe (CascadeClassifier keeps state): use one per thread.
    """

    def __init__(
        self,
        detect_width: int = 256,
        scale_factor: float = 1.2,
        min_neighbors: int = 4,
        min_face_frac: float = 0.125,
    ) -> None:
        self.detect_width = detect_width
        self.scale_factor = scale_factor
        self.min_neighbors = min_neighbors
        self.min_face_frac = min_face_frac
        self._face = _cascade("haarcascade_frontalface_default.xml")
        self._eye = _cascade("haarcascade_eye.xml")
        self._eye_glasses = _cascade("haarcascade_eye_tree_eyeglasses.xml")

    def detect(self, gray: np.ndarray) -> list[Box]:
        """Faces in a grayscale frame, in frame coordinates, largest first."""
        h, w = gray.shape[:2]
        k = min(1.0, self.detect_width / w)
        small = cv2.resize(gray, None, fx=k, fy=k, interpolation=cv2.INTER_AREA) if k < 1.0 else gray
        # Equalising lets a dim face still be found, so the visitor hears "too dark" rather than "no face".
        small = cv2.equalizeHist(small)
        min_px = max(20, int(small.shape[1] * self.min_face_frac))
        found = self._face.detectMultiScale(
            small, self.scale_factor, self.min_neighbors, minSize=(min_px, min_px)
        )
        boxes = [Box(int(x / k), int(y / k), int(bw / k), int(bh / k)) for (x, y, bw, bh) in found]
        return sorted(boxes, key=lambda b: b.w * b.h, reverse=True)

    def eyes(self, gray: np.ndarray, face: Box) -> list[tuple[float, float]]:
        """Eye centres (frame coordinates) found in the upper part of the face, at most two, left to right."""
        top = gray[face.y : face.y + int(face.h * 0.6), face.x : face.x + face.w]
        if top.size == 0:
            return []
        ew = 120  # fixed face width for eye search keeps it ~2 ms whatever the face size
        k = ew / max(1, face.w)
        roi = cv2.resize(top, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
        roi = cv2.equalizeHist(roi)
        for cascade in (self._eye, self._eye_glasses):
            found = cascade.detectMultiScale(
                roi, 1.1, 3, minSize=(ew // 9, ew // 9), maxSize=(ew // 3, ew // 3)
            )
            centres = [(face.x + (x + bw / 2) / k, face.y + (y + bh / 2) / k) for (x, y, bw, bh) in found]
            pair = _eye_pair(centres, face)
            if pair:
                return pair
        return []


def _eye_pair(centres: list[tuple[float, float]], face: Box) -> list[tuple[float, float]]:
    """The two candidates that look like a pair of eyes: one each side of the face centre, well apart."""
    cx = face.x + face.w / 2
    left = [c for c in centres if c[0] < cx]
    right = [c for c in centres if c[0] >= cx]
    best: list[tuple[float, float]] = []
    best_d = 0.0
    for a in left:
        for b in right:
            d = b[0] - a[0]
            if d >= face.w * 0.2 and d > best_d:
                best, best_d = [a, b], d
    return best


def sharpness_of(roi_gray: np.ndarray) -> float:
    """Laplacian variance divided by the region's variance: a contrast- and brightness-free focus measure."""
    roi = cv2.resize(roi_gray, (ROI_SIZE, ROI_SIZE), interpolation=cv2.INTER_AREA).astype(np.float32)
    var = float(roi.var())
    if var < 1e-6:
        return 0.0
    return float(cv2.Laplacian(roi, cv2.CV_32F).var()) / var


def check_quality(
    frame: np.ndarray, detector: FaceDetector | None = None, limits: Thresholds = Thresholds()
) -> QualityReport:
    """Run every check on one BGR (or gray) frame and pick the hint the visitor sees."""
    det = detector or FaceDetector()
    gray = to_gray(frame)
    fh, fw = gray.shape[:2]
    faces = det.detect(gray)
    r = QualityReport(faces=len(faces))
    if not faces:
        r.brightness = float(gray.mean())
        r.hint = HINT_DARK if r.brightness < limits.dark_frame_mean else HINT_NO_FACE
        r.hints = [r.hint]
        return r
    face = faces[0].clip(fw, fh)
    r.face = face
    r.one_face = len(faces) == 1

    r.face_width_frac = face.w / fw
    r.size_ok = bool(r.face_width_frac >= limits.min_face_frac or face.w >= limits.min_face_px)

    cx, cy = face.centre
    r.centre_offset = (float((cx - fw / 2) / fw), float((cy - fh / 2) / fh))
    r.centred = bool(
        abs(r.centre_offset[0]) <= limits.max_centre_dx and abs(r.centre_offset[1]) <= limits.max_centre_dy
    )

    # Measure on the inner face (no hair/background) so the wall behind does not count.
    inner = Box(face.x + face.w // 6, face.y + face.h // 6, face.w * 2 // 3, face.h * 2 // 3)
    roi = gray[inner.y : inner.y + inner.h, inner.x : inner.x + inner.w]
    r.brightness = float(roi.mean())
    r.contrast = float(roi.std())
    r.exposure_ok = bool(limits.min_mean <= r.brightness <= limits.max_mean and r.contrast >= limits.min_std)
    r.sharpness = sharpness_of(roi)
    r.sharp = bool(r.sharpness >= limits.min_sharpness)

    eyes = det.eyes(gray, face)
    r.eyes = len(eyes)
    if len(eyes) == 2:
        (x1, y1), (x2, y2) = eyes
        r.roll_deg = float(math.degrees(math.atan2(y2 - y1, x2 - x1)))  # + = clockwise on screen
        r.yaw_ratio = float(((x1 + x2) / 2 - cx) / face.w)
        r.pose_ok = bool(abs(r.roll_deg) <= limits.max_roll_deg and abs(r.yaw_ratio) <= limits.max_yaw_ratio)

    hints: list[str] = []
    if not r.one_face:
        hints.append(HINT_MULTI)
    if not r.exposure_ok:
        if r.brightness < limits.min_mean:
            hints.append(HINT_DARK)
        elif r.brightness > limits.max_mean:
            hints.append(HINT_BRIGHT)
        else:
            hints.append(HINT_FLAT)
    if not r.size_ok:
        hints.append(HINT_CLOSER)
    if not r.centred:
        hints.append(HINT_CENTRE)
    if not r.pose_ok:
        hints.append(HINT_POSE)
    if not r.sharp:
        hints.append(HINT_BLUR)
    r.hints = hints
    r.hint = hints[0] if hints else HINT_OK
    r.score = _score(r, limits)
    return r


def _score(r: QualityReport, limits: Thresholds) -> int:
    """0-100: weighted partial credit per check; a frame with several faces is capped at 30."""
    size = min(
        1.0, max(r.face_width_frac / limits.min_face_frac, (r.face.w if r.face else 0) / limits.min_face_px)
    )
    off = max(abs(r.centre_offset[0]) / limits.max_centre_dx, abs(r.centre_offset[1]) / limits.max_centre_dy)
    centre = 1.0 if off <= 1 else max(0.0, 2.0 - off)
    sharp = min(1.0, r.sharpness / limits.min_sharpness)
    if r.brightness < limits.min_mean:
        expo = max(0.0, r.brightness / limits.min_mean)
    elif r.brightness > limits.max_mean:
        expo = max(0.0, (255 - r.brightness) / (255 - limits.max_mean))
    else:
        expo = 1.0
    expo *= min(1.0, r.contrast / limits.min_std)
    if r.pose_ok:
        pose = 1.0
    elif r.roll_deg is not None:
        pose = 0.5
    else:
        pose = 0.3
    parts = {
        "size": (size, 20),
        "centre": (centre, 15),
        "sharp": (sharp, 25),
        "expo": (expo, 25),
        "pose": (pose, 15),
    }
    score = sum(v * w for v, w in parts.values())
    if not r.one_face:
        score = min(score, 30)
    if not r.ok:
        score = min(score, 79)  # a passing frame always outranks a failing one
    return int(round(score))
