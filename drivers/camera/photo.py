"""Visitor photo: pick the best recent frame by the face pre-check, crop to the face with a margin,
and encode it as JPEG under a byte budget (the server accepts at most 200 KB).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

import cv2
import numpy as np

from drivers.camera.face import Box, FaceDetector, QualityReport, check_quality

log = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 200 * 1024  # the server's upload limit
QUALITIES = (90, 85, 80, 75, 70, 60, 50, 40)


@dataclass(frozen=True)
class Photo:
    jpeg: bytes
    width: int
    height: int
    quality: int  # JPEG quality used
    cropped: bool  # cropped to the face
    report: QualityReport | None  # the pre-check of the chosen frame (None if not checked)


def encode_jpeg(image: np.ndarray, max_bytes: int = MAX_PHOTO_BYTES) -> tuple[bytes, int, np.ndarray]:
    """JPEG bytes <= max_bytes: lower the quality step by step, then shrink the image by 0.8x steps.
    Returns (bytes, quality, the image actually encoded)."""
    img = image
    while True:
        for q in QUALITIES:
            ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q, cv2.IMWRITE_JPEG_OPTIMIZE, 1])
            if not ok:
                raise ValueError("JPEG encoding failed")
            if len(buf) <= max_bytes:
                return buf.tobytes(), q, img
        h, w = img.shape[:2]
        if w < 64 or h < 64:
            raise ValueError(f"cannot fit a JPEG into {max_bytes} bytes")
        img = cv2.resize(img, (int(w * 0.8), int(h * 0.8)), interpolation=cv2.INTER_AREA)


def face_crop_box(face: Box, width: int, height: int, margin: float = 0.4) -> Box:
    """A 3:4 portrait box around the face: `margin` x face width on each side, more room below for the
    shoulders; shrunk to fit the frame and shifted inside it, so the aspect ratio is kept."""
    cx, cy = face.centre
    bw = face.w * (1 + 2 * margin)
    bh = bw * 4 / 3
    k = min(1.0, width / bw, height / bh)
    bw, bh = bw * k, bh * k
    x = min(max(0.0, cx - bw / 2), width - bw)
    y = min(max(0.0, cy - bh * 0.45), height - bh)
    return Box(int(round(x)), int(round(y)), int(round(bw)), int(round(bh))).clip(width, height)


def best_frame(
    images: Iterable[np.ndarray], detector: FaceDetector | None = None
) -> tuple[np.ndarray, QualityReport] | None:
    """The frame with the highest pre-check score (the newest wins ties)."""
    det = detector or FaceDetector()
    best: tuple[np.ndarray, QualityReport] | None = None
    for img in images:
        r = check_quality(img, det)
        if best is None or r.score >= best[1].score:
            best = (img, r)
    return best


def make_photo(
    images: Iterable[np.ndarray],
    *,
    max_bytes: int = MAX_PHOTO_BYTES,
    crop_to_face: bool = True,
    detector: FaceDetector | None = None,
) -> Photo:
    """Best recent frame -> JPEG under the budget, cropped to the face when one was found."""
    chosen = best_frame(images, detector)
    if chosen is None:
        raise ValueError("no frame to take a photo from")
    img, report = chosen
    cropped = False
    if crop_to_face and report.face is not None and report.one_face:
        b = face_crop_box(report.face, img.shape[1], img.shape[0])
        if b.w > 0 and b.h > 0:
            img = img[b.y : b.y + b.h, b.x : b.x + b.w]
            cropped = True
    jpeg, q, used = encode_jpeg(np.ascontiguousarray(img), max_bytes)
    log.info("photo %dx%d q=%d %d bytes score=%d", used.shape[1], used.shape[0], q, len(jpeg), report.score)
    return Photo(jpeg, used.shape[1], used.shape[0], q, cropped, report)
