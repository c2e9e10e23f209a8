"""Appointments through the mobile channels, against the bundled server: bookings/s (visitors'
phones: 小程序 order/founding and 公众号 visitor/order, alternately), approvals/s (hosts' phones:
公众号 beVisitor/approval/order) and kiosk check-ins/s of approved appointments by their QR code
(visitor/details by QR, then order/register registerType 2: one check-in is both), on SQLite and
(given a URL) PostgreSQL. One run; p50 (median) and p99 latency per phase.

    .venv/bin/python -m bench.appointment_bench [--orders 10000] [--duration 10] [--clients 20]
                                                [--visitors 200] [--pg postgresql+psycopg://...]
                                                (or $VISITORCS_TEST_POSTGRES_URL)

The server runs in its own process (bench/server_bench.py's: uvicorn, one worker, workers off) on a
database seeded with the demo site and `--orders` past visits. Sessions come from the bundled
identity layer as an administrator issues them (`visitorcs-server mobile session`): `--visitors`
visitors, each demo employee a host. Each phase takes its work from the one before: approvals
approve the bookings made, check-ins check in the approvals made (a phase ends early when its pool
runs out)."""

from __future__ import annotations

import argparse
import http.client
import json as _json
import os
import random
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.server_bench import (
    Connection,
    Result,
    cpu_seconds,
    postgres_database,
    seed,
    start_server,
)

WECHAT = "/webapi/visitorcs/ui/v1/wechat"
KIOSK = "/webapi/visitorcs/api/v1/clientService/"
KIOSK_MAC = "AA:BB:CC:00:BE:02"
Step = tuple[str, str, dict[str, Any] | None, Any, dict[str, str]]  # method, path, query, JSON, headers


def sessions(url: str, data_dir: Path, visitors: int) -> dict[str, Any]:
    """Visitor and host sessions (the bundled identity layer's), and a kiosk token."""
    from sqlmodel import select

    from server import kiosks
    from server.callers import SessionTokens
    from server.db import Database
    from server.models import Person
    from server.services import mobile_login
    from server.settings import Settings
    from server.site import SiteContext

    db = Database(url)
    tokens = SessionTokens(SiteContext(Settings.build(data_dir, url, run_workers=False)).session_key)
    with db.read() as s:
        hosts = [p.person_id for p in s.exec(select(Person)).all()]
    out = {
        "visitors": [
            {"Authorization": "Bearer " + mobile_login.issue_session(db, tokens, phone=f"1370000{i:04d}")}
            for i in range(visitors)
        ],
        "hosts": {
            h: {"Authorization": "Bearer " + mobile_login.issue_session(db, tokens, person_id=h)}
            for h in hosts
        },
        "kiosk": {"Authorization": "Bearer " + kiosks.add(db, mac=KIOSK_MAC, name="预约压测访客机")},
    }
    db.dispose()
    return out


def pending(url: str, status: int) -> list[tuple[str, str, str]]:
    """(orderId, host personId, QR code) of the appointments in `status` made through a channel."""
    from sqlmodel import col, select

    from server.db import Database
    from server.models import Visit

    db = Database(url)
    with db.read() as s:
        rows = s.exec(
            select(Visit.order_id, Visit.be_visit_person_id, Visit.qr_code).where(
                col(Visit.status) == status, col(Visit.channel) != ""
            )
        ).all()
    db.dispose()
    return [(r[0], r[1], r[2]) for r in rows]


def run_phase(
    name: str,
    base: str,
    make: Callable[[random.Random], list[Step] | None],
    clients: int,
    duration: float,
    server_pid: int,
) -> Result:
    """`clients` threads with a keep-alive connection each, a closed loop for `duration` seconds (or
    until `make` has no more work); one unit is `make`'s list of steps, good if each answers code "0"."""
    result = Result(name)
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def worker(seed_: int) -> None:
        rng = random.Random(seed_)
        lats: list[float] = []
        errs, first = 0, ""
        conn = Connection(base, {})
        try:
            while time.monotonic() < stop_at:
                steps = make(rng)
                if steps is None:
                    break
                t = time.perf_counter()
                good = True
                for method, path, params, body, headers in steps:
                    conn.headers = headers
                    try:
                        status, raw = conn.request(method, path, params, body)
                        good = status == 200 and _json.loads(raw).get("code") == "0"
                        if not good and not first:
                            first = f"{path} {status} {raw[:160].decode(errors='replace')}"
                    except (OSError, http.client.HTTPException, ValueError) as exc:
                        good, first = False, first or repr(exc)
                        conn.close()
                        conn = Connection(base, {})
                    if not good:
                        break
                dt = time.perf_counter() - t
                if good:
                    lats.append(dt)
                else:
                    errs += 1
        finally:
            conn.close()
        with lock:
            result.latencies.extend(lats)
            result.errors += errs
            result.first_error = result.first_error or first

    server_cpu, client_cpu = cpu_seconds(server_pid), cpu_seconds(os.getpid())
    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.elapsed = time.perf_counter() - t0
    result.server_cpu = cpu_seconds(server_pid) - server_cpu
    result.client_cpu = cpu_seconds(os.getpid()) - client_cpu
    if result.first_error:
        print(f"    {name}: first error {result.first_error}", flush=True)
    return result


def bench_backend(label: str, url: str, data_dir: Path, args: argparse.Namespace) -> list[Result]:
    who = sessions(url, data_dir, args.visitors)
    hosts = list(who["hosts"])
    server = start_server(url, data_dir)
    results: list[Result] = []
    try:
        now = datetime.now(UTC)
        start, end = now - timedelta(minutes=5), now + timedelta(hours=4)
        counter = iter(range(10**9))
        lock = threading.Lock()

        def booking(rng: random.Random) -> list[Step]:
            visitor = rng.choice(who["visitors"])
            host = rng.choice(hosts)
            with lock:
                n = next(counter)
            if n % 2:  # 小程序
                body = {
                    "beVisitorUserId": host,
                    "startTime": start.isoformat(),
                    "endTime": end.isoformat(),
                    "visitorPurpose": "商务洽谈",
                    "visitorName": f"压测{n}",
                }
                return [("POST", WECHAT + "/miniapp/visitor/order/founding", None, body, visitor)]
            body = {
                "beVisitorPersonId": host,
                "visitStartTime": start.isoformat(),
                "visitEndTime": end.isoformat(),
                "visitorPurpose": "商务洽谈",
                "visitorName": f"压测{n}",
            }
            return [("POST", WECHAT + "/visitor/order", None, body, visitor)]

        print(f"  {label}: bookings ...", flush=True)
        results.append(
            run_phase("bookings", server.base, booking, args.clients, args.duration, server.proc.pid)
        )

        to_approve = pending(url, 0)
        random.Random(1).shuffle(to_approve)

        def approval(_rng: random.Random) -> list[Step] | None:
            with lock:
                if not to_approve:
                    return None
                order_id, host, _qr = to_approve.pop()
            body = {"orderId": order_id, "remark": "欢迎"}
            return [("POST", WECHAT + "/beVisitor/approval/order", None, body, who["hosts"][host])]

        print(f"  {label}: approvals ({len(to_approve):,} to approve) ...", flush=True)
        results.append(
            run_phase("approvals", server.base, approval, args.clients, args.duration, server.proc.pid)
        )

        to_check_in = pending(url, 1)
        random.Random(2).shuffle(to_check_in)
        kiosk = who["kiosk"]

        def check_in(_rng: random.Random) -> list[Step] | None:
            with lock:
                if not to_check_in:
                    return None
                order_id, _host, qr = to_check_in.pop()
            return [
                ("POST", KIOSK + "visitor/details", None, {"code": qr, "codeType": "3"}, kiosk),
                (
                    "POST",
                    KIOSK + "order/register",
                    None,
                    {"registerType": "2", "orderId": order_id, "defaultPrivilegeFlag": "1"},
                    kiosk,
                ),
            ]

        print(f"  {label}: kiosk check-ins by QR ({len(to_check_in):,} approved) ...", flush=True)
        results.append(
            run_phase("check-ins by QR", server.base, check_in, args.clients, args.duration, server.proc.pid)
        )
    finally:
        server.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000, help="past visits in the database")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per phase")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--visitors", type=int, default=200)
    parser.add_argument("--pg", default=os.environ.get("VISITORCS_TEST_POSTGRES_URL"))
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args(argv)
    print(
        f"appointment bench: {args.orders:,} past orders, {args.clients} clients, {args.duration:g} s per phase, "
        f"load {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs",
        flush=True,
    )
    tables: list[tuple[str, list[Result]]] = []
    if not args.no_sqlite:
        run_dir = Path(tempfile.mkdtemp(prefix="visitorcs-appt-bench-"))
        try:
            url = f"sqlite:///{run_dir / 'visitorcs.sqlite3'}"
            seed(url, run_dir, args.orders)
            tables.append(("SQLite", bench_backend("SQLite", url, run_dir, args)))
        finally:
            shutil.rmtree(run_dir, ignore_errors=True)
    if args.pg:
        run_dir = Path(tempfile.mkdtemp(prefix="visitorcs-appt-bench-pg-"))
        drop = None
        try:
            url, drop = postgres_database(args.pg, args.orders, run_dir)
            tables.append(("PostgreSQL", bench_backend("PostgreSQL", url, run_dir, args)))
        finally:
            if drop:
                drop()
            shutil.rmtree(run_dir, ignore_errors=True)
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f} (a shared machine: numbers move with it)")
    for label, results in tables:
        print(
            f"{label} ({args.orders:,} past orders, {args.clients} clients; one unit = one booking, "
            "one approval, or one check-in of two requests)"
        )
        print(
            Result.HEADER.replace("endpoint              ", "phase                 ")
            .replace("reqs", "done")
            .replace("req/s", "per s")
        )
        for r in results:
            print(r.row())
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
