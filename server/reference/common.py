"""Helpers the reference services share: time formats, site settings stored as JSON, and
paging arithmetic."""

from __future__ import annotations

import json
from datetime import datetime, tzinfo
from typing import Any

from sqlmodel import Session

from server.envelope import ApiError
from server.models import Setting
from server.services.timefmt import aware

INT32_MAX = 2_147_483_647


def local_text(moment: datetime | None, tz: tzinfo) -> str:
    """The spec's "2021-07-01 12:00:00" in site time; "" for no time."""
    if moment is None:
        return ""
    return aware(moment).astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")


def get_json(session: Session, key: str, default: Any) -> Any:
    row = session.get(Setting, key)
    if row is None:
        return default
    try:
        return json.loads(row.value)
    except ValueError:
        return default


def put_json(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key) or Setting(key=key)
    row.value = json.dumps(value, ensure_ascii=False)
    session.add(row)


def page_window(page_no: int, page_size: int) -> int:
    """The offset of a page; refuses the spec's "起始数必须小于2147483647" overflow."""
    offset = (page_no - 1) * page_size
    if offset >= INT32_MAX:
        raise ApiError(400, "pageNo: 页码过大（记录起始数必须小于 2147483647）")
    return offset
