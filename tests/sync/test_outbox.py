"""The outbox's durability, ordering, parking and retention rules."""

from __future__ import annotations

import uuid

import pytest

from sync import sqlitedb
from sync.outbox import Outbox


def oid() -> str:
    return str(uuid.uuid4())


def test_enqueue_is_on_disk_with_wal_and_full_sync(tmp_path, db_key):
    box = Outbox(tmp_path / "o.db", db_key)
    rec = box.enqueue("register", oid(), {"name": "张三"}, clock_offset_ms=-1234)
    assert box._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert box._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert box._db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    # another connection (another process after a crash) sees the committed row
    other = sqlitedb.connect(tmp_path / "o.db", db_key)
    row = other.execute("SELECT record_id, op, clock_offset_ms, state FROM outbox").fetchone()
    assert row == (rec.record_id, "register", -1234, "pending")
    other.close()
    box.close()


def test_wire_shape_follows_api_notes(outbox):
    order = oid()
    rec = outbox.enqueue("signOut", order, {}, clock_offset_ms=42)
    w = rec.wire()
    assert set(w) == {"recordId", "seq", "op", "orderId", "clientTime", "clockOffsetMs", "data"}
    assert w["orderId"] == order and w["clockOffsetMs"] == 42 and w["data"] == {}
    assert w["clientTime"][10] == "T" and ("+" in w["clientTime"][19:] or "-" in w["clientTime"][19:])


def test_clock_offset_defaults_to_last_measured(outbox):
    outbox.set_meta("clock_offset_ms", "-900")
    assert outbox.enqueue("signOut", oid(), {}).clock_offset_ms == -900


def test_claim_keeps_seq_order_and_marks_in_flight(outbox):
    recs = [outbox.enqueue("register", oid(), {"i": i}) for i in range(5)]
    got = outbox.claim(3)
    assert [r.seq for r in got] == [r.seq for r in recs[:3]]
    assert outbox.counts() == {"inflight": 3, "pending": 2}
    assert [r.seq for r in outbox.claim(10)] == [r.seq for r in recs[3:]]


def test_inflight_records_are_sent_again_after_a_crash(tmp_path, db_key):
    box = Outbox(tmp_path / "o.db", db_key)
    box.enqueue("register", oid(), {})
    assert len(box.claim(10)) == 1
    box.close()  # "crash" with the batch unanswered
    box = Outbox(tmp_path / "o.db", db_key)
    assert box.counts() == {"pending": 1}
    assert len(box.claim(10)) == 1
    box.close()


def test_a_parked_record_holds_back_later_records_of_the_same_visit_only(outbox):
    a, b = oid(), oid()
    ra = outbox.enqueue("register", a, {})
    rb = outbox.enqueue("register", b, {})
    outbox.apply_results(
        outbox.claim(10),
        [
            {"recordId": ra.record_id, "result": "rejected", "code": "422", "msg": "黑名单"},
            {"recordId": rb.record_id, "result": "applied", "code": "0", "msg": "success"},
        ],
    )
    out_a = outbox.enqueue("signOut", a, {})
    out_b = outbox.enqueue("signOut", b, {})
    assert [r.seq for r in outbox.claim(10)] == [out_b.seq]  # a's sign-out waits behind its register
    assert [r.msg for r in outbox.attention()] == ["黑名单"]
    assert outbox.unsent_count() == 3  # parked + held + in flight: nothing hidden
    assert out_a.seq in [r.seq for r in outbox.records(("pending",))]


def test_retry_backs_off_that_visit_without_blocking_others(outbox):
    a, b = oid(), oid()
    ra = outbox.enqueue("signOut", a, {})
    rb = outbox.enqueue("signOut", b, {})
    outbox.apply_results(
        outbox.claim(10),
        [
            {"recordId": ra.record_id, "result": "retry", "code": "404"},
            {"recordId": rb.record_id, "result": "applied"},
        ],
        retry_delay=lambda n: 60.0,
    )
    later = outbox.enqueue("edit", a, {"orderId": a})
    assert outbox.claim(10) == []  # a is backing off, and its edit stays behind it
    import time

    assert [r.seq for r in outbox.claim(10, now=time.time() + 61)] == [ra.seq, later.seq]


def test_missing_result_leaves_record_pending(outbox):
    r = outbox.enqueue("register", oid(), {})
    outcomes = outbox.apply_results(outbox.claim(10), [])
    assert outcomes == {r.seq: "retry"} and outbox.get(r.seq).state == "pending"


def test_resend_uses_a_new_record_id_and_corrected_data(outbox):
    r = outbox.enqueue("register", oid(), {"name": "李四", "phoneNum": "1"})
    outbox.apply_results(
        outbox.claim(1),
        [{"recordId": r.record_id, "result": "rejected", "code": "400", "msg": "phoneNum: 格式错误"}],
    )
    again = outbox.resend(r.seq, {"name": "李四", "phoneNum": "13800001111"})
    assert again.state == "pending" and again.record_id != r.record_id
    assert again.data["phoneNum"] == "13800001111" and again.seq == r.seq
    with pytest.raises(ValueError):
        outbox.resend(r.seq)  # not parked any more


def test_retention_never_deletes_unsent(outbox):
    sent = outbox.enqueue("register", oid(), {})
    parked = outbox.enqueue("register", oid(), {})
    waiting = outbox.enqueue("register", oid(), {})
    outbox.apply_results(
        outbox.claim(2),
        [
            {"recordId": sent.record_id, "result": "applied"},
            {"recordId": parked.record_id, "result": "rejected", "msg": "x"},
        ],
    )
    assert outbox.purge_sent(older_than_s=-1) == 1
    left = outbox.records(("pending", "inflight", "attention", "sent"))
    assert {r.seq for r in left} == {parked.seq, waiting.seq}


def test_change_listener_gets_unsent_count(outbox):
    seen = []
    outbox.on_change(seen.append)
    r = outbox.enqueue("register", oid(), {})
    outbox.apply_results(outbox.claim(1), [{"recordId": r.record_id, "result": "applied"}])
    assert seen == [1, 0]


def test_unknown_op_is_refused(outbox):
    with pytest.raises(ValueError):
        outbox.enqueue("delete", oid(), {})


def test_resending_a_registration_brings_its_parked_sign_out_along(outbox):
    order = oid()
    reg = outbox.enqueue("register", order, {"name": "王五"})
    out = outbox.enqueue("signOut", order, {})
    outbox.apply_results(
        outbox.claim(10),
        [
            {"recordId": reg.record_id, "result": "rejected", "code": "422", "msg": "黑名单"},
            {"recordId": out.record_id, "result": "rejected", "code": "422", "msg": "登记已被拒绝，无法签离"},
        ],
    )
    assert len(outbox.attention()) == 2
    outbox.resend(reg.seq)
    again = outbox.claim(10)
    assert [r.seq for r in again] == [reg.seq, out.seq]
    assert again[1].record_id != out.record_id


def test_a_second_process_cannot_open_the_same_outbox(tmp_path):
    import subprocess
    import sys

    box = Outbox(tmp_path / "o.db")
    code = (
        "import sys; from sync.outbox import Outbox, OutboxBusy\n"
        "try:\n    Outbox(sys.argv[1])\nexcept OutboxBusy:\n    sys.exit(3)\n"
    )
    root = str(__import__("pathlib").Path(__file__).resolve().parents[2])
    assert subprocess.run([sys.executable, "-c", code, str(tmp_path / "o.db")], cwd=root).returncode == 3
    box.close()
    assert subprocess.run([sys.executable, "-c", code, str(tmp_path / "o.db")], cwd=root).returncode == 0
