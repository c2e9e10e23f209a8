"""Printing service through real ESC/POS over TCP to the printer sink: one permit per orderId, reprint on
request, history states on disk, retry, fallback printer; the printed raster's QR decodes back."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import zxingcpp

from drivers.printer import PermitPrinter, PrinterSink
from kiosk.services.printing import JobKind, JobState, PrintJob, PrintService

QR = "VC1" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" * 4 + "ABCDEFGHIJKL"


def visit(order_id: str = "9a1b6c2e-0000-4000-8000-000000000001") -> dict[str, str]:
    return {
        "orderId": order_id,
        "name": "张伟",
        "phoneNum": "13812345678",
        "beVisitPersonName": "王经理",
        "beVisitGroupName": "行政部",
        "purpose": "商务洽谈",
        "startTimeISO": "2026-11-28T09:05:07+08:00",
        "endTimeISO": "2026-11-28T18:00:00+08:00",
        "qrCode": QR,
    }


def qr_in_job(data: bytes) -> list[str]:
    """Independent reading of the GS v 0 bands (not the driver's code) and zxing-cpp on the result."""
    bands = []
    i = data.find(b"\x1dv0")
    while i >= 0:
        x = data[i + 4] + 256 * data[i + 5]
        y = data[i + 6] + 256 * data[i + 7]
        body = np.frombuffer(data, dtype=np.uint8, count=x * y, offset=i + 8)
        bands.append(np.unpackbits(body.reshape(y, x), axis=1))
        i = data.find(b"\x1dv0", i + 8 + x * y)
    gray = np.pad(np.where(np.vstack(bands) == 1, 0, 255).astype(np.uint8), 32, constant_values=255)
    return [r.text for r in zxingcpp.read_barcodes(gray) if r.format == zxingcpp.BarcodeFormat.QRCode]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again: connecting to it is refused


@pytest.fixture
def sink() -> Iterator[PrinterSink]:
    with PrinterSink() as s:
        yield s


@pytest.fixture
def service_factory(tmp_path: Path) -> Iterator:
    made: list[PrintService] = []

    def make(printers: list, db: Path | None = None, paper: int = 80) -> PrintService:
        service = PrintService(printers, db or tmp_path / "print.db", paper=paper)
        service.start()
        made.append(service)
        return service

    yield make
    for s in made:
        try:
            s.stop()
        except Exception:
            pass


def test_one_permit_per_order_and_qr_decodes_from_the_wire(sink: PrinterSink, service_factory) -> None:
    printer = PermitPrinter(sink.uri, paper=80, timeout=2)
    service = service_factory([("主打印机", printer)])
    states: list[JobState] = []
    service.subscribe(lambda job: states.append(job.state))

    first = service.print_permit(visit())
    assert service.wait_idle(10)
    again = service.print_permit(visit())  # the QR scanned a second time, a double tap ...
    assert service.wait_idle(10)

    assert again.job_id == first.job_id
    jobs = sink.wait_for_jobs(1)
    assert len(sink.jobs) == 1
    assert qr_in_job(jobs[0].data) == [QR]
    done = service.job(first.job_id)
    assert done is not None and done.state is JobState.DONE and done.printer == "主打印机"
    assert states == [JobState.WAITING, JobState.PRINTING, JobState.DONE]


def test_reprint_on_request_prints_again_at_58mm(sink: PrinterSink, service_factory) -> None:
    service = service_factory([("p", PermitPrinter(sink.uri, paper=58, timeout=2))], paper=58)
    service.print_permit(visit())
    service.print_permit(visit(), reprint=True)
    assert service.wait_idle(10)
    jobs = sink.wait_for_jobs(2)
    assert len(jobs) == 2
    for job in jobs:
        i = job.data.find(b"\x1dv0")
        assert job.data[i + 4 : i + 6] == bytes([384 // 8, 0])  # GS v 0 m xL xH: 48 bytes = 384 dots
        assert qr_in_job(job.data) == [QR]
    kinds = sorted(j.kind.value for j in service.history())
    assert kinds == ["permit", "reprint"]


def test_failure_goes_to_the_fallback_printer(sink: PrinterSink, service_factory) -> None:
    dead = PermitPrinter(f"tcp://127.0.0.1:{free_port()}", paper=80, timeout=1)
    service = service_factory(
        [("前台打印机", dead), ("备用打印机", PermitPrinter(sink.uri, paper=80, timeout=2))]
    )
    job = service.print_permit(visit())
    assert service.wait_idle(10)
    done = service.job(job.job_id)
    assert done is not None and done.state is JobState.DONE and done.printer == "备用打印机"
    assert qr_in_job(sink.wait_for_jobs(1)[0].data) == [QR]


def test_all_printers_fail_then_retry_after_paper_is_loaded(sink: PrinterSink, service_factory) -> None:
    sink.set_state(paper="out")
    service = service_factory([("p", PermitPrinter(sink.uri, paper=80, timeout=2))])
    job = service.print_permit(visit())
    assert service.wait_idle(10)
    failed = service.job(job.job_id)
    assert failed is not None and failed.state is JobState.FAILED
    assert "纸" in failed.error  # words a person can act on
    assert not sink.jobs
    # asking again without reprint does not print behind the person's back
    assert service.print_permit(visit()).state is JobState.FAILED

    sink.set_state(paper="ok")
    service.retry(job.job_id)
    assert service.wait_idle(10)
    done = service.job(job.job_id)
    assert done is not None and done.state is JobState.DONE and done.attempts == 2
    assert qr_in_job(sink.wait_for_jobs(1)[0].data) == [QR]


def test_history_persists_across_restarts_and_keeps_no_picture(
    sink: PrinterSink, tmp_path: Path, service_factory
) -> None:
    db = tmp_path / "history.db"
    first = service_factory([("p", PermitPrinter(sink.uri, timeout=2))], db=db)
    job = first.print_permit(visit())
    assert first.wait_idle(10)
    first.stop()

    second = service_factory([("p", PermitPrinter(sink.uri, timeout=2))], db=db)
    history = second.history()
    assert [(h.job_id, h.state, h.visitor) for h in history] == [(job.job_id, JobState.DONE, "张*")]
    assert second.print_permit(visit()).job_id == job.job_id  # still idempotent after a restart
    assert second.wait_idle(5)
    assert len(sink.jobs) == 1
    import sqlite3

    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT image FROM print_job").fetchone()[0] is None


def test_interrupted_job_is_not_printed_twice_after_a_crash(
    tmp_path: Path, sink: PrinterSink, service_factory
) -> None:
    db = tmp_path / "crash.db"
    gate = threading.Event()

    class Stuck:
        def print_permit(self, image) -> int:  # the process dies while the printer has the job
            gate.wait(5)
            raise RuntimeError("killed")

    crashed = PrintService([("p", Stuck())], db)
    crashed.start()
    job = crashed.print_permit(visit())
    # the job is 'printing' when the process "dies": reopen the database without stopping the worker
    for _ in range(200):
        if crashed.job(job.job_id).state is JobState.PRINTING:  # type: ignore[union-attr]
            break
        threading.Event().wait(0.01)
    reopened = service_factory([("p", PermitPrinter(sink.uri, timeout=2))], db=db)
    gate.set()
    recovered = reopened.job(job.job_id)
    assert recovered is not None and recovered.state is JobState.FAILED and "重打" in recovered.error
    crashed.stop()


def test_test_page_job(sink: PrinterSink, service_factory) -> None:
    from drivers.printer.testpage import render_test_permit

    service = service_factory([("p", PermitPrinter(sink.uri, timeout=2))])
    seen: list[PrintJob] = []
    service.subscribe(seen.append)
    job = service.print_image(render_test_permit(576, qr_data="VIS:TEST:0001"))
    assert service.wait_idle(10)
    assert job.kind is JobKind.TEST and seen[-1].state is JobState.DONE
    assert qr_in_job(sink.wait_for_jobs(1)[0].data) == ["VIS:TEST:0001"]
