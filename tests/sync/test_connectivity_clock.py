"""Connectivity monitor timing and callbacks; the NTP-style clock offset."""

from __future__ import annotations

import threading
import time

from sync.clock import ClockSync, ntp_offset_ms, server_time_s
from sync.connectivity import ConnectivityMonitor


def test_loss_is_noticed_within_5_s_and_return_at_once():
    up = threading.Event()
    up.set()

    def probe(timeout):
        if up.is_set():
            return True
        time.sleep(timeout)  # a server that does not answer: the probe times out
        return False

    changes: list[tuple[bool, float]] = []
    flipped = threading.Event()
    mon = ConnectivityMonitor(probe, interval=0.2, timeout=0.2)
    mon.on_change(lambda ok: (changes.append((ok, time.monotonic())), flipped.set()))
    mon.start()
    try:
        lost_at = time.monotonic()
        up.clear()
        assert flipped.wait(5)
        assert changes[0][0] is False and changes[0][1] - lost_at < 5
        flipped.clear()
        up.set()
        assert flipped.wait(2) and changes[-1][0] is True
    finally:
        mon.stop()


def test_default_settings_worst_case_is_under_5_s():
    mon = ConnectivityMonitor(lambda t: True)
    assert mon.fail_threshold * (mon.interval + mon.timeout) < 5


def test_a_failed_real_call_triggers_a_probe():
    calls = []
    mon = ConnectivityMonitor(lambda t: calls.append(t) or False, interval=60, fail_threshold=2)
    mon.report_failure()
    assert mon.online  # one failure is not enough (a blip)
    mon.report_failure()
    assert not mon.online
    mon.report_success()
    assert mon.online


def test_probe_exceptions_mean_offline_not_a_dead_thread():
    def boom(_t):
        raise OSError("no route")

    mon = ConnectivityMonitor(boom, fail_threshold=1)
    assert mon.check_now() is False


def test_ntp_offset():
    # kiosk sends at 100.0, server stamps 105.2 (receive) / 105.3 (send), kiosk receives at 100.5
    assert ntp_offset_ms(100.0, 105.2, 105.3, 100.5) == 5000
    assert ntp_offset_ms(100.0, 100.1, 100.1, 100.2) == 0


def test_clock_sync_uses_one_server_timestamp_and_remembers_it(outbox):
    walls = iter([1000.0, 1000.4])
    sync = ClockSync(lambda: {"sysTimeUTC": "998200"}, store=outbox, wall=lambda: next(walls))
    assert sync.measure() == -2000  # server 998.2 vs kiosk midpoint 1000.2
    assert ClockSync(lambda: {}, store=outbox).offset_ms == -2000  # after a restart
    assert outbox.enqueue("signOut", "x", {}).clock_offset_ms == -2000


def test_server_time_from_iso_when_no_utc_millis():
    assert server_time_s({"sysTime": "2026-11-28T08:00:00+08:00", "sysTimeUTC": ""}) == 1795824000.0
