"""Benchmark: per 640x480 frame on one core (cv2.setNumThreads(1)): Haar face detection, the full
face pre-check, and QR decoding with zxing-cpp vs OpenCV's two detectors, plus each QR
decoder's success rate on harder variants (small, tilted, blurred, dim, perspective).

    .venv/bin/python bench/drivers/camera_bench.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.drivers.timing import median_ms  # noqa: E402


def _qr_variants() -> dict[str, np.ndarray]:
    import cv2

    from drivers.camera import synthetic as s

    base = s.qr_frame(seed=1)
    h, w = base.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[60, 30], [w - 20, 0], [w, h], [10, h - 40]])
    return {
        "plain": base,
        "small_160px": s.qr_frame(side=160, seed=2),
        "tilted_30deg": s.qr_frame(angle_deg=30, seed=3),
        "blur_sigma2": cv2.GaussianBlur(base, (0, 0), 2.0),
        "dim_30pct": (base.astype(np.float32) * 0.3).astype(np.uint8),
        "perspective": cv2.warpPerspective(
            base, cv2.getPerspectiveTransform(src, dst), (w, h), borderValue=(100, 100, 100)
        ),
        "noisy": s.finish(base, blur_sigma=0, noise=12.0, seed=4),
    }


def run() -> dict[str, object]:
    import cv2

    cv2.setNumThreads(1)
    from drivers.camera import synthetic as s
    from drivers.camera.face import FaceDetector, check_quality, to_gray
    from drivers.camera.qr import QrDecoder

    face = s.face_frame(seed=1)
    empty = s.face_frame([], seed=2)
    qr = s.qr_frame(seed=3)
    det = FaceDetector()
    zx, cv_aruco = QrDecoder("zxing"), QrDecoder("opencv")
    cv_plain = cv2.QRCodeDetector()

    out: dict[str, object] = {
        "frame": "640x480 BGR",
        "threads": cv2.getNumThreads(),
        "loadavg_1min": round(os.getloadavg()[0], 2),  # other work skews the numbers
        "opencv": cv2.__version__,
    }
    out["face_detect_ms"] = median_ms(lambda: det.detect(to_gray(face)))
    out["face_detect_no_face_ms"] = median_ms(lambda: det.detect(to_gray(empty)))
    out["face_precheck_ms"] = median_ms(lambda: check_quality(face, det))
    out["qr_zxing_ms"] = median_ms(lambda: zx.decode(qr))
    out["qr_zxing_on_face_frame_ms"] = median_ms(lambda: zx.decode(face))
    out["qr_opencv_aruco_ms"] = median_ms(lambda: cv_aruco.decode(qr))
    out["qr_opencv_classic_ms"] = median_ms(lambda: cv_plain.detectAndDecode(qr))
    out["face_detect_plus_qr_ms"] = round(out["face_detect_ms"] + out["qr_zxing_on_face_frame_ms"], 2)
    out["precheck_plus_qr_ms"] = round(out["face_precheck_ms"] + out["qr_zxing_on_face_frame_ms"], 2)
    out["within_33ms"] = out["precheck_plus_qr_ms"] <= 33.0

    variants = _qr_variants()
    decoders = {
        "zxing": zx.decode,
        "opencv_aruco": cv_aruco.decode,
        "opencv_classic": lambda img: [t for t in [cv_plain.detectAndDecode(img)[0]] if t],
    }
    out["qr_decoded"] = {
        name: sorted(k for k, img in variants.items() if fn(img) == [s.DEMO_QR_TEXT])
        for name, fn in decoders.items()
    }
    out["qr_variants"] = len(variants)
    return out


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
