"""The offline cache against the real bundled server's demo site: what a kiosk can still answer
when the server is gone, and a refresh that fails halfway never leaves half a copy."""

from __future__ import annotations

import time
import uuid

import pytest

from kiosk.cache import CacheRefresher, CacheStore, OfflineDirectory
from kiosk.cache.refresh import _all_pages
from sync.outbox import Outbox
from sync.uploader import upload_client
from tests.sync.live import LiveServer
from visitorcs.errors import ApiUnreachable

MAC = "AA:BB:CC:00:00:21"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with LiveServer(tmp_path_factory.mktemp("server"), demo=True) as srv:
        token = srv.kiosk(MAC)
        http = upload_client(srv.url, token, MAC)
        yield srv, http
        http.close()


@pytest.fixture
def filled(demo, tmp_path):
    _srv, http = demo
    store = CacheStore(tmp_path / "cache.db")
    box = Outbox(tmp_path / "outbox.db")
    result = CacheRefresher(store, http, MAC).refresh_all()
    assert result == {"reference": True, "blacklist": True, "visits": True}
    yield store, box, OfflineDirectory(store, box)
    box.close()
    store.close()


def test_everything_the_kiosk_needs_offline_is_cached(filled, demo):
    store, _box, d = filled
    _srv, http = demo
    assert [p["purposeDesc"] for p in d.purposes()][:2] == ["参观", "面试"]
    assert d.work_units() and d.privilege_groups()
    assert d.park_notice()["title"] == "示例科技园入园须知"
    assert d.permit_template()["phConfigId"] and d.scene_config() and d.field_configuration()
    assert d.qr_keys()[0]["kid"] == 0
    assert len(store.visits_where()) == http.visitor_info("total", 1, 1000)["total"]
    assert d.age_seconds("visits") < 5 and d.age_seconds("blacklist") < 5 and d.oldest_age_seconds() < 5
    assert d.age_seconds("never-fetched") is None


def test_the_whole_blacklist_refuses_offline(filled, demo):
    _store, _box, d = filled
    _srv, http = demo
    everyone = http.black_list(1, 1000)["list"]
    assert len(everyone) == http.black_list(1, 1000)["total"] >= 1
    for entry in everyone:
        assert d.is_blacklisted(identity_num=entry["identityNum"].lower())
        assert d.is_blacklisted(phone=entry["phoneNum"])
    assert not d.is_blacklisted(identity_num="110101199001010000", phone="13000000000")


def test_appointments_are_found_offline_by_each_code(filled):
    store, _box, d = filled
    booked = [v for v in store.visits_where() if v["status"] in ("1", "2") and v.get("qrCode")][0]
    order = booked["orderId"]
    assert [v["orderId"] for v in d.find_visits(1, booked["visitorCode"])] == [order]
    assert order in [v["orderId"] for v in d.find_visits(2, booked["phoneNum"][-4:])]
    assert [v["orderId"] for v in d.find_visits(3, booked["qrCode"])] == [order]
    # a wedge scanner in lower case: no exact match, so the server's signature and validity decide
    from visitorcs import qrtoken

    still_valid = qrtoken.parse(booked["qrCode"]).valid_until.timestamp() > time.time()
    found = [v["orderId"] for v in d.find_visits(3, booked["qrCode"].lower())]
    assert found == ([order] if still_valid else [])
    assert [v["orderId"] for v in d.find_visits(0, order)] == [order]
    forged = booked["qrCode"][:-6] + ("AAAAAA" if not booked["qrCode"].endswith("AAAAAA") else "BBBBBB")
    assert d.find_visits(3, forged) == []


def test_on_site_now_is_cache_plus_outbox_registrations_minus_sign_outs(filled):
    store, box, d = filled
    arrived = {v["orderId"] for v in store.visits_where() if v["status"] in ("8", "7")}
    assert arrived and {v["orderId"] for v in d.present_visitors()} == arrived
    walk_in = str(uuid.uuid4())
    box.enqueue("register", walk_in, {"orderId": walk_in, "name": "离线访客", "phoneNum": "13912345678"})
    leaving = sorted(arrived)[0]
    box.enqueue("signOut", leaving, {})
    now = {v["orderId"] for v in d.present_visitors()}
    assert now == (arrived - {leaving}) | {walk_in}
    # the walk-in registered offline can be found and signed out offline too
    assert d.find_visits(2, "5678")[0]["orderId"] == walk_in
    box.enqueue("signOut", walk_in, {})
    assert walk_in not in {v["orderId"] for v in d.present_visitors()}
    assert d.find_visits(0, walk_in)[0]["status"] == "6"


def test_a_pass_printed_offline_by_this_kiosk_reads_back_offline(filled, tmp_path):
    store, box, _d = filled
    from sync.gateway import OutboxGateway
    from visitorcs import qrtoken

    key = qrtoken.load_or_create_key(tmp_path / "kiosk_qr.pem")
    d = OfflineDirectory(store, box, own_qr_key=key.public_key())
    gw = OutboxGateway(box, None, qr_key=key, is_online=lambda: False)  # never online: no kid yet
    order = str(uuid.uuid4())
    code = gw.register({"orderId": order, "name": "离线", "registerType": "1"}).visit["qrCode"]
    assert [v["orderId"] for v in d.find_visits(3, code.lower())] == [order]


def test_hosts_are_searchable_offline(filled, demo):
    store, _box, d = filled
    _srv, http = demo
    people = http.person_query("王")
    store.remember_hosts(people)
    assert [h["personId"] for h in d.find_hosts(people[0]["name"])][:1] == [people[0]["personId"]]


class _Flaky:
    """The real client, but the server goes away on page 2 of the blacklist."""

    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def black_list(self, page_no=1, page_size=1000):
        if page_no > 1:
            raise ApiUnreachable("gone")
        return self.inner.black_list(page_no=page_no, page_size=page_size)


def test_a_refresh_cut_off_halfway_keeps_the_old_copy(filled, demo):
    store, _box, d = filled
    _srv, http = demo
    before = http.black_list(1, 1000)["list"]
    assert len(before) > 2  # so a 2-row page needs a second page
    refresher = CacheRefresher(store, _Flaky(http), MAC, page_size=2)
    with pytest.raises(ApiUnreachable):
        refresher.refresh("blacklist")
    assert "blacklist" in refresher.last_error
    for entry in before:
        assert d.is_blacklisted(identity_num=entry["identityNum"])


def test_unchanged_data_is_not_rewritten(filled, demo):
    store, _box, _d = filled
    _srv, http = demo
    t0 = store.refreshed_at("blacklist")
    time.sleep(0.01)
    assert CacheRefresher(store, http, MAC).refresh("blacklist") is False
    assert store.refreshed_at("blacklist") > t0  # still counts as fresh


def test_paging_stops_at_total():
    rows = [{"i": i} for i in range(5)]
    calls = []

    def fetch(n, s):
        calls.append(n)
        return {"list": rows[(n - 1) * s : n * s], "total": 5, "pageNo": n, "pageSize": s}

    assert _all_pages(fetch, page_size=2) == rows and calls == [1, 2, 3]
