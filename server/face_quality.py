"""Face photo quality for `savePicForApp`: a 0-100 score and the spec's level, measured
from the image with OpenCV (Haar face found, face size, sharpness, exposure).

The one server module that needs OpenCV and numpy (the `faces` extra); server.pictures imports
it on the first upload to score and stores pictures unscored when they are not installed."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from threading import Lock
from typing import TYPE_CHECKING

import cv2
import numpy as np

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)

# Spec (UploadPicturesResponse.level): 高 >= 80, 中 >= 70, 低 >= 60, 不合格 < 60.
LEVELS: tuple[tuple[int, str], ...] = ((80, "高"), (70, "中"), (60, "低"), (0, "不合格"))

_CROP = 160  # faces are compared at one size, so sharpness is resolution-free
_DETECT_MAX_SIDE = 480  # detection on a downscale: Haar cost grows with pixels, not with accuracy
_SHARP_FULL = 400.0  # normalised Laplacian variance of a crisp frontal face at _CROP px
_SHARP_ZERO = 20.0  # ... and of a face blurred beyond recognition
_SIZE_FULL = 0.30  # face width / image width at which size stops mattering
_SIZE_ZERO = 0.08
_NO_FACE_CAP = 30  # an image without a detectable face can never pass


@dataclass(frozen=True)
class Quality:
    score: int
    level: str
    face_found: bool
    reasons: list[str] = field(default_factory=list)  # what pulled the score down, in words
    parts: dict[str, float] = field(default_factory=dict)


def level_of(score: int) -> str:
    for threshold, name in LEVELS:
        if score >= threshold:
            return name
    return LEVELS[-1][1]


@lru_cache(maxsize=1)
def _cascade() -> cv2.CascadeClassifier:
    path = cv2.data.haarcascades + "haarcascade_frontalface_default.xml"
    cascade = cv2.CascadeClassifier(path)
    if cascade.empty():  # opencv 5 wheels ship no Haar files; pyproject pins 4.x for this reason
        raise RuntimeError(f"Haar cascade not found at {path}")
    return cascade


# CascadeClassifier objects are not documented thread-safe; uploads are rare, so serialise.
_detect_lock = Lock()


def _ramp(x: float, zero: float, full: float) -> float:
    return float(min(1.0, max(0.0, (x - zero) / (full - zero))))


def _largest_face(gray: np.ndarray) -> tuple[tuple[int, int, int, int] | None, int]:
    h, w = gray.shape
    scale = min(1.0, _DETECT_MAX_SIDE / max(h, w))
    small = gray
    if scale < 1:
        small = cv2.resize(gray, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA)
    # Equalise for detection only: a dark but well-framed face should still be *found*,
    # its exposure is judged separately below.
    small = cv2.equalizeHist(small)
    min_side = max(24, int(min(small.shape) * 0.08))
    with _detect_lock:
        faces = _cascade().detectMultiScale(
            small, scaleFactor=1.1, minNeighbors=5, minSize=(min_side, min_side)
        )
    if len(faces) == 0:
        return None, 0
    x, y, fw, fh = max(faces, key=lambda f: int(f[2]) * int(f[3]))
    return (int(x / scale), int(y / scale), int(fw / scale), int(fh / scale)), len(faces)


def sharpness(gray_face: np.ndarray) -> float:
    """Laplacian variance of the face at a fixed size, normalised to mean brightness 128,
    so a darker photo of the same sharp face is not mistaken for a blurred one."""
    crop = cv2.resize(gray_face, (_CROP, _CROP), interpolation=cv2.INTER_AREA).astype(np.float32)
    mean = float(crop.mean())
    if mean < 1.0:
        return 0.0
    crop *= 128.0 / mean
    return float(cv2.Laplacian(crop, cv2.CV_32F, ksize=3).var())


def assess_image(image: np.ndarray) -> Quality:
    """Score a decoded BGR (or grey) image."""
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    face, count = _largest_face(gray)
    if face is None:
        # Still say something useful about the picture, but never let it pass.
        mean = float(gray.mean())
        exposure = 1.0 - min(1.0, abs(mean - 128.0) / 128.0)
        score = int(round(_NO_FACE_CAP * exposure))
        return Quality(score, level_of(score), False, ["未检测到人脸，请正对摄像头"], {"exposure": exposure})
    x, y, fw, fh = face
    region = gray[y : y + fh, x : x + fw]
    size = _ramp(fw / gray.shape[1], _SIZE_ZERO, _SIZE_FULL)
    sharp_raw = sharpness(region)
    sharp = _ramp(float(np.log1p(sharp_raw)), float(np.log1p(_SHARP_ZERO)), float(np.log1p(_SHARP_FULL)))
    mean, std = float(region.mean()), float(region.std())
    # Well-exposed skin sits roughly at 90-190 of 255; contrast below ~25 grey levels is flat.
    brightness = 1.0 - _ramp(abs(mean - 140.0), 50.0, 110.0)
    contrast = _ramp(std, 12.0, 40.0)
    exposure = brightness * contrast
    score = 100.0 * (0.20 * size + 0.45 * sharp + 0.35 * exposure)
    # One poor factor must not be hidden by two good ones: a black or blurred face fails.
    score *= 0.5 + 0.5 * min(sharp, exposure, size + 0.5)
    reasons = []
    if size < 0.6:
        reasons.append("人脸过小，请靠近摄像头")
    if sharp < 0.6:
        reasons.append("照片模糊，请保持不动")
    if brightness < 0.6:
        reasons.append("光线过暗" if mean < 140 else "光线过亮")
    elif contrast < 0.6:
        reasons.append("画面对比度不足")
    if count > 1:
        reasons.append("检测到多张人脸，已按最大的人脸评分")
    final = int(round(min(100.0, max(0.0, score))))
    parts = {
        "size": size,
        "sharpness": sharp,
        "sharpnessRaw": sharp_raw,
        "brightness": brightness,
        "contrast": contrast,
        "faceWidth": float(fw),
    }
    log.debug("face quality %s %s", final, parts)
    return Quality(final, level_of(final), True, reasons, parts)


def assess_picture(image: Image) -> Quality:
    """Score a picture Pillow decoded (pictures.check_jpeg): its pixels are OpenCV's own decode of
    the same JPEG (both libjpeg-turbo), converted to grey as OpenCV converts BGR."""
    if image.mode == "L":
        return assess_image(np.asarray(image))
    return assess_image(cv2.cvtColor(np.asarray(image.convert("RGB")), cv2.COLOR_RGB2GRAY))
