"""Every time in the site's zone, whatever zone the kiosk's machine runs in."""

from __future__ import annotations

import datetime as dt

from kiosk.sitetime import SiteTime

SHANGHAI = dt.timedelta(hours=8)


def test_the_site_zone_is_learned_from_the_server_and_applied_to_every_spelling() -> None:
    site = SiteTime()
    site.learn("2026-12-02T10:13:00+08:00")
    assert site.offset == SHANGHAI
    for value in (
        "2026-12-02T02:13:00Z",
        "2026-12-02T10:13:00+08:00",
        "1764641580000",
        dt.datetime(2026, 12, 2, 2, 13, tzinfo=dt.UTC),
    ):
        assert site.text(value, "%H:%M") == "10:13", value
    assert site.text("2026-12-02 10:13:00", "%H:%M") == "10:13"  # no offset: the site's wall clock
    assert site.now().utcoffset() == SHANGHAI


def test_what_is_not_a_time_is_shown_as_it_is() -> None:
    assert SiteTime(SHANGHAI).text("明天上午") == "明天上午" and SiteTime().text(None) == ""


def test_a_server_time_without_an_offset_teaches_nothing() -> None:
    site = SiteTime()
    site.learn("2026-12-02 10:13:00")
    site.learn("garbage")
    assert site.offset is None
