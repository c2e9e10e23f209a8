"""A site of its own: `visitorcs-server init` stores the site's name, time zone, project and licence
and creates its first operator (with the password the admin chooses: no default outside demo mode);
every start reads them back (`apply`), so a server started on that data directory or database
serves that site with no demo data anywhere."""

from __future__ import annotations

import dataclasses
import os
import uuid
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import select

from server import licence, operators
from server.db import Database
from server.models import VisitorField
from server.models._common import utcnow
from server.reference.common import get_json, put_json
from server.settings import TIMEZONE_ENV, Settings

KEY = "site"
FIELD_NS = uuid.UUID("5b0f6f3e-2d8c-4a61-9d7b-8e2f1c3a4b5d")
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
        if s.exec(select(VisitorField.para_id)).first() is None:
            _default_fields(s)
    return site


# The registration form of a new site: the standard fields, none of the demo's custom ones. The
# platform's field/sync (or visitorField/edition) changes it afterwards.
DEFAULT_FIELDS: tuple[tuple[str, str, int, bool, str], ...] = (
    ("name", "姓名", 1, True, ""),
    ("sex", "性别", 2, False, ""),
    ("identityNum", "证件号码", 1, False, ""),
    ("phoneNum", "手机号", 1, True, ""),
    ("carNumber", "车牌号", 1, False, ""),
    ("visitorWorkUnit", "来访单位", 1, False, ""),
    ("purpose", "来访事由", 1, True, ""),
    ("personNum", "来访人数", 1, False, r"^[1-9]\d{0,1}$"),
    ("endTimeISO", "预计离开时间", 3, False, ""),
    ("visitorPhoto", "访客照片", 6, False, ""),
)


def _default_fields(s: Any) -> None:
    import json

    for order, (key, label, show, required, regular) in enumerate(DEFAULT_FIELDS, start=1):
        options = (
            [{"text": t, "value": n, "selected": False} for n, t in enumerate(("男", "女"), 1)]
            if key == "sex"
            else []
        )
        s.add(
            VisitorField(
                para_id=str(uuid.uuid5(FIELD_NS, key)),
                para_key=key,
                para_name=label,
                show_type=show,
                field_type="Date" if show == 3 else ("Integer" if key == "personNum" else "String"),
                required=required,
                regular=regular,
                dis_order=order,
                data_value=json.dumps(options, ensure_ascii=False),
            )
        )


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
