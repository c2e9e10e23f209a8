"""On-site roll call: everyone currently on site (for evacuation), with accounted-for
marks kept per day in the kiosk's data dir so a restart mid-drill loses nothing."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from pathlib import Path
from typing import Any

from kiosk.services.offline_reads import OfflineReads, mark_cached
from visitorcs.client import VisitorcsClient

log = logging.getLogger(__name__)
PAGE = 500


class RollCallService:
    def __init__(
        self, client: VisitorcsClient, mac: str, data_dir: Path, offline: OfflineReads | None = None
    ) -> None:
        self.client = client
        self.offline = offline or OfflineReads()
        self.mac = mac
        self.path = data_dir / "rollcall.json"
        self._lock = threading.Lock()

    def on_site(self) -> list[dict[str, Any]]:
        """All visits of the 'visiting' tab, every page, sorted by host then name; offline, the
        cache's arrived visits plus this kiosk's own registrations minus its sign-outs."""
        people, _cached = self.offline.read(self._on_site_online, lambda d: mark_cached(d.present_visitors()))
        return sorted(people, key=lambda v: (str(v.get("beVisitPersonName") or ""), str(v.get("name") or "")))

    def _on_site_online(self) -> list[dict[str, Any]]:
        people: list[dict[str, Any]] = []
        page_no = 1
        while True:
            data = self.client.visitor_info("visiting", page_no, PAGE, mac=self.mac) or {}
            items = list(data.get("list") or [])
            people.extend(items)
            if not items or len(people) >= int(data.get("total") or 0):
                break
            page_no += 1
        return people

    def _load(self) -> dict[str, list[str]]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def accounted(self, day: dt.date | None = None) -> set[str]:
        day = day or dt.date.today()
        with self._lock:
            return set(self._load().get(day.isoformat(), []))

    def mark(self, order_id: str, accounted: bool, day: dt.date | None = None) -> set[str]:
        day = day or dt.date.today()
        with self._lock:
            data = self._load()
            marks = set(data.get(day.isoformat(), []))
            (marks.add if accounted else marks.discard)(order_id)
            data = {day.isoformat(): sorted(marks)}  # only today's drill matters
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            tmp.replace(self.path)
            return marks

    def reset(self) -> None:
        with self._lock:
            self.path.unlink(missing_ok=True)
