"""A TCP "port 9100" printer simulator (what `sim://printer` prints to): stores every job per
connection and answers DLE EOT status.

It parses the stream the way a printer must, skipping GS v 0 / GS ( payloads, so raster bytes
that happen to read 10 04 n are not taken for status queries. Used by tests, demo mode and
`python -m drivers.printer sink`.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from drivers.printer import status as rt

log = logging.getLogger(__name__)


@dataclass
class SinkJob:
    """Everything one connection sent: print data (real-time commands removed) and status queries."""

    peer: str
    data: bytes = b""
    queries: list[int] = field(default_factory=list)
    received: int = 0  # raw bytes on the wire, queries included


@dataclass
class SinkState:
    paper: str = "ok"  # "ok", "near_end", "out"
    cover_open: bool = False
    offline: bool = False
    answer_status: bool = True  # False: behave like a print server that never answers DLE EOT


class _StreamParser:
    """Splits a byte stream into print data and DLE EOT n queries, across recv() boundaries."""

    # ESC/GS commands with a fixed number of parameter bytes that may contain 0x10
    FIXED = {
        b"\x1bd": 1,
        b"\x1bJ": 1,
        b"\x1b!": 1,
        b"\x1ba": 1,
        b"\x1b-": 1,
        b"\x1bE": 1,
        b"\x1bt": 1,
        b"\x1d!": 1,
        b"\x1dL": 2,
        b"\x1dW": 2,
        b"\x1b3": 1,
        b"\x1bM": 1,
    }

    def __init__(self) -> None:
        self.pending = bytearray()
        self.data = bytearray()
        self.skip = 0

    def feed(self, chunk: bytes) -> list[int]:
        buf = self.pending + chunk
        queries: list[int] = []
        i = 0
        n = len(buf)
        while i < n:
            if self.skip:
                take = min(self.skip, n - i)
                self.data += buf[i : i + take]
                i += take
                self.skip -= take
                continue
            b = buf[i]
            if b in (0x10, 0x1B, 0x1D):
                head = bytes(buf[i : i + 2])
                if len(head) < 2:
                    break
                if b == 0x10 and head[1] == 0x04:
                    if i + 3 > n:
                        break
                    queries.append(buf[i + 2])
                    i += 3
                    continue
                if head == b"\x1dv":  # GS v 0 m xL xH yL yH
                    if i + 8 > n:
                        break
                    x = buf[i + 4] | buf[i + 5] << 8
                    y = buf[i + 6] | buf[i + 7] << 8
                    self.data += buf[i : i + 8]
                    self.skip = x * y
                    i += 8
                    continue
                if head == b"\x1d(":  # GS ( fn pL pH ...
                    if i + 5 > n:
                        break
                    self.data += buf[i : i + 5]
                    self.skip = buf[i + 3] | buf[i + 4] << 8
                    i += 5
                    continue
                if head == b"\x1dV":  # GS V m [n]
                    if i + 3 > n:
                        break
                    size = 4 if buf[i + 2] in (65, 66, 97, 98, 103, 104) else 3
                    if i + size > n:
                        break
                    self.data += buf[i : i + size]
                    i += size
                    continue
                if head in self.FIXED:
                    size = 2 + self.FIXED[head]
                    if i + size > n:
                        break
                    self.data += buf[i : i + size]
                    i += size
                    continue
            self.data.append(b)
            i += 1
        self.pending = bytearray(buf[i:])
        return queries

    def finish(self) -> bytes:
        self.data += self.pending
        self.pending = bytearray()
        return bytes(self.data)


class PrinterSink:
    """Listens on host:port (0 = any free port); `jobs` holds one SinkJob per finished connection."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        state: SinkState | None = None,
        save_dir: str | Path | None = None,
    ) -> None:
        self.state = state or SinkState()
        self.save_dir = Path(save_dir) if save_dir else None
        self.connections: list[SinkJob] = []
        self._cond = threading.Condition()
        self._server = socket.create_server((host, port))
        self._server.settimeout(0.2)  # so stop() is noticed promptly
        self.host, self.port = self._server.getsockname()[:2]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._accepter: threading.Thread | None = None

    @property
    def uri(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    @property
    def jobs(self) -> list[SinkJob]:
        """Connections that carried print data (status-only connections excluded)."""
        with self._cond:
            return [c for c in self.connections if c.data]

    @property
    def running(self) -> bool:
        return self._accepter is not None and not self._stop.is_set()

    def start(self) -> PrinterSink:
        if self.running:
            return self
        self._accepter = threading.Thread(
            target=self._accept_loop, name=f"printer-sink-{self.port}", daemon=True
        )
        self._accepter.start()
        log.info("printer sink listening on %s", self.uri)
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._accepter is not None:
            self._accepter.join(2)
        self._server.close()
        for t in self._threads:
            t.join(2)

    def __enter__(self) -> PrinterSink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def set_state(self, **changes: object) -> None:
        for key, value in changes.items():
            if not hasattr(self.state, key):
                raise AttributeError(key)
            setattr(self.state, key, value)

    def wait_for_jobs(self, count: int = 1, timeout: float = 5.0) -> list[SinkJob]:
        with self._cond:
            if not self._cond.wait_for(lambda: sum(1 for c in self.connections if c.data) >= count, timeout):
                raise TimeoutError(f"sink received {len(self.jobs)} job(s), expected {count}")
            return [c for c in self.connections if c.data]

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, addr = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            t = threading.Thread(target=self._serve, args=(conn, f"{addr[0]}:{addr[1]}"), daemon=True)
            self._threads = [x for x in self._threads if x.is_alive()] + [t]
            t.start()

    def _serve(self, conn: socket.socket, peer: str) -> None:
        job = SinkJob(peer)
        parser = _StreamParser()
        conn.settimeout(0.2)
        try:
            while not self._stop.is_set():
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    continue
                if not chunk:
                    break
                job.received += len(chunk)
                for n in parser.feed(chunk):
                    job.queries.append(n)
                    answers = rt.encode(
                        paper=self.state.paper, cover_open=self.state.cover_open, offline=self.state.offline
                    )
                    if self.state.answer_status and n in answers:
                        conn.sendall(bytes([answers[n]]))
        except OSError as exc:
            log.debug("sink connection %s: %s", peer, exc)
        finally:
            conn.close()
            job.data = parser.finish()
            with self._cond:
                self.connections.append(job)
                self._cond.notify_all()
            if job.data:
                log.info("sink: job of %d bytes from %s", len(job.data), peer)
                self._save(job)

    def _save(self, job: SinkJob) -> None:
        if self.save_dir is None:
            return
        self.save_dir.mkdir(parents=True, exist_ok=True)
        stem = self.save_dir / time.strftime(f"job-%Y%m%d-%H%M%S-{len(self.connections):03d}")
        stem.with_suffix(".bin").write_bytes(job.data)
        image = rasters_to_image(job.data)
        if image is not None:
            image.save(stem.with_suffix(".png"))


def rasters_to_image(data: bytes) -> Image.Image | None:
    """Stack every GS v 0 band in a job into one image (for a technician to look at)."""
    bands = []
    i = data.find(b"\x1dv0")
    while i >= 0 and i + 8 <= len(data):
        x = data[i + 4] | data[i + 5] << 8
        y = data[i + 6] | data[i + 7] << 8
        raw = np.frombuffer(data[i + 8 : i + 8 + x * y], dtype=np.uint8)
        if raw.size < x * y:
            break
        bands.append(np.unpackbits(raw.reshape(y, x), axis=1))
        i = data.find(b"\x1dv0", i + 8 + x * y)
    if not bands:
        return None
    width = max(b.shape[1] for b in bands)
    rows = [np.pad(b, ((0, 0), (0, width - b.shape[1]))) for b in bands]
    return Image.fromarray(np.where(np.vstack(rows) == 1, 0, 255).astype(np.uint8), mode="L")
