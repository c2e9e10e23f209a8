"""Quitting: `visitor-kiosk` started as installed (bundled server, demo data, simulated devices)
and stopped the way a kiosk is stopped — SIGTERM from systemd or a shutdown, which closes the
window exactly as its close button does — exits 0, without a native crash at interpreter exit
("Fatal Python error: bool_dealloc" was seen there), and takes its server child with it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.config import isolated_env

ROOT = Path(__file__).resolve().parents[2]
START = "import sys; from kiosk.app import main; sys.exit(main())"  # the console script's entry


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper that a container may not have is not running)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


@pytest.mark.timeout(180)
def test_sigterm_closes_the_kiosk_cleanly_with_its_server(tmp_path: Path) -> None:
    env = isolated_env(tmp_path, "AA:BB:CC:DD:EE:41")
    proc = subprocess.Popen(
        [sys.executable, "-c", START],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    lines: list[str] = []
    server_pid = 0
    try:
        for line in proc.stderr:
            lines.append(line)
            found = re.search(r"bundled server starting on \S+ \(pid (\d+)", line)
            if found:
                server_pid = int(found.group(1))
            if "kiosk.context: ready" in line or "connecting failed" in line:
                break
        assert any("kiosk.context: ready" in line for line in lines), "".join(lines[-20:])
        time.sleep(1.0)  # devices and the offline machinery are running now
        proc.send_signal(signal.SIGTERM)
        lines += proc.stderr.readlines()
        code = proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = "".join(lines)
    assert "Fatal Python error" not in stderr, stderr[-3000:]
    assert code == 0, stderr[-3000:]
    assert "visitor-kiosk stopped" in stderr
    assert server_pid and not _alive(server_pid)
    # personal data at rest is this user's only: folders 0700, files 0600 (the server's too)
    for root in (tmp_path / "data", tmp_path / "logs"):
        for path in [root, *root.rglob("*")]:
            mode = path.stat().st_mode & 0o777
            assert mode & 0o077 == 0, f"{path} is {oct(mode)}"


@pytest.mark.timeout(120)
def test_a_kiosk_that_dies_at_start_takes_its_server_with_it(tmp_path: Path) -> None:
    """Qt aborts the process (no display, missing xcb libraries): the bundled server child,
    already started, must not stay behind as an orphan holding its port."""
    # with no display: Qt's fatal "could not connect to display"
    env = isolated_env(tmp_path, "AA:BB:CC:DD:EE:42", QT_QPA_PLATFORM="xcb")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run(
        [sys.executable, "-c", START], cwd=ROOT, env=env, capture_output=True, text=True, timeout=90
    )
    assert proc.returncode != 0
    found = re.search(r"bundled server starting on \S+ \(pid (\d+)", proc.stderr)
    assert found, proc.stderr[-2000:]
    server_pid = int(found.group(1))
    deadline = time.monotonic() + 10
    while _alive(server_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(server_pid), "the server child outlived the kiosk"


@pytest.mark.timeout(120)
def test_under_systemd_the_kiosk_says_ready_beats_from_its_gui_thread_and_says_stopping(
    tmp_path: Path,
) -> None:
    """Type=notify with WatchdogSec: READY=1 once the window is up, WATCHDOG=1 from the GUI thread's
    timer (a frozen window stops it and systemd restarts the kiosk), STOPPING=1 on SIGTERM."""
    import socket

    address = str(tmp_path / "notify.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(address)
    listener.settimeout(30)
    env = isolated_env(
        tmp_path,
        "AA:BB:CC:DD:EE:43",
        NOTIFY_SOCKET=address,
        WATCHDOG_USEC="1000000",  # a beat every 0.5 s
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", START], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    heard: list[str] = []
    try:
        while heard.count("WATCHDOG=1") < 3:
            heard.append(listener.recv(256).decode())
        assert heard[0] == "READY=1"
        proc.send_signal(signal.SIGTERM)
        while "STOPPING=1" not in heard:
            heard.append(listener.recv(256).decode())
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        listener.close()


@pytest.mark.timeout(120)
def test_a_key_file_that_holds_no_key_stops_the_kiosk_in_words(tmp_path: Path) -> None:
    """The databases' key file was damaged (or is some other file): the kiosk must not start on
    fresh databases (the queued registrations are in the old ones), nor crash; it exits 2 saying
    which file, and its server child goes with it."""
    key = tmp_path / "config" / "db.key"
    key.parent.mkdir(parents=True)
    key.write_text("not a key\n")
    env = isolated_env(tmp_path, "AA:BB:CC:DD:EE:44", VISITOR_KIOSK_PRIVACY_ENCRYPT="required")
    proc = subprocess.run(
        [sys.executable, "-c", START], cwd=ROOT, env=env, capture_output=True, text=True, timeout=90
    )
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "数据库无法打开" in proc.stderr and str(key) in proc.stderr
    assert "Traceback" not in proc.stderr
    assert key.read_text() == "not a key\n"  # never overwritten: it may be the only copy
    found = re.search(r"bundled server starting on \S+ \(pid (\d+)", proc.stderr)
    if found:
        deadline = time.monotonic() + 10
        while _alive(int(found.group(1))) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(int(found.group(1)))
