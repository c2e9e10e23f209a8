"""The today table model pages from the service as the view scrolls, and ignores answers
for a tab or search that is no longer shown."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QTableView

from kiosk.services.models import Page
from kiosk.ui.staff.today_page import PAGE_SIZE, VisitModel


class ThousandsOfVisits:
    """A stand-in TodayService with 5,000 visits (the server's paging is tested elsewhere)."""

    def __init__(self, total: int = 5000) -> None:
        self.total = total
        self.calls: list[tuple[str, int, str]] = []

    def page(self, tab: str, page_no: int, page_size: int, query: str = "") -> Page:
        self.calls.append((tab, page_no, query))
        start = (page_no - 1) * page_size
        rows = [
            {
                "orderId": f"{tab}-{query}-{i}",
                "name": f"访客{i}",
                "phoneNum": "13912345678",
                "status": "8",
                "registerTimeISO": "2026-11-28T09:00:00+08:00",
            }
            for i in range(start, min(start + page_size, self.total))
        ]
        return Page(rows, page_no, page_size, self.total)


def test_pages_load_as_the_view_scrolls(qtbot) -> None:
    today = ThousandsOfVisits()
    model = VisitModel(today)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    view.show()
    model.reset("total", "")
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE)
    assert model.total == 5000 and len(today.calls) == 1
    assert model.data(model.index(0, 1)) == "139****5678"  # phones are masked in the list

    started = time.perf_counter()
    for _ in range(5):
        rows = model.rowCount()
        view.scrollToBottom()
        qtbot.waitUntil(lambda rows=rows: model.rowCount() > rows, timeout=5000)
    per_page_ms = (time.perf_counter() - started) * 1000 / 5
    assert model.rowCount() == 6 * PAGE_SIZE
    assert [c[1] for c in today.calls] == [1, 2, 3, 4, 5, 6]
    assert per_page_ms < 500


def test_a_stale_answer_is_dropped(qtbot) -> None:
    today = ThousandsOfVisits(30)
    model = VisitModel(today)
    model.reset("total", "")
    model.reset("visiting", "zhang")  # the person switched tab and typed before the answer
    qtbot.waitUntil(lambda: model.rowCount() == 30)
    assert all(row["orderId"].startswith("visiting-zhang-") for row in model.rows)
    assert not model.canFetchMore(model.index(-1, -1))
