"""`CacheStore`: the kiosk's SQLite replica of reference data, blacklist, hosts and today's
visits. The store opens itself on first use — a refresh or an offline look-up, both on
worker threads — because its SQLModel tables (kiosk.cache.tables) cost about a second of
imports that the kiosk's start-up and GUI thread should not pay."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from visitorcs.identity import normalise_document, normalise_phone

_TABLE_NAMES = {
    "CacheModel",
    "CacheItem",
    "BlacklistEntry",
    "CachedVisit",
    "Host",
    "CacheMeta",
    "REFERENCE_KINDS",
}


def __getattr__(name: str) -> Any:
    """The table classes live in kiosk.cache.tables; `store.CacheModel` still finds them."""
    if name in _TABLE_NAMES:
        from kiosk.cache import tables

        return getattr(tables, name)
    raise AttributeError(f"module 'kiosk.cache.store' has no attribute {name!r}")


def norm_id(value: Any, identity_id: Any = None) -> str:
    """An ID number as the server stores and compares it (visitorcs.identity): full-width, lower
    case, separators and the legacy 15-digit form of a resident ID number are the same person."""
    return normalise_document(str(identity_id or "") or None, str(value or ""))


def norm_phone(value: Any) -> str:
    """A phone as the server stores and compares it: +86, full-width digits, separators dropped."""
    return normalise_phone(str(value or ""))


class CacheStore:
    """One SQLite file (kiosk.cache.tables.SqlCacheStore), opened on first use. Replaces each
    kind whole, in one transaction: a refresh cut off halfway leaves the previous copy.
    `key`: encrypted at rest (sync.sqlitedb); `forget_signed_out`: visits that have left are kept
    without personal data ([privacy] forget_on_sign_out)."""

    def __init__(self, path: str | Path, key: bytes | None = None, *, forget_signed_out: bool = False):
        self.path = Path(path)
        self._key = key
        self.forget_signed_out = forget_signed_out
        self._store: Any = None
        self._lock = threading.Lock()

    def _db(self) -> Any:
        with self._lock:
            if self._store is None:
                from kiosk.cache.tables import SqlCacheStore

                self._store = SqlCacheStore(self.path, self._key, forget_signed_out=self.forget_signed_out)
            return self._store

    @property
    def engine(self) -> Any:
        return self._db().engine

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    # -- writes (the refresher; host searches) --------------------------------------------------
    def put_reference(self, kind: str, value: Any) -> bool:
        return self._db().put_reference(kind, value)

    def put_blacklist(self, entries: list[dict[str, Any]]) -> bool:
        return self._db().put_blacklist(entries)

    def put_visits(self, visits: list[dict[str, Any]]) -> bool:
        return self._db().put_visits(visits)

    def remember_hosts(self, people: Iterable[dict[str, Any]]) -> None:
        self._db().remember_hosts(people)

    # -- retention (sync.retention, on its thread) --------------------------------------------
    def signed_out_orders(self) -> set[str]:
        return self._db().signed_out_orders()

    def purge(self, sweep: Any) -> int:
        """Drop what `sweep` (a sync.retention.Sweep) allows: see SqlCacheStore.purge."""
        return self._db().purge(sweep)

    # -- reads (kiosk.cache.directory) ----------------------------------------------------------
    def reference(self, kind: str) -> list[Any]:
        return self._db().reference(kind)

    def refreshed_at(self, kind: str) -> float | None:
        return self._db().refreshed_at(kind)

    def is_blacklisted(self, identity_num: str | None, phone: str | None) -> bool:
        return self._db().is_blacklisted(identity_num, phone)

    def visits_where(self, column: str | None = None, value: str | None = None) -> list[dict[str, Any]]:
        return self._db().visits_where(column, value)

    def host_names(self, person_ids: Iterable[str]) -> dict[str, str]:
        return self._db().host_names(person_ids)

    def hosts(self, text: str = "", limit: int = 50) -> list[dict[str, Any]]:
        return self._db().hosts(text, limit)
