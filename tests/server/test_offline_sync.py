"""offline/data/synchron: seq order, each record applied or refused on its own, permanent
idempotency by recordId, corrected times, conflicts between kiosks, blacklist at upload, kiosk QR keys."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import select

from server.models import Blacklist, SyncRecord, Visit
from tests.server.conftest import VALID_ID
from tests.server.test_visits import appointment, details
from visitorcs import qrtoken

API = "/webapi/visitorcs/api/v1/clientService/"
SYNC = API + "offline/data/synchron"


def record(
    op: str,
    order_id: str,
    seq: int,
    data: dict[str, Any] | None = None,
    *,
    client_time: datetime | None = None,
    offset_ms: int = 0,
    record_id: str | None = None,
) -> dict[str, Any]:
    when = client_time or datetime.now(UTC) - timedelta(minutes=10)
    return {
        "recordId": record_id or str(uuid.uuid4()),
        "seq": seq,
        "op": op,
        "orderId": order_id,
        "clientTime": when.astimezone(timezone(timedelta(hours=8))).isoformat(),
        "clockOffsetMs": offset_ms,
        "data": data or {},
    }


def walk_in_data(**extra: Any) -> dict[str, Any]:
    return {
        "registerType": "1",
        "name": "离线访客",
        "identityNum": VALID_ID,
        "phoneNum": "13912345678",
    } | extra


def sync(client, auth, records: list[dict[str, Any]], **top: Any) -> dict[str, Any]:
    r = client.post(
        SYNC, headers=auth, json={"clientMacAddress": "AA:BB:CC:00:00:01", "records": records} | top
    )
    assert r.status_code == 200, r.text
    return r.json()["data"]


def test_register_then_sign_out_applied_in_seq_order_with_corrected_times(client, auth, visit_site, db):
    oid = str(uuid.uuid4())
    kiosk_clock = datetime.now(UTC) - timedelta(hours=1)
    recs = [
        record("signOut", oid, 2, client_time=kiosk_clock + timedelta(minutes=30), offset_ms=5000),
        record(
            "register",
            oid,
            1,
            walk_in_data(beVisitPersonId=visit_site.host_id),
            client_time=kiosk_clock,
            offset_ms=5000,
        ),
    ]
    out = sync(client, auth, recs)["results"]
    assert [(r["seq"], r["result"]) for r in out] == [(1, "applied"), (2, "applied")]
    assert out[0]["data"]["orderId"] == oid and out[0]["data"]["beVisitPersonName"] == "张伟"
    with db.read() as session:
        v = session.get(Visit, oid)
    assert v.offline and v.status == 6
    assert abs((v.register_time - (kiosk_clock + timedelta(seconds=5))).total_seconds()) < 1
    assert abs((v.client_time - kiosk_clock).total_seconds()) < 1
    assert v.received_time > v.register_time
    assert abs((v.real_end_time - (kiosk_clock + timedelta(minutes=30, seconds=5))).total_seconds()) < 1


def test_replayed_batch_is_answered_from_what_was_stored(client, auth, visit_site, db):
    oid = str(uuid.uuid4())
    recs = [record("register", oid, 1, walk_in_data())]
    first = sync(client, auth, recs)["results"][0]
    again = sync(client, auth, recs)["results"][0]
    assert again["result"] == "duplicate" and again["data"]["visitorCode"] == first["data"]["visitorCode"]
    with db.read() as session:
        assert len(session.exec(select(Visit)).all()) == 1


def test_same_record_id_with_another_payload_is_rejected(client, auth, visit_site):
    rid = str(uuid.uuid4())
    sync(client, auth, [record("register", str(uuid.uuid4()), 1, walk_in_data(), record_id=rid)])
    out = sync(
        client, auth, [record("register", str(uuid.uuid4()), 1, walk_in_data(name="改了"), record_id=rid)]
    )
    res = out["results"][0]
    assert res["result"] == "rejected" and res["code"] == "422" and "recordId" in res["msg"]


def test_register_already_sent_online_is_a_duplicate(client, auth, visit_site):
    oid = str(uuid.uuid4())
    body = walk_in_data(orderId=oid)
    online = client.post(API + "order/register", headers=auth, json=body).json()["data"]
    res = sync(client, auth, [record("register", oid, 1, body)])["results"][0]
    assert res["result"] == "duplicate" and res["data"]["visitorCode"] == online["visitorCode"]


def test_sign_out_before_its_register_arrives_is_retry_and_not_remembered(client, auth, visit_site):
    oid = str(uuid.uuid4())
    out = record("signOut", oid, 5)
    assert sync(client, auth, [out])["results"][0]["result"] == "retry"
    sync(client, auth, [record("register", oid, 4, walk_in_data())])
    assert sync(client, auth, [out])["results"][0]["result"] == "applied"


def test_sign_out_of_an_already_closed_visit_is_applied_with_a_note(client, auth, visit_site):
    oid = str(uuid.uuid4())
    sync(client, auth, [record("register", oid, 1, walk_in_data())])
    client.post(API + "signOut", headers=auth, params={"orderId": oid})
    res = sync(client, auth, [record("signOut", oid, 2)])["results"][0]
    assert res["result"] == "applied" and "已签离" in res["msg"]


def test_blacklisted_meanwhile_is_rejected_with_the_blacklist_words(client, auth, visit_site, db):
    with db.write() as session:
        session.add(Blacklist(name="后来拉黑", phone_num="13955556666"))
    oid = str(uuid.uuid4())
    res = sync(client, auth, [record("register", oid, 1, walk_in_data(phoneNum="13955556666"))])["results"][0]
    assert res["result"] == "rejected" and res["msg"] == "该访客在黑名单中，禁止登记"
    again = sync(
        client,
        auth,
        [record("register", oid, 1, walk_in_data(phoneNum="13955556666"), record_id=res["recordId"])],
    )
    assert again["results"][0]["result"] == "rejected"


def test_one_bad_record_does_not_block_the_others(client, auth, visit_site):
    good = str(uuid.uuid4())
    out = sync(
        client,
        auth,
        [
            {"seq": 1, "op": "register"},  # no recordId
            record("teleport", str(uuid.uuid4()), 2),
            record("register", good, 3, walk_in_data()),
        ],
    )["results"]
    assert [r["result"] for r in out] == ["rejected", "rejected", "applied"]
    assert out[0]["code"] == "400" and "recordId" in out[0]["msg"]


def test_same_appointment_checked_in_at_two_kiosks_offline_arrives_once(
    client, auth, other_auth, visit_site, db
):
    oid = appointment(db, visit_site)
    early = datetime.now(UTC) - timedelta(minutes=20)
    first = sync(
        client,
        auth,
        [record("register", oid, 1, {"registerType": "2", "visitorTemperature": "36.4"}, client_time=early)],
    )["results"][0]
    r = client.post(
        SYNC,
        headers=other_auth,
        json={"records": [record("register", oid, 1, {"registerType": "2", "visitorTemperature": "36.9"})]},
    )
    second = r.json()["data"]["results"][0]
    assert first["result"] == "applied"
    assert second["result"] == "duplicate" and "其他访客机" in second["msg"]
    assert second["data"]["registerTimeUTC"] == first["data"]["registerTimeUTC"]


def test_offline_check_in_of_an_appointment_expired_since_upload_still_counts(client, auth, visit_site, db):
    now = datetime.now(UTC)
    oid = appointment(db, visit_site, status=3, start=now - timedelta(hours=3), end=now - timedelta(hours=1))
    res = sync(
        client,
        auth,
        [record("register", oid, 1, {"registerType": "2"}, client_time=now - timedelta(hours=2))],
    )["results"][0]
    assert res["result"] == "applied" and res["data"]["status"] == "8"


def test_batch_over_500_records_is_400(client, auth, visit_site):
    recs = [record("signOut", str(uuid.uuid4()), i) for i in range(501)]
    r = client.post(SYNC, headers=auth, json={"records": recs})
    assert r.status_code == 400 and "500" in r.json()["msg"]


def test_another_kiosks_mac_is_403(client, auth, visit_site):
    r = client.post(SYNC, headers=auth, json={"clientMacAddress": "11:22:33:44:55:66", "records": []})
    assert r.status_code == 403


def _raw_pub(key: Ed25519PrivateKey) -> str:
    return base64.b64encode(
        key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    ).decode()


def test_kiosk_key_gets_a_kid_served_by_qr_keys_and_its_qr_codes_are_kept(client, auth, visit_site, db):
    key = Ed25519PrivateKey.generate()
    kid = sync(client, auth, [], kioskPublicKey=_raw_pub(key))["kioskKid"]
    assert kid >= 1
    assert sync(client, auth, [], kioskPublicKey=_raw_pub(key))["kioskKid"] == kid  # same key, same kid
    keys = client.get(API + "ext/qrKeys", headers=auth).json()["data"]["keys"]
    assert {"kid": kid, "publicKey": _raw_pub(key), "self": True} in keys
    oid = str(uuid.uuid4())
    printed = qrtoken.encode(key, oid, datetime.now(UTC) + timedelta(hours=4), kid=kid)
    res = sync(client, auth, [record("register", oid, 1, walk_in_data(qrCode=printed))])["results"][0]
    assert res["result"] == "applied" and res["data"]["qrCode"] == printed
    assert oid in details(client, auth, printed, 3)  # the printed permit works at the exit


def test_kiosk_qr_that_does_not_verify_is_replaced(client, auth, visit_site):
    key = Ed25519PrivateKey.generate()
    kid = sync(client, auth, [], kioskPublicKey=_raw_pub(key))["kioskKid"]
    oid = str(uuid.uuid4())
    forged = qrtoken.encode(Ed25519PrivateKey.generate(), oid, datetime.now(UTC), kid=kid)
    res = sync(client, auth, [record("register", oid, 1, walk_in_data(qrCode=forged))])["results"][0]
    assert res["result"] == "applied" and res["data"]["qrCode"] != forged and "重新生成" in res["msg"]


def test_bad_kiosk_key_is_400(client, auth, visit_site):
    r = client.post(SYNC, headers=auth, json={"records": [], "kioskPublicKey": "not base64!"})
    assert r.status_code == 400


def test_every_processed_record_is_kept(client, auth, visit_site, db):
    recs = [
        record("register", str(uuid.uuid4()), i, walk_in_data(name=f"访客{i}", identityNum="", phoneNum=""))
        for i in range(5)
    ]
    sync(client, auth, recs)
    with db.read() as session:
        assert {r.record_id for r in session.exec(select(SyncRecord))} == {r["recordId"] for r in recs}


def test_sign_out_of_a_refused_registration_is_rejected_not_retried_forever(client, auth, visit_site):
    oid = str(uuid.uuid4())
    recs = [
        record("register", oid, 1, walk_in_data(phoneNum=visit_site.black_phone)),
        record("signOut", oid, 2),
    ]
    out = sync(client, auth, recs)["results"]
    assert [r["result"] for r in out] == ["rejected", "rejected"]
    assert "黑名单" in out[1]["msg"] and "签离" in out[1]["msg"]
