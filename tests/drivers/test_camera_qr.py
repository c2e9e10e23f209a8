"""QR codes decoded from recorded camera frames to the exact content, and the debounce that
makes a camera behave like a scanner (one event per code held up)."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import pytest

from drivers.base import DeviceState, ScannedCode
from drivers.camera.capture import Camera
from drivers.camera.qr import QrDebouncer, QrDecoder, QrScanner
from drivers.camera.sources import VideoFileSource
from drivers.camera.synthetic import DEMO_QR_TEXT

DATA = Path(__file__).resolve().parents[1] / "data" / "camera"


@pytest.fixture(autouse=True)
def no_leftover_camera_threads():
    yield
    left = [t.name for t in threading.enumerate() if t.name.startswith("camera-") and t.is_alive()]
    assert not left, f"camera threads left running: {left}"


@pytest.mark.parametrize("backend", ["zxing", "opencv"])
def test_qr_still_decodes_to_exact_text(backend: str) -> None:
    img = cv2.imread(str(DATA / "stills" / "qr.jpg"))
    assert QrDecoder(backend).decode(img) == [DEMO_QR_TEXT]


def test_every_frame_of_the_qr_clip_decodes() -> None:
    cap = cv2.VideoCapture(str(DATA / "qr.avi"))
    dec = QrDecoder()
    n = 0
    while True:
        ok, img = cap.read()
        if not ok:
            break
        assert dec.decode(img) == [DEMO_QR_TEXT]
        n += 1
    cap.release()
    assert n == 10


def test_frame_without_code_decodes_to_nothing() -> None:
    assert QrDecoder().decode(cv2.imread(str(DATA / "stills" / "good.jpg"))) == []


def test_debouncer_emits_a_held_code_once_and_again_after_it_left() -> None:
    now = [0.0]
    d = QrDebouncer(hold=3.0, clock=lambda: now[0])
    assert d.feed(["A"]) == ["A"]
    for _ in range(30):  # held in view for 3 s at 10 fps
        now[0] += 0.1
        assert d.feed(["A"]) == []
    assert d.feed(["A", "B", "B"]) == ["B"]
    now[0] += 3.5  # both out of view for longer than hold
    assert d.feed([]) == []
    now[0] += 0.1
    assert d.feed(["B", "A"]) == ["B", "A"]


def test_scanner_on_a_looping_clip_reports_the_code_once(recorder) -> None:
    codes = recorder()
    cam = Camera(VideoFileSource(DATA / "qr.avi", fps=100))  # 10 frames: loops every 0.1 s
    scanner = QrScanner(cam, hold=5.0)
    scanner.subscribe(codes)
    cam.start()
    scanner.start()
    try:
        assert scanner.status.state is DeviceState.CONNECTED  # the scanner device is the camera now
        assert codes.wait_count(1, timeout=5)
        seen = cam.latest().index
        assert cam.wait_frame(seen + 25, timeout=5) is not None  # 2.5 more loops of the clip
    finally:
        assert scanner.stop() and cam.stop()
    assert codes.items == [ScannedCode(DEMO_QR_TEXT)]
    assert scanner.status.state is DeviceState.DISABLED
