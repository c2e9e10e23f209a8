"""Today's visits: the four visitorInfo tabs, their counts, search and server-side paging."""

from __future__ import annotations

from typing import Any

from kiosk.services.models import Page
from kiosk.services.offline_reads import OfflineReads, mark_cached
from visitorcs.client import VisitorcsClient
from visitorcs.codes import CLOSED, ON_SITE, status_in

TABS = ("total", "visiting", "unRegister", "signOut")


class TodayService:
    def __init__(self, client: VisitorcsClient, mac: str, offline: OfflineReads | None = None) -> None:
        self.client = client
        self.mac = mac
        self.offline = offline or OfflineReads()

    def page(self, tab: str, page_no: int = 1, page_size: int = 50, query: str = "") -> Page:
        if tab not in TABS:
            raise ValueError(f"unknown tab {tab!r}")
        data, cached = self.offline.read(
            lambda: self.client.visitor_info(
                tab, page_no, page_size, query_info=query.strip() or None, mac=self.mac
            ),
            lambda d: _offline_tab(d, tab, query.strip()),
        )
        if not cached:
            return Page.from_api(data, page_no, page_size)
        start = (page_no - 1) * page_size
        return Page(
            items=mark_cached(data[start : start + page_size]),
            page_no=page_no,
            page_size=page_size,
            total=len(data),
            from_cache=True,
        )

    def counts(self, query: str = "") -> dict[str, int]:
        return {tab: self.page(tab, 1, 1, query).total for tab in TABS}


def _offline_tab(directory: Any, tab: str, query: str) -> list[dict[str, Any]]:
    """A tab from the cache: on site = cache + this kiosk's writes; the others from today's cached visits."""
    present = directory.present_visitors()
    if tab == "visiting":
        rows = present
    else:
        here = {str(v.get("orderId")) for v in present}
        others = [v for v in directory.cache.visits_where() if str(v.get("orderId")) not in here]
        rows = present + others
        if tab == "signOut":
            rows = [v for v in rows if status_in(v.get("status"), CLOSED)]
        elif tab == "unRegister":
            rows = [v for v in rows if not status_in(v.get("status"), CLOSED + ON_SITE)]
    if query:
        rows = [
            v
            for v in rows
            if any(
                query in str(v.get(k) or "") for k in ("name", "phoneNum", "beVisitPersonName", "visitorCode")
            )
        ]
    return rows
