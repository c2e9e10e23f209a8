"""Every time the kiosk shows or prints, in the site's zone, from one formatter: a kiosk whose
machine clock runs in another zone showed 02:13 on the confirm page and printed 10:13 on the
permit of the same visit. The site's zone is the server's (its UTC offset, from getSysTime at
each licence check, remembered for an offline start); the machine's own zone only until then."""

from __future__ import annotations

import datetime as dt
from typing import Any


class SiteTime:
    def __init__(self, offset: dt.timedelta | None = None) -> None:
        self.offset = offset

    @property
    def tz(self) -> dt.tzinfo | None:
        """The site's zone (None: the machine's, until the server has said)."""
        return dt.timezone(self.offset) if self.offset is not None else None

    def learn(self, server_time: Any) -> None:
        """Take the site's offset from a time the server wrote (e.g. getSysTime's sysTime)."""
        try:
            when = dt.datetime.fromisoformat(str(server_time).replace("Z", "+00:00"))
        except ValueError:
            return
        if when.utcoffset() is not None:
            self.offset = when.utcoffset()

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC).astimezone(self.tz)

    def at(self, value: Any) -> dt.datetime | None:
        """A time as the API carries it (ISO with or without offset, epoch milliseconds, a
        datetime) in the site's zone; None when it is not one. A time without an offset is taken
        as the site's wall clock."""
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            when = value
        else:
            text = str(value).strip()
            if text.isdigit() and len(text) >= 10:
                when = dt.datetime.fromtimestamp(int(text) / (1000 if len(text) >= 13 else 1), dt.UTC)
            else:
                try:
                    when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
                except ValueError:
                    return None
        if when.tzinfo is None:
            return when.replace(tzinfo=self.tz) if self.tz is not None else when.astimezone()
        return when.astimezone(self.tz)

    def text(self, value: Any, pattern: str = "%m-%d %H:%M") -> str:
        """`value` written in the site's zone; the value itself when it is not a time."""
        when = self.at(value)
        return when.strftime(pattern) if when is not None else str(value or "")
