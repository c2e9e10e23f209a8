"""offline/data/synchron as one transaction per batch: a refused record leaves nothing behind
while its neighbours apply, repeats inside one batch are replays, and the bulk path for plain
walk-ins still hands out distinct visitor codes and stores every record."""

from __future__ import annotations

import uuid

from sqlmodel import select

from server.models import Blacklist, SyncRecord, Visit
from tests.server.conftest import VALID_ID_2
from tests.server.test_offline_sync import record, sync, walk_in_data


def test_refused_group_registration_leaves_nothing_while_its_neighbours_apply(client, auth, visit_site, db):
    with db.write() as session:
        session.add(Blacklist(name="拉黑同行人", phone_num="13955550000"))
    first, group, last = (str(uuid.uuid4()) for _ in range(3))
    out = sync(
        client,
        auth,
        [
            record("register", first, 1, walk_in_data(phoneNum="13900000001")),
            # the companion is refused after the main visitor's row was added: the SAVEPOINT undoes it
            record(
                "register",
                group,
                2,
                walk_in_data(
                    phoneNum="13900000002",
                    personNum="2",
                    companions=[{"name": "同行", "phoneNum": "13955550000"}],
                ),
            ),
            record("register", last, 3, walk_in_data(phoneNum="13900000003", identityNum=VALID_ID_2)),
            record("signOut", first, 4),
        ],
    )["results"]
    assert [r["result"] for r in out] == ["applied", "rejected", "applied", "applied"]
    assert "黑名单" in out[1]["msg"]
    with db.read() as session:
        assert session.get(Visit, group) is None
        assert session.exec(select(Visit).where(Visit.visit_batch == out[0]["data"]["visitBatch"])).all()
        assert session.get(Visit, first).status == 6  # signed out in the same batch
        assert session.get(Visit, last).status == 8
        stored = {r.record_id: r for r in session.exec(select(SyncRecord))}
    assert {r["recordId"] for r in out} <= set(stored)  # the refusal is remembered too


def test_the_same_record_twice_in_one_batch_is_applied_once(client, auth, visit_site, db):
    oid = str(uuid.uuid4())
    rec = record("register", oid, 1, walk_in_data())
    out = sync(client, auth, [rec, dict(rec, seq=2)])["results"]
    assert [r["result"] for r in out] == ["applied", "duplicate"]
    assert out[1]["data"]["visitorCode"] == out[0]["data"]["visitorCode"]
    with db.read() as session:
        assert len(session.exec(select(Visit).where(Visit.order_id == oid)).all()) == 1


def test_a_hundred_plain_walk_ins_get_distinct_codes_and_are_all_stored(client, auth, visit_site, db):
    orders = [str(uuid.uuid4()) for _ in range(100)]
    recs = [
        record("register", oid, i, {"registerType": "1", "name": f"访客{i}", "phoneNum": f"137{i:08d}"})
        for i, oid in enumerate(orders)
    ]
    out = sync(client, auth, recs)["results"]
    refused = [r["msg"] for r in out if r["result"] != "applied"]
    assert refused == []
    assert [r["orderId"] for r in out] == orders  # in seq order
    codes = [r["data"]["visitorCode"] for r in out]
    assert len(set(codes)) == 100 and all(len(c) == 6 and c.isdigit() for c in codes)
    with db.read() as session:
        assert len(session.exec(select(Visit.order_id).where(Visit.offline)).all()) == 100
        assert len(session.exec(select(SyncRecord.record_id)).all()) == 100
    replay = sync(client, auth, recs)["results"]
    assert [r["result"] for r in replay] == ["duplicate"] * 100


def test_a_sign_out_after_its_refused_registration_in_the_same_batch_is_refused_too(
    client, auth, visit_site, db
):
    with db.write() as session:
        session.add(Blacklist(name="拉黑访客", phone_num="13955550001"))
    oid = str(uuid.uuid4())
    out = sync(
        client,
        auth,
        [record("register", oid, 1, walk_in_data(phoneNum="13955550001")), record("signOut", oid, 2)],
    )["results"]
    # not `retry`: waiting for a registration that will never come would block the kiosk's queue
    assert [r["result"] for r in out] == ["rejected", "rejected"]
    assert "黑名单" in out[1]["msg"]
    with db.read() as session:
        assert session.get(Visit, oid) is None
        assert len(session.exec(select(SyncRecord).where(SyncRecord.order_id == oid)).all()) == 2
