"""One instance at a time: the background rounds of several `visitorcs-server` processes on one
PostgreSQL database run under a transaction-level advisory lock, so a round runs in one process
while the others skip it. On SQLite there is one server process per database file (and its
writers are serialised anyway): the round always runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection

from server.db import Database

# Advisory locks are keyed (class, object), two 32-bit numbers. The class says whose lock it is
# ("visi" in ASCII, so a DBA reading pg_locks can tell); the object is the schema's name hashed,
# so sites (or test runs) in different schemas of one database never wait for each other.
WORKERS_LOCK = 0x76_69_73_69
MIGRATIONS_LOCK = WORKERS_LOCK + 1
_KEYED = "(:key, hashtext(current_schema()))"


def wait_for_turn(conn: Connection, key: int = MIGRATIONS_LOCK) -> None:
    """Inside `conn`'s transaction on PostgreSQL: wait until no other instance holds `key`, then
    hold it until this transaction ends (instances starting at once migrate one after another,
    and the later ones find the schema done)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"SELECT pg_advisory_xact_lock{_KEYED}"), {"key": key})


@contextmanager
def only_one(db: Database, key: int = WORKERS_LOCK) -> Iterator[bool]:
    """Yields True in the one process that holds the lock for this block, False in the others
    (they skip the work instead of queueing behind it: the holder does it for them).

    PostgreSQL: `pg_try_advisory_xact_lock` in a transaction of its own connection, held open for
    the block; COMMIT (or the connection dying with its process) lets go, so a crashed instance
    never leaves the lock held. `idle_in_transaction_session_timeout` is turned off for that
    transaction: a server that ends idle transactions would otherwise drop the lock mid-round."""
    if db.is_sqlite:
        yield True
        return
    with db.engine.connect() as conn, conn.begin():
        conn.execute(text("SET LOCAL idle_in_transaction_session_timeout = 0"))
        held = bool(conn.execute(text(f"SELECT pg_try_advisory_xact_lock{_KEYED}"), {"key": key}).scalar())
        yield held
