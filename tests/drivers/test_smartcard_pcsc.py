"""drivers.smartcard against the real pcscd with vsmartcard's vpcd reader and our virtual card.

Covers what a person at the kiosk notices: a card tap gives its UID, removal is reported,
a refused Get Data comes back in words, and a pcscd restart heals itself.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.base import DeviceState
from drivers.smartcard import CardWatcher, VirtualCard, device_for_uri
from tests.drivers._pcsc import (
    VIRTUAL_READER,
    Recorder,
    missing_reason,
    start_pcscd,
    stop_pcscd,
    wait_reader_empty,
)

pytestmark = [
    pytest.mark.pcsc,
    pytest.mark.skipif(missing_reason() is not None, reason=missing_reason() or ""),
]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def pcscd() -> None:
    start_pcscd()


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


@pytest.fixture
def watcher(rec: Recorder) -> Iterator[CardWatcher]:
    wait_reader_empty()
    w = rec.watch(device_for_uri("sim://smartcard", retry_s=0.1, unavailable_retry_s=0.2))
    w.start()
    rec.wait_for(lambda e: e[0] == "status" and e[1] == DeviceState.SIMULATED.value)
    yield w
    w.stop()


def test_card_tap_gives_uid_and_removal_is_reported(watcher: CardWatcher, rec: Recorder) -> None:
    assert watcher.status.state is DeviceState.SIMULATED
    assert VIRTUAL_READER in watcher.status.detail
    with VirtualCard("04A22B6A") as card:
        assert rec.wait_for(lambda e: e[0] == "card") == ("card", "04A22B6A", VIRTUAL_READER)
    # only Get Data is sent; a second one when the first answer was lost on a busy machine (a retry)
    assert card.apdus and set(card.apdus) == {bytes.fromhex("FFCA000000")}, card.apdus
    rec.wait_for(lambda e: e[0] == "removed")


def test_two_cards_in_a_row_each_reported_once(watcher: CardWatcher, rec: Recorder) -> None:
    for uid in ("04A22B6A", "04112233445566"):  # 4- and 7-byte UIDs
        mark = len(rec.events)
        with VirtualCard(uid):
            rec.wait_for(lambda e, uid=uid: e == ("card", uid, VIRTUAL_READER), after=mark)
        rec.wait_for(lambda e: e[0] == "removed", after=mark)
    cards = [e[1] for e in rec.events if e[0] == "card"]
    assert cards == ["04A22B6A", "04112233445566"]


@pytest.mark.parametrize("sw, words", [(b"\x63\x00", "63 00"), (b"\x6a\x81", "6A 81")])
def test_refused_get_data_is_reported_in_words_not_as_a_card(
    watcher: CardWatcher, rec: Recorder, sw: bytes, words: str
) -> None:
    with VirtualCard("04A22B6A", uid_sw=sw):
        event = rec.wait_for(lambda e: e[0] == "error")
    assert words in event[1] and event[2] == VIRTUAL_READER
    rec.wait_for(lambda e: e[0] == "removed")
    assert not [e for e in rec.events if e[0] == "card"]


def test_reader_not_present_is_missing_with_the_readers_named(rec: Recorder) -> None:
    wait_reader_empty()
    w = rec.watch(device_for_uri("OMNIKEY 5022", retry_s=0.1))
    with w:
        event = rec.wait_for(lambda e: e[0] == "status")
    assert event[1] == DeviceState.MISSING.value
    assert "OMNIKEY 5022" in event[2] and VIRTUAL_READER in event[2]


def test_stop_is_prompt(watcher: CardWatcher) -> None:
    started = time.monotonic()
    assert watcher.stop()
    assert time.monotonic() - started < 1.0
    assert watcher.status.state is DeviceState.DISABLED


def test_the_simulator_behind_sim_uri_taps_a_card(watcher: CardWatcher, rec: Recorder) -> None:
    assert watcher.simulator is not None
    watcher.simulator.tap("04C0FFEE", hold=0.8)
    assert rec.wait_for(lambda e: e[0] == "card", timeout=5) == ("card", "04C0FFEE", VIRTUAL_READER)
    rec.wait_for(lambda e: e[0] == "removed", timeout=5)


def test_pcscd_restart_reports_missing_then_recovers_and_sees_next_card(
    watcher: CardWatcher, rec: Recorder
) -> None:
    with VirtualCard("04A22B6A"):
        rec.wait_for(lambda e: e[0] == "card")
        mark = len(rec.events)
        try:
            stop_pcscd()
            missing = rec.wait_for(
                lambda e: e[0] == "status" and e[1] == DeviceState.MISSING.value, after=mark
            )
            assert "pcscd" in missing[2] and "重连" in missing[2]
            rec.wait_for(lambda e: e[0] == "removed", after=mark)  # the card's state is unknown now
        finally:
            start_pcscd()
    rec.wait_for(lambda e: e[0] == "status" and e[1] == DeviceState.SIMULATED.value, after=mark, timeout=10)
    mark = len(rec.events)
    with VirtualCard("04BBCCDD"):
        rec.wait_for(lambda e: e == ("card", "04BBCCDD", VIRTUAL_READER), after=mark)


def test_started_without_pcscd_is_unavailable_then_comes_up_by_itself(rec: Recorder) -> None:
    w = rec.watch(device_for_uri("sim://smartcard", retry_s=0.1, unavailable_retry_s=0.2))
    stop_pcscd()
    try:
        w.start()
        event = rec.wait_for(lambda e: e[0] == "status")
        assert event[1] == DeviceState.UNAVAILABLE.value and "PC/SC 服务未运行" in event[2]
    finally:
        start_pcscd()
    try:
        rec.wait_for(lambda e: e[0] == "status" and e[1] == DeviceState.SIMULATED.value, timeout=10)
        with VirtualCard("04CAFE01"):
            rec.wait_for(lambda e: e[0] == "card" and e[1] == "04CAFE01")
    finally:
        w.stop()


def test_cli_watch_prints_the_uid_of_a_simulated_card() -> None:
    wait_reader_empty()
    watch = subprocess.Popen(
        [sys.executable, "-m", "drivers.smartcard", "watch", "--reader", "sim://smartcard", "--seconds", "6"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert watch.stdout is not None
        first = watch.stdout.readline()  # banner: the watcher is running
        assert "sim://smartcard" in first
        assert "simulated" in watch.stdout.readline()  # status line: the reader was found
        sim = subprocess.run(
            [sys.executable, "-m", "drivers.smartcard", "simulate", "--uid", "04A22B6A", "--seconds", "1.5"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=20,
        )
        assert sim.returncode == 0, sim.stderr
        lines = []
        while not any("移卡" in line for line in lines):
            line = watch.stdout.readline()
            assert line, f"watch ended early: {lines}"
            lines.append(line)
        assert any("UID=04A22B6A" in line for line in lines), (lines, sim.stdout)
    finally:
        watch.terminate()
        watch.wait(10)
