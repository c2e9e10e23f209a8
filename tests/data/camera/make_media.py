"""Regenerates the camera test media in this folder and the `simulated` demo clip
(drivers/camera/media/demo.avi) from drivers.camera.synthetic, and checks each is usable.

    .venv/bin/python tests/data/camera/make_media.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from drivers.camera import synthetic as s  # noqa: E402
from drivers.camera.face import FaceDetector, check_quality  # noqa: E402
from drivers.camera.qr import QrDecoder  # noqa: E402

HERE = Path(__file__).resolve().parent
QR_TEXT = s.DEMO_QR_TEXT
FPS = 10


def write_avi(path: Path, frames: list[np.ndarray], fps: int = FPS) -> None:
    h, w = frames[0].shape[:2]
    vw = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (w, h))
    if not vw.isOpened():
        raise SystemExit(f"cannot write {path}")
    for f in frames:
        vw.write(f)
    vw.release()


def stills() -> dict[str, np.ndarray]:
    """One recorded frame per pre-check case (JPEG, like a camera delivers)."""
    return {
        "good": s.face_frame(seed=1),
        "dark": s.face_frame(gain=0.3, seed=2),
        "bright": s.face_frame(gain=1.6, seed=3),
        "blurred": s.face_frame(blur_sigma=4.0, seed=4),
        "no_face": s.face_frame([], seed=5),
        "two_faces": s.face_frame([s.FaceSpec(170, 240, 170), s.FaceSpec(470, 240, 170)], seed=6),
        "far": s.face_frame([s.FaceSpec(320, 240, 60)], seed=7),
        "off_centre": s.face_frame([s.FaceSpec(120, 240, 180)], seed=8),
        "tilted": s.face_frame([s.FaceSpec(320, 240, 200, -16)], seed=9),
        "qr": s.qr_frame(QR_TEXT, seed=10),
    }


def main() -> int:
    (HERE / "stills").mkdir(exist_ok=True)
    for name, img in stills().items():
        cv2.imwrite(str(HERE / "stills" / f"{name}.jpg"), img, [cv2.IMWRITE_JPEG_QUALITY, 80])

    # 1.2 s clips at 10 fps, 640x480 MJPG
    write_avi(
        HERE / "face.avi",
        [s.face_frame([s.FaceSpec(320 + (i % 5) * 3, 240, 200)], seed=i) for i in range(12)],
    )
    write_avi(HERE / "qr.avi", [s.qr_frame(QR_TEXT, angle_deg=5 + i * 0.5, seed=i) for i in range(10)])
    write_avi(HERE / "dark.avi", [s.dark_frame(seed=i) for i in range(12)])

    frames = HERE / "frames"
    frames.mkdir(exist_ok=True)
    for old in frames.glob("*.png"):
        old.unlink()
    for i in range(4):
        img = s.face_frame([s.FaceSpec(300 + 12 * i, 240, 200)], noise=0, seed=i)
        cv2.imwrite(str(frames / f"frame_{i:03d}.png"), img, [cv2.IMWRITE_PNG_COMPRESSION, 9])

    media = ROOT / "drivers" / "camera" / "media"
    media.mkdir(exist_ok=True)
    write_avi(media / "demo.avi", s.demo_clip_frames(FPS))

    # Verify: the face clip and stills behave as the tests expect.
    det = FaceDetector()
    cap = cv2.VideoCapture(str(HERE / "face.avi"))
    ok, img = cap.read()
    cap.release()
    assert ok and check_quality(img, det).ok, "face.avi frame does not pass the pre-check"
    cap = cv2.VideoCapture(str(HERE / "qr.avi"))
    ok, img = cap.read()
    cap.release()
    assert ok and QrDecoder().decode(img) == [QR_TEXT], "qr.avi does not decode"
    total = sum(p.stat().st_size for p in HERE.rglob("*") if p.is_file() and p.suffix != ".py")
    demo_kb = (media / "demo.avi").stat().st_size / 1024
    print(f"test media: {total / 1024:.0f} KB; demo clip: {demo_kb:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
