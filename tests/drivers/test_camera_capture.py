"""Capture thread: start/stop from a video file and an image folder, pacing, latest frame,
disconnect -> MISSING -> reconnect when the source file or folder goes away and comes back;
the camera the kiosk builds for each kind of `camera_source`, `sim://camera` included."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.base import DeviceState
from drivers.camera.capture import Camera, Frame, device_for_uri
from drivers.camera.sources import (
    CameraSource,
    ImageSequenceSource,
    VideoFileSource,
    open_source,
    simulated_source,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "camera"
FAST = dict(fail_threshold=3, backoff=(0.02, 0.1))


@pytest.fixture(autouse=True)
def no_leftover_camera_threads():
    yield
    left = [t.name for t in threading.enumerate() if t.name.startswith("camera-") and t.is_alive()]
    assert not left, f"camera threads left running: {left}"


def _camera(source, recorder_cls):
    frames, statuses = recorder_cls(), recorder_cls()
    cam = Camera(source, **FAST)
    cam.subscribe_status(statuses)
    cam.subscribe(frames)
    return cam, frames, statuses


def test_video_file_frames_flow_loop_and_stop_cleanly(recorder) -> None:
    cam, frames, statuses = _camera(VideoFileSource(DATA / "face.avi", fps=100), recorder)
    cam.start()
    try:
        assert frames.wait_count(30, timeout=5)  # the clip has 12 frames: it looped
    finally:
        assert cam.stop(timeout=3)
    assert not cam.running
    assert statuses.items[0].state is DeviceState.CONNECTED and "face.avi" in statuses.items[0].detail
    assert cam.status.state is DeviceState.DISABLED
    f: Frame = frames.items[0]
    assert f.image.shape == (480, 640, 3) and f.image.dtype == np.uint8
    assert not f.image.flags.writeable  # shared between listeners
    idx = [fr.index for fr in frames.items]
    assert idx == list(range(1, len(idx) + 1))
    n = len(frames.items)
    assert cam.latest() is not None and cam.latest().index == n  # nothing delivered after stop
    assert [fr.index for fr in cam.recent()] == idx[-15:]


def test_file_playback_is_paced_at_its_fps(recorder) -> None:
    cam, frames, _ = _camera(VideoFileSource(DATA / "face.avi", fps=25), recorder)
    with cam:
        assert frames.wait_count(8, timeout=5)
    ts = [f.timestamp for f in frames.items[:8]]
    span = ts[-1] - ts[0]
    assert 7 * 0.04 * 0.8 <= span <= 7 * 0.04 * 3, span  # 7 intervals of 40 ms, some slack for a busy CI


def test_video_file_uses_the_files_own_rate_by_default() -> None:
    src = VideoFileSource(DATA / "face.avi")
    src.open()
    try:
        assert src.frame_interval == pytest.approx(0.1)  # written at 10 fps by make_media.py
    finally:
        src.close()


def test_image_folder_plays_its_images_in_order(recorder, tmp_path: Path) -> None:
    folder = tmp_path / "frames"
    shutil.copytree(DATA / "frames", folder)
    expected = [cv2.imread(str(p)) for p in sorted(folder.glob("*.png"))]
    cam, frames, statuses = _camera(ImageSequenceSource(folder, fps=100), recorder)
    with cam:
        assert frames.wait_count(len(expected) * 2, timeout=5)
    got = [f.image for f in frames.items[: len(expected) * 2]]
    for i, img in enumerate(got):
        assert np.array_equal(img, expected[i % len(expected)])
    assert statuses.items[0].state is DeviceState.CONNECTED


def test_printf_and_glob_sequences_find_the_same_frames() -> None:
    names = sorted(p.name for p in (DATA / "frames").glob("*.png"))
    folder = DATA / "frames"
    for spec in (str(folder / "frame_%03d.png"), str(folder / "*.png"), str(folder)):
        src = open_source(spec)
        assert isinstance(src, ImageSequenceSource)
        src.open()
        assert [Path(p).name for p in src._files] == names
        src.close()


def test_source_strings_map_to_source_kinds() -> None:
    assert isinstance(open_source("0"), CameraSource) and open_source("0").device == 0
    assert isinstance(open_source(2), CameraSource)
    assert isinstance(open_source("/dev/video1"), CameraSource)
    assert isinstance(open_source("clip.avi"), VideoFileSource)
    assert isinstance(open_source("photo.jpg"), ImageSequenceSource)
    for spelling in ("sim://camera", "simulated", "sim", "demo"):  # the older spellings too
        sim = open_source(spelling)
        assert isinstance(sim, VideoFileSource) and sim.simulated and sim.path.endswith("demo.avi")
    clip = open_source(f"sim://camera?file={DATA / 'qr.avi'}&fps=50")
    assert isinstance(clip, VideoFileSource) and clip.simulated and clip.frame_interval == pytest.approx(0.02)
    for uri, words in [
        ("sim://printer", "sim://camera"),
        ("sim://camera?fps=fast", "fps"),
        ("sim://camera?x=1", "x"),
    ]:
        with pytest.raises(ValueError, match=words):
            open_source(uri)


def test_sim_uri_plays_a_file_as_a_simulated_camera(recorder) -> None:
    cam = device_for_uri(f"sim://camera?file={DATA / 'face.avi'}&fps=100", **FAST)
    frames, statuses = recorder(), recorder()
    unsubscribe = cam.subscribe(frames)
    cam.subscribe_status(statuses)
    with cam:
        assert frames.wait_count(3, timeout=5)
        unsubscribe()
        seen = len(frames.items)
        last = cam.latest().index
        assert cam.wait_frame(last + 3, timeout=5) is not None
    assert len(frames.items) == seen  # no frames after unsubscribing
    assert statuses.items[0].state is DeviceState.SIMULATED and "face.avi" in statuses.items[0].detail


def test_folder_that_disappears_goes_missing_then_reconnects(recorder, tmp_path: Path) -> None:
    folder = tmp_path / "frames"
    shutil.copytree(DATA / "frames", folder)
    cam, frames, statuses = _camera(ImageSequenceSource(folder, fps=100), recorder)
    with cam:
        assert statuses.wait_state(DeviceState.CONNECTED)
        assert frames.wait_count(2)
        folder.rename(tmp_path / "unplugged")
        assert statuses.wait_state(DeviceState.MISSING, timeout=5)
        last = cam.latest().index
        n_status = len(statuses.items)
        (tmp_path / "unplugged").rename(folder)
        assert statuses.wait_state(DeviceState.CONNECTED, timeout=5, after=n_status)
        assert cam.wait_frame(last, timeout=5) is not None  # frames flow again
    assert not cam.running


def test_video_file_that_disappears_goes_missing_then_reconnects(recorder, tmp_path: Path) -> None:
    clip = tmp_path / "cam.avi"
    shutil.copy(DATA / "face.avi", clip)
    cam, frames, statuses = _camera(VideoFileSource(clip, fps=100), recorder)
    with cam:
        assert statuses.wait_state(DeviceState.CONNECTED)
        clip.unlink()  # noticed when the loop ends and the file is reopened
        assert statuses.wait_state(DeviceState.MISSING, timeout=5)
        n_status = len(statuses.items)
        last = cam.latest().index
        shutil.copy(DATA / "face.avi", clip)
        assert statuses.wait_state(DeviceState.CONNECTED, timeout=5, after=n_status)
        assert cam.wait_frame(last, timeout=5) is not None


def test_no_camera_still_starts_and_says_missing(recorder) -> None:
    cam, frames, statuses = _camera(CameraSource("/dev/video-not-here"), recorder)
    cam.start()  # must not raise: the kiosk starts without a camera
    try:
        assert statuses.wait_state(DeviceState.MISSING, timeout=5)
        assert "/dev/video-not-here" in statuses.items[0].detail
        assert cam.latest() is None and cam.wait_frame(0, timeout=0.1) is None
    finally:
        assert cam.stop(timeout=3)
    assert frames.items == []


def test_simulated_source_reports_simulated_and_shows_a_face(recorder) -> None:
    from drivers.camera.face import check_quality

    cam, frames, statuses = _camera(simulated_source(fps=100), recorder)
    with cam:
        assert frames.wait_count(3, timeout=5)
    assert statuses.items[0].state is DeviceState.SIMULATED
    assert check_quality(frames.items[0].image).ok


def test_a_failing_listener_does_not_stop_capture(recorder) -> None:
    cam, frames, _ = _camera(VideoFileSource(DATA / "face.avi", fps=100), recorder)

    def broken(frame: Frame) -> None:
        raise RuntimeError("listener bug")

    cam.subscribe(broken)
    with cam:
        assert frames.wait_count(5, timeout=5)


def test_camera_source_capture_path_on_a_file_backend() -> None:
    # No camera on CI: drive CameraSource's open/set/read path through OpenCV's file backend.
    src = CameraSource(str(DATA / "face.avi"), backend=cv2.CAP_ANY)
    src.open()
    try:
        img = src.read()
        assert img is not None and img.shape == (480, 640, 3)
        assert "640x480" in src.describe()
    finally:
        src.close()
    assert src.read() is None  # closed: a failed read, not an exception


def test_face_guide_reports_live_hints(recorder) -> None:
    from drivers.camera.guide import FaceGuide

    reports = recorder()
    cam = Camera(VideoFileSource(DATA / "face.avi", fps=50), **FAST)
    guide = FaceGuide(cam, rate=20)
    guide.subscribe(lambda guidance: reports((guidance.frame.index, guidance.report)))
    cam.start()
    guide.start()
    try:
        assert reports.wait_count(3, timeout=5)
    finally:
        assert guide.stop() and cam.stop()
    assert all(r.ok and r.hint == "很好，请保持" for _, r in reports.items)
    idx = [i for i, _ in reports.items]
    assert idx == sorted(set(idx))  # each frame at most once, in order


def test_shipped_media_stay_small() -> None:
    from drivers.camera.sources import DEMO_CLIP

    test_media = sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file() and p.suffix != ".py")
    assert test_media < 1024 * 1024 and DEMO_CLIP.stat().st_size < 512 * 1024
