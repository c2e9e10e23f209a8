"""Helpers shared by the table modules."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """Aware UTC; sqlmodel refuses naive datetimes, and the API renders local ISO from it."""
    return datetime.now(UTC)
