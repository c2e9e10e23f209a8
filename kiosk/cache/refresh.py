"""Keeps the cache fresh: everything at start, then visits every minute and reference data and
the blacklist less often, on one background thread. A failed refresh keeps the old copy."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from kiosk.cache.store import CacheStore
from sync.loop import StepLoop
from visitorcs.errors import ApiError, ApiUnreachable

log = logging.getLogger(__name__)

PAGE = 1000  # the API's largest page


def _all_pages(
    fetch: Callable[[int, int], dict[str, Any]], page_size: int = PAGE, max_pages: int = 10_000
) -> list[dict[str, Any]]:
    """Every row of a paged list. Stops at `total`, or at a short page if no total is given."""
    out: list[dict[str, Any]] = []
    for page_no in range(1, max_pages + 1):
        data = fetch(page_no, page_size) or {}
        rows = list(data.get("list") or [])
        out.extend(rows)
        total = data.get("total")
        if not rows or len(rows) < page_size or (total is not None and len(out) >= int(total)):
            break
    return out


class CacheRefresher:
    """`source` is a visitorcs.client.VisitorcsClient.

    The API has no "changed since" parameter on any of these lists, so "incremental" here means:
    per kind on its own schedule, and a kind whose content hash did not change is not rewritten.
    """

    def __init__(
        self,
        store: CacheStore,
        source: Any,
        mac: str,
        *,
        visits_every: float = 60.0,
        blacklist_every: float = 300.0,
        reference_every: float = 900.0,
        is_online: Callable[[], bool] = lambda: True,
        page_size: int = PAGE,
    ):
        self.store, self.source, self.mac = store, source, mac
        self.page_size = page_size
        self.every = {"visits": visits_every, "blacklist": blacklist_every, "reference": reference_every}
        self.is_online = is_online
        self.last_error: dict[str, str] = {}
        self._loop = StepLoop("cache-refresh", self._step)
        self._last: dict[str, float] = {}
        self._listeners: list[Callable[[str], None]] = []

    def on_change(self, listener: Callable[[str], None]) -> None:
        """`listener(part)` after a refresh of `part` (visits, blacklist, reference) found the
        server's copy changed: what services keep in memory (kiosk.services.reference) is stale."""
        self._listeners.append(listener)

    # -- one kind at a time ------------------------------------------------------------------
    def refresh_visits(self) -> bool:
        visits = _all_pages(
            lambda n, s: self.source.visitor_info(visit_type="total", page_no=n, page_size=s, mac=self.mac),
            self.page_size,
        )
        return self.store.put_visits(visits)

    def refresh_blacklist(self) -> bool:
        rows = _all_pages(lambda n, s: self.source.black_list(page_no=n, page_size=s), self.page_size)
        return self.store.put_blacklist(rows)

    def refresh_reference(self) -> bool:
        src = self.source
        fetches: dict[str, Callable[[], Any]] = {
            "purposes": lambda: _all_pages(lambda n, s: src.purposes(page_no=n, page_size=s)),
            "workUnits": lambda: _all_pages(lambda n, s: src.work_units(page_no=n, page_size=s)),
            "privilegeGroups": lambda: _all_pages(lambda n, s: src.privilege_groups(page_no=n, page_size=s)),
            "fieldConfiguration": src.field_configuration,
            "parkNotice": src.note_admission,
            "permitTemplate": src.ph_config,
            "sceneConfig": src.scene_config,
            "qrKeys": src.qr_keys,
        }
        changed = False
        for kind, fetch in fetches.items():
            try:
                value = fetch()
            except ApiError as exc:  # one endpoint refusing must not stop the others
                self.last_error[kind] = exc.msg
                log.warning("cache: %s not refreshed: %s", kind, exc.msg)
                continue
            changed |= self.store.put_reference(kind, value if value is not None else [])
        return changed

    def refresh(self, part: str) -> bool:
        fn = {
            "visits": self.refresh_visits,
            "blacklist": self.refresh_blacklist,
            "reference": self.refresh_reference,
        }[part]
        try:
            changed = fn()
        except (ApiError, ApiUnreachable) as exc:
            self.last_error[part] = str(exc)
            log.info("cache: %s refresh failed, keeping the old copy: %s", part, exc)
            raise
        self.last_error.pop(part, None)
        self._last[part] = time.monotonic()
        if changed:
            for listener in list(self._listeners):
                try:
                    listener(part)
                except Exception:  # a listener's failure must not fail the refresh
                    log.exception("cache: listener of %s changes failed", part)
        return changed

    def refresh_all(self) -> dict[str, bool | str]:
        out: dict[str, bool | str] = {}
        for part in ("reference", "blacklist", "visits"):
            try:
                out[part] = self.refresh(part)
            except (ApiError, ApiUnreachable) as exc:
                out[part] = f"failed: {exc}"
        return out

    # -- background --------------------------------------------------------------------------
    def start(self) -> None:
        self._loop.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._loop.stop(timeout)

    def kick(self) -> None:
        """Refresh everything due now (call it when the server comes back)."""
        self._last.clear()
        self._loop.kick()

    def _step(self) -> float:
        """Refresh every kind that is due; returns how long to wait before looking again."""
        if self.is_online():
            now = time.monotonic()
            for part, every in self.every.items():
                if self._loop.stopping:
                    break
                if now - self._last.get(part, -1e18) >= every:
                    try:
                        self.refresh(part)
                    except (ApiError, ApiUnreachable):
                        self._last[part] = now - every + min(every, 10.0)  # try again in ~10 s
                    except Exception:
                        log.exception("cache refresh of %s failed", part)
                        self._last[part] = now
        return min(self.every.values()) / 4 if self.every else 15.0
