"""Serial-mode scanners: splitting codes under CR / CRLF / TAB, decoding, and the listener the
kiosk builds for `sim://scanner` (the simulated scanner on a pty: one event per code, unplug
and replug), and the CLI against a simulator."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest

from drivers.base import DeviceProblem, DeviceState, ScannedCode
from drivers.scanner import ScannerEvent, ScannerSimulator, SerialScanner, WedgeScanner, device_for_uri
from drivers.scanner.codes import CodeSplitter, decode_code
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
def listen() -> Iterator[Callable[..., tuple[SerialScanner, Recorder, Recorder]]]:
    """`listen(uri="sim://scanner", **options)`: the scanner the kiosk builds for `uri`, started;
    (scanner, codes, statuses). Its simulator is `scanner.simulator`."""
    made: list[SerialScanner] = []

    def make(uri: str = "sim://scanner", **options: object) -> tuple[SerialScanner, Recorder, Recorder]:
        codes, statuses = Recorder(), Recorder()
        scanner = device_for_uri(uri, backoff=(0.05, 0.2), **options)  # type: ignore[arg-type]

        def on_event(event: ScannerEvent) -> None:
            assert not isinstance(event, DeviceProblem), event
            codes(event.text)

        scanner.subscribe(on_event)
        scanner.subscribe_status(statuses)
        made.append(scanner)
        scanner.start()
        assert statuses.wait_for(
            lambda items: any(s.state in (DeviceState.CONNECTED, DeviceState.SIMULATED) for s in items)
        )
        return scanner, codes, statuses

    yield make
    for scanner in made:
        assert scanner.stop(3.0)


@pytest.mark.parametrize("suffix", ["CR", "CRLF", "TAB"])
def test_listener_emits_one_event_per_code(listen, suffix: str) -> None:
    scanner, codes, statuses = listen()
    assert statuses.items[-1].state is DeviceState.SIMULATED
    for code in CODES:
        scanner.simulator.scan(code, suffix=suffix)
    assert codes.wait_count(len(CODES))
    assert codes.items == CODES


def test_listener_decodes_a_gbk_scanner(listen) -> None:
    scanner, codes, _ = listen("sim://scanner?encoding=gbk")
    scanner.simulator.scan("访客码 VIS-1")
    assert codes.wait_count(1) and codes.items == ["访客码 VIS-1"]


def test_code_written_in_pieces_is_one_event(listen) -> None:
    scanner, codes, _ = listen()
    raw = "访客码-0042\r\n".encode()
    for piece in (raw[:2], raw[2:5], raw[5:]):
        scanner.simulator.write_raw(piece)
    assert codes.wait_count(1)
    assert codes.items == ["访客码-0042"]


def test_idle_flush_for_scanners_without_suffix(listen) -> None:
    scanner, codes, _ = listen("sim://scanner?suffix=NONE", idle_flush=0.1)
    scanner.simulator.scan("NOSUFFIX01")
    assert codes.wait_count(1) and codes.items == ["NOSUFFIX01"]


def test_listener_survives_unplug_and_replug(listen) -> None:
    scanner, codes, statuses = listen(baudrate=115200)
    sim = scanner.simulator
    sim.scan("BEFORE-001")
    assert codes.wait_count(1)
    n = len(statuses.items)  # counted before: the listener may report the loss at once
    sim.unplug()
    assert statuses.wait_state(DeviceState.MISSING, after=n)
    sim.plug()
    n = len(statuses.items)
    assert statuses.wait_state(DeviceState.SIMULATED, after=n)
    assert "115200" in scanner.status.detail
    sim.scan("AFTER-0002")
    assert codes.wait_count(2)
    assert codes.items == ["BEFORE-001", "AFTER-0002"]


def test_a_real_port_reports_connected_and_a_missing_one_missing(
    scanner_sim: ScannerSimulator, tmp_path
) -> None:
    scanner = device_for_uri(scanner_sim.path)
    assert scanner.simulator is None
    statuses = Recorder()
    scanner.subscribe_status(statuses)
    with_missing = device_for_uri(str(tmp_path / "ttyNONE"), backoff=(0.05, 0.2))
    with_missing.subscribe_status(statuses)
    scanner.start()
    with_missing.start()
    try:
        assert statuses.wait_state(DeviceState.CONNECTED)
        assert statuses.wait_state(DeviceState.MISSING)
        assert "not found" in with_missing.status.detail
    finally:
        assert scanner.stop() and with_missing.stop()
    assert scanner.status.state is DeviceState.DISABLED


def test_sim_uri_mistakes_are_refused_with_the_right_form() -> None:
    assert isinstance(device_for_uri("simulated").simulator, ScannerSimulator)  # the older spelling
    with pytest.raises(ValueError, match="sim://scanner"):
        device_for_uri("sim://idcard")
    with pytest.raises(ValueError, match="suffix"):
        device_for_uri("sim://scanner?suffix=SEMICOLON")


def test_wedge_scanner_hands_typed_codes_to_subscribers_like_a_serial_one() -> None:
    wedge = WedgeScanner()
    codes, statuses = Recorder(), Recorder()
    unsubscribe = wedge.subscribe(codes)
    wedge.subscribe_status(statuses)
    wedge.start()
    assert wedge.status.state is DeviceState.CONNECTED and "键盘" in wedge.status.detail
    wedge.typed("VC1WEDGE2024")
    unsubscribe()
    wedge.typed("NOT-HEARD")
    assert codes.items == [ScannedCode("VC1WEDGE2024")]
    assert wedge.stop() and wedge.status.state is DeviceState.DISABLED


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
