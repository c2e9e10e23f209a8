"""Server throughput: p50/p99 latency and req/s of register, signOut, visitor/details and
visitorInfo with 100,000 orders in the database and 20 concurrent clients, on SQLite and
(given a URL) PostgreSQL, beside two ceilings measured in the same run on the same
database: a bare FastAPI GET and a minimal POST inserting one row through SQLModel.

    .venv/bin/python -m bench.server_bench [--orders 100000] [--duration 10] [--clients 20]
                                           [--pg postgresql+psycopg://...]   (or $VISITORCS_TEST_POSTGRES_URL)
                                           [--against OTHER_CHECKOUT [--rounds 6] [--burst 1.5]]
                                           [--processes N]   (N server processes on one database)

The server runs in its own process (uvicorn, one worker, access log off, workers off) on
a loopback port chosen by the OS; the seeded SQLite file is cached between runs.

`--against DIR` compares this tree's server with another checkout's (same migrations), e.g.
`git worktree add /tmp/before HEAD~3`: both run at once on copies of one seeded database and the
load alternates between them in bursts, so a machine shared with other work slows both alike.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json as _json
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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
API = "/webapi/visitorcs/api/v1/clientService/"
MAC = "AA:BB:CC:00:BE:01"
CACHE = Path(tempfile.gettempdir()) / "visitorcs-bench-cache"
TODAY_SHARE = 0.06  # of the orders fall on today (6,000 of 100,000): the kiosk's working set
Request = tuple[str, str, dict[str, Any] | None, Any]  # method, path, query, JSON body


# ---- seeding -------------------------------------------------------------------------


def _schema_key(orders: int) -> str:
    digest = hashlib.sha256(str(orders).encode())
    sources = sorted((ROOT / "server" / "migrations" / "versions").glob("*.py")) + [
        ROOT / "server" / "demo.py"
    ]
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def seed(url: str, data_dir: Path, orders: int) -> None:
    """Migrate, seed the demo site, then bulk-insert `orders` visits (1,000 per statement)."""
    sys.path.insert(0, str(ROOT))
    from sqlmodel import select

    from server import demo, migrate
    from server.db import Database
    from server.models import Person, Visit
    from server.settings import Settings

    settings = Settings.build(data_dir, url, run_workers=False, demo=True)
    db = Database(url)
    migrate.upgrade(db)
    demo.seed_if_empty(db, settings)
    with db.read() as s:
        hosts = s.exec(select(Person)).all()
    tz = settings.timezone
    today = datetime.now(tz).date()
    template = Visit().model_dump()
    rng = random.Random(42)
    n_today = int(orders * TODAY_SHARE)
    t0 = time.perf_counter()
    batch: list[dict[str, Any]] = []
    table = Visit.__table__  # type: ignore[attr-defined]
    postgres = not url.startswith("sqlite")
    with db.engine.begin() as conn:
        if postgres:
            # the change sequence's trigger would run once per row at COMMIT, each bumping the one
            # counter row: 100,000 versions of it in one transaction took minutes. Off for the
            # bulk insert, the rows numbered after it as migration 0004 numbers existing rows.
            conn.exec_driver_sql("ALTER TABLE visit DISABLE TRIGGER visit_disorder")
        for i in range(orders):
            day = today if i < n_today else today - timedelta(days=1 + (i % 60))
            start = datetime.combine(day, datetime.min.time(), tz).astimezone(UTC) + timedelta(
                hours=8, minutes=rng.randrange(600)
            )
            host = hosts[i % len(hosts)]
            if day == today:
                status = 8 if i % 10 < 8 else (6 if i % 10 == 8 else 1)
            else:
                status = 6 if i % 20 else 5
            phone = f"1{rng.randrange(30, 99)}{rng.randrange(10**8):08d}"
            row = dict(template)
            row.update(
                order_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                visit_batch=str(uuid.uuid4()),
                visitor_id=str(uuid.uuid4()),
                name=f"访客{i}",
                pinyin=f"fk{i}",
                phone_num=phone,
                phone_last4=phone[-4:],
                status=status,
                register_type=1 if i % 3 else 2,
                be_visit_person_id=host.person_id,
                be_visit_person_name=host.name,
                be_visit_phone_num=host.phone,
                visitor_code=f"{i:06d}"[-6:] if i < 10**6 else "",
                start_time=start,
                end_time=start + timedelta(hours=4),
                register_time=start,
                real_end_time=start + timedelta(hours=2) if status in (5, 6) else None,
                create_time=start,
                update_time=start,
                sort_time=start,
                visit_day=day.isoformat(),
                register_mac=MAC,
            )
            batch.append(row)
            if len(batch) == 1000:
                conn.execute(table.insert(), batch)
                batch.clear()
        if batch:
            conn.execute(table.insert(), batch)
        if postgres:
            conn.exec_driver_sql(
                "UPDATE visit SET disorder = s.n FROM (SELECT order_id, row_number() OVER "
                "(ORDER BY update_time, order_id) AS n FROM visit) AS s WHERE visit.order_id = s.order_id"
            )
            conn.exec_driver_sql(
                "UPDATE changecounter SET value = (SELECT COALESCE(MAX(disorder), 0) FROM visit) "
                "WHERE name = 'visit'"
            )
            conn.exec_driver_sql("ALTER TABLE visit ENABLE TRIGGER visit_disorder")
    db.dispose()
    print(f"  seeded {orders:,} orders in {time.perf_counter() - t0:.1f} s", flush=True)


def sqlite_database(orders: int, run_dir: Path) -> str:
    key = _schema_key(orders)
    cached = CACHE / key
    if not (cached / "visitorcs.sqlite3").exists():
        print(f"  building the SQLite cache {cached} ...", flush=True)
        shutil.rmtree(cached, ignore_errors=True)
        tmp = CACHE / f"{key}.building-{os.getpid()}"
        tmp.mkdir(parents=True)
        seed(f"sqlite:///{tmp / 'visitorcs.sqlite3'}", tmp, orders)
        import sqlite3

        con = sqlite3.connect(tmp / "visitorcs.sqlite3")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        tmp.rename(cached)
    shutil.copytree(cached, run_dir, dirs_exist_ok=True)
    return f"sqlite:///{run_dir / 'visitorcs.sqlite3'}"


def postgres_database(base: str, orders: int, run_dir: Path) -> tuple[str, Callable[[], None]]:
    from sqlalchemy import create_engine, text

    schema = "bench_" + uuid.uuid4().hex[:12]
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    seed(url, run_dir, orders)
    with engine.begin() as conn:
        conn.execute(text(f'ANALYZE "{schema}".visit'))

    def drop() -> None:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()

    return url, drop


# ---- the server process --------------------------------------------------------------


def add_ceiling_routes(app: Any) -> None:
    """The two ceilings: a bare GET, and a POST inserting one row through SQLModel."""
    from sqlmodel import Field, SQLModel

    class BenchRow(SQLModel, table=True):
        id: str = Field(default_factory=lambda: str(uuid.uuid4()), primary_key=True)
        payload: str = ""
        created: datetime = Field(default_factory=lambda: datetime.now(UTC))

    BenchRow.__table__.create(app.state.db.engine, checkfirst=True)  # type: ignore[attr-defined]

    @app.get("/bench/bare")
    async def bare() -> dict[str, str]:
        return {"code": "0", "msg": "success"}

    @app.post("/bench/insert")
    def insert_one(payload: dict[str, Any]) -> dict[str, str]:
        with app.state.db.write() as s:
            row = BenchRow(payload=str(payload.get("v", "")))
            s.add(row)
        return {"code": "0", "id": row.id}


def serve(url: str, data_dir: Path) -> None:
    """Child process: the real app plus the two ceiling routes, on an OS-chosen port."""
    sys.path.insert(0, str(ROOT))
    import logging

    import uvicorn

    from server.app import create_app
    from server.settings import Settings

    logging.basicConfig(level=logging.WARNING)

    app = create_app(Settings.build(data_dir, url, run_workers=False))
    add_ceiling_routes(app)
    from server.listen import listening_socket

    sock = listening_socket()
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    uvicorn.Server(config).run(sockets=[sock])


@dataclass
class Server:
    proc: subprocess.Popen
    base: str

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start_server(url: str, data_dir: Path, root: Path = ROOT) -> Server:
    """The server of the checkout at `root` (this one by default) on `url`, in its own process."""
    env = dict(os.environ, PYTHONPATH=str(root))
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.server_bench", "--serve", url, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
        env=env,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("PORT "):
        proc.kill()
        raise RuntimeError(f"bench server did not start: {line!r}")
    base = f"http://127.0.0.1:{line.split()[1]}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/webapi/visitorcs/actuator/health", timeout=2).status_code == 200:
                return Server(proc, base)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("bench server did not become healthy in 60 s")


# ---- load ----------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), to split the machine's
    time between the server and the load generator."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed: float = 0.0
    first_error: str = ""
    server_cpu: float = 0.0  # seconds the server process used during the run
    client_cpu: float = 0.0  # seconds the load generator used

    HEADER = (
        "| endpoint               |   reqs  | errors |  req/s  | p50 ms  | p99 ms  | server CPU ms/req "
        "| client CPU ms/req |\n|------------------------|---------|--------|---------|---------|---------|"
        "-------------------|-------------------|"
    )

    def row(self) -> str:
        lat = sorted(self.latencies)
        n = len(lat)
        if not n:
            return f"| {self.name:<22} | {0:>7} | {self.errors:>6} | {'-':>7} | {'-':>7} | {'-':>7} | - | - |"
        p50 = lat[n // 2] * 1000
        p99 = lat[min(n - 1, int(n * 0.99))] * 1000
        done = n + self.errors
        return (
            f"| {self.name:<22} | {n:>7} | {self.errors:>6} | {n / self.elapsed:>7.0f} | {p50:>7.1f} | "
            f"{p99:>7.1f} | {self.server_cpu / done * 1000:>17.2f} | {self.client_cpu / done * 1000:>17.2f} |"
        )


class Connection:
    """One keep-alive HTTP/1.1 connection on the standard library's http.client: a tenth of
    httpx's CPU per request, so the load generator (which shares the machine's two cores
    with the server) takes little from what is measured; its CPU is reported beside."""

    def __init__(self, base: str, headers: dict[str, str]):
        host, port = base.removeprefix("http://").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=30)
        self.headers = headers

    def request(
        self, method: str, path: str, params: dict | None = None, json: Any = None
    ) -> tuple[int, bytes]:
        if params:
            path += "?" + urlencode(params)
        headers = dict(self.headers)
        body = None
        if json is not None:
            body = _json.dumps(json).encode()
            headers["Content-Type"] = "application/json"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        return response.status, response.read()

    def close(self) -> None:
        self.conn.close()


def run_load(
    name: str,
    base: str | list[str],
    headers: dict[str, str],
    make: Callable[[random.Random], Request | None],
    clients: int,
    duration: float,
    server_pid: int | list[int],
) -> Result:
    """`clients` threads, each with its own keep-alive connection, for `duration` seconds
    (or until `make` returns None: a pool of ids ran out); a closed loop (each client sends
    its next request when the answer came)."""
    result = Result(name)
    lock = threading.Lock()
    stop_at = time.monotonic() + duration
    bases = base if isinstance(base, list) else [base]  # several processes: clients spread over them
    pids = server_pid if isinstance(server_pid, list) else [server_pid]

    def worker(seed_: int) -> None:
        rng = random.Random(seed_)
        base = bases[seed_ % len(bases)]
        lats: list[float] = []
        errs, first = 0, ""
        conn = Connection(base, headers)
        try:
            while time.monotonic() < stop_at:
                req = make(rng)
                if req is None:
                    break
                t = time.perf_counter()
                try:
                    status, body = conn.request(*req)
                    good = status == 200 and _json.loads(body).get("code") == "0"
                    if not good and not first:
                        first = f"{status} {body[:160].decode(errors='replace')}"
                except (OSError, http.client.HTTPException, ValueError) as exc:
                    good, first = False, first or repr(exc)
                    conn.close()
                    conn = Connection(base, headers)
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

    server_cpu, client_cpu = sum(map(cpu_seconds, pids)), cpu_seconds(os.getpid())
    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.elapsed = time.perf_counter() - t0
    result.server_cpu = sum(map(cpu_seconds, pids)) - server_cpu
    result.client_cpu = cpu_seconds(os.getpid()) - client_cpu
    return result


@dataclass
class Endpoint:
    key: str  # server_profile's name for it
    label: str
    make: Callable[[random.Random], Request | None]  # None: its pool of ids ran out


def endpoints(db: Any, today: str) -> list[Endpoint]:
    """The measured requests, drawn from the seeded database: hosts to visit, today's
    on-site visits to sign out (each once), visitor codes to look up."""
    from sqlmodel import select

    from server.models import Person, Visit

    with db.read() as s:
        host_ids = [p.person_id for p in s.exec(select(Person)).all()]
        on_site = list(
            s.exec(select(Visit.order_id).where(Visit.visit_day == today, Visit.status == 8)).all()
        )
        codes = list(s.exec(select(Visit.visitor_code).where(Visit.visitor_code != "").limit(50_000)).all())
    random.Random(1).shuffle(on_site)
    pool_lock = threading.Lock()

    def register(rng: random.Random) -> Request:
        return (
            "POST",
            API + "order/register",
            None,
            {
                "name": "压测访客",
                "phoneNum": f"139{rng.randrange(10**8):08d}",
                "beVisitPersonId": rng.choice(host_ids),
                "purpose": "参观",
                "defaultPrivilegeFlag": "1",
                "orderId": str(uuid.uuid4()),
            },
        )

    def sign_out(_rng: random.Random) -> Request | None:
        with pool_lock:
            if not on_site:
                return None
            oid = on_site.pop()
        return ("POST", API + "signOut", {"orderId": oid}, None)

    def details(rng: random.Random) -> Request:
        return ("POST", API + "visitor/details", None, {"code": rng.choice(codes), "codeType": "1"})

    def visitor_info(rng: random.Random) -> Request:
        return (
            "GET",
            API + "visitorInfo",
            {"pageNo": rng.randint(1, 5), "pageSize": 20, "visitType": rng.choice(["total", "visiting"])},
            None,
        )

    return [
        Endpoint("bare", "ceiling: bare GET", lambda _rng: ("GET", "/bench/bare", None, None)),
        Endpoint(
            "insert",
            "ceiling: POST + insert",
            lambda rng: ("POST", "/bench/insert", None, {"v": rng.random()}),
        ),
        Endpoint("register", "order/register", register),
        Endpoint("signOut", "signOut", sign_out),
        Endpoint("details", "visitor/details", details),
        Endpoint("visitorInfo", "visitorInfo", visitor_info),
    ]


def bench_backend(
    label: str,
    url: str,
    data_dir: Path,
    clients: int,
    duration: float,
    only: list[str] | None = None,
    processes: int = 1,
) -> list[Result]:
    sys.path.insert(0, str(ROOT))
    from server import kiosks
    from server.db import Database
    from server.settings import site_tz

    db = Database(url)
    token = kiosks.add(db, mac=MAC, name="压测访客机")
    plan = endpoints(db, datetime.now(site_tz()).date().isoformat())
    db.dispose()
    headers = {"Authorization": f"Bearer {token}"}
    servers = [start_server(url, data_dir) for _ in range(processes)]
    bases, pids = [x.base for x in servers], [x.proc.pid for x in servers]
    results = []
    try:
        for ep in plan:
            if only and not any(word in ep.label for word in only):
                continue
            r = run_load(ep.label, bases, headers, ep.make, clients, duration, pids)
            results.append(r)
            print(f"  {label:<10}{r.row()}", flush=True)
            if r.first_error:
                print(f"    first error: {r.first_error}", flush=True)
    finally:
        for x in servers:
            x.stop()
    return results


def compare_backend(
    label: str,
    databases: list[tuple[str, Path]],
    other: Path,
    clients: int,
    rounds: int,
    burst: float,
    only: list[str] | None = None,
) -> None:
    """This tree's server (on databases[0]) against `other`'s (on databases[1]), load alternating
    between them in bursts of `burst` seconds, `rounds` times per endpoint (the order flips every
    round). Prints both rows and this tree's req/s as a share of the other's."""
    sys.path.insert(0, str(ROOT))
    from server import kiosks
    from server.db import Database
    from server.settings import site_tz

    today = datetime.now(site_tz()).date().isoformat()
    sides = []
    for (url, data_dir), root in zip(databases, (ROOT, other), strict=True):
        db = Database(url)
        token = kiosks.add(db, mac=MAC, name="压测访客机")
        plan = endpoints(db, today)
        db.dispose()
        sides.append((root, {"Authorization": f"Bearer {token}"}, plan, start_server(url, data_dir, root)))
    names = ("this", "other")
    try:
        for i, ep in enumerate(sides[0][2]):
            if only and not any(word in ep.label for word in only):
                continue
            totals = [Result(ep.label), Result(ep.label)]
            shares = []
            for r in range(rounds):
                rates = [0.0, 0.0]
                for k in (0, 1) if r % 2 == 0 else (1, 0):
                    _root, headers, plan, server = sides[k]
                    one = run_load(
                        ep.label, server.base, headers, plan[i].make, clients, burst, server.proc.pid
                    )
                    rates[k] = len(one.latencies) / one.elapsed
                    total = totals[k]
                    total.latencies += one.latencies
                    total.errors += one.errors
                    total.elapsed += one.elapsed
                    total.server_cpu += one.server_cpu
                    total.client_cpu += one.client_cpu
                    total.first_error = total.first_error or one.first_error
                if rates[1]:
                    shares.append(rates[0] / rates[1])
            for name, total in zip(names, totals, strict=True):
                print(f"  {label:<10}{name:<6}{total.row()}", flush=True)
                if total.first_error:
                    print(f"    first error: {total.first_error}", flush=True)
            if shares:
                print(
                    f"  {label:<10}{'':<6}{ep.label}: this / other = {statistics.median(shares):.2f} "
                    f"(median of {len(shares)} rounds, {min(shares):.2f}-{max(shares):.2f})",
                    flush=True,
                )
    finally:
        for side in sides:
            side[3].stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument(
        "--pg",
        default=os.environ.get("VISITORCS_TEST_POSTGRES_URL"),
        help="PostgreSQL URL (default $VISITORCS_TEST_POSTGRES_URL); omitted: SQLite only",
    )
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--only", nargs="*", help="endpoints whose name contains one of these words")
    parser.add_argument(
        "--against", type=Path, metavar="DIR", help="compare with the server of this other checkout"
    )
    parser.add_argument("--rounds", type=int, default=6, help="--against: bursts per server and endpoint")
    parser.add_argument("--burst", type=float, default=1.5, help="--against: seconds per burst")
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="server processes on the one database (the clients spread over them, as behind a proxy)",
    )
    parser.add_argument("--serve", nargs=2, metavar=("URL", "DATA_DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve[0], Path(args.serve[1]))
        return 0
    if args.against:
        return compare(args)

    print(
        f"server bench: {args.orders:,} orders, {args.clients} clients, {args.duration:g} s per endpoint, "
        f"{args.processes} server process(es), load {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs",
        flush=True,
    )
    tables: list[tuple[str, list[Result]]] = []
    if not args.no_sqlite:
        run_dir = Path(tempfile.mkdtemp(prefix="visitorcs-bench-"))
        try:
            url = sqlite_database(args.orders, run_dir)
            tables.append(
                (
                    "SQLite",
                    bench_backend(
                        "SQLite", url, run_dir, args.clients, args.duration, args.only, args.processes
                    ),
                )
            )
        finally:
            shutil.rmtree(run_dir, ignore_errors=True)
    if args.pg:
        run_dir = Path(tempfile.mkdtemp(prefix="visitorcs-bench-pg-"))
        drop = None
        try:
            print("  seeding PostgreSQL ...", flush=True)
            url, drop = postgres_database(args.pg, args.orders, run_dir)
            results = bench_backend(
                "PostgreSQL", url, run_dir, args.clients, args.duration, args.only, args.processes
            )
            tables.append(("PostgreSQL", results))
        finally:
            if drop:
                drop()
            shutil.rmtree(run_dir, ignore_errors=True)

    print(
        f"\nload average at the end: {os.getloadavg()[0]:.2f} (the machine is shared: read the ceilings first)"
    )
    for label, results in tables:
        print(f"{label} ({args.orders:,} orders, {args.clients} clients)")
        print(Result.HEADER)
        for r in results:
            print(r.row())
        print()
    return 0


def compare(args: argparse.Namespace) -> int:
    other = args.against.resolve()
    print(
        f"server bench: this tree ({ROOT}) against {other}: {args.orders:,} orders, {args.clients} clients, "
        f"{args.rounds} x {args.burst:g} s each per endpoint, load {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    if not args.no_sqlite:
        dirs = [Path(tempfile.mkdtemp(prefix="visitorcs-bench-")) for _ in range(2)]
        try:
            databases = [(sqlite_database(args.orders, d), d) for d in dirs]
            compare_backend("SQLite", databases, other, args.clients, args.rounds, args.burst, args.only)
        finally:
            for d in dirs:
                shutil.rmtree(d, ignore_errors=True)
    if args.pg:
        dirs = [Path(tempfile.mkdtemp(prefix="visitorcs-bench-pg-")) for _ in range(2)]
        drops = []
        try:
            print("  seeding PostgreSQL twice ...", flush=True)
            databases = []
            for d in dirs:
                url, drop = postgres_database(args.pg, args.orders, d)
                drops.append(drop)
                databases.append((url, d))
            compare_backend("PostgreSQL", databases, other, args.clients, args.rounds, args.burst, args.only)
        finally:
            for drop in drops:
                drop()
            for d in dirs:
                shutil.rmtree(d, ignore_errors=True)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
