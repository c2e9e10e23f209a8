"""One instance at a time (server/leader.py): of several servers on one PostgreSQL database, one
runs a background round while the others skip it; a process that dies lets go of the lock. On
SQLite (one process per file) the round always runs."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from server import leader, migrate, workers
from server.db import Database

ROOT = Path(__file__).resolve().parents[2]  # this checkout's server, also in the child


@pytest.fixture
def two_instances(database_url):
    """Two Databases on one database: what two server processes hold (their own engines and pools)."""
    first, second = Database(database_url), Database(database_url)
    migrate.upgrade(first)
    yield first, second
    first.dispose()
    second.dispose()


def test_sqlite_always_runs(backend, two_instances):
    if backend != "sqlite":
        pytest.skip("SQLite only")
    first, second = two_instances
    with leader.only_one(first) as a, leader.only_one(second) as b:
        assert a and b


@pytest.mark.postgres
def test_one_instance_holds_the_round_the_other_skips(backend, two_instances, settings):
    if backend != "postgres":
        pytest.skip("PostgreSQL only: the advisory lock")
    first, second = two_instances
    with leader.only_one(first) as mine:
        assert mine
        with leader.only_one(second) as theirs:
            assert not theirs
        assert workers.run_round(second, settings) is None  # the runner skips the whole round
    with leader.only_one(second) as theirs:  # let go at the end of the block
        assert theirs
    assert workers.run_round(second, settings) is not None


@pytest.mark.postgres
def test_a_killed_instance_lets_go(backend, database_url, two_instances):
    if backend != "postgres":
        pytest.skip("PostgreSQL only: the advisory lock")
    first, _ = two_instances
    holder = textwrap.dedent(
        f"""
        import sys, time
        from server import leader
        from server.db import Database
        with leader.only_one(Database({database_url!r})) as mine:
            print("held" if mine else "refused", flush=True)
            time.sleep(60)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        assert proc.stdout.readline().strip() == "held"
        with leader.only_one(first) as mine:
            assert not mine
    finally:
        proc.kill()  # as kill -9 or a crash: no COMMIT, the connection just drops
        proc.wait()
    deadline = time.monotonic() + 10
    while True:  # the server notices the closed socket at once; allow it a moment
        with leader.only_one(first) as mine:
            if mine:
                break
        assert time.monotonic() < deadline, "the dead instance's lock was never released"
        time.sleep(0.1)


@pytest.mark.postgres
def test_instances_starting_at_once_migrate_one_after_another(backend, database_url):
    if backend != "postgres":
        pytest.skip("PostgreSQL only: the advisory lock")
    code = "import sys; from server import migrate; from server.db import Database; migrate.upgrade(Database(sys.argv[1]))"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, database_url],
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        for _ in range(3)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    db = Database(database_url)
    try:
        assert migrate.applied_revisions(db) == migrate.script_heads()
    finally:
        db.dispose()


@pytest.mark.postgres
def test_sites_in_other_schemas_do_not_wait_for_each_other(backend, two_instances):
    if backend != "postgres":
        pytest.skip("PostgreSQL only: the advisory lock")
    from tests.server.conftest import POSTGRES_ENV, _drop_schema, _postgres_url_with_fresh_schema

    first, _ = two_instances
    url, schema = _postgres_url_with_fresh_schema(os.environ[POSTGRES_ENV])
    elsewhere = Database(url)
    try:
        with leader.only_one(first) as mine, leader.only_one(elsewhere) as theirs:
            assert mine and theirs  # one database, two sites: each runs its own rounds
    finally:
        elsewhere.dispose()
        _drop_schema(os.environ[POSTGRES_ENV], schema)
