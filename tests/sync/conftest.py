"""Fixtures for the sync tests: a fresh outbox in a temp dir (every outbox test runs on a plaintext
and on an SQLCipher-encrypted one) and the in-memory fake server."""

from __future__ import annotations

import secrets

import pytest

from sync import sqlitedb
from sync.outbox import Outbox
from tests.sync.fakes import FakeSyncServer

needs_sqlcipher = pytest.mark.skipif(
    not sqlitedb.available(), reason="SQLCipher (sqlcipher3) is not installed"
)


@pytest.fixture(params=["plain", pytest.param("encrypted", marks=needs_sqlcipher)])
def db_key(request) -> bytes | None:
    """None (plaintext) or a random database key (SQLCipher)."""
    return secrets.token_bytes(sqlitedb.KEY_BYTES) if request.param == "encrypted" else None


@pytest.fixture
def outbox(tmp_path, db_key):
    box = Outbox(tmp_path / "outbox.db", db_key)
    yield box
    box.close()


@pytest.fixture
def fake():
    return FakeSyncServer()
