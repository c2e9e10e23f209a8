"""Outbox benchmark: enqueue latency (p50/p99, idle and while the uploader drains) and the time
to drain N waiting registrations into the bundled server on loopback (server in its own process).

    .venv/bin/python bench/sync_bench.py [--count 10000] [--samples 2000]

Aims (issue 5): p99 enqueue < 10 ms, drain >= 500 records/s. Prints JSON.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAC = "AA:BB:CC:00:0B:01"
SIDE_WRITES = 300           # registrations made at the screen while the backlog drains (every 50 ms)


def _pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def _reg(i: int) -> tuple[str, str, dict]:
    order = str(uuid.uuid4())
    return ("register", order, {"orderId": order, "name": f"压测访客{i}", "registerType": "1",
                                "phoneNum": f"139{i % 10**8:08d}", "purpose": "参观"})


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
    return {"samples": samples, "p50_ms": round(_pct(times, 50), 3), "p99_ms": round(_pct(times, 99), 3),
            "max_ms": round(max(times), 3), "mean_ms": round(statistics.fmean(times), 3)}


class _NullServer:
    """Answers every record `applied` at once: what the kiosk side alone costs."""

    def synchron(self, records, kiosk_public_key=None):
        return {"results": [{"recordId": r["recordId"], "result": "applied", "code": "0", "msg": "success"}
                            for r in records]}


def serve(data_dir: str) -> None:
    """Child process: the bundled server on 127.0.0.1, port 0; prints 'READY url token'."""
    from tests.sync.live import LiveServer
    with LiveServer(Path(data_dir)) as srv:
        token = srv.kiosk(MAC, "压测访客机")
        print(f"READY {srv.url} {token}", flush=True)
        sys.stdin.read()                     # until the parent closes our stdin


def drain(tmp: Path, count: int, transport, batch: int) -> dict[str, float]:
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
    t0 = time.perf_counter()
    side.start()
    while True:
        if not up.flush_once() and box.unsent_count() == 0:
            break
    elapsed = time.perf_counter() - t0
    stop.set()
    side.join()
    while up.flush_once():
        pass
    sent = box.counts().get("sent", 0)     # the backlog plus what was registered meanwhile
    box.close()
    return {"records": sent, "seconds": round(elapsed, 2), "records_per_s": round(sent / elapsed, 1),
            "enqueue_while_draining_p50_ms": round(_pct(lat, 50), 3) if lat else None,
            "enqueue_while_draining_p99_ms": round(_pct(lat, 99), 3) if lat else None}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--samples", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=100, help="records per synchron batch (server max 500)")
    ap.add_argument("--serve", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.serve:
        serve(a.serve)
        return 0
    from sync.http import VisitorcsHttp
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        out: dict[str, object] = {"enqueue_idle": enqueue_latency(tmp / "latency.db", a.samples)}
        out["drain_kiosk_side_only"] = drain(tmp, a.count, _NullServer(), a.batch)
        child = subprocess.Popen([sys.executable, __file__, "--serve", str(tmp / "server")], cwd=ROOT,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            line = child.stdout.readline().split()
            assert line and line[0] == "READY", "server did not start"
            http = VisitorcsHttp(line[1], line[2], MAC)
            out["drain_into_bundled_server"] = drain(tmp, a.count, http, a.batch)
            http.close()
        finally:
            child.stdin.close()
            child.wait(30)
    out["aims"] = {"p99_enqueue_ms": 10, "drain_records_per_s": 500}
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
