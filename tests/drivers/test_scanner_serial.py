"""Serial-mode scanners: splitting codes under CR / CRLF / TAB, decoding, and the listener
against the simulated scanner on a pty (one event per code, unplug and replug)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest

from drivers.base import DeviceState
from drivers.scanner.codes import CodeSplitter, decode_code
from drivers.scanner.serial_scanner import SerialScanner
from drivers.scanner.simulator import ScannerSimulator
from tests.drivers.conftest import Recorder

CODES = ["VIS-2024-000123", "访客码-甲", "https://visit.example/q?id=42&t=9f3a"]


@pytest.mark.parametrize("suffix", [b"\r", b"\r\n", b"\t"])
def test_splitter_gives_one_code_per_suffix(suffix: bytes) -> None:
    stream = b"".join(c.encode() + suffix for c in CODES)
    assert CodeSplitter().feed(stream) == CODES


@pytest.mark.parametrize("suffix", [b"\r", b"\r\n", b"\t"])
def test_splitter_handles_codes_cut_anywhere(suffix: bytes) -> None:
    stream = b"".join(c.encode() + suffix for c in CODES)
    splitter, codes = CodeSplitter(), []
    for i in range(len(stream)):  # one byte at a time, through multi-byte characters too
        codes += splitter.feed(stream[i : i + 1])
    assert codes == CODES
    assert splitter.pending == b""


def test_lf_of_crlf_arriving_late_does_not_make_an_empty_or_dirty_code() -> None:
    s = CodeSplitter()
    assert s.feed(b"ABC123\r") == ["ABC123"]
    assert s.feed(b"\nDEF456\r") == ["DEF456"]
    assert s.feed(b"\r\n\t") == []


def test_gbk_is_the_fallback_when_bytes_are_not_utf8() -> None:
    assert decode_code("访客码".encode("gbk")) == "访客码"
    assert decode_code("访客码".encode()) == "访客码"
    assert CodeSplitter().feed("张三".encode("gbk") + b"\r") == ["张三"]


def test_runaway_input_without_suffix_is_discarded_and_flush_takes_pending() -> None:
    s = CodeSplitter(max_length=10)
    assert s.feed(b"x" * 11) == [] and s.pending == b""
    assert s.feed(b"NOSUFFIX") == [] and s.flush() == "NOSUFFIX" and s.flush() is None


@pytest.fixture
def listen(tty_link: str) -> Iterator[Callable[..., tuple[SerialScanner, Recorder, Recorder]]]:
    made: list[SerialScanner] = []

    def make(**options: object) -> tuple[SerialScanner, Recorder, Recorder]:
        codes, statuses = Recorder(), Recorder()
        scanner = SerialScanner(tty_link, on_code=codes, backoff=(0.05, 0.2), **options)  # type: ignore[arg-type]
        scanner.status.subscribe(statuses)
        made.append(scanner)
        scanner.start()
        assert statuses.wait_state(DeviceState.CONNECTED) or statuses.wait_state(DeviceState.SIMULATED)
        return scanner, codes, statuses

    yield make
    for scanner in made:
        assert scanner.stop(3.0)


@pytest.mark.parametrize("suffix", ["CR", "CRLF", "TAB"])
def test_listener_emits_one_event_per_code(scanner_sim: ScannerSimulator, listen, suffix: str) -> None:
    _, codes, _ = listen()
    for code in CODES:
        scanner_sim.scan(code, suffix=suffix)
    assert codes.wait_count(len(CODES))
    assert codes.items == CODES


def test_listener_decodes_a_gbk_scanner(scanner_sim: ScannerSimulator, listen) -> None:
    _, codes, _ = listen()
    scanner_sim.scan("访客码 VIS-1", encoding="gbk")
    assert codes.wait_count(1) and codes.items == ["访客码 VIS-1"]


def test_code_written_in_pieces_is_one_event(scanner_sim: ScannerSimulator, listen) -> None:
    _, codes, _ = listen()
    raw = "访客码-0042\r\n".encode()
    for piece in (raw[:2], raw[2:5], raw[5:]):
        scanner_sim.write_raw(piece)
    assert codes.wait_count(1)
    assert codes.items == ["访客码-0042"]


def test_idle_flush_for_scanners_without_suffix(scanner_sim: ScannerSimulator, listen) -> None:
    _, codes, _ = listen(idle_flush=0.1)
    scanner_sim.scan("NOSUFFIX01", suffix="NONE")
    assert codes.wait_count(1) and codes.items == ["NOSUFFIX01"]


def test_listener_survives_unplug_and_replug(tty_link: str, listen) -> None:
    sim = ScannerSimulator(tty_link)
    sim.start()
    scanner, codes, statuses = listen(baudrate=115200)
    sim.scan("BEFORE-001")
    assert codes.wait_count(1)
    sim.stop()
    n = len(statuses.items)
    assert statuses.wait_state(DeviceState.MISSING, after=n)
    sim = ScannerSimulator(tty_link)
    sim.start()
    try:
        n = len(statuses.items)
        assert statuses.wait_state(DeviceState.CONNECTED, after=n)
        assert "115200" in scanner.status.current.detail
        sim.scan("AFTER-0002")
        assert codes.wait_count(2)
        assert codes.items == ["BEFORE-001", "AFTER-0002"]
    finally:
        sim.stop()


def test_cli_listen_prints_codes(scanner_sim: ScannerSimulator) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "drivers.scanner", "listen", "--port", scanner_sim.path],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        status = json.loads(proc.stdout.readline())
        assert status["event"] == "status" and status["state"] == "connected"
        scanner_sim.scan("CLI-CODE-77")
        assert json.loads(proc.stdout.readline()) == {"event": "code", "code": "CLI-CODE-77"}
    finally:
        proc.terminate()
        proc.wait(10)
