"""`visitor-kiosk --render-screens DIR --size WxH`, run as installed: every screen of both modes
in both languages is written, each shows the screen it is named after (the manifest says which
page was showing), and no shot carries the error banner (a renderer that lies hides defects)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(400)
ROOT = Path(__file__).resolve().parents[2]

STATE = ["state_connecting_live", "state_connecting", "state_licence_refused", "state_unreachable"]
STAFF = [
    "staff_login",
    "staff_register_empty",
    "staff_register_filled",
    "staff_permit",
    "staff_register_blacklisted",
    "staff_signout_empty",
    "staff_signout_found",
    "staff_today",
    "staff_visit_details",
    "staff_onsite",
    "staff_prints",
    "staff_devices",
    "staff_offline_banner",
    "staff_needs_attention",
]
# the wizard's shots and the page each must show
WIZARD = {
    "selfservice_welcome": "WelcomePage",
    "selfservice_idcard": "IdCardPage",
    "selfservice_photo": "PhotoPage",
    "selfservice_photo_taken": "PhotoPage",
    "selfservice_phone": "PhonePage",
    "selfservice_host": "HostPage",
    "selfservice_purpose": "PurposePage",
    "selfservice_notice": "NoticePage",
    "selfservice_confirm": "ConfirmPage",
    "selfservice_done": "DonePage",
    "selfservice_goodbye": "MessagePage",
    "selfservice_booked": "BookedPage",
    "selfservice_manual": "ManualPage",
    "selfservice_refused": "MessagePage",
    "selfservice_login": "LoginPage",
    "selfservice_offline_banner": "WelcomePage",
}


def test_every_screen_is_rendered_truthfully_at_a_small_size(tmp_path: Path) -> None:
    out = tmp_path / "screens"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.app", "--render-screens", str(out), "--size", "1366x768"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=380,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sizes"] == ["1366x768"] and manifest["errors"] == []
    shots = {s["file"]: s for s in manifest["shots"]}
    for suffix in ("", "_en"):
        for name in [*STATE, *STAFF, *WIZARD]:
            file = f"1366x768/{name}{suffix}.png"
            assert (out / file).is_file(), f"{file} was not rendered"
            assert file in shots, f"{file} is not in the manifest"
        for name, page in WIZARD.items():
            shown = shots[f"1366x768/{name}{suffix}.png"]["showing"]
            assert shown == page, f"{name}{suffix} shows {shown}, not {page}"
    banners = {f: s["banner"] for f, s in shots.items() if s["error_banner"]}
    assert not banners, banners
    assert shots["1366x768/staff_offline_banner.png"]["offline_banner"]
