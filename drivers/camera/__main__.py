"""Camera CLI: `python -m drivers.camera snapshot|check|scan --source 0|video.avi|folder|sim://camera`.

Each command runs the camera device the kiosk builds from the same source setting, and exits 1
when the source delivers no frame within --timeout (not found, cannot be opened).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time

from drivers.base import ScannedCode
from drivers.camera.capture import Camera, device_for_uri
from drivers.camera.face import FaceDetector, check_quality
from drivers.camera.photo import MAX_PHOTO_BYTES, make_photo
from drivers.camera.qr import QrDecoder, QrScanner
from drivers.camera.sources import open_source


class NoFrames(Exception):
    """The source delivered no frame in time; the message says what the camera reported."""


def _camera(a: argparse.Namespace) -> Camera:
    cam = device_for_uri(a.source, fps=a.fps, backoff=(0.5, 2.0))
    cam.subscribe_status(lambda s: print(f"# {s.state.value}: {s.detail}", file=sys.stderr))
    return cam


def _first_frame(cam: Camera, source: str, timeout: float, warmup: int = 0) -> int:
    """Wait for frames, skipping `warmup` of them (auto-exposure settles); the index of the first
    one kept. Raises NoFrames with the camera's status words when none comes within `timeout`."""
    deadline = time.monotonic() + timeout
    last = 0
    while time.monotonic() < deadline:
        f = cam.wait_frame(last, timeout=max(0.05, deadline - time.monotonic()))
        if f is None:
            continue
        last = f.index
        if last > warmup:
            return last
    state = cam.status  # read before stop(), which sets it to DISABLED
    raise NoFrames(f"no frames from {source} within {timeout:g} s ({state.state.value}: {state.detail})")


def _start(a: argparse.Namespace) -> tuple[Camera, int]:
    """Start capture and wait for the first frames; (camera, last index). The camera is stopped
    again when no frame comes."""
    cam = _camera(a)
    cam.start()
    try:
        return cam, _first_frame(cam, a.source, a.timeout, 5 if cam.source.frame_interval is None else 0)
    except NoFrames:
        cam.stop()
        raise


def cmd_snapshot(a: argparse.Namespace) -> int:
    cam, last = _start(a)
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
    cam, last = _start(a)
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

    def on_code(code: ScannedCode) -> None:
        codes.append(code.text)
        print(code.text, flush=True)

    end = time.monotonic() + a.seconds
    cam = _camera(a)
    scanner = QrScanner(cam, hold=a.hold, decoder=QrDecoder(a.backend))
    scanner.subscribe(on_code)
    cam.start()
    scanner.start()
    try:
        _first_frame(cam, a.source, a.timeout)
        while time.monotonic() < end and (a.count == 0 or len(codes) < a.count):
            time.sleep(0.05)  # CLI main loop; the work happens on the camera threads
    except KeyboardInterrupt:
        pass
    finally:
        scanner.stop()
        cam.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m drivers.camera", description="摄像头：拍照、人脸预检、扫码")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="cmd", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--source",
            default="0",
            help="0 (camera index), /dev/video0, video.avi, a folder, "
            "frames/frame_%%03d.png, image.jpg, or sim://camera[?file=clip.avi] (simulated)",
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
    try:
        open_source(a.source)  # only parses: a malformed sim:// URI is a usage error (exit 2)
    except ValueError as exc:
        p.error(str(exc))
    try:
        return int(a.fn(a))
    except NoFrames as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
