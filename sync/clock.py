"""Offset of the server's clock from the kiosk's, measured NTP-style through `getSysTime`."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

log = logging.getLogger(__name__)


def server_time_s(data: dict[str, Any]) -> float:
    """Seconds since the epoch from a SysTimeDto: `sysTimeUTC` (ms) if usable, else `sysTime` (ISO)."""
    utc = str(data.get("sysTimeUTC") or "").strip()
    if utc.isdigit():
        return int(utc) / 1000.0
    return datetime.fromisoformat(str(data["sysTime"]).replace("Z", "+00:00")).timestamp()


def ntp_offset_ms(t0: float, t1: float, t2: float, t3: float) -> int:
    """offset = ((t1 - t0) + (t2 - t3)) / 2; t0/t3 kiosk send/receive, t1/t2 server receive/send."""
    return round(((t1 - t0) + (t2 - t3)) / 2 * 1000)


class ClockSync:
    """Measures `clockOffsetMs` (server minus kiosk) and keeps the last value in the outbox's meta,
    so records made after a restart while offline still carry the last known offset."""

    def __init__(
        self,
        get_sys_time: Callable[[], dict[str, Any]],
        store: Any | None = None,
        wall: Callable[[], float] = time.time,
    ):
        self._get = get_sys_time
        self._store = store
        self._wall = wall
        self.offset_ms: int = int(store.get_meta("clock_offset_ms", "0")) if store else 0
        self.measured_at: float | None = None

    def measure(self) -> int:
        """One round trip; raises what the transport raises (ApiUnreachable) and keeps the old value."""
        t0 = self._wall()
        data = self._get()
        t3 = self._wall()
        server = server_time_s(data)  # one server timestamp: t1 = t2
        self.offset_ms = ntp_offset_ms(t0, server, server, t3)
        self.measured_at = t3
        if self._store is not None:
            self._store.set_meta("clock_offset_ms", str(self.offset_ms))
        if abs(self.offset_ms) > 5 * 60_000:
            log.warning("kiosk clock is %.0f s off the server's", self.offset_ms / 1000)
        return self.offset_ms
