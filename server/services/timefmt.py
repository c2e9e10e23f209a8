"""Times as the spec shows them: ISO in the site timezone, UTC epoch-millisecond strings,
the "+08:00" difference, and the site-local day a visit belongs to."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import overload
from zoneinfo import ZoneInfo


@overload
def aware(dt: datetime) -> datetime: ...
@overload
def aware(dt: None) -> None: ...
@overload
def aware(dt: datetime | None) -> datetime | None: ...
def aware(dt: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; they were stored as UTC."""
    if dt is None:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def iso(dt: datetime | None, tz: ZoneInfo) -> str:
    dt = aware(dt)
    return dt.astimezone(tz).isoformat(timespec="seconds") if dt else ""


def utc_ms(dt: datetime | None) -> str:
    dt = aware(dt)
    return str(int(dt.timestamp() * 1000)) if dt else ""


def offset_text(local: datetime) -> str:
    """ "+08:00": the UTC offset of an aware site-local time."""
    offset = local.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def local_day(dt: datetime | None, tz: ZoneInfo) -> str:
    dt = aware(dt)
    return dt.astimezone(tz).date().isoformat() if dt else ""


def end_of_day(now: datetime, tz: ZoneInfo) -> datetime:
    """23:59:59 of `now`'s site-local day, as aware UTC."""
    local = aware(now).astimezone(tz)
    end = datetime.combine(local.date(), time(23, 59, 59), tzinfo=tz)
    return end.astimezone(UTC)


def parse_time(value: str | int | float | None, tz: ZoneInfo, field: str) -> datetime | None:
    """ISO 8601 (with or without offset: without = site time), "YYYY-MM-DD HH:MM:SS", or epoch ms.

    Raises ValueError with words naming the field.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
        ms = int(value)
        if not 0 < ms < 10**14:
            raise ValueError(f"{field}: 时间戳超出范围")
        return datetime.fromtimestamp(ms / 1000, UTC)
    text = value.strip().replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{field}: 时间格式错误，应为 ISO 8601，如 2018-10-29T15:33:07+08:00") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz)
    return dt.astimezone(UTC)
