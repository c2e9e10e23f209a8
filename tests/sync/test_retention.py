"""The retention job over the outbox, with a clock that moves only when told: what is uploaded
goes after keep_days (or at sign-out, where the site chose it); what is not uploaded never goes."""

from __future__ import annotations

import threading
import uuid

import pytest

from sync.retention import DAY_S, RetentionJob, RetentionPolicy, Sweep
from tests.clock import EVERY_OUTBOX_STATE as ALL
from tests.clock import ManualClock


def oid() -> str:
    return str(uuid.uuid4())


def register(outbox, name: str = "张伟", photo: bool = True):
    order = oid()
    blob = oid()
    data = {"orderId": order, "name": name, "identityNum": "11010519491231002X", "phoneNum": "13912345678"}
    if photo:
        data["visitorPhoto"] = "outbox-blob:" + blob
    rec = outbox.enqueue("register", order, data, blobs={blob: "/9j/photo"} if photo else None)
    return rec, blob


def answer(outbox, records, result: str = "applied") -> None:
    claimed = outbox.claim_seqs([r.seq for r in records])
    outbox.apply_results(claimed, [{"recordId": r.record_id, "result": result, "msg": "x"} for r in claimed])


def test_a_record_not_yet_uploaded_is_never_deleted_whatever_its_age(outbox):
    clock = ManualClock()
    job = RetentionJob(outbox, RetentionPolicy(keep_days=1, forget_on_sign_out=True), clock=clock)
    waiting, waiting_blob = register(outbox)  # never sent
    inflight, inflight_blob = register(outbox)
    outbox.claim_seqs([inflight.seq])  # on the wire when the kiosk died
    parked, parked_blob = register(outbox)
    answer(outbox, [parked], "rejected")  # needs a person
    # a visit whose registration is uploaded but whose sign-out is not: the whole visit waits
    half, half_blob = register(outbox)
    answer(outbox, [half])
    half_out = outbox.enqueue("signOut", half.order_id, {})
    # a parked registration's sign-out that the server took (it is kept with its visit)
    parked_out = outbox.enqueue("signOut", parked.order_id, {})
    answer(outbox, [parked_out])
    clock.days(10_000)
    job.run_once()
    left = {r.seq: r.state for r in outbox.records(ALL)}
    assert left == {
        waiting.seq: "pending",
        inflight.seq: "inflight",
        parked.seq: "attention",
        half.seq: "sent",
        half_out.seq: "pending",
        parked_out.seq: "sent",
    }
    for blob in (waiting_blob, inflight_blob, parked_blob, half_blob):
        assert outbox.blob(blob) is not None
    assert outbox.records(ALL, order_id=half.order_id)[0].data["identityNum"] == "11010519491231002X"


def test_uploaded_records_and_their_photos_go_after_keep_days(outbox):
    clock = ManualClock()
    job = RetentionJob(outbox, RetentionPolicy(keep_days=7), clock=clock)
    sent, sent_blob = register(outbox)
    refused, refused_blob = register(outbox)
    answer(outbox, [sent])
    outbox.refuse(refused.seq, "422", "黑名单")  # the person saw it at the screen
    signed = outbox.enqueue("signOut", sent.order_id, {})
    answer(outbox, [signed])
    clock.days(6.9)
    assert job.run_once()["outbox"] == 0  # not before keep_days, forget_on_sign_out being off
    assert outbox.blob(sent_blob) is not None
    clock.days(0.2)
    assert job.run_once()["outbox"] == 3
    assert outbox.records(ALL) == [] and outbox.blob_count() == 0
    assert outbox.blob(refused_blob) is None


def test_signed_out_and_uploaded_is_forgotten_at_once_where_the_site_chose_it(outbox):
    clock = ManualClock()
    job = RetentionJob(outbox, RetentionPolicy(keep_days=7, forget_on_sign_out=True), clock=clock)
    left, left_blob = register(outbox, "已签离")
    stays, stays_blob = register(outbox, "还在场")
    answer(outbox, [left, stays])
    out = outbox.enqueue("signOut", left.order_id, {})
    assert job.run_once()["outbox"] == 0  # the sign-out is not uploaded yet: nothing goes
    answer(outbox, [out])
    assert left.order_id in job.sweep().forget
    assert job.run_once()["outbox"] == 2
    assert outbox.records(ALL, order_id=left.order_id) == [] and outbox.blob(left_blob) is None
    assert [r.seq for r in outbox.records(ALL)] == [stays.seq] and outbox.blob(stays_blob) is not None


def test_a_group_leaves_together_and_is_forgotten_together(outbox):
    order = oid()
    reg = outbox.enqueue(
        "register",
        order,
        {"orderId": order, "name": "带队", "companions": [{"name": "同行一"}, {"name": "同行二"}]},
    )
    claimed = outbox.claim_seqs([reg.seq])
    comp = oid()
    outbox.apply_results(
        claimed,
        [
            {
                "recordId": reg.record_id,
                "result": "applied",
                "data": {"orderId": order, "companions": [{"orderId": comp}]},
            }
        ],
    )
    out = outbox.enqueue("signOut", order, {})
    answer(outbox, [out])
    assert outbox.signed_out_orders() == {order, comp}


def test_other_stores_and_sources_get_the_same_sweep_and_a_failing_one_does_not_stop_the_rest(outbox):
    clock = ManualClock()
    job = RetentionJob(outbox, RetentionPolicy(keep_days=3, forget_on_sign_out=True), clock=clock)
    waiting, _ = register(outbox)
    seen: list[Sweep] = []

    def broken(_sweep: Sweep) -> int:
        raise RuntimeError("disk gone")

    job.add_signed_out_source(lambda: {"left-elsewhere", waiting.order_id, f"{waiting.order_id}:1"})
    job.add("broken", broken)
    job.add("cache", lambda s: seen.append(s) or 5)
    assert job.run_once() == {"outbox": 0, "cache": 5}
    [sweep] = seen
    assert sweep.now == clock() and sweep.cutoff == clock() - 3 * DAY_S
    assert sweep.held == {waiting.order_id}
    # a visit that waits is never forgotten, nor its companions' stand-ins
    assert sweep.forget == {"left-elsewhere"}


def test_forgetting_is_off_by_default():
    policy = RetentionPolicy()
    assert policy.keep_days == 7 and not policy.forget_on_sign_out and policy.period_s == 3600
    assert RetentionPolicy(forget_on_sign_out=True).period_s == 60
    with pytest.raises(ValueError):
        RetentionPolicy(keep_days=0)


def test_the_job_runs_at_start_on_its_own_thread_and_stops(outbox):
    ran = threading.Event()
    threads: list[str] = []
    job = RetentionJob(outbox, RetentionPolicy())
    job.add("probe", lambda _s: threads.append(threading.current_thread().name) or ran.set() or 0)
    job.start()
    try:
        assert ran.wait(5)
    finally:
        job.stop()
    assert threads == ["retention"]
