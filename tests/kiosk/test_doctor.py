"""`visitor-kiosk doctor`: a technician's check of a kiosk, as the installed program runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import isolated_env

ROOT = Path(__file__).resolve().parents[2]
START = "import sys; from kiosk.app import main; sys.exit(main())"


def _doctor(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", START, "doctor", "--json", *args],
        cwd=ROOT,
        env=isolated_env(tmp_path, "AA:BB:CC:DD:EE:61", **env),
        capture_output=True,
        text=True,
        timeout=150,
    )


@pytest.mark.timeout(180)
def test_doctor_passes_with_the_bundled_server_and_simulated_devices(tmp_path: Path) -> None:
    done = _doctor(tmp_path, VISITOR_KIOSK_DEVICES_SIMULATE="yes")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert done.returncode == 0, report
    names = {c["name"]: c for c in report["checks"]}
    assert names["server"]["ok"] and names["licence"]["ok"] and names["font"]["ok"]
    for family in ("idcard", "scanner", "camera", "printer"):
        assert names[f"device {family}"]["ok"] and names[f"device {family}"]["detail"].startswith("simulated")


@pytest.mark.timeout(120)
def test_doctor_fails_when_the_server_or_a_configured_device_is_missing(tmp_path: Path) -> None:
    done = _doctor(
        tmp_path,
        VISITOR_KIOSK_SERVER_URL="http://127.0.0.1:9",
        VISITOR_KIOSK_SERVER_TOKEN="t",
        VISITOR_KIOSK_DEVICES_SIMULATE="no",
        VISITOR_KIOSK_DEVICES_IDCARD_PORT="/dev/ttyNOSUCHREADER",
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert done.returncode == 1 and not report["ok"]
    names = {c["name"]: c for c in report["checks"]}
    assert not names["server"]["ok"]
    assert not names["device idcard"]["ok"] and names["device idcard"]["required"]
    assert names["device printer"]["ok"] and not names["device printer"]["required"]  # not set up here


def test_version_is_printed(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", START, "--version"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("visitor-kiosk ")


def test_doctor_says_when_the_encrypted_databases_lost_their_key(tmp_path: Path) -> None:
    """A kiosk's data folder copied to a new machine without its key file: the technician must
    hear it before leaving, not find an empty outbox later."""
    from kiosk.config import Config
    from kiosk.doctor import check_privacy
    from sync import sqlitedb

    config = Config.for_tests(tmp_path)
    if not sqlitedb.available():
        pytest.skip("SQLCipher (sqlcipher3-wheels) has no wheel for this platform")
    [check] = check_privacy(config)
    assert check.ok and "SQLCipher" in check.detail  # nothing stored yet, the key comes at first start
    outbox = config.databases[0]
    outbox.parent.mkdir(parents=True, exist_ok=True)
    outbox.write_bytes(bytes(range(256)) * 16)  # what an encrypted database looks like from outside
    [check] = check_privacy(config)
    assert not check.ok and check.required and str(config.key_file) in check.detail
