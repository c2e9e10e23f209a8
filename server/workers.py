"""Background workers of the server (status keeper, credential dispatcher)."""
from __future__ import annotations

from collections.abc import Callable

from server.db import Database
from server.settings import Settings


def start(db: Database, settings: Settings) -> Callable[[], None]:
    """Start the workers; returns the function that stops them."""
    return lambda: None
