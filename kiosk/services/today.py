"""Today's visits: the four visitorInfo tabs, their counts, search and server-side paging."""
from __future__ import annotations

from kiosk.api.client import VisitorcsClient
from kiosk.services.models import Page

TABS = ("total", "visiting", "unRegister", "signOut")


class TodayService:
    def __init__(self, client: VisitorcsClient, mac: str) -> None:
        self.client = client
        self.mac = mac

    def page(self, tab: str, page_no: int = 1, page_size: int = 50, query: str = "") -> Page:
        if tab not in TABS:
            raise ValueError(f"unknown tab {tab!r}")
        data = self.client.visitor_info(tab, page_no, page_size, query_info=query.strip() or None,
                                        mac=self.mac)
        return Page.from_api(data, page_no, page_size)

    def counts(self, query: str = "") -> dict[str, int]:
        return {tab: self.page(tab, 1, 1, query).total for tab in TABS}
