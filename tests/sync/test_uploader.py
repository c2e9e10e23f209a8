"""Uploader: drains in order and in batches, parks refusals, retries, backs off, uploads photos."""

from __future__ import annotations

import threading
import uuid

from sync.outbox import BLOB_PREFIX
from sync.uploader import Uploader, full_jitter
from visitorcs.errors import ApiError


def oid() -> str:
    return str(uuid.uuid4())


def test_drains_waiting_records_in_batches_of_at_most_500(outbox, fake):
    outbox.enqueue_many([("register", oid(), {"name": f"v{i}"}) for i in range(1203)])
    up = Uploader(outbox, fake, batch_size=900)  # asks for more than the server takes
    while up.flush_once():
        pass
    assert [len(b) for b in fake.batches] == [500, 500, 203]
    seqs = [r["seq"] for b in fake.batches for r in b]
    assert seqs == sorted(seqs)
    assert outbox.unsent_count() == 0 and len(fake.visits) == 1203


def test_server_down_keeps_everything_and_backs_off(outbox, fake):
    r = outbox.enqueue("register", oid(), {"name": "张三"})
    fake.down = True
    failures = []
    up = Uploader(outbox, fake, backoff_base=0.01, backoff_cap=0.05, on_unreachable=failures.append)
    up.start()
    try:
        for _ in range(200):
            if len(failures) >= 3:
                break
            threading.Event().wait(0.01)
        assert len(failures) >= 3
        assert outbox.get(r.seq).state in ("pending", "inflight")
        fake.down = False
        up.kick()
        assert outbox.wait_settled(r.seq, 5).state == "sent"
    finally:
        up.stop()
    assert fake.apply_count == {r.record_id: 1}


def test_full_jitter_stays_within_the_cap():
    vals = [full_jitter(n, 0.5, 8.0) for n in range(12) for _ in range(20)]
    assert all(0 <= v <= 8.0 for v in vals)
    assert max(vals) > 4.0  # it does grow towards the cap
    assert all(v <= 1.0 for v in (full_jitter(1, 0.5, 60) for _ in range(50)))


def test_a_refused_record_is_parked_with_the_servers_words_and_the_rest_go(outbox, fake):
    fake.blacklist.add("110101199001011234")
    bad = outbox.enqueue("register", oid(), {"name": "坏人", "identityNum": "110101199001011234"})
    good = outbox.enqueue("register", oid(), {"name": "好人", "identityNum": "1"})
    out_bad = outbox.enqueue("signOut", bad.order_id, {})
    up = Uploader(outbox, fake, backoff_base=0.0, backoff_cap=0.0)
    while up.flush_once():
        pass
    parked = [(r.seq, r.code, r.msg) for r in outbox.attention()]
    assert parked == [(bad.seq, "422", "该访客在黑名单中，禁止登记")]
    assert outbox.get(good.seq).state == "sent"
    assert outbox.get(out_bad.seq).state == "pending"  # retried / held behind its register, not lost
    # a person fixes it (the blacklist entry was a mistake) and sends it again
    fake.blacklist.clear()
    outbox.resend(bad.seq)
    while up.flush_once():
        pass
    assert outbox.unsent_count() == 0 and fake.visits[bad.order_id]["status"] == "6"


def test_a_sign_out_before_its_register_is_retried_not_lost(outbox, fake):
    order = oid()
    early = outbox.enqueue("signOut", order, {})
    up = Uploader(outbox, fake, backoff_base=0.0, backoff_cap=0.0)
    up.flush_once()
    assert outbox.get(early.seq).state == "pending" and outbox.get(early.seq).attempts == 1
    fake.visits[order] = {"orderId": order, "status": "8"}  # registered elsewhere meanwhile
    up.flush_once()
    assert outbox.get(early.seq).state == "sent" and fake.visits[order]["status"] == "6"


def test_a_batch_refused_whole_is_sent_one_by_one(outbox, fake):
    a = outbox.enqueue("register", oid(), {"name": "a"})
    b = outbox.enqueue("register", oid(), {"name": "b"})
    fake.refuse_batch = ApiError("400", "records: 格式错误", 400)
    Uploader(outbox, fake).flush_once()
    assert outbox.get(a.seq).state == "sent" and outbox.get(b.seq).state == "sent"


def test_unauthorized_is_not_the_records_fault(outbox, fake):
    r = outbox.enqueue("register", oid(), {})

    class Revoked:
        def synchron(self, records, kiosk_public_key=None):
            raise ApiError("401", "token revoked", 401)

    import pytest

    from visitorcs.errors import ApiUnreachable

    with pytest.raises(ApiUnreachable):
        Uploader(outbox, Revoked()).flush_once()
    assert outbox.get(r.seq).state == "pending" and outbox.attention() == []


def test_offline_photos_are_uploaded_first_and_replaced_by_their_url(outbox, fake):
    r = outbox.enqueue("register", oid(), {"visitorPhoto": BLOB_PREFIX + "b1"}, blobs={"b1": "/9j/AAAA"})
    up = Uploader(outbox, fake)
    up.flush_once()
    assert fake.pictures == ["/9j/AAAA"]
    assert fake.batches[0][0]["data"]["visitorPhoto"] == "/pictures/1.jpg"
    assert outbox.get(r.seq).state == "sent"


def test_the_kiosk_key_is_announced_once_and_its_kid_kept(outbox, fake):
    up = Uploader(outbox, fake, kiosk_public_key="a2lvc2s=")
    assert up.flush_once() == 1  # an empty batch carries the key
    assert outbox.get_meta("qr_kid") == "1"
    assert up.flush_once() == 0
    assert fake.batches == [[]]


def test_a_batch_that_times_out_is_halved_then_grows_back(outbox, fake):
    outbox.enqueue_many([("register", oid(), {"i": i}) for i in range(400)])
    import pytest

    from visitorcs.errors import ApiUnreachable

    up = Uploader(outbox, fake, batch_size=200)
    real = fake.synchron

    def timeout(records, kiosk_public_key=None):
        raise ApiUnreachable("read timeout")

    fake.synchron = timeout
    with pytest.raises(ApiUnreachable):
        up.flush_once()
    fake.synchron = real
    up.flush_once()
    up.flush_once()
    assert [len(b) for b in fake.batches][:2] == [100, 200]


def test_the_next_batch_goes_out_while_the_last_answers_are_written_down_and_order_holds(outbox, fake):
    # a refused registration, and a sign-out of a visit whose registration the server has not got yet
    fake.blacklist.add("110101199001011234")
    bad = outbox.enqueue("register", oid(), {"name": "坏人", "identityNum": "110101199001011234"})
    early = outbox.enqueue("signOut", oid(), {})
    fine = outbox.enqueue_many([("register", oid(), {"i": i}) for i in range(8)])
    later = [outbox.enqueue("signOut", bad.order_id, {}), outbox.enqueue("edit", early.order_id, {"x": 1})]
    in_flight_while_writing = []
    real_apply = outbox.apply_results

    def apply_results(records, results, retry_delay=None):
        in_flight_while_writing.append(outbox.counts().get("inflight"))
        return real_apply(records, results, retry_delay)

    outbox.apply_results = apply_results
    up = Uploader(outbox, fake, batch_size=4, backoff_base=60.0, backoff_cap=60.0)
    assert up.flush_once() == 4
    assert in_flight_while_writing == [8]  # the next four were out before the first four were written
    while up.flush_once():
        pass
    seqs = [r["seq"] for b in fake.batches for r in b]
    assert seqs == sorted(seqs)  # the kiosk's order, batch after batch
    # the later records of the refused and the retried visits were held back, not sent ahead of them
    assert {r["seq"] for b in fake.batches for r in b}.isdisjoint({rec.seq for rec in later})
    assert outbox.get(bad.seq).state == "attention" and outbox.get(early.seq).state == "pending"
    assert all(outbox.get(r.seq).state == "sent" for r in fine)
    assert all(n == 1 for n in fake.apply_count.values())


def test_stopping_writes_down_a_batch_sent_ahead(outbox, fake):
    outbox.enqueue_many([("register", oid(), {"i": i}) for i in range(30)])
    up = Uploader(outbox, fake, batch_size=10)
    up.flush_once()  # the first ten written down, the next ten sent ahead
    assert outbox.counts().get("inflight") == 10
    up.stop()
    assert outbox.counts() == {"sent": 20, "pending": 10}
