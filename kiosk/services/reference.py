"""Reference data the forms need: purposes, work units (both extensible at the desk),
privilege groups, the visitor field configuration, the park notice, the permit template
and scene parameters; kept in memory after the first read, until the kiosk's cache refresh finds
the server's copy changed (`invalidate`, wired in kiosk.context.build_context): what a feed or an
import changed on the server shows at the next read after the next refresh."""

from __future__ import annotations

import logging
import threading
from typing import Any

from kiosk.services.models import DEFAULT_FIELDS, FieldDef
from kiosk.services.offline_reads import OfflineReads
from visitorcs.client import VisitorcsClient
from visitorcs.errors import ApiError

log = logging.getLogger(__name__)


def _list(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict):
        return list(data.get("list") or [])
    return list(data or [])


def parse_field_configuration(data: Any) -> list[FieldDef]:
    """visitorInfo/configuration is `Map<string, List<VisitorFieldBaseDto>>` in the spec's
    schema and a map of single objects in its example; accept both and a plain list."""
    raws: list[tuple[str, dict[str, Any]]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, list):
                raws.extend((key, v) for v in value if isinstance(v, dict))
            elif isinstance(value, dict):
                raws.append((key, value))
    elif isinstance(data, list):
        raws.extend(("", v) for v in data if isinstance(v, dict))
    fields = [FieldDef.from_api(raw, key) for key, raw in raws]
    seen: set[str] = set()
    unique = []
    for f in sorted(fields, key=lambda f: f.order):
        if f.key and f.key not in seen:
            seen.add(f.key)
            unique.append(f)
    return unique


class ReferenceService:
    def __init__(self, client: VisitorcsClient, offline: OfflineReads | None = None) -> None:
        self.client = client
        self.offline = offline or OfflineReads()
        self._lock = threading.Lock()
        self._cache: dict[str, Any] = {}
        self.from_cache: set[str] = set()  # keys last answered by the offline cache
        self.generation = 0  # grows at every invalidate: a page that built itself from older data reloads

    def _api(self, key: str, online: Any, offline_name: str) -> Any:
        """One reference read: the server's answer, or the offline cache's copy when unreachable."""
        value, cached = self.offline.read(online, lambda d: getattr(d, offline_name)())
        with self._lock:
            (self.from_cache.add if cached else self.from_cache.discard)(key)
        return value

    def _cached(self, key: str, fetch: Any, refresh: bool = False) -> Any:
        with self._lock:
            if not refresh and key in self._cache and key not in self.from_cache:
                return self._cache[key]
            generation = self.generation
        value = fetch()
        with self._lock:
            if generation == self.generation:  # not an answer older than an invalidate since
                self._cache[key] = value
        return value

    def cached(self, key: str) -> Any:
        """What is in memory for key (purposes/units/groups/fields/notice/ph/scene), or None."""
        with self._lock:
            return self._cache.get(key)

    def invalidate(self) -> None:
        """Forget what is in memory: the next read of each kind asks the server again."""
        with self._lock:
            self._cache.clear()
            self.generation += 1

    def purposes(self, refresh: bool = False) -> list[dict[str, Any]]:
        """Active purposes (status != -1), each with purposeId and purposeDesc."""

        def fetch() -> list[dict[str, Any]]:
            items = _list(self._api("purposes", self.client.purposes, "purposes"))
            return [p for p in items if str(p.get("status", "0")) != "-1"]

        return self._cached("purposes", fetch, refresh)

    def add_purpose(self, desc: str) -> list[dict[str, Any]]:
        desc = desc.strip()
        if not desc:
            raise ApiError("400", "来访事由不能为空")
        self.client.add_purpose(desc)
        return self.purposes(refresh=True)

    def work_units(self, refresh: bool = False) -> list[dict[str, Any]]:
        return self._cached(
            "units", lambda: _list(self._api("units", self.client.work_units, "work_units")), refresh
        )

    def add_work_unit(self, desc: str) -> list[dict[str, Any]]:
        desc = desc.strip()
        if not desc:
            raise ApiError("400", "来访单位不能为空")
        self.client.add_work_unit(desc)
        return self.work_units(refresh=True)

    def privilege_groups(self, refresh: bool = False) -> list[dict[str, Any]]:
        """Each with privilegeGroupId, privilegeGroupName and isDefault ("0" = default, per the spec)."""
        return self._cached(
            "groups",
            lambda: _list(self._api("groups", self.client.privilege_groups, "privilege_groups")),
            refresh,
        )

    @staticmethod
    def is_default_group(group: dict[str, Any]) -> bool:
        return str(group.get("isDefault")) in ("0", "true", "True")

    def fields(self, refresh: bool = False) -> list[FieldDef]:
        def fetch() -> list[FieldDef]:
            parsed = parse_field_configuration(
                self._api("fields", self.client.field_configuration, "field_configuration")
            )
            return parsed or list(DEFAULT_FIELDS)

        return self._cached("fields", fetch, refresh)

    def add_field_options(self, para_id: str, options: list[str]) -> list[FieldDef]:
        self.client.add_field_options(para_id, options)
        return self.fields(refresh=True)

    def notice(self, refresh: bool = False) -> dict[str, Any] | None:
        """The park notice when switched on ({title, content}), else None."""

        def fetch() -> dict[str, Any] | None:
            data = self._api("notice", self.client.note_admission, "park_notice") or {}
            return data if str(data.get("status")) == "1" else None

        return self._cached("notice", fetch, refresh)

    def permit_template(self, refresh: bool = False) -> dict[str, Any]:
        return self._cached(
            "ph", lambda: self._api("ph", self.client.ph_config, "permit_template") or {}, refresh
        )

    def scene_config(self, refresh: bool = False) -> dict[str, dict[str, Any]]:
        """paramName -> {content, subContent}."""

        def fetch() -> dict[str, dict[str, Any]]:
            data = self._api("scene", self.client.scene_config, "scene_config")
            out: dict[str, dict[str, Any]] = {}
            items: list[Any] = []
            if isinstance(data, dict):
                for value in data.values():
                    items.extend(value if isinstance(value, list) else [value])
            elif isinstance(data, list):
                items = data
            for item in items:
                if isinstance(item, dict) and item.get("paramName"):
                    out[str(item["paramName"])] = item
            return out

        return self._cached("scene", fetch, refresh)

    def preload(self) -> None:
        """Warm the cache at start (off the GUI thread); a failure here is logged, not fatal."""
        for name in ("purposes", "work_units", "privilege_groups", "fields", "notice", "permit_template"):
            try:
                getattr(self, name)()
            except Exception as exc:  # one missing list must not stop the others
                log.warning("preload %s failed: %s", name, exc)
