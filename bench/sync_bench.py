"""Outbox benchmark: enqueue latency (p50/p99, idle and while the uploader drains) and the time
to drain N waiting registrations into the bundled server on loopback (server in its own process).

    .venv/bin/python bench/sync_bench.py [--count 10000] [--samples 2000] [--batch 100]
        [--pg postgresql+psycopg://user:pw@host/db]    # also drain into the server on PostgreSQL

Aims (issue 5): p99 enqueue < 10 ms, drain >= 500 records/s. Prints JSON, with the CPU time
each side spent per record while draining and the load average (numbers on a shared machine).
With --pg the server runs on a fresh schema of that database, dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAC = "AA:BB:CC:00:0B:01"
SIDE_WRITES = 300  # registrations made at the screen while the backlog drains (every 50 ms)


def _pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def _reg(i: int) -> tuple[str, str, dict]:
    order = str(uuid.uuid4())
    return (
        "register",
        order,
        {
            "orderId": order,
            "name": f"压测访客{i}",
            "registerType": "1",
            "phoneNum": f"139{i % 10**8:08d}",
            "purpose": "参观",
        },
    )


def enqueue_latency(path: Path, samples: int) -> dict[str, float]:
    from sync.outbox import Outbox

    box = Outbox(path)
    times = []
    for i in range(samples):
        op, order, data = _reg(i)
        t = time.perf_counter()
        box.enqueue(op, order, data)
        times.append((time.perf_counter() - t) * 1000)
    box.close()
    return {
        "samples": samples,
        "p50_ms": round(_pct(times, 50), 3),
        "p99_ms": round(_pct(times, 99), 3),
        "max_ms": round(max(times), 3),
        "mean_ms": round(statistics.fmean(times), 3),
    }


class _NullServer:
    """Answers every record `applied` at once: what the kiosk side alone costs."""

    def synchron(self, records, kiosk_public_key=None):
        return {
            "results": [
                {"recordId": r["recordId"], "result": "applied", "code": "0", "msg": "success"}
                for r in records
            ]
        }


def serve(data_dir: str) -> None:
    """Child process: the bundled server on 127.0.0.1, port 0; prints 'READY url token', then
    answers each 'cpu' line with its CPU seconds so far, until the parent closes our stdin."""
    from server.services import pinyin
    from tests.sync.live import LiveServer

    with LiveServer(Path(data_dir)) as srv:
        token = srv.kiosk(MAC, "压测访客机")
        # a server up for more than a few seconds has its pinyin dictionary loaded (a one-off
        # ~0.7 s, normally 3 s after start): load it now so the drain times the steady state
        pinyin.load_now()
        print(f"READY {srv.url} {token}", flush=True)
        for line in sys.stdin:
            if line.strip() == "cpu":
                print(time.process_time(), flush=True)


class ServerProcess:
    """The bundled server in a child process (SQLite in `data_dir`, or the database at `url`)."""

    def __init__(self, data_dir: Path, url: str | None = None):
        env = dict(os.environ, VISITORCS_DATABASE_URL=url) if url else None
        self.child = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(data_dir)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self.child.stdout.readline().split()
        if not line or line[0] != "READY":
            self.close()
            raise RuntimeError("server did not start")
        self.url, self.token = line[1], line[2]

    def cpu(self) -> float:
        self.child.stdin.write("cpu\n")
        self.child.stdin.flush()
        return float(self.child.stdout.readline())

    def close(self) -> None:
        self.child.stdin.close()
        self.child.wait(30)


def drain_into_server(tmp: Path, count: int, batch: int, url: str | None = None) -> dict[str, float]:
    from sync.uploader import upload_client

    server = ServerProcess(tmp / f"server-{uuid.uuid4().hex[:6]}", url)
    try:
        http = upload_client(server.url, server.token, MAC)
        try:
            return drain(tmp, count, http, batch, server.cpu)
        finally:
            http.close()
    finally:
        server.close()


def postgres_schema(base: str) -> tuple[str, Callable[[], None]]:
    """A fresh schema in the database at `base`: its URL and how to drop it."""
    from urllib.parse import quote

    from sqlalchemy import create_engine, text

    schema = "bench_" + uuid.uuid4().hex[:12]

    def run(sql: str) -> None:
        engine = create_engine(base)
        with engine.begin() as conn:
            conn.execute(text(sql))
        engine.dispose()

    run(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    return url, lambda: run(f'DROP SCHEMA "{schema}" CASCADE')


def drain(
    tmp: Path, count: int, transport, batch: int, server_cpu: Callable[[], float] | None = None
) -> dict[str, float]:
    from sync.outbox import Outbox
    from sync.uploader import Uploader

    box = Outbox(tmp / f"drain-{uuid.uuid4().hex[:6]}.db")
    for start in range(0, count, 1000):
        box.enqueue_many([_reg(i) for i in range(start, min(count, start + 1000))])
    up = Uploader(box, transport, batch_size=batch, backoff_base=0.05, backoff_cap=1.0)
    # people keep registering while the backlog drains: their enqueue latency is what they feel
    lat: list[float] = []
    stop = threading.Event()

    def meanwhile() -> None:
        i = 0
        while not stop.is_set() and i < SIDE_WRITES:
            op, order, data = _reg(10**7 + i)
            t = time.perf_counter()
            box.enqueue(op, order, data)
            lat.append((time.perf_counter() - t) * 1000)
            i += 1
            stop.wait(0.05)

    side = threading.Thread(target=meanwhile, daemon=True)
    server_cpu0 = server_cpu() if server_cpu else 0.0
    t0, cpu0 = time.perf_counter(), time.process_time()
    side.start()
    while True:
        if not up.flush_once() and box.unsent_count() == 0:
            break
    elapsed, kiosk_cpu = time.perf_counter() - t0, time.process_time() - cpu0
    server_cpu_s = server_cpu() - server_cpu0 if server_cpu else None
    stop.set()
    side.join()
    while up.flush_once():
        pass
    sent = box.counts().get("sent", 0)  # the backlog plus what was registered meanwhile
    box.close()
    out = {
        "records": sent,
        "seconds": round(elapsed, 2),
        "records_per_s": round(sent / elapsed, 1),
        "kiosk_cpu_ms_per_record": round(kiosk_cpu * 1000 / sent, 3),
        "enqueue_while_draining_p50_ms": round(_pct(lat, 50), 3) if lat else None,
        "enqueue_while_draining_p99_ms": round(_pct(lat, 99), 3) if lat else None,
    }
    if server_cpu_s is not None:
        out["server_cpu_ms_per_record"] = round(server_cpu_s * 1000 / sent, 3)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--samples", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=100, help="records per synchron batch (server max 500)")
    ap.add_argument("--pg", metavar="URL", help="also drain into the server on this PostgreSQL database")
    ap.add_argument("--serve", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.serve:
        serve(a.serve)
        return 0
    out: dict[str, object] = {"load_average_before": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        out["enqueue_idle"] = enqueue_latency(tmp / "latency.db", a.samples)
        out["drain_kiosk_side_only"] = drain(tmp, a.count, _NullServer(), a.batch)
        out["drain_into_bundled_server"] = drain_into_server(tmp, a.count, a.batch)
        if a.pg:
            url, drop = postgres_schema(a.pg)
            try:
                out["drain_into_bundled_server_postgres"] = drain_into_server(tmp, a.count, a.batch, url)
            finally:
                drop()
    out["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    out["aims"] = {"p99_enqueue_ms": 10, "drain_records_per_s": 500}
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
