"""The read cache's personal data: encrypted at rest, signed-out visits kept without personal data
where the site forgets on sign-out, and retention of old copies (no server needed)."""

from __future__ import annotations

import secrets
import time

import pytest

from kiosk.cache import CacheStore, OfflineDirectory
from sync import sqlitedb
from sync.retention import DAY_S, Sweep

needs_sqlcipher = pytest.mark.skipif(
    not sqlitedb.available(), reason="SQLCipher (sqlcipher3) is not installed"
)


def visit(order_id: str, status: str, name: str = "缓存张伟") -> dict:
    return {
        "orderId": order_id,
        "status": status,
        "name": name,
        "identityId": "111",
        "identityNum": "11010519491231002X",
        "phoneNum": "13912345678",
        "visitorPhoto": "/pic/face-1.jpg",
        "qrCode": f"VC1{order_id}",
        "visitorCode": "123456",
        "beVisitPersonId": "p1",
        "beVisitPersonName": "王建国",
        "beVisitPhoneNum": "13800000001",
    }


def sweep(now: float, *, held=(), forget=(), keep_days: int = 7) -> Sweep:
    return Sweep(now, now - keep_days * DAY_S, frozenset(held), frozenset(forget))


@needs_sqlcipher
def test_the_cache_is_encrypted_a_plaintext_one_converted_and_a_foreign_one_started_again(tmp_path):
    path = tmp_path / "cache.sqlite3"
    plain = CacheStore(path)
    plain.put_visits([visit("a", "8")])
    plain.close()
    assert path.read_bytes().startswith(sqlitedb.HEADER)
    key = secrets.token_bytes(32)
    store = CacheStore(path, key)
    assert [v["orderId"] for v in store.visits_where()] == ["a"]  # converted, nothing lost
    store.close()
    data = b"".join(p.read_bytes() for p in tmp_path.glob("cache.sqlite3*"))
    assert "缓存张伟".encode() not in data and b"13912345678" not in data
    other = CacheStore(path, secrets.token_bytes(32))  # the key file was lost: a replica starts again
    assert other.visits_where() == [] and other.refreshed_at("visits") is None
    other.close()


def test_signed_out_visits_are_stored_without_personal_data_when_the_site_forgets(tmp_path):
    store = CacheStore(tmp_path / "cache.sqlite3", forget_signed_out=True)
    store.put_visits([visit("here", "8"), visit("left", "6"), visit("auto", "5")])
    d = OfflineDirectory(store)
    assert d.find_visits(0, "here")[0]["name"] == "缓存张伟"
    [left] = d.find_visits(3, "VC1left")  # its permit still reads back: "already signed out"
    assert left == {
        "orderId": "left",
        "status": "6",
        "qrCode": "VC1left",
        "visitorCode": "123456",
        "personalDataRemoved": True,
    }
    assert [v["orderId"] for v in d.find_visits(5, "11010519491231002X")] == ["here"]
    assert [v["orderId"] for v in d.find_visits(2, "5678")] == ["here"]
    assert store.signed_out_orders() == {"left", "auto"}
    store.close()


def test_retention_strips_forgotten_visits_and_drops_old_copies_but_not_held_ones(tmp_path):
    store = CacheStore(tmp_path / "cache.sqlite3")
    store.put_visits([visit("a", "8"), visit("b", "8"), visit("c", "8")])
    store.remember_hosts([{"personId": "p9", "name": "李四", "phone": "13700000000"}])
    now = time.time()
    # a sign-out uploaded from this kiosk, the cache not refreshed since: stripped and marked left
    assert store.purge(sweep(now, forget={"a"}, held={"c"})) == 1
    [a] = store.visits_where("order_id", "a")
    assert a["personalDataRemoved"] and a["status"] == "6" and "name" not in a
    assert store.purge(sweep(now, forget={"a"})) == 0  # once is enough
    # a week without a refresh: the copies go, except a visit that waits in the outbox
    later = now + 8 * DAY_S
    assert store.purge(sweep(later, held={"c"})) == 2 + 2  # a, b and the two hosts
    assert [v["orderId"] for v in store.visits_where()] == ["c"] and store.hosts() == []
    # the next refresh writes the list again even if the server's answer did not change
    assert store.put_visits([visit("a", "8"), visit("b", "8"), visit("c", "8")])
    assert len(store.visits_where()) == 3
    store.close()
