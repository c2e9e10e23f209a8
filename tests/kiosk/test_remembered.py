"""What the kiosk remembers for an offline start: the licence's age, and operators who logged in
here — only with their own password, only within the grace, in a file only this user reads."""

from __future__ import annotations

import stat
from pathlib import Path

from kiosk.services.remembered import Remembered


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_an_operator_logs_in_offline_only_with_their_password_and_within_the_grace(tmp_path: Path) -> None:
    clock = Clock()
    memory = Remembered(tmp_path / "remembered.json", clock=clock)
    memory.operator_logged_in("前台", "s3cret-Pass", "前台小王")
    assert memory.operator_offline("前台", "s3cret-Pass", within_s=3600) == "前台小王"
    assert memory.operator_offline("前台", "wrong", within_s=3600) is None
    assert memory.operator_offline("别人", "s3cret-Pass", within_s=3600) is None
    clock.now += 3601
    assert memory.operator_offline("前台", "s3cret-Pass", within_s=3600) is None
    assert "s3cret-Pass" not in (tmp_path / "remembered.json").read_text(encoding="utf-8")


def test_the_licence_is_remembered_until_the_server_refuses_it(tmp_path: Path) -> None:
    clock = Clock()
    memory = Remembered(tmp_path / "remembered.json", clock=clock)
    assert memory.licence_age_s() is None
    memory.licence_granted()
    clock.now += 7200
    assert memory.licence_age_s() == 7200
    memory.licence_refused()
    assert memory.licence_age_s() is None


def test_the_file_is_readable_by_this_user_only(tmp_path: Path) -> None:
    memory = Remembered(tmp_path / "remembered.json")
    memory.licence_granted()
    assert stat.S_IMODE((tmp_path / "remembered.json").stat().st_mode) == 0o600
