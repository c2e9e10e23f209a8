"""PostgreSQL connections are pinged only after sitting idle (server/db.py): a request after the
database dropped an idle connection (a restart, a failover, a firewall) gets a fresh one instead of
an error, while busy connections cost no ping."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from server import db as db_module
from server.db import Database


@pytest.mark.postgres
def test_an_idle_connection_the_database_dropped_is_replaced(backend, database_url, monkeypatch):
    if backend != "postgres":
        pytest.skip("PostgreSQL only: SQLite has no connection to lose")
    store = Database(database_url, threads=1)
    killer = Database(database_url, threads=1)
    try:
        with store.rows() as conn:
            first = conn.execute(text("SELECT pg_backend_pid()")).scalar()
        with killer.rows() as conn:  # the server ends the idle connection (a restart would)
            assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": first}).scalar()
        monkeypatch.setattr(db_module, "PING_IDLE_S", 0.0)  # it has been idle long enough
        with store.rows() as conn:
            second = conn.execute(text("SELECT pg_backend_pid()")).scalar()
        assert second != first
        with store.write() as session:  # writes get a live connection too
            assert session.execute(text("SELECT 1")).scalar() == 1
    finally:
        store.dispose()
        killer.dispose()


@pytest.mark.postgres
def test_a_busy_connection_is_not_pinged(backend, database_url):
    if backend != "postgres":
        pytest.skip("PostgreSQL only")
    store = Database(database_url, threads=1)
    pings = []
    original = store.engine.dialect.do_ping
    store.engine.dialect.do_ping = lambda conn: pings.append(1) or original(conn)  # type: ignore[method-assign]
    try:
        for _ in range(5):
            with store.rows() as conn:
                conn.execute(text("SELECT 1"))
        assert pings == []
    finally:
        store.engine.dialect.do_ping = original  # type: ignore[method-assign]
        store.dispose()
