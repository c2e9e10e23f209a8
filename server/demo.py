"""Demo site data (hosts, purposes, privilege groups, notices, appointments) for `--demo`."""
from __future__ import annotations

from server.db import Database
from server.settings import Settings


def seed_if_empty(db: Database, settings: Settings) -> None:
    """Seed a realistic demo site on first start; later starts keep what is there."""
    # Filled in by the demo-data work of issue 2.
    return None
