"""The kiosk cache keeps its tables to itself: a kiosk running the bundled server in the
same process must not see cache tables appear in the server's schema or migrations."""

from sqlmodel import SQLModel

import kiosk.cache.store as store
import server.models  # noqa: F401


def test_cache_tables_are_not_server_tables():
    cache_tables = set(store.CacheModel.metadata.tables)
    assert {"cache_item", "cache_blacklist", "cache_visit", "cache_host", "cache_meta"} <= cache_tables
    assert not cache_tables & set(SQLModel.metadata.tables)
