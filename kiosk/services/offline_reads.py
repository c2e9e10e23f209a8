"""The one place a read falls back to the offline cache: try the API, and when the server is
unreachable report it to the connectivity monitor and answer from the OfflineDirectory."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from visitorcs.errors import ApiUnreachable

log = logging.getLogger(__name__)
T = TypeVar("T")

# Key a visit read from the cache carries, so a screen can say "离线数据".
FROM_CACHE = "fromCache"


class OfflineReads:
    """`directory`: kiosk.cache.OfflineDirectory (None: no offline mode, errors pass through).
    `is_online`: the monitor's view; when it says offline we skip the API at once, so nobody
    waits for a connect timeout per screen. `report_failure`: tells the monitor to probe now."""

    def __init__(
        self,
        directory: Any = None,
        *,
        is_online: Callable[[], bool] = lambda: True,
        report_failure: Callable[[], None] = lambda: None,
    ) -> None:
        self.directory = directory
        self.is_online = is_online
        self.report_failure = report_failure

    @property
    def enabled(self) -> bool:
        return self.directory is not None

    def read(self, online: Callable[[], T], offline: Callable[[Any], T]) -> tuple[T, bool]:
        """(answer, from_cache)."""
        if self.directory is None:
            return online(), False
        if self.is_online():
            try:
                return online(), False
            except ApiUnreachable as exc:
                log.info("server unreachable (%s): answering from the offline cache", exc)
                self.report_failure()
        return offline(self.directory), True

    def value(self, online: Callable[[], T], offline: Callable[[Any], T]) -> T:
        return self.read(online, offline)[0]


def mark_cached(visits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**v, FROM_CACHE: True} for v in visits]
