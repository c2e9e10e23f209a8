"""Fixtures for the sync tests: a fresh outbox in a temp dir and the in-memory fake server."""

from __future__ import annotations

import pytest

from sync.outbox import Outbox
from tests.sync.fakes import FakeSyncServer


@pytest.fixture
def outbox(tmp_path):
    box = Outbox(tmp_path / "outbox.db")
    yield box
    box.close()


@pytest.fixture
def fake():
    return FakeSyncServer()
