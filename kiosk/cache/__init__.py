"""Local read replica for offline work (sqlmodel on SQLite): reference data, hosts, the whole
blacklist and today's visits, plus the Qt-free `OfflineDirectory` facade the services use."""

from kiosk.cache.directory import OfflineDirectory, present_visitors
from kiosk.cache.refresh import CacheRefresher
from kiosk.cache.store import CacheStore

__all__ = ["CacheStore", "CacheRefresher", "OfflineDirectory", "present_visitors"]
