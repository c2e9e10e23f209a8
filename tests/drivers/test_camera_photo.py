"""Visitor photo: best frame chosen by the pre-check, cropped to the face, JPEG under 200 KB."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from drivers.camera.face import check_quality
from drivers.camera.photo import MAX_PHOTO_BYTES, encode_jpeg, make_photo

DATA = Path(__file__).resolve().parents[1] / "data" / "camera"


def still(name: str) -> np.ndarray:
    return cv2.imread(str(DATA / "stills" / f"{name}.jpg"))


def test_photo_picks_the_good_frame_and_crops_to_the_face() -> None:
    photo = make_photo([still("blurred"), still("good"), still("dark"), still("no_face")])
    assert len(photo.jpeg) <= MAX_PHOTO_BYTES
    assert photo.report is not None and photo.report.ok
    assert photo.cropped and photo.width * 4 == photo.height * 3  # 3:4 portrait
    img = cv2.imdecode(np.frombuffer(photo.jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert img.shape[:2] == (photo.height, photo.width)
    r = check_quality(img)
    assert r.faces == 1 and r.face_width_frac > 0.5  # the face fills the portrait


def test_noisy_frame_is_squeezed_under_the_budget() -> None:
    # Sensor noise is the worst case for JPEG: at quality 90 this is far above 200 KB.
    noise = np.random.default_rng(1).integers(0, 256, (480, 640, 3), dtype=np.uint8)
    ok, big = cv2.imencode(".jpg", noise, [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert len(big) > MAX_PHOTO_BYTES
    photo = make_photo([noise])
    assert len(photo.jpeg) <= MAX_PHOTO_BYTES and photo.quality < 90
    assert not photo.cropped


def test_large_frame_is_shrunk_when_quality_alone_is_not_enough() -> None:
    noise = np.random.default_rng(2).integers(0, 256, (1080, 1920, 3), dtype=np.uint8)
    jpeg, q, used = encode_jpeg(noise, 100_000)
    assert len(jpeg) <= 100_000 and used.shape[1] < 1920
    assert cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR).shape == used.shape
