"""The camera CLI as an operator runs it: snapshot, check and scan on files and `sim://camera`,
and every command exiting 1 when its source cannot be opened (run as a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from drivers.camera.__main__ import main
from drivers.camera.synthetic import DEMO_QR_TEXT

DATA = Path(__file__).resolve().parents[1] / "data" / "camera"


@pytest.fixture(autouse=True)
def no_leftover_camera_threads():
    yield
    left = [t.name for t in threading.enumerate() if t.name.startswith("camera-") and t.is_alive()]
    assert not left, f"camera threads left running: {left}"


def test_snapshot_from_simulated_writes_a_small_jpeg(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.jpg"
    assert main(["snapshot", "--source", "sim://camera", "--burst", "0.3", str(out)]) == 0
    data = out.read_bytes()
    assert data[:2] == b"\xff\xd8" and len(data) <= 200 * 1024
    info = json.loads(capsys.readouterr().out)
    assert info["bytes"] == len(data) and info["cropped"] is True


def test_snapshot_from_video_file(tmp_path: Path) -> None:
    out = tmp_path / "v.jpg"
    argv = ["snapshot", "--source", str(DATA / "face.avi"), "--fps", "50", "--burst", "0.2", str(out)]
    assert main(argv) == 0
    assert out.stat().st_size > 1000


def test_check_prints_the_precheck_as_json(capsys) -> None:
    assert main(["check", "--source", str(DATA / "stills" / "blurred.jpg")]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["ok"] is False and report["hint"] == "画面模糊，请保持不动" and report["faces"] == 1


def test_scan_prints_the_code_once(capsys) -> None:
    assert main(["scan", "--source", str(DATA / "qr.avi"), "--fps", "100", "--seconds", "1"]) == 0
    assert capsys.readouterr().out.splitlines() == [DEMO_QR_TEXT]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drivers.camera", *args], capture_output=True, text=True, timeout=60
    )


def test_scan_as_a_subprocess_on_a_simulated_camera_prints_the_code() -> None:
    out = _cli("scan", "--source", f"sim://camera?file={DATA / 'qr.avi'}&fps=100", "--seconds", "1")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [DEMO_QR_TEXT]
    assert "# simulated:" in out.stderr


@pytest.mark.parametrize("command", ["scan", "snapshot", "check"])
@pytest.mark.parametrize("source", ["/dev/video-not-here", "sim://camera?file=/nonexistent/clip.avi"])
def test_every_command_exits_1_when_the_source_cannot_be_opened(
    tmp_path: Path, command: str, source: str
) -> None:
    extra = {"snapshot": [str(tmp_path / "out.jpg")], "scan": ["--seconds", "1"], "check": []}[command]
    out = _cli(command, "--source", source, "--timeout", "1", *extra)
    assert out.returncode == 1, (out.stdout, out.stderr)
    assert "no frames from" in out.stderr and "(missing: " in out.stderr  # the state before stop()
    assert out.stdout == ""


def test_a_malformed_sim_uri_is_a_usage_error() -> None:
    out = _cli("scan", "--source", "sim://camera?fps=fast")
    assert out.returncode == 2 and "fps" in out.stderr
