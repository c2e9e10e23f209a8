"""A kiosk that starts while its server is down: with a licence granted at the last good check
(within the site's grace) and a cache from an earlier run it starts in offline mode, an operator
who logged in here before logs in offline, registrations queue; and when the server returns the
kiosk reconnects and uploads by itself — nobody taps 重试. Without an earlier good run it says
it cannot connect, and connects by itself once the server is there."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.kiosk.conftest import LiveServer, login_operator
from tests.kiosk.test_offline_flows import _restart
from tests.kiosk.test_staff_flows import _accept_notice, _choose_host, _fill

pytestmark = pytest.mark.timeout(180)


def _close(window) -> None:  # noqa: ANN001 (a MainWindow)
    window.close()
    window.context.shutdown()


def test_a_kiosk_started_while_the_server_is_down_works_from_its_cache_and_recovers_alone(
    make_main_window, fresh_server: LiveServer, qtbot, tmp_path: Path
) -> None:
    home = tmp_path / "lobby-kiosk"
    # Given a day on which the kiosk ran online: licence granted, cache filled, operator logged in
    first = make_main_window(fresh_server, mode="staff", simulate="yes", home=home)
    login_operator(qtbot, first)
    cache = first.context.cache
    qtbot.waitUntil(lambda: cache.directory.oldest_age_seconds() is not None, timeout=20000)
    _close(first)

    # When the kiosk restarts while the server is down
    fresh_server.stop()
    window = make_main_window(fresh_server, mode="staff", simulate="yes", home=home)
    qtbot.waitUntil(lambda: window.context.state == "ready", timeout=15000)
    qtbot.waitUntil(lambda: window.offline_banner.isVisible(), timeout=10000)
    assert "离线模式" in window.offline_banner.text()

    # then the operator who worked here yesterday logs in offline, and a walk-in is queued
    console = login_operator(qtbot, window)
    assert "离线" in console.operator_label.text()
    page = console.show_page("register")
    qtbot.waitUntil(lambda: bool(page.form.fields), timeout=10000)
    name = "断网开机" + uuid.uuid4().hex[:4]
    _fill(qtbot, page, "name", name)
    _fill(qtbot, page, "phoneNum", "13811113333")
    _fill(qtbot, page, "purpose", "送货")
    _choose_host(qtbot, page)
    _accept_notice(page)
    with qtbot.waitSignal(page.registered, timeout=10000):
        qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    sync = window.context.sync
    assert sync.outbox.unsent_count() == 1

    # and when the server comes back, the kiosk reconnects and uploads without anyone tapping
    _restart(fresh_server)
    qtbot.waitUntil(lambda: sync.outbox.unsent_count() == 0, timeout=30000)
    qtbot.waitUntil(lambda: not window.offline_banner.isVisible(), timeout=15000)
    assert window.context.licence is not None and not window.context.licence.remembered
    found = fresh_server.db
    from sqlmodel import select

    from server.models import Visit

    with found.read() as s:
        assert s.exec(select(Visit).where(Visit.name == name)).first() is not None


def test_a_new_kiosk_without_a_good_run_waits_for_the_server_and_connects_alone(
    make_main_window, fresh_server: LiveServer, qtbot
) -> None:
    fresh_server.stop()
    window = make_main_window(fresh_server, mode="staff", simulate="yes")
    qtbot.waitUntil(lambda: window.context.state == "unreachable", timeout=15000)
    assert window.stack.currentWidget() is window.state_page
    _restart(fresh_server)
    qtbot.waitUntil(lambda: window.context.state == "ready", timeout=20000)
    assert window.stack.currentWidget() is window.content


def test_a_licence_older_than_the_grace_does_not_start_offline(
    make_main_window, fresh_server: LiveServer, qtbot, tmp_path: Path
) -> None:
    home = tmp_path / "old-kiosk"
    first = make_main_window(fresh_server, mode="staff", simulate="yes", home=home)
    qtbot.waitUntil(lambda: first.context.state == "ready", timeout=15000)
    cache = first.context.cache
    qtbot.waitUntil(lambda: cache.directory.oldest_age_seconds() is not None, timeout=20000)
    _close(first)
    fresh_server.stop()
    window = make_main_window(fresh_server, mode="staff", simulate="yes", home=home, licence_grace_h=0)
    qtbot.waitUntil(lambda: window.context.state != "connecting", timeout=15000)
    assert window.context.state == "unreachable"
