"""Database engine and sessions: SQLite (WAL, busy timeout, BEGIN IMMEDIATE writes) or PostgreSQL by
URL, and the one way async code reaches them: `await db.run(work, *args)` on the database's own threads."""

from __future__ import annotations

import asyncio
import os
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, create_engine

DATABASE_URL_ENV = "VISITORCS_DATABASE_URL"
T = TypeVar("T")
# Threads that run database work for async code (`Database.run`), per database. SQLite: one.
# Its work is CPU in this process (a local file, one writer at a time), so more threads only
# contend for the GIL; one thread keeps the event loop free and costs one hand-off per request.
# PostgreSQL: several, because there the work mostly waits on round trips to the server.
SQLITE_THREADS = 1
POSTGRES_THREADS = 8
POOL_SIZE = 20  # PostgreSQL connections kept: the run threads, the background workers, the CLI


def default_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'visitorcs.sqlite3'}"


def resolve_url(url: str | None, data_dir: Path) -> str:
    return url or os.environ.get(DATABASE_URL_ENV) or default_url(data_dir)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_size=POOL_SIZE, max_overflow=20, pool_pre_ping=True)


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
        if mode:  # "": autocommit statements (Database.read and .rows)
            conn.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """The server's storage: `read()` for queries, `write()` for units of work, `rows()` for plain
    Core reads; and `run()`, through which async code (routes, dependencies, the app's start-up)
    does all of them.

    On SQLite, `write()` transactions start with BEGIN IMMEDIATE so concurrent kiosks
    queue on the busy timeout instead of failing; reads are autocommit statements and never
    block behind a writer (WAL).

    `read()`, `write()` and `rows()` refuse to run on a thread with a running event loop: there
    they would stop every other request while they wait on the disk, a lock or the network.
    """

    def __init__(self, url: str, *, threads: int | None = None):
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = url.startswith("sqlite")
        self._write_engine = (
            self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else self.engine
        )
        # SQLite reads run without BEGIN: each statement is its own snapshot (as under PostgreSQL's
        # READ COMMITTED, which the read paths are written for), and a one-statement read runs one
        # statement instead of three (BEGIN, SELECT, ROLLBACK); every call into SQLite lets go of
        # the GIL, which the event loop's thread takes when it is busy: a hand-over each time
        self._read_engine = self.engine.execution_options(sqlite_begin="") if self.is_sqlite else self.engine
        # SQLite has one writer at a time: this process's writers queue here, in order and without
        # sleeping, instead of polling the busy handler (whose back-off sleeps made p99 latency);
        # other processes still queue on BEGIN IMMEDIATE's busy timeout.
        self._write_lock = threading.RLock() if self.is_sqlite else None
        self._threads = _Threads(threads or (SQLITE_THREADS if self.is_sqlite else POSTGRES_THREADS))

    @property
    def thread_count(self) -> int:
        return self._threads.count

    async def run(self, work: Callable[..., T], /, *args: Any) -> T:
        """`work(*args)` on this database's threads; the event loop serves other requests meanwhile.

        `work` is plain blocking code: a service function taking the Database (it opens `read()`,
        `write()` or `rows()` itself) or a route's helper. One call per request where it can be:
        each is a hand-off to a thread and back."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._threads.submit(loop, future, work, args)
        return await future

    @contextmanager
    def read(self) -> Iterator[Session]:
        _off_the_loop()
        with Session(self._read_engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def rows(self) -> Iterator[Connection]:
        """A plain connection for the hot reads (kiosk token, visit look-ups and lists): Core
        statements returning rows, without the ORM session's per-statement work."""
        _off_the_loop()
        with self._read_engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error."""
        _off_the_loop()
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

    def dispose(self) -> None:
        """Finish the work handed over, then close the connections (the app's shutdown, the CLI).
        The database stays usable: the next `run` starts new threads (an app started again)."""
        self._threads.stop()
        self.engine.dispose()


class _Threads:
    """The threads `Database.run` hands work to: a plain queue in, the waiting loop's
    `call_soon_threadsafe` out. `loop.run_in_executor` on a ThreadPoolExecutor adds a concurrent
    Future, its condition and the pool's idle semaphore to every hand-off: 40-60 µs of CPU against
    35-45 µs here on the 2-vCPU build machine, where a request is well under a millisecond."""

    def __init__(self, count: int):
        self.count = count
        self._lock = threading.Lock()
        self._jobs: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self._running: list[threading.Thread] = []  # started on first use: the CLI never needs them

    def submit(
        self, loop: asyncio.AbstractEventLoop, future: asyncio.Future, work: Callable, args: tuple
    ) -> None:
        if not self._running:
            self._start()
        self._jobs.put((loop, future, work, args))

    def _start(self) -> None:
        with self._lock:
            for i in range(len(self._running), self.count):
                thread = threading.Thread(
                    target=_serve, args=(self._jobs,), name=f"visitorcs-db-{i}", daemon=True
                )
                thread.start()
                self._running.append(thread)

    def stop(self) -> None:
        """Work already handed over is done first; later work goes to new threads and a new queue."""
        with self._lock:
            jobs, running = self._jobs, self._running
            self._jobs, self._running = queue.SimpleQueue(), []
        for _ in running:
            jobs.put(None)
        for thread in running:
            thread.join()


def _serve(jobs: queue.SimpleQueue[tuple[Any, ...] | None]) -> None:
    while (job := jobs.get()) is not None:
        loop, future, work, args = job
        del job
        try:
            outcome = (work(*args), None)
        except BaseException as exc:  # the awaiting request re-raises it
            outcome = (None, exc)
        del work, args
        try:
            loop.call_soon_threadsafe(_settle, future, *outcome)
        except RuntimeError:  # that loop is closed: nobody waits for the answer any more
            pass
        del loop, future, outcome


def _settle(future: asyncio.Future, result: Any, error: BaseException | None) -> None:
    if future.cancelled():  # the request went away (client disconnected); its work was done anyway
        return
    if error is None:
        future.set_result(result)
    else:
        future.set_exception(error)


def _off_the_loop() -> None:
    if asyncio._get_running_loop() is not None:  # the C accelerated check: ~30 ns
        raise RuntimeError(
            "database work on the event loop thread: hand it to `await db.run(work, ...)` (server/db.py)"
        )
