"""Camera CLI: `python -m drivers.camera snapshot|check|scan --source 0|video.avi|folder|simulated`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time

from drivers.base import DeviceState
from drivers.camera.capture import Camera
from drivers.camera.face import FaceDetector, check_quality
from drivers.camera.photo import MAX_PHOTO_BYTES, make_photo
from drivers.camera.qr import QrDecoder, QrScanner
from drivers.camera.sources import open_source


def _start(source: str, fps: float | None, timeout: float) -> tuple[Camera, int]:
    """Start capture and skip the first frames (auto-exposure settles); (camera, last index)."""
    cam = Camera(open_source(source, fps=fps), backoff=(0.5, 2.0))
    cam.subscribe_status(lambda s: print(f"# {s.state.value}: {s.detail}", file=sys.stderr))
    cam.start()
    deadline = time.monotonic() + timeout
    warmup = 5 if cam.source.frame_interval is None else 0
    last = 0
    while time.monotonic() < deadline:
        f = cam.wait_frame(last, timeout=max(0.05, deadline - time.monotonic()))
        if f is None:
            continue
        last = f.index
        if last > warmup:
            return cam, last
    state = cam.status
    cam.stop()
    raise SystemExit(f"no frames from {source} within {timeout:g} s ({state.state.value}: {state.detail})")


def cmd_snapshot(a: argparse.Namespace) -> int:
    cam, last = _start(a.source, a.fps, a.timeout)
    try:
        # Collect a short burst so the best frame (sharpest, best framed) can be picked.
        end = time.monotonic() + a.burst
        while time.monotonic() < end:
            f = cam.wait_frame(last, timeout=end - time.monotonic())
            if f is not None:
                last = f.index
        frames = [f.image for f in cam.recent()]
    finally:
        cam.stop()
    photo = make_photo(frames, max_bytes=a.max_bytes, crop_to_face=not a.full)
    with open(a.out, "wb") as fh:
        fh.write(photo.jpeg)
    rep = photo.report
    print(
        json.dumps(
            {
                "file": a.out,
                "bytes": len(photo.jpeg),
                "width": photo.width,
                "height": photo.height,
                "quality": photo.quality,
                "cropped": photo.cropped,
                "score": rep.score if rep else None,
                "hint": rep.hint if rep else None,
            },
            ensure_ascii=False,
        )
    )
    return 0


def cmd_check(a: argparse.Namespace) -> int:
    cam, last = _start(a.source, a.fps, a.timeout)
    try:
        det = FaceDetector()
        for _ in range(a.frames):
            f = cam.wait_frame(last, timeout=a.timeout)
            if f is None:
                break
            last = f.index
            print(json.dumps(check_quality(f.image, det).to_dict(), ensure_ascii=False, default=str))
    finally:
        cam.stop()
    return 0


def cmd_scan(a: argparse.Namespace) -> int:
    codes: list[str] = []

    def on_code(text: str) -> None:
        codes.append(text)
        print(text, flush=True)

    cam = Camera(open_source(a.source, fps=a.fps), backoff=(0.5, 2.0))
    cam.subscribe_status(lambda s: print(f"# {s.state.value}: {s.detail}", file=sys.stderr))
    scanner = QrScanner(cam, on_code, hold=a.hold, decoder=QrDecoder(a.backend))
    cam.start()
    scanner.start()
    try:
        end = time.monotonic() + a.seconds
        while time.monotonic() < end and (a.count == 0 or len(codes) < a.count):
            time.sleep(0.05)  # CLI main loop; the work happens on the camera threads
    except KeyboardInterrupt:
        pass
    finally:
        scanner.stop()
        cam.stop()
    return 0 if codes or cam.status.state is not DeviceState.MISSING else 1


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m drivers.camera", description="摄像头：拍照、人脸预检、扫码")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="cmd", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--source",
            default="0",
            help="0 (camera index), /dev/video0, video.avi, a folder, "
            "frames/frame_%%03d.png, image.jpg, or simulated",
        )
        sp.add_argument("--fps", type=float, default=None, help="playback rate of files (default: their own)")
        sp.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for the first frames")

    sp = sub.add_parser("snapshot", help="save the best frame of a short burst as JPEG (<= 200 KB)")
    common(sp)
    sp.add_argument("out")
    sp.add_argument("--burst", type=float, default=1.0, help="seconds of frames to pick the best from")
    sp.add_argument("--max-bytes", type=int, default=MAX_PHOTO_BYTES)
    sp.add_argument("--full", action="store_true", help="keep the whole frame (no crop to the face)")
    sp.set_defaults(fn=cmd_snapshot)

    sp = sub.add_parser("check", help="print the face pre-check of frames as JSON lines")
    common(sp)
    sp.add_argument("--frames", type=int, default=1)
    sp.set_defaults(fn=cmd_check)

    sp = sub.add_parser("scan", help="print each distinct QR code seen")
    common(sp)
    sp.add_argument("--seconds", type=float, default=10.0)
    sp.add_argument("--count", type=int, default=0, help="stop after this many codes (0: run for --seconds)")
    sp.add_argument("--hold", type=float, default=3.0, help="seconds before the same code is reported again")
    sp.add_argument("--backend", choices=("auto", "zxing", "opencv"), default="auto")
    sp.set_defaults(fn=cmd_scan)

    a = p.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if a.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    return int(a.fn(a))


if __name__ == "__main__":
    sys.exit(main())
