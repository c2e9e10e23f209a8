"""Feed and import throughput of a real site's server: persons/s through the platform's
`person/syncPersonInfos` in batches of 1,000 (new, unchanged, changed), an import of a 10,000-row
employees file (CSV and XLSX, through the `visitorcs-server import` CLI: dry run, import, the same
file again), and `order/sync` pages/s over 100,000 orders paged with the `disorder` cursor, on
SQLite and (given a URL) PostgreSQL.

    .venv/bin/python -m bench.feed_bench [--persons 10000] [--batch 1000] [--rows 10000]
                                         [--orders 100000] [--page-size 1000]
                                         [--only persons import orders] [--no-sqlite]
                                         [--pg postgresql+psycopg://...]   (or $VISITORCS_TEST_POSTGRES_URL)

The server runs in its own process (bench.server_bench's: uvicorn, one worker, access log off,
workers off); the feeds are called as the platform calls them, with an integration credential made
by `visitorcs-server integration add` and the `projectId` header. The 100,000 orders are the
server bench's seeded database (its SQLite file is cached between runs). One run; medians of the
requests of a pass, and each pass's overall rate. Checks that every answer is right, never how fast.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from bench import server_bench

ROOT = server_bench.ROOT
FEEDS = "/webapi/visitorcs/api/v1"
PROJECT = "BENCH1"


# ---- databases and the site -----------------------------------------------------------------------


def fresh_database(pg: str | None, run_dir: Path) -> tuple[str, Callable[[], None]]:
    """An empty database: a SQLite file in run_dir, or a new schema of the PostgreSQL at `pg`."""
    if not pg:
        return f"sqlite:///{run_dir / 'visitorcs.sqlite3'}", lambda: None
    from sqlalchemy import create_engine, text

    schema = "feedbench_" + uuid.uuid4().hex[:12]
    engine = create_engine(pg)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in pg else "?"

    def drop() -> None:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()

    return f"{pg}{sep}options={quote(f'-csearch_path={schema}')}", drop


def cli(url: str, data_dir: Path, *argv: str) -> tuple[int, str]:
    """One `visitorcs-server` subcommand, in this process; its exit code and standard output."""
    from server import cli as server_cli

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = server_cli.main(["--data-dir", str(data_dir), "--database", url, *argv])
    return code, out.getvalue()


def init_site(url: str, data_dir: Path) -> str:
    """`init` a site of its own and make the platform's credential; returns its token."""
    code, out = cli(
        url,
        data_dir,
        "init",
        "--name",
        "压测园区",
        "--project-id",
        PROJECT,
        "--operator",
        "admin",
        "--password",
        "Bench-admin-2026",
    )
    assert code == 0, out
    return integration(url, data_dir)


def integration(url: str, data_dir: Path) -> str:
    code, out = cli(url, data_dir, "integration", "add", "--name", "bench-platform")
    assert code == 0, out
    return out.strip().splitlines()[-1]


def quiet_logs() -> None:
    import logging

    logging.getLogger().setLevel(logging.WARNING)


# ---- the three measurements ---------------------------------------------------------------------------


def _person(n: int, renamed: bool = False) -> dict[str, Any]:
    return {
        "personIndexCode": f"B{n:06d}",
        "personName": f"{'改名' if renamed else ''}员工{n:06d}",
        "orgName": f"压测集团/事业部{n % 17}/组{n % 5}",
        "phone": f"139{n:08d}",
        "cardNo": f"BC{n:08X}",
        "sex": n % 3,
        "personStatus": 0,
    }


def bench_persons(label: str, pg: str | None, persons: int, batch: int) -> list[str]:
    run_dir = Path(tempfile.mkdtemp(prefix="visitorcs-feedbench-"))
    url, drop = fresh_database(pg, run_dir)
    server = None
    lines = []
    try:
        token = init_site(url, run_dir)
        quiet_logs()  # the CLI set INFO: the client's request log is not the bench's
        server = server_bench.start_server(url, run_dir)
        headers = {"Authorization": f"Bearer {token}", "projectId": PROJECT}
        with httpx.Client(base_url=server.base, headers=headers, timeout=300) as http:
            for pass_name, renamed in (("new", False), ("unchanged", False), ("changed", True)):
                times = []
                t0 = time.perf_counter()
                for start in range(0, persons, batch):
                    body = [_person(n, renamed) for n in range(start, min(persons, start + batch))]
                    t = time.perf_counter()
                    r = http.post(FEEDS + "/person/syncPersonInfos", json=body)
                    times.append(time.perf_counter() - t)
                    answer = r.json()
                    assert r.status_code == 200 and answer["code"] == "0" and answer["data"] == [], r.text[
                        :300
                    ]
                total = time.perf_counter() - t0
                med = statistics.median(times)
                lines.append(
                    f"| {label:<10} | persons {pass_name:<9} | {len(times):>3} x {batch:>5} | "
                    f"{med * 1000:>9.0f} ms | {batch / med:>9,.0f} | {persons / total:>9,.0f} |"
                )
                print("  " + lines[-1], flush=True)
            # the kiosk's client API sees them (a check, not a measurement)
            found = http.post(FEEDS + "/privilege/sync", json=[]).json()
            assert found["code"] == "0"
    finally:
        if server is not None:
            server.stop()
        drop()
        shutil.rmtree(run_dir, ignore_errors=True)
    return lines


def write_employees(path: Path, rows: int, first: int) -> Path:
    header = ["工号", "姓名", "部门", "手机号", "卡号", "性别"]
    data = [
        [f"E{n:06d}", f"职员{n:06d}", f"导入集团/部门{n % 23}", f"137{n:08d}", f"EC{n:08X}", "男女"[n % 2]]
        for n in range(first, first + rows)
    ]
    if path.suffix == ".csv":
        import csv

        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows([header, *data])
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("员工")
        sheet.append(header)
        for row in data:
            sheet.append(row)
        book.save(path)
    return path


def bench_import(label: str, pg: str | None, rows: int) -> list[str]:
    run_dir = Path(tempfile.mkdtemp(prefix="visitorcs-importbench-"))
    url, drop = fresh_database(pg, run_dir)
    lines = []
    try:
        init_site(url, run_dir)
        for n, suffix in enumerate((".csv", ".xlsx")):
            path = write_employees(run_dir / f"staff{suffix}", rows, first=n * rows)
            for step, extra, words in (
                ("dry run", ("--dry-run",), "拒绝 0"),
                ("import", (), "拒绝 0"),
                ("again", (), "已新增 0，已修改 0，已删除 0"),
            ):
                t = time.perf_counter()
                code, out = cli(url, run_dir, "import", "employees", str(path), *extra)
                took = time.perf_counter() - t
                assert code == 0 and f"{rows} 行" in out and words in out, out[:500]
                lines.append(
                    f"| {label:<10} | {suffix[1:].upper():<4} {step:<8} | {rows:>7,} rows | {took:>7.2f} s | "
                    f"{rows / took:>9,.0f} |"
                )
                print("  " + lines[-1], flush=True)
    finally:
        drop()
        shutil.rmtree(run_dir, ignore_errors=True)
    return lines


def bench_orders(label: str, pg: str | None, orders: int, page_size: int) -> list[str]:
    run_dir = Path(tempfile.mkdtemp(prefix="visitorcs-orderbench-"))
    drop: Callable[[], None] = lambda: None  # noqa: E731
    server = None
    lines = []
    try:
        if pg:
            print(f"  seeding {orders:,} orders in PostgreSQL ...", flush=True)
            url, drop = server_bench.postgres_database(pg, orders, run_dir)
        else:
            url = server_bench.sqlite_database(orders, run_dir)
        token = integration(url, run_dir)
        quiet_logs()
        from server import integrations
        from server.db import Database

        db = Database(url)
        project = integrations.listing(db)[0]["projectId"]
        db.dispose()
        server = server_bench.start_server(url, run_dir)
        headers = {"Authorization": f"Bearer {token}", "projectId": project}
        with httpx.Client(base_url=server.base, headers=headers, timeout=300) as http:
            for size in sorted({page_size, 100}, reverse=True):
                last, seen, times = 0, 0, []
                t0 = time.perf_counter()
                while True:
                    t = time.perf_counter()
                    r = http.post(
                        FEEDS + "/order/sync", json={"disorder": last, "pageNo": 1, "pageSize": size}
                    )
                    times.append(time.perf_counter() - t)
                    answer = r.json()
                    assert r.status_code == 200 and answer["code"] == "0", r.text[:300]
                    items = answer["data"]["list"]
                    if not items:
                        break
                    assert items[0]["disorder"] > last
                    last = items[-1]["disorder"]
                    seen += len(items)
                total = time.perf_counter() - t0
                assert seen >= orders, (seen, orders)
                med = statistics.median(times[:-1] or times)
                lines.append(
                    f"| {label:<10} | {seen:>7,} orders | page {size:>5} | {len(times):>5} pages | "
                    f"{med * 1000:>7.1f} ms | {1 / med:>7.1f} | {seen / total:>9,.0f} |"
                )
                print("  " + lines[-1], flush=True)
    finally:
        if server is not None:
            server.stop()
        drop()
        shutil.rmtree(run_dir, ignore_errors=True)
    return lines


# ---- main --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=10_000, help="rows of the imported file")
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--only", nargs="*", choices=("persons", "import", "orders"))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument(
        "--pg",
        default=os.environ.get("VISITORCS_TEST_POSTGRES_URL"),
        help="PostgreSQL URL (default $VISITORCS_TEST_POSTGRES_URL); omitted: SQLite only",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    only = set(args.only or ("persons", "import", "orders"))
    backends: list[tuple[str, str | None]] = [] if args.no_sqlite else [("SQLite", None)]
    if args.pg:
        backends.append(("PostgreSQL", args.pg))
    print(
        f"feed bench: {args.persons:,} persons in batches of {args.batch:,}, a {args.rows:,}-row file, "
        f"{args.orders:,} orders; load {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs",
        flush=True,
    )
    persons, imports, orders = [], [], []
    for label, pg in backends:
        print(f"{label}:", flush=True)
        if "persons" in only:
            persons += bench_persons(label, pg, args.persons, args.batch)
            quiet_logs()
        if "import" in only:
            imports += bench_import(label, pg, args.rows)
            quiet_logs()
        if "orders" in only:
            orders += bench_orders(label, pg, args.orders, args.page_size)
            quiet_logs()

    print(f"\nload average at the end: {os.getloadavg()[0]:.2f} (the machine may be shared)")
    if persons:
        print("\nperson/syncPersonInfos (one request per batch; median request, and the whole pass)")
        print("| database   | pass              | batches     | median req   | persons/s | overall/s |")
        print("|------------|-------------------|-------------|--------------|-----------|-----------|")
        print("\n".join(persons))
    if imports:
        print(
            "\n`visitorcs-server import employees FILE` (in-process CLI: migrate check, read, one transaction)"
        )
        print("| database   | file / step   | rows         | time      | rows/s    |")
        print("|------------|---------------|--------------|-----------|-----------|")
        print("\n".join(imports))
    if orders:
        print("\norder/sync paged by the disorder cursor (pageNo 1, disorder = last seen), to the end")
        print("| database   | exported       | page size  | pages       | median     | pages/s | orders/s  |")
        print("|------------|----------------|------------|-------------|------------|---------|-----------|")
        print("\n".join(orders))
    return 0


if __name__ == "__main__":
    sys.exit(main())
