"""A large site's morning rush: 200 kiosks registering visitors at once against one and then two
server instances on one PostgreSQL database; registrations/s, p50/p99 latency, errors, and the
CPU each side used.

    .venv/bin/python -m bench.site_bench [--pg URL] [--kiosks 200] [--duration 30] [--rounds 6]
                                         [--orders 20000] [--instances 1 2] [--think 0]

Each instance is the real app in its own process (uvicorn, access log off, background workers
on, as in production) on a loopback port; the instances share the database and the data dir.
Kiosk i talks to instance i mod n, as a round-robin reverse proxy would spread them. Each kiosk
is a closed loop on one keep-alive connection: it registers the next visitor (kiosk-made orderId,
a phone, a host of the demo site) when the last was answered, after `--think` seconds. The
database is seeded once (demo site plus `--orders` past visits); every instance count runs on it.
All instances start at once and stay up; the rush alternates between the instance counts in
`--rounds` bursts (order flipping each round), and the ratio of registrations/s is reported as
the median of the rounds: the shared machine's own swings hit every count alike.

The load generator shares the machine with the servers and PostgreSQL: on a 2-core machine, two
instances mostly show what a second process buys past one process's GIL, not what a second
machine would.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.server_bench import API, ROOT, Connection, Result, cpu_seconds, postgres_database


def serve(url: str, data_dir: Path) -> None:
    """Child process: one instance (workers on), on an OS-chosen port printed first."""
    sys.path.insert(0, str(ROOT))
    import logging

    import uvicorn

    from server.app import create_app
    from server.listen import listening_socket
    from server.settings import Settings

    logging.basicConfig(level=logging.WARNING)
    app = create_app(Settings.build(data_dir, url, run_workers=True))
    sock = listening_socket()
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")).run(
        sockets=[sock]
    )


@dataclass
class Instance:
    proc: subprocess.Popen
    base: str

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start(url: str, data_dir: Path) -> Instance:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.site_bench", "--serve", url, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().split()
    if line[:1] != ["PORT"]:
        proc.kill()
        raise RuntimeError(f"instance did not start: {line}")
    base = f"http://127.0.0.1:{line[1]}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/webapi/visitorcs/actuator/health", timeout=2).status_code == 200:
                return Instance(proc, base)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("instance not healthy in 60 s")


def prepare(url: str, kiosks_n: int) -> tuple[list[str], list[str]]:
    """Kiosk tokens and the hosts to visit (the demo site's)."""
    sys.path.insert(0, str(ROOT))
    from sqlmodel import select

    from server import kiosks
    from server.db import Database
    from server.models import Person

    db = Database(url)
    try:
        tokens = [
            kiosks.add(db, mac=f"AA:BB:CC:20:{i // 256:02X}:{i % 256:02X}", name=f"早高峰访客机{i}")
            for i in range(kiosks_n)
        ]
        with db.read() as s:
            hosts = [p.person_id for p in s.exec(select(Person)).all()]
    finally:
        db.dispose()
    return tokens, hosts


def rush(
    instances: list[Instance], tokens: list[str], hosts: list[str], duration: float, think: float
) -> Result:
    """Every kiosk registering in a closed loop for `duration` seconds."""
    result = Result(f"{len(instances)} instance{'s' if len(instances) > 1 else ''}")
    lock = threading.Lock()
    start_line = threading.Barrier(len(tokens) + 1)
    stop_at = [0.0]

    def kiosk(i: int) -> None:
        rng = random.Random(i)
        base = instances[i % len(instances)].base
        headers = {"Authorization": f"Bearer {tokens[i]}"}
        conn = Connection(base, headers)
        lats: list[float] = []
        errs, first = 0, ""
        start_line.wait()
        if think:  # kiosks of a real rush are not in step: the first visitor comes at a random moment
            time.sleep(min(rng.uniform(0, 2 * think), max(0.0, stop_at[0] - time.monotonic())))
        try:
            while time.monotonic() < stop_at[0]:
                body = {
                    "orderId": str(uuid.uuid4()),
                    "name": "早高峰访客",
                    "phoneNum": f"138{rng.randrange(10**8):08d}",
                    "beVisitPersonId": rng.choice(hosts),
                    "purpose": "参观",
                    "defaultPrivilegeFlag": "1",
                }
                t = time.perf_counter()
                try:
                    status, raw = conn.request("POST", API + "order/register", json=body)
                    good = status == 200 and b'"code":"0"' in raw.replace(b" ", b"")
                    if not good and not first:
                        first = f"{status} {raw[:160].decode(errors='replace')}"
                except OSError as exc:
                    good, first = False, first or repr(exc)
                    conn.close()
                    conn = Connection(base, headers)
                except Exception as exc:  # noqa: BLE001 - http.client's errors: counted, the kiosk goes on
                    good, first = False, first or repr(exc)
                    conn.close()
                    conn = Connection(base, headers)
                dt = time.perf_counter() - t
                if good:
                    lats.append(dt)
                else:
                    errs += 1
                if think:  # never past the end: the run's length is what the rate is divided by
                    time.sleep(min(rng.uniform(0, 2 * think), max(0.0, stop_at[0] - time.monotonic())))
        finally:
            conn.close()
        with lock:
            result.latencies.extend(lats)
            result.errors += errs
            result.first_error = result.first_error or first

    threads = [threading.Thread(target=kiosk, args=(i,), daemon=True) for i in range(len(tokens))]
    for t in threads:
        t.start()
    server_cpu = sum(cpu_seconds(x.proc.pid) for x in instances)
    client_cpu = cpu_seconds(os.getpid())
    stop_at[0] = time.monotonic() + duration
    t0 = time.perf_counter()
    start_line.wait()
    for t in threads:
        t.join()
    result.elapsed = time.perf_counter() - t0
    result.server_cpu = sum(cpu_seconds(x.proc.pid) for x in instances) - server_cpu
    result.client_cpu = cpu_seconds(os.getpid()) - client_cpu
    return result


def _add(total: Result, one: Result) -> None:
    total.latencies += one.latencies
    total.errors += one.errors
    total.elapsed += one.elapsed
    total.server_cpu += one.server_cpu
    total.client_cpu += one.client_cpu
    total.first_error = total.first_error or one.first_error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("VISITORCS_TEST_POSTGRES_URL"), help="PostgreSQL URL")
    parser.add_argument("--kiosks", type=int, default=200)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of rush per instance count")
    parser.add_argument("--rounds", type=int, default=6, help="bursts per instance count, alternating")
    parser.add_argument("--orders", type=int, default=20_000, help="past visits seeded first")
    parser.add_argument("--instances", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean seconds a kiosk waits between visitors"
    )
    parser.add_argument("--serve", nargs=2, metavar=("URL", "DATA_DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve[0], Path(args.serve[1]))
        return 0
    if not args.pg:
        parser.error("a PostgreSQL URL is needed: --pg or $VISITORCS_TEST_POSTGRES_URL")
    print(
        f"site bench: {args.kiosks} kiosks, {args.duration:g} s per run, think {args.think:g} s, "
        f"{args.orders:,} past visits, load {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs",
        flush=True,
    )
    data_dir = Path(tempfile.mkdtemp(prefix="visitorcs-site-bench-"))
    url, drop = postgres_database(args.pg, args.orders, data_dir)
    try:
        tokens, hosts = prepare(url, args.kiosks)
        # every instance count's processes start once and stay up; the rush alternates between
        # the counts in rounds (the order flipping each round), so a machine shared with other work
        # slows all of them alike
        groups = [[start(url, data_dir) for _ in range(n)] for n in args.instances]
        totals = [Result(f"{n} instance{'s' if n > 1 else ''}") for n in args.instances]
        shares: list[list[float]] = [[] for _ in args.instances]
        try:
            burst = args.duration / args.rounds
            for r in range(args.rounds):
                order = range(len(groups)) if r % 2 == 0 else reversed(range(len(groups)))
                rates = {}
                for k in order:
                    one = rush(groups[k], tokens, hosts, burst, args.think)
                    rates[k] = len(one.latencies) / one.elapsed
                    _add(totals[k], one)
                for k in rates:
                    shares[k].append(rates[k] / rates[0] if rates[0] else 0.0)
        finally:
            for group in groups:
                for x in group:
                    x.stop()
        print(Result.HEADER.replace("endpoint              ", "order/register, kiosks"), flush=True)
        for total in totals:
            print(total.row(), flush=True)
            if total.first_error:
                print(f"    first error: {total.first_error}", flush=True)
        for k, n in enumerate(args.instances[1:], start=1):
            print(
                f"{n} instances / {args.instances[0]}: {statistics.median(shares[k]):.2f} of the registrations/s "
                f"(median of {args.rounds} rounds, {min(shares[k]):.2f}-{max(shares[k]):.2f})",
                flush=True,
            )
    finally:
        drop()
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
