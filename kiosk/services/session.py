"""The kiosk's own session with the server: the licence check (clientService/login with
the MAC) at start and on every return home, the clock offset, and logout at exit."""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass

from visitorcs.client import VisitorcsClient

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Licence:
    allowed: bool
    tips: str = ""


class SessionService:
    def __init__(self, client: VisitorcsClient, mac: str) -> None:
        self.client = client
        self.mac = mac
        self.licence: Licence | None = None
        self.clock_offset_ms = 0

    def login(self) -> Licence:
        """loginResult 0 = allowed; 1 = licence refused, `tips` says why (shown as is)."""
        data = self.client.login(self.mac)
        allowed = str(data.get("loginResult", "0")) == "0"
        self.licence = Licence(
            allowed, str(data.get("tips") or ("" if allowed else "本机未获授权，无法登记访客"))
        )
        if not allowed:
            log.warning("licence refused: %s", self.licence.tips)
        return self.licence

    def measure_clock(self) -> int:
        """Server clock minus ours in ms (kept for offline records)."""
        before = time.time()
        data = self.client.sys_time()
        after = time.time()
        text = str(data.get("sysTime") or data.get("sysTimeUTC") or "")
        try:
            server = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
        except ValueError:
            return self.clock_offset_ms
        self.clock_offset_ms = int((server - (before + after) / 2) * 1000)
        return self.clock_offset_ms

    def logout(self) -> None:
        self.client.logout(self.mac)
