"""drivers.printer through the TCP sink, a pty and a file: permits decode back to the QR sent,
jobs start with ESC @ and end with a cut, paper-out and unreachable printers fail in words and in time.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from drivers.base import DeviceError, DeviceState
from drivers.printer import (
    PermitPrinter,
    PrinterSink,
    SinkState,
    build_permit_job,
    device_for_uri,
    qr_image,
    raster_commands,
)
from drivers.printer.sink import _StreamParser
from drivers.printer.status import encode
from drivers.printer.testpage import find_cjk_font, render_test_permit
from tests.drivers._printer_sink import decode_qr, extract_rasters, stacked

ROOT = Path(__file__).resolve().parents[2]
ESC_AT = b"\x1b@"
CUT = b"\x1dVB\x00"
QR_TEXT = "VIS:2024-000123:9f3a7c"


@pytest.fixture
def sink() -> Iterator[PrinterSink]:
    with PrinterSink() as s:
        yield s


def permit(width: int, qr_text: str = QR_TEXT, module_px: int = 6) -> Image.Image:
    """What the kiosk hands over: text and QR already rendered into one image."""
    qr = qr_image(qr_text, module_px=module_px)
    image = Image.new("L", (width, qr.height + 220), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle([10, 10, width - 10, 90], fill=0)  # a header bar
    draw.rectangle([20, 120, 120, 200], fill=128)  # photo-ish grey block
    image.paste(qr, ((width - qr.width) // 2, 210))
    return image


@pytest.mark.parametrize(
    "paper, dots, source_width", [(80, 576, 576), (58, 384, 384), (58, 384, 576), (80, 576, 384)]
)
def test_permit_qr_decodes_back_from_the_bytes_the_printer_received(
    sink: PrinterSink, paper: int, dots: int, source_width: int
) -> None:
    printer = PermitPrinter(sink.uri, paper)
    printer.print_permit(permit(source_width))
    (job,) = sink.wait_for_jobs(1)
    assert job.data.startswith(ESC_AT)  # initialise first: python-escpos won't
    assert job.data.endswith(CUT)
    rasters = extract_rasters(job.data)
    assert rasters and all(r.shape[1] == dots for r in rasters)
    assert decode_qr(stacked(rasters)) == [QR_TEXT]
    assert job.queries == [1, 2, 3, 4]  # status checked before printing
    assert printer.status.state is DeviceState.CONNECTED


def test_tall_permit_is_split_into_bands_that_stack_back(sink: PrinterSink) -> None:
    image = Image.new("L", (576, 2000), 255)
    image.paste(qr_image(QR_TEXT, 8), (100, 900))  # straddles the 960-row band boundary
    PermitPrinter(sink.uri).print_permit(image)
    rasters = extract_rasters(sink.wait_for_jobs(1)[0].data)
    assert [r.shape[0] for r in rasters] == [960, 960, 80]
    assert decode_qr(stacked(rasters)) == [QR_TEXT]


def test_raster_bytes_match_python_escpos() -> None:
    from escpos.printer import Dummy

    image = permit(576).convert("1")
    dummy = Dummy(profile="TM-T20II")
    dummy.image(image, impl="bitImageRaster")
    assert raster_commands(image) == dummy.output


def test_job_layout_init_raster_feed_cut() -> None:
    job = build_permit_job(Image.new("L", (576, 10), 255), 80, feed_lines=3)
    assert job == ESC_AT + b"\x1dv0\x00" + bytes([72, 0, 10, 0]) + bytes(720) + b"\x1bd\x03" + CUT


def test_paper_out_refuses_with_words_and_sends_no_print_data(sink: PrinterSink) -> None:
    sink.set_state(paper="out")
    printer = PermitPrinter(sink.uri)
    with pytest.raises(DeviceError, match="打印机缺纸"):
        printer.print_permit(permit(576))
    assert printer.status.state is DeviceState.MISSING
    assert "缺纸" in printer.status.detail
    deadline = time.monotonic() + 2
    while not sink.connections and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sink.jobs == [] and sink.connections[0].queries  # asked, then stopped
    sink.set_state(paper="ok")  # paper loaded: prints again
    printer.print_permit(permit(576))
    assert len(sink.wait_for_jobs(1)) == 1
    assert printer.status.state is DeviceState.CONNECTED


@pytest.mark.parametrize(
    "state, words, can_print",
    [
        ({}, "正常", True),
        ({"paper": "near_end"}, "纸将用完", True),
        ({"paper": "out"}, "打印机缺纸", False),
        ({"cover_open": True}, "上盖打开", False),
        ({"offline": True}, "离线", False),
    ],
)
def test_status_in_words(sink: PrinterSink, state: dict[str, object], words: str, can_print: bool) -> None:
    sink.set_state(**state)
    result = PermitPrinter(sink.uri).query_status()
    assert words in result.words
    assert result.can_print is can_print


def test_unreachable_printer_fails_fast_with_words() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    printer = PermitPrinter(f"tcp://127.0.0.1:{port}", timeout=1.0)
    started = time.monotonic()
    with pytest.raises(DeviceError, match="无法连接打印机"):
        printer.print_permit(permit(576))
    assert time.monotonic() - started < 1.5
    assert printer.status.state is DeviceState.MISSING


def test_printer_that_never_accepts_times_out_within_the_bound() -> None:
    # A listener whose backlog is full drops further SYNs, like a powered-off printer on the LAN.
    server = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = server.getsockname()[1]
    fillers = []
    for _ in range(4):
        c = socket.socket()
        c.settimeout(0.2)
        try:
            c.connect(("127.0.0.1", port))
        except OSError:
            pass
        fillers.append(c)
    try:
        started = time.monotonic()
        with pytest.raises(DeviceError, match="秒内无应答"):
            PermitPrinter(f"tcp://127.0.0.1:{port}", timeout=0.5).query_status()
        assert time.monotonic() - started < 2.0
    finally:
        for c in fillers:
            c.close()
        server.close()


def test_printer_without_status_support_still_prints_after_one_bounded_wait() -> None:
    with PrinterSink(state=SinkState(answer_status=False)) as sink:
        printer = PermitPrinter(sink.uri, status_timeout=0.3)
        started = time.monotonic()
        printer.print_permit(permit(576))
        assert time.monotonic() - started < 1.5
        (job,) = sink.wait_for_jobs(1)
        assert job.queries == [1]  # gave up after the first unanswered query
        assert decode_qr(stacked(extract_rasters(job.data))) == [QR_TEXT]
        assert "未应答" in printer.query_status().words


def test_raster_bytes_that_look_like_dle_eot_are_not_status_queries(sink: PrinterSink) -> None:
    # a row whose packed bytes are 10 04 01 10 04 04 ...: a naive sink would answer them
    row = np.unpackbits(np.array([0x10, 0x04, 0x01, 0x10, 0x04, 0x04] * 12, dtype=np.uint8))
    image = Image.fromarray(np.where(np.tile(row, (20, 1)) == 1, 0, 255).astype(np.uint8), mode="L")
    PermitPrinter(sink.uri).send_job(build_permit_job(image, 80, dither=False))
    (job,) = sink.wait_for_jobs(1)
    assert job.queries == [1, 2, 3, 4]
    assert (extract_rasters(job.data)[0] == np.tile(row, (20, 1))).all()


def test_stream_parser_handles_commands_split_across_reads() -> None:
    stream = b"\x10\x04\x04" + build_permit_job(Image.new("L", (576, 3), 0), 80) + b"\x10\x04\x02"
    parser = _StreamParser()
    queries = []
    for i in range(0, len(stream), 5):
        queries += parser.feed(stream[i : i + 5])
    assert queries == [4, 2]
    assert parser.finish() == stream[3:-3]


@pytest.mark.parametrize("uri", ["sim://printer", "simulated"])  # the older spelling too
def test_sim_uri_prints_to_an_in_process_sink(uri: str) -> None:
    with PermitPrinter(uri, 58) as printer:
        printer.print_permit(permit(384))  # without start(): a job opens what it needs
        assert printer.simulator is not None
        assert decode_qr(stacked(extract_rasters(printer.simulator.wait_for_jobs(1)[0].data))) == [QR_TEXT]
        assert printer.status.state is DeviceState.SIMULATED
    assert printer.status.state is DeviceState.DISABLED


def test_started_printer_checks_its_status_in_the_background(recorder) -> None:
    printer = device_for_uri("sim://printer?paper=out", 80)
    statuses = recorder()
    printer.subscribe_status(statuses)
    printer.start()
    try:
        assert statuses.items[0].state is DeviceState.SIMULATED and "正在检查" in statuses.items[0].detail
        assert statuses.wait_state(DeviceState.MISSING)  # the check found the paper out
        assert "缺纸" in printer.status.detail
        sink = printer.simulator
        assert sink is not None
        deadline = time.monotonic() + 2
        while not sink.connections and time.monotonic() < deadline:  # logged once the connection closes
            time.sleep(0.01)
        assert sink.connections[0].queries == [1, 2, 3, 4] and sink.jobs == []
        sink.set_state(paper="ok")
        printer.print_permit(permit(576))
        assert printer.status.state is DeviceState.SIMULATED
    finally:
        assert printer.stop()
    assert printer.status.state is DeviceState.DISABLED


@pytest.mark.parametrize(
    "uri, words",
    [
        ("sim://printer?paper=gone", "paper"),
        ("sim://printer?speed=9", "speed"),
        ("sim://camera", "sim://printer"),
    ],
)
def test_sim_uri_mistakes_say_the_right_form(uri: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        PermitPrinter(uri)


def test_file_uri_writes_the_exact_job(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    target.touch()
    image = permit(576)
    printer = PermitPrinter(f"file://{target}")
    printer.print_permit(image)
    assert target.read_bytes() == build_permit_job(image, 80)  # no status queries mixed in
    assert "不能读取打印机状态" in printer.query_status().words


def test_serial_uri_checks_status_and_prints_over_a_pty() -> None:
    master, slave = os.openpty()
    received = bytearray()
    parser = _StreamParser()
    stop = threading.Event()

    def printer_side() -> None:  # a serial printer with paper: answers DLE EOT
        answers = encode()
        while not stop.is_set():
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            received.extend(chunk)
            for n in parser.feed(chunk):
                os.write(master, bytes([answers[n]]))

    t = threading.Thread(target=printer_side, daemon=True)
    t.start()
    try:
        printer = PermitPrinter(f"serial://{os.ttyname(slave)}?baud=115200")
        printer.print_permit(permit(576))
        assert printer.query_status().words == "正常"
        deadline = time.monotonic() + 3
        while CUT not in parser.data and time.monotonic() < deadline:
            time.sleep(0.02)
        assert decode_qr(stacked(extract_rasters(bytes(parser.data)))) == [QR_TEXT]
    finally:
        stop.set()
        os.close(slave)
        os.close(master)
        t.join(2)


@pytest.mark.parametrize(
    "uri, module, words", [("cups://POS80", "cups", "pycups"), ("usb://04b8:0202", "usb", "pyusb")]
)
def test_optional_transports_without_their_library_say_what_to_install(
    uri: str, module: str, words: str
) -> None:
    # In a child process with the library hidden, so it runs whether or not it is installed here.
    code = (
        f"import sys; sys.modules[{module!r}] = None\n"
        "from drivers.base import DeviceError\n"
        "from drivers.printer import PermitPrinter\n"
        f"printer = PermitPrinter({uri!r})\n"
        "try:\n    printer.query_status()\nexcept DeviceError as exc:\n    print(exc)\n"
        "print(printer.status.state.value)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert words in out.stdout
    assert out.stdout.splitlines()[-1] == DeviceState.UNAVAILABLE.value


@pytest.mark.parametrize("uri", ["lpt://x", "tcp://:9100", "usb://epson", "tcp://host:abc", "cups://"])
def test_malformed_uri_is_rejected_with_an_example(uri: str) -> None:
    with pytest.raises(ValueError, match="://"):
        PermitPrinter(uri)


def test_cjk_font_found_and_test_permit_fits_the_paper() -> None:
    assert find_cjk_font() is not None, "fonts-wqy-microhei is a project dependency"
    for dots in (384, 576):
        image = render_test_permit(dots, qr_data="VIS:TEST:0001")
        assert image.width == dots
        assert decode_qr(np.where(np.asarray(image.convert("1")), 0, 1)) == ["VIS:TEST:0001"]


def test_cli_prints_a_test_permit_and_reports_status(sink: PrinterSink) -> None:
    run = [sys.executable, "-m", "drivers.printer"]
    out = subprocess.run(
        run + ["test", "--uri", sink.uri, "--width", "576"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    rasters = extract_rasters(sink.wait_for_jobs(1)[0].data)
    assert decode_qr(stacked(rasters)) == ["VIS:TEST:0001"]
    sink.set_state(paper="out")
    out = subprocess.run(
        run + ["status", "--uri", sink.uri], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 1 and "缺纸" in out.stdout
