"""Times as the spec shows them: ISO in the site timezone, UTC epoch-millisecond strings,
the "+08:00" difference, and the site-local day a visit belongs to; and the time rules every
time a client sends must meet (`parse_time` / `read_time`, `check_visit_window`), in one place.

The rules (docs/api-notes.md): a time is between 2000 and 2099, its UTC offset within what time
zones have (-12:00 .. +14:00); a visit ends after it starts and lasts at most the site's maximum
visit length (Settings.max_visit, 30 days unless configured). Rendering never raises on a
stored time: a row stored before these rules must not take a list down with it."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import overload
from zoneinfo import ZoneInfo

from server.envelope import ApiError

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)  # the QR's validity (4-byte unix seconds) reaches 2106
MIN_OFFSET = timedelta(hours=-12)  # Baker Island
MAX_OFFSET = timedelta(hours=14)  # Kiribati (Line Islands)
_EARLIEST_MS = int(EARLIEST.timestamp() * 1000)
_LATEST_MS = int(LATEST.timestamp() * 1000)


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


def local(dt: datetime, tz: ZoneInfo) -> datetime:
    """`dt` (aware) in the site zone; in UTC where the zone's date would leave datetime's range
    (a stored 9999-12-31T23:00Z is 10000-01-01 in Shanghai): rendering a stored time never raises."""
    try:
        return dt.astimezone(tz)
    except (OverflowError, ValueError, OSError):
        return dt.astimezone(UTC)


def iso(dt: datetime | None, tz: ZoneInfo) -> str:
    dt = aware(dt)
    return local(dt, tz).isoformat(timespec="seconds") if dt else ""


def utc_ms(dt: datetime | None) -> str:
    dt = aware(dt)
    if dt is None:
        return ""
    try:
        return str(int(dt.timestamp() * 1000))
    except (OverflowError, ValueError, OSError):
        return ""


def offset_text(local: datetime) -> str:
    """ "+08:00": the UTC offset of an aware site-local time."""
    offset = local.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def local_day(dt: datetime | None, tz: ZoneInfo) -> str:
    dt = aware(dt)
    return local(dt, tz).date().isoformat() if dt else ""


def end_of_day(now: datetime, tz: ZoneInfo) -> datetime:
    """23:59:59 of `now`'s site-local day, as aware UTC."""
    local = aware(now).astimezone(tz)
    end = datetime.combine(local.date(), time(23, 59, 59), tzinfo=tz)
    return end.astimezone(UTC)


def parse_time(value: str | int | float | None, tz: ZoneInfo, field: str) -> datetime | None:
    """ISO 8601 (with or without offset: without = site time), "YYYY-MM-DD HH:MM:SS", or epoch ms,
    as aware UTC; None when not given. Between 2000 and 2099, offset -12:00 .. +14:00.

    Raises ValueError with words naming the field.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
        try:
            ms = int(value)
        except (ValueError, OverflowError):
            raise ValueError(f"{field}: 时间格式错误") from None
        if not _EARLIEST_MS <= ms < _LATEST_MS:
            raise ValueError(_out_of_range(field))
        return datetime.fromtimestamp(ms / 1000, UTC)
    text = value.strip().replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{field}: 时间格式错误，应为 ISO 8601，如 2018-10-29T15:33:07+08:00") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz)
    if not EARLIEST.year - 1 <= dt.year <= LATEST.year:  # before any arithmetic that could overflow
        raise ValueError(_out_of_range(field))
    offset = dt.utcoffset()
    if offset is None or not MIN_OFFSET <= offset <= MAX_OFFSET:
        raise ValueError(f"{field}: 时区偏移超出范围（应在 -12:00 到 +14:00 之间）")
    utc = dt.astimezone(UTC)
    if not EARLIEST <= utc < LATEST:
        raise ValueError(_out_of_range(field))
    return utc


def _out_of_range(field: str) -> str:
    return f"{field}: 时间超出范围（应在 {EARLIEST.year} 年到 {LATEST.year - 1} 年之间）"


def read_time(value: str | int | float | None, tz: ZoneInfo, field: str) -> datetime | None:
    """`parse_time`, refusing with a 400 in words: what every route and offline record calls."""
    try:
        return parse_time(value, tz, field)
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None


def check_visit_window(
    start: datetime, end: datetime, longest: timedelta, tz: ZoneInfo, field: str = "endTimeISO"
) -> None:
    """A visit from `start` to `end` (both checked by read_time or stored): it ends after it
    starts and lasts at most `longest` (the site's Settings.max_visit). 400 in words."""
    if end <= start:
        raise ApiError(400, f"{field}: 预计离开时间应晚于开始时间（{iso(start, tz)}）")
    if end - start > longest:
        days = longest.days
        raise ApiError(
            400,
            f"{field}: 访问时长不能超过 {days} 天（开始于 {iso(start, tz)}，最晚 {iso(start + longest, tz)}）",
        )
