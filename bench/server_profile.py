"""Where a server request's CPU goes: drives the ASGI app in this process (no sockets, no
load generator sharing the cores) on a copy of server_bench's seeded SQLite database and
reports CPU ms per request of each endpoint; `--profile NAME` adds a cProfile of one.
`--pg URL` seeds a fresh schema of that PostgreSQL instead (this process's CPU only).

    .venv/bin/python -m bench.server_profile [--requests 400] [--profile visitorInfo] [--top 30] [--pg URL]

One request at a time: this is the cost of a request, not the throughput under
concurrency (bench/server_bench.py measures that). CPU time counts every thread of the process
(the event loop's and the database's, `Database.run`); the cProfile covers both as well.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import pstats
import random
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.server_bench import MAC, ROOT, add_ceiling_routes, endpoints, postgres_database, sqlite_database


class AsgiCaller:
    """Calls one ASGI app the way uvicorn does: one scope, a body, collected response."""

    def __init__(self, app: Any, token: str):
        self.app = app
        self.headers = [
            (b"authorization", f"Bearer {token}".encode()),
            (b"content-type", b"application/json"),
        ]

    async def call(
        self, method: str, path: str, query: dict[str, Any] | None, body: Any
    ) -> tuple[int, bytes]:
        raw = json.dumps(body).encode() if body is not None else b""
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "root_path": "",
            "query_string": urlencode(query or {}).encode(),
            "headers": self.headers,
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
            "state": {},
        }
        sent = False
        status = 0
        chunks: list[bytes] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if sent:
                await asyncio.sleep(3600)
            sent = True
            return {"type": "http.request", "body": raw, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, send)
        return status, b"".join(chunks)


async def run(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT))
    run_dir = Path(tempfile.mkdtemp(prefix="visitorcs-profile-"))
    drop = None
    if args.pg:
        # seeding is blocking database work: off the event loop (server/db.py refuses it there)
        url, drop = await asyncio.to_thread(postgres_database, args.pg, args.orders, run_dir)
    else:
        url = await asyncio.to_thread(sqlite_database, args.orders, run_dir)
    try:
        await profile(args, run_dir, url)
    finally:
        if drop:
            drop()


async def profile(args: argparse.Namespace, run_dir: Path, url: str) -> None:
    from server import kiosks
    from server.app import create_app
    from server.services import pinyin
    from server.settings import Settings, site_tz

    app = create_app(Settings.build(run_dir, url, run_workers=False))

    add_ceiling_routes(app)

    async with app.router.lifespan_context(app):
        pinyin.load_now()
        db = app.state.db
        caller = AsgiCaller(app, await db.run(kiosks.add, db, MAC, "剖析访客机"))
        today = datetime.now(site_tz()).date().isoformat()
        rng = random.Random(7)
        for ep in await db.run(endpoints, db, today):
            name, make = ep.key, ep.make
            if args.only and name not in args.only:
                continue
            for _ in range(20):  # warm caches, compiled statements
                status, body = await caller.call(*make(rng))
                assert status == 200, (name, status, body[:300])
            profiler = cProfile.Profile() if name == args.profile else None
            # one request at a time: the database's executor reuses one idle thread for all of them
            db_profiler = cProfile.Profile() if profiler else None
            t0, wall0 = time.process_time(), time.perf_counter()
            if profiler and db_profiler:
                profiler.enable()
                await db.run(db_profiler.enable)
            for _ in range(args.requests):
                await caller.call(*make(rng))
            if profiler and db_profiler:
                await db.run(db_profiler.disable)
                profiler.disable()
            ms = (time.process_time() - t0) * 1000 / args.requests
            wall = (time.perf_counter() - wall0) * 1000 / args.requests  # + the database's own time
            print(f"{name:<12} {ms:7.3f} CPU ms/request {wall:7.3f} wall ms/request", flush=True)
            if profiler and db_profiler:
                stats = pstats.Stats(profiler).add(db_profiler)
                stats.sort_stats("cumulative").print_stats(args.top)
                stats.sort_stats("tottime").print_stats(args.top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--only", nargs="*")
    parser.add_argument(
        "--profile", help="endpoint to cProfile: bare, insert, register, signOut, details, visitorInfo"
    )
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument(
        "--pg", metavar="URL", help="profile on a fresh schema of this PostgreSQL instead of SQLite"
    )
    asyncio.run(run(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
