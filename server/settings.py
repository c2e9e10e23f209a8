"""The server's settings, fixed at start: where data lives, which database, demo or not,
and the site's time zone."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from server.db import resolve_url

TIMEZONE_ENV = "VISITORCS_TIMEZONE"
DEFAULT_TIMEZONE = "Asia/Shanghai"
MAX_VISIT_DAYS_ENV = "VISITORCS_MAX_VISIT_DAYS"
DEFAULT_MAX_VISIT_DAYS = 30  # the longest a visit may last, start to end (docs/api-notes.md)
MAX_VISIT_DAYS_CEILING = 366

log = logging.getLogger(__name__)


def site_tz(name: str | None = None) -> ZoneInfo:
    """The site's zone: `name` (an IANA name), else $VISITORCS_TIMEZONE, else Asia/Shanghai.

    A running server asks `Settings.timezone` (resolved once); this is for code without one."""
    chosen = name or os.environ.get(TIMEZONE_ENV) or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(chosen)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown time zone %r, using %s", chosen, DEFAULT_TIMEZONE)
        return ZoneInfo(DEFAULT_TIMEZONE)


def max_visit_length(days: object = None) -> timedelta:
    """The longest visit: `days`, else $VISITORCS_MAX_VISIT_DAYS, else 30 days (1..366)."""
    chosen = days if days not in (None, "") else os.environ.get(MAX_VISIT_DAYS_ENV) or DEFAULT_MAX_VISIT_DAYS
    try:
        number = int(str(chosen))
    except ValueError:
        log.warning("invalid maximum visit length %r, using %s days", chosen, DEFAULT_MAX_VISIT_DAYS)
        number = DEFAULT_MAX_VISIT_DAYS
    return timedelta(days=min(max(number, 1), MAX_VISIT_DAYS_CEILING))


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    demo: bool = False
    docs: bool = False  # /doc.html (Swagger UI from a CDN): development only, also on with --demo
    run_workers: bool = True  # status keeper and credential dispatcher
    worker_interval_s: float = 5.0
    site_name: str = ""  # the site's name (`visitorcs-server init`; the demo's is 示例科技园)
    # the platform's project this site is (`init --project-id`): the feeds' projectId header and
    # the queries' projectId must name it (server/integrations.py)
    project_id: str = ""
    product_id: str = ""
    # A kiosk on this machine to provision at start: (mac, name, token file); the embedded mode
    local_kiosk: tuple[str, str, Path] | None = None
    extra: dict = field(default_factory=dict)
    # resolved once from extra["timezone"], else $VISITORCS_TIMEZONE, else Asia/Shanghai
    timezone: ZoneInfo = field(init=False)
    # resolved once from extra["maxVisitDays"], else $VISITORCS_MAX_VISIT_DAYS, else 30 days
    max_visit: timedelta = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "timezone", site_tz(self.extra.get("timezone")))
        object.__setattr__(self, "max_visit", max_visit_length(self.extra.get("maxVisitDays")))

    @classmethod
    def build(cls, data_dir: Path | str, database_url: str | None = None, **kwargs) -> Settings:
        data_dir = Path(data_dir).expanduser()
        data_dir.mkdir(parents=True, exist_ok=True)
        return cls(data_dir=data_dir, database_url=resolve_url(database_url, data_dir), **kwargs)

    @property
    def pictures_dir(self) -> Path:
        path = self.data_dir / "pictures"
        path.mkdir(parents=True, exist_ok=True)
        return path
