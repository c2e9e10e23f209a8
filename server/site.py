"""What every use case needs from the site it serves: the time zone, the QR signing key, and the
visitorInfo rows rendered so far (services/list_rows.py), which depend on the time zone, and the
lists' totals counted so far (services/list_counts.py).
One per app (`app.state.site`), handed to routes by `deps.SiteDep`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from server.keys import load_or_create_qr_key, load_or_create_secret
from server.services import timefmt
from server.settings import Settings, site_tz


@dataclass
class SiteContext:
    settings: Settings
    list_rows: dict[tuple[str, datetime], bytes] = field(default_factory=dict, repr=False)
    # visitorInfo's totals by list and change counter (services/list_counts.py)
    list_counts: dict[tuple, tuple[int, int]] = field(default_factory=dict, repr=False)

    @cached_property
    def tz(self) -> ZoneInfo:
        tz = self.settings.timezone
        _SITE_TZ[0] = tz
        return tz

    @cached_property
    def qr_key(self) -> Ed25519PrivateKey:
        return load_or_create_qr_key(self.settings.data_dir)

    @cached_property
    def login_secret(self) -> bytes:
        """Keys the decoy salts of unknown operator names (server.operators), 0600 in the data dir."""
        return load_or_create_secret(self.settings.data_dir, "login_decoy.key")

    @cached_property
    def session_key(self) -> bytes:
        """Signs the mobile channels' sessions and hashes their SMS codes (server/callers.py), 0600."""
        return load_or_create_secret(self.settings.data_dir, "mobile_session.key")

    def today(self, now: datetime) -> str:
        return timefmt.local_day(now, self.tz)


_SITE_TZ = [site_tz()]  # the running site's, once a SiteContext exists


def current_tz() -> ZoneInfo:
    """The zone of the running site (for code that has no SiteContext: table event hooks)."""
    return _SITE_TZ[0]
