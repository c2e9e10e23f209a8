"""A site of its own: `visitorcs-server init` stores the site's name, time zone, project and licence
and creates its first operator (with the password the admin chooses: no default outside demo mode);
every start reads them back (`apply`), so a server started on that data directory or database
serves that site with no demo data anywhere."""

from __future__ import annotations

import dataclasses
import os
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from server import licence, operators
from server.db import Database
from server.models._common import utcnow
from server.reference.common import get_json, put_json
from server.settings import TIMEZONE_ENV, Settings

KEY = "site"
DEFAULT_PROJECT = "default"
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


def read(db: Database) -> dict[str, Any] | None:
    """The stored site ({name, timezone, projectId, productId, initialised}), None before `init`."""
    with db.read() as s:
        value = get_json(s, KEY, None)
    return value if isinstance(value, dict) else None


def check_project_id(value: str, field: str = "projectId") -> str:
    text = (value or "").strip()
    if not text or len(text) > 64 or not set(text) <= _ID_CHARS:
        raise ValueError(f"{field} 应为 1-64 个字母、数字或 - _ .")
    return text


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"未知的时区: {name!r}（应为 IANA 名称，如 Asia/Shanghai）") from None
    return name


def init_site(
    db: Database,
    *,
    name: str,
    timezone: str,
    operator: str,
    password: str,
    project_id: str = DEFAULT_PROJECT,
    product_id: str = "",
    display_name: str = "",
    max_kiosks: int | None = None,
    expires: date | None = None,
) -> dict[str, Any]:
    """Store the site and create (or reset) its first operator. Running it again updates the site
    and sets that operator's password again; nothing else is touched."""
    name = " ".join((name or "").split())
    if not name or len(name) > 100:
        raise ValueError("站点名称应为 1-100 个字符")
    site = {
        "name": name,
        "timezone": check_timezone(timezone),
        "projectId": check_project_id(project_id),
        "productId": (product_id or "").strip()[:64],
        "initialised": utcnow().isoformat(timespec="seconds"),
    }
    operators.add(db, operator, password, display_name=display_name)  # refuses a short password
    if (max_kiosks is None) != (expires is None):
        raise ValueError("授权需同时给出 --max-kiosks 与 --expires")
    if max_kiosks is not None and expires is not None:
        licence.set_licence(db, max_kiosks, expires)
    with db.write() as s:
        put_json(s, KEY, site)
    return site


def apply(settings: Settings, site: dict[str, Any] | None) -> Settings:
    """`settings` serving the stored site: its name, project and time zone. An explicit zone
    (settings.extra["timezone"], or $VISITORCS_TIMEZONE) still wins over the stored one."""
    if not site:
        return settings
    extra = dict(settings.extra)
    zone = site.get("timezone")
    if zone and "timezone" not in extra and not os.environ.get(TIMEZONE_ENV):
        extra["timezone"] = zone
    return dataclasses.replace(
        settings,
        site_name=str(site.get("name") or settings.site_name),
        project_id=settings.project_id or str(site.get("projectId") or ""),
        product_id=settings.product_id or str(site.get("productId") or ""),
        extra=extra,
    )


def project_of(settings: Settings) -> str:
    """The project the feeds act for: the stored one, else "default" (a site not yet initialised)."""
    return settings.project_id or DEFAULT_PROJECT
