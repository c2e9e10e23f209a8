"""Database engine and sessions: SQLite (WAL, busy timeout, BEGIN IMMEDIATE writes) or PostgreSQL by URL."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, create_engine
from starlette.concurrency import run_in_threadpool

DATABASE_URL_ENV = "VISITORCS_DATABASE_URL"
T = TypeVar("T")


def default_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'visitorcs.sqlite3'}"


def resolve_url(url: str | None, data_dir: Path) -> str:
    return url or os.environ.get(DATABASE_URL_ENV) or default_url(data_dir)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_size=20, max_overflow=20, pool_pre_ping=True)


def _tune_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling would BEGIN DEFERRED lazily; in WAL mode a reader
    # that later writes then fails with SQLITE_BUSY at once, ignoring the busy timeout.
    # We take control: every transaction starts with BEGIN IMMEDIATE (writers queue on the
    # busy timeout instead of failing).
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        # FULL: an answered write survives a power cut too; kiosks drop what we acknowledged
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """The server's storage: `read()` for queries, `write()` for units of work.

    On SQLite, `write()` transactions start with BEGIN IMMEDIATE so concurrent kiosks
    queue on the busy timeout instead of failing; reads stay deferred and never block
    behind a writer (WAL).
    """

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = url.startswith("sqlite")
        self._write_engine = (
            self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else self.engine
        )
        # SQLite has one writer at a time: this process's writers queue here, in order and without
        # sleeping, instead of polling the busy handler (whose back-off sleeps made p99 latency);
        # other processes still queue on BEGIN IMMEDIATE's busy timeout.
        self._write_lock = threading.RLock() if self.is_sqlite else None

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def rows(self) -> Iterator[Connection]:
        """A plain connection for the hot reads (kiosk token, visit look-ups and lists): Core
        statements returning rows, without the ORM session's per-statement work."""
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error."""
        lock = self._write_lock
        if lock is not None:
            lock.acquire()
        try:
            with Session(self._write_engine, expire_on_commit=False) as session:
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        finally:
            if lock is not None:
                lock.release()

    async def call(self, work: Callable[..., T], /, *args: Any) -> T:
        """Blocking database work for an async route. On SQLite it runs inline: a local file
        makes it CPU work (writes queued behind one lock), which the loop would wait for anyway,
        and a thread hop only adds GIL hand-offs (measured). On PostgreSQL it runs on the thread
        pool: there it mostly waits on round trips, and the loop serves other requests meanwhile."""
        if self.is_sqlite:
            return work(*args)
        return await run_in_threadpool(work, *args)

    async def on_rows(self, read: Callable[..., T], /, *args: Any) -> T:
        """`read(conn, *args)` on a `rows()` connection, run as `call` runs work."""

        def run() -> T:
            with self.rows() as conn:
                return read(conn, *args)

        return await self.call(run)

    def dispose(self) -> None:
        self.engine.dispose()
