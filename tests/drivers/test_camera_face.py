"""Face pre-check on recorded frames (tests/data/camera, made by make_media.py): the good frame
passes, each bad frame fails with the hint a visitor needs."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.camera import face as F
from drivers.camera.face import FaceDetector, check_quality

DATA = Path(__file__).resolve().parents[1] / "data" / "camera"


def still(name: str) -> np.ndarray:
    img = cv2.imread(str(DATA / "stills" / f"{name}.jpg"))
    assert img is not None, f"missing test media {name}; run tests/data/camera/make_media.py"
    return img


def video_frames(name: str) -> list[np.ndarray]:
    cap = cv2.VideoCapture(str(DATA / name))
    frames = []
    while True:
        ok, img = cap.read()
        if not ok:
            break
        frames.append(img)
    cap.release()
    assert frames, name
    return frames


@pytest.fixture(scope="module")
def detector() -> FaceDetector:
    return FaceDetector()


def test_good_frame_passes_every_check(detector: FaceDetector) -> None:
    r = check_quality(still("good"), detector)
    assert r.ok and r.score == 100 and r.hint == F.HINT_OK and r.hints == []
    assert r.faces == 1 and r.eyes == 2
    assert (r.one_face, r.size_ok, r.centred, r.sharp, r.exposure_ok, r.pose_ok) == (True,) * 6
    assert r.face is not None and 0.3 < r.face_width_frac < 0.6
    assert r.roll_deg is not None and abs(r.roll_deg) < 5


@pytest.mark.parametrize(
    "name, failed, hint",
    [
        ("dark", "exposure_ok", F.HINT_DARK),
        ("bright", "exposure_ok", F.HINT_BRIGHT),
        ("blurred", "sharp", F.HINT_BLUR),
        ("two_faces", "one_face", F.HINT_MULTI),
        ("far", "size_ok", F.HINT_CLOSER),
        ("off_centre", "centred", F.HINT_CENTRE),
        ("tilted", "pose_ok", F.HINT_POSE),
    ],
)
def test_bad_frame_fails_with_the_right_hint(
    detector: FaceDetector, name: str, failed: str, hint: str
) -> None:
    r = check_quality(still(name), detector)
    assert not r.ok
    assert getattr(r, failed) is False
    assert r.hint == hint
    assert r.score < check_quality(still("good"), detector).score


def test_two_faces_are_counted_and_capped(detector: FaceDetector) -> None:
    r = check_quality(still("two_faces"), detector)
    assert r.faces == 2 and r.score <= 30


def test_tilted_head_roll_is_measured_from_the_eyes(detector: FaceDetector) -> None:
    r = check_quality(still("tilted"), detector)
    assert r.eyes == 2 and r.roll_deg is not None and 12 < abs(r.roll_deg) < 25


def test_no_face_asks_to_face_the_camera(detector: FaceDetector) -> None:
    r = check_quality(still("no_face"), detector)
    assert r.faces == 0 and r.score == 0 and r.hint == F.HINT_NO_FACE and r.face is None


def test_dark_clip_says_too_dark_not_no_face(detector: FaceDetector) -> None:
    for img in video_frames("dark.avi")[:3]:
        r = check_quality(img, detector)
        assert r.faces == 0 and r.hint == F.HINT_DARK


def test_every_frame_of_the_face_clip_passes(detector: FaceDetector) -> None:
    reports = [check_quality(img, detector) for img in video_frames("face.avi")]
    assert all(r.ok for r in reports), [r.hints for r in reports]


def test_sharpness_does_not_depend_on_brightness(detector: FaceDetector) -> None:
    # The same sharp face, darkened: the normalised measure must still call it sharp.
    r = check_quality(still("dark"), detector)
    assert r.sharp and not r.exposure_ok


def test_gray_and_bgra_frames_are_accepted(detector: FaceDetector) -> None:
    img = still("good")
    assert check_quality(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY), detector).ok
    assert check_quality(cv2.cvtColor(img, cv2.COLOR_BGR2BGRA), detector).ok


def test_report_serialises_to_json_types(detector: FaceDetector) -> None:
    import json

    d = check_quality(still("good"), detector).to_dict()
    text = json.dumps(d, ensure_ascii=False)
    assert '"ok": true' in text and d["face"]["w"] > 0
