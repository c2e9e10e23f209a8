"""Staff actions without staff: with only a kiosk token, signOut and register/edit succeeded on a
visit another kiosk had registered. Now (server.rights, docs/api-notes.md) a kiosk alone may
change only the visits it registered, and sign out any visit whose permit QR the visitor shows;
the rest needs a live operator session (X-Operator-Token online, a stamp made while it was live in
an offline record). Self-service registration and QR sign-out at an exit kiosk keep working."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from server import operators
from server.models import Visit
from server.rights import proof
from tests.server.conftest import VALID_ID
from tests.server.test_offline_sync import record, sync, walk_in_data
from visitorcs import login_proof, qrtoken

API = "/webapi/visitorcs/api/v1/clientService/"
EITS = "/webapi/visitorcs/eits/"
CHEAP_KDF = {"name": "argon2id", "timeCost": 1, "memoryCost": 8, "parallelism": 1, "length": 32}


def walk_in(client, auth, visit_site, **fields: Any) -> dict[str, Any]:
    body = {"name": "张三", "identityNum": VALID_ID, "phoneNum": "13912345678", "defaultPrivilegeFlag": "1"}
    r = client.post(API + "order/register", headers=auth, json=body | fields)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def login(client, db, name: str = "desk", password: str = "secret-123") -> str:
    operators.add(db, name, password, kdf=CHEAP_KDF)
    ch = client.post(EITS + "login/challengeCode", json={"name": name, "type": 0}).json()["data"]
    r = client.post(
        EITS + "login",
        json={
            "name": name,
            "codeId": ch["codeId"],
            "password": login_proof.client_proof(password, ch, name),
            "type": 0,
        },
    )
    assert r.status_code == 200, r.text
    return r.json()["data"]["token"]


def end_in(hours: float) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).astimezone().isoformat(timespec="seconds")


def stored(db, order_id: str) -> Visit:
    with db.read() as s:
        return s.get(Visit, order_id)


# --- the attack -------------------------------------------------------------------------------


def test_another_kiosk_alone_cannot_sign_out_or_edit_a_visit(client, auth, other_auth, visit_site, db):
    v = walk_in(client, auth, visit_site)
    r = client.post(API + "signOut", headers=other_auth, params={"orderId": v["orderId"]})
    assert r.status_code == 403 and r.json()["code"] == "403" and "操作员" in r.json()["msg"], r.text
    r = client.post(
        API + "register/edit", headers=other_auth, json={"orderId": v["orderId"], "endTimeISO": end_in(6)}
    )
    assert r.status_code == 403 and "操作员" in r.json()["msg"], r.text
    assert stored(db, v["orderId"]).status == 8


def test_offline_records_of_another_kiosk_are_rejected_without_an_operator(
    client, auth, other_auth, visit_site, db
):
    v = walk_in(client, auth, visit_site)
    r = client.post(
        API + "offline/data/synchron",
        headers=other_auth,
        json={
            "clientMacAddress": "AA:BB:CC:00:00:02",
            "records": [
                record("edit", v["orderId"], 1, {"endTimeISO": end_in(8)}),
                record("signOut", v["orderId"], 2),
                # a forged stamp: a name, and a proof no session made
                record("signOut", v["orderId"], 3, {"operator": {"name": "desk", "proof": "00" * 32}}),
            ],
        },
    )
    results = r.json()["data"]["results"]
    assert [(x["result"], x["code"]) for x in results] == [("rejected", "403")] * 3
    assert stored(db, v["orderId"]).status == 8


def test_a_stale_operator_token_is_refused_not_ignored(client, auth, other_auth, visit_site):
    v = walk_in(client, auth, visit_site)
    r = client.post(
        API + "signOut",
        headers=other_auth | {"X-Operator-Token": "not-a-session"},
        params={"orderId": v["orderId"]},
    )
    assert r.status_code == 401 and "重新登录" in r.json()["msg"]


# --- what keeps working -------------------------------------------------------------------------


def test_any_kiosk_signs_out_the_visitor_who_shows_their_permit_qr(client, auth, other_auth, visit_site, db):
    v = walk_in(client, auth, visit_site)
    wrong = qrtoken.encode(
        qrtoken.Ed25519PrivateKey.generate(), v["orderId"], datetime.now(UTC) + timedelta(hours=1)
    )
    r = client.post(API + "signOut", headers=other_auth, params={"orderId": v["orderId"], "qrCode": wrong})
    assert r.status_code == 403
    r = client.post(
        API + "signOut", headers=other_auth, data={"orderId": v["orderId"], "qrCode": v["qrCode"].lower()}
    )
    assert r.status_code == 200, r.text
    assert (stored(db, v["orderId"]).status, stored(db, v["orderId"]).last_actor) == (
        6,
        "qr:AA:BB:CC:00:00:02",
    )


def test_an_exit_kiosk_signs_out_offline_with_the_scanned_qr(client, auth, other_auth, visit_site, db):
    v = walk_in(client, auth, visit_site)
    r = client.post(
        API + "offline/data/synchron",
        headers=other_auth,
        json={
            "clientMacAddress": "AA:BB:CC:00:00:02",
            "records": [record("signOut", v["orderId"], 1, {"qrCode": v["qrCode"]})],
        },
    )
    assert r.json()["data"]["results"][0]["result"] == "applied", r.text
    assert stored(db, v["orderId"]).status == 6


def test_the_registering_kiosk_alone_signs_out_and_edits_its_own_visits(client, auth, visit_site, db):
    a, b = walk_in(client, auth, visit_site), walk_in(client, auth, visit_site, name="李四", identityNum="")
    assert (
        client.post(
            API + "register/edit", headers=auth, json={"orderId": a["orderId"], "endTimeISO": end_in(5)}
        ).status_code
        == 200
    )
    assert client.post(API + "signOut", headers=auth, params={"orderId": a["orderId"]}).status_code == 200
    res = sync(client, auth, [record("signOut", b["orderId"], 1)])
    assert res["results"][0]["result"] == "applied"
    assert stored(db, a["orderId"]).last_actor == "kiosk:AA:BB:CC:00:00:01"


def test_an_operator_session_signs_out_and_edits_any_visit(client, auth, other_auth, visit_site, db):
    v = walk_in(client, auth, visit_site)
    token = login(client, db)
    desk = other_auth | {"X-Operator-Token": token}
    r = client.post(
        API + "register/edit", headers=desk, json={"orderId": v["orderId"], "endTimeISO": end_in(7)}
    )
    assert r.status_code == 200, r.text
    assert client.post(API + "signOut", headers=desk, params={"orderId": v["orderId"]}).status_code == 200
    assert stored(db, v["orderId"]).last_actor == "operator:desk"


def test_an_offline_record_stamped_while_the_session_was_live_is_accepted_after_logout(
    client, auth, other_auth, visit_site, db
):
    v, w = walk_in(client, auth, visit_site), walk_in(client, auth, visit_site, name="王五", identityNum="")
    token = login(client, db)
    key = operators.hash_token(token)
    stamp_edit = {"name": "desk", "proof": proof(key, "edit", v["orderId"])}
    stamp_out = {"name": "desk", "proof": proof(key, "signOut", w["orderId"])}
    now = datetime.now(UTC)
    recs = [
        record("edit", v["orderId"], 1, {"endTimeISO": end_in(9), "operator": stamp_edit}, client_time=now),
        record("signOut", w["orderId"], 2, {"operator": stamp_out}, client_time=now),
        # the same stamp cannot be moved to another visit
        record("signOut", v["orderId"], 3, {"operator": stamp_out}, client_time=now),
    ]
    assert client.post(EITS + "logout", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    r = client.post(
        API + "offline/data/synchron",
        headers=other_auth,
        json={"clientMacAddress": "AA:BB:CC:00:00:02", "records": recs},
    )
    results = r.json()["data"]["results"]
    assert [x["result"] for x in results] == ["applied", "applied", "rejected"], results
    assert stored(db, w["orderId"]).last_actor == "operator:desk"
    # records stamped after the logout do not count
    late = record("signOut", v["orderId"], 4, {"operator": stamp_out}, client_time=now + timedelta(hours=13))
    r = client.post(
        API + "offline/data/synchron",
        headers=other_auth,
        json={"clientMacAddress": "AA:BB:CC:00:00:02", "records": [late]},
    )
    assert r.json()["data"]["results"][0]["result"] == "rejected"


def test_self_service_registration_needs_no_operator(client, auth, visit_site):
    walk_in(client, auth, visit_site)
    res = sync(client, auth, [record("register", str(uuid.uuid4()), 1, walk_in_data())])
    assert res["results"][0]["result"] == "applied"


# --- register/edit re-issues the QR code with the new expiry ----------------------------------


@pytest.mark.parametrize("hours", [0.5, 10])
def test_edit_re_issues_the_qr_with_the_new_end(client, auth, visit_site, db, hours):
    v = walk_in(client, auth, visit_site)
    r = client.post(
        API + "register/edit", headers=auth, json={"orderId": v["orderId"], "endTimeISO": end_in(hours)}
    )
    data = r.json()["data"]
    assert data["qrCode"] != v["qrCode"] and data["barCode"] == data["qrCode"]
    payload = qrtoken.parse(data["qrCode"])
    assert payload.kid == qrtoken.SERVER_KID and payload.order_id == v["orderId"]
    assert abs(payload.valid_until.timestamp() - datetime.fromisoformat(data["endTimeISO"]).timestamp()) < 1
    found = client.post(API + "visitor/details", headers=auth, json={"code": data["qrCode"], "codeType": "3"})
    assert list(found.json()["data"]) == [v["orderId"]]
    # the old permit no longer finds the visit: the desk prints the new one
    old = client.post(API + "visitor/details", headers=auth, json={"code": v["qrCode"], "codeType": "3"})
    assert old.json()["data"] == {}
