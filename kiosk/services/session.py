"""The kiosk's own session with the server: the licence check (clientService/login with
the MAC) at start and on every return home, the clock offset, and logout at exit."""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass

from kiosk.services.remembered import Remembered
from kiosk.sitetime import SiteTime
from visitorcs.client import VisitorcsClient
from visitorcs.errors import ApiError, ApiUnreachable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Licence:
    allowed: bool
    tips: str = ""
    remembered: bool = False  # the server is away: granted at the last good check, within the grace


class SessionService:
    def __init__(
        self,
        client: VisitorcsClient,
        mac: str,
        remembered: Remembered | None = None,
        grace_s: float = 0,
        site_time: SiteTime | None = None,
    ) -> None:
        self.client = client
        self.mac = mac
        self.site_time = site_time or SiteTime()
        self.remembered = remembered
        self.grace_s = grace_s
        self.licence: Licence | None = None
        self.clock_offset_ms = 0

    def login(self) -> Licence:
        """loginResult 0 = allowed; 1 = licence refused, `tips` says why (shown as is). When the
        server cannot be reached, a licence it granted within the site's grace still counts."""
        try:
            data = self.client.login(self.mac)
        except ApiUnreachable:
            age = self.remembered.licence_age_s() if self.remembered is not None else None
            if age is None or age > self.grace_s:
                raise
            log.info("server unreachable: the licence granted %.1f h ago still counts", age / 3600)
            offset = self.remembered.site_offset()
            if offset is not None and self.site_time.offset is None:
                self.site_time.offset = offset
            self.licence = Licence(True, remembered=True)
            return self.licence
        allowed = str(data.get("loginResult", "0")) == "0"
        self.licence = Licence(
            allowed, str(data.get("tips") or ("" if allowed else "本机未获授权，无法登记访客"))
        )
        if allowed:
            self._learn_site_zone()
        if self.remembered is not None:
            if allowed:
                self.remembered.licence_granted(self.site_time.offset)
            else:
                self.remembered.licence_refused()
        if not allowed:
            log.warning("licence refused: %s", self.licence.tips)
        return self.licence

    def _learn_site_zone(self) -> None:
        """The site's UTC offset, for every time the kiosk shows or prints (kiosk.sitetime)."""
        try:
            self.site_time.learn(self.client.sys_time().get("sysTime"))
        except (ApiError, ApiUnreachable) as exc:
            log.info("site time zone not learned: %s", exc)

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
