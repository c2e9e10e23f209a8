"""QR keys: a kiosk could register unlimited public keys (1,500 slowed QR look-ups fivefold),
including the server's own; kiosk-signed codes valid in 1970 or 2106 were kept. Now one key per
kiosk (rotation replaces it under the same kid), the server's and other kiosks' keys are refused,
and a kiosk-signed code must be valid from the registration to the visit's end + a small margin."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import select

from server.models.visit import QrKey
from tests.server.test_offline_sync import record, walk_in_data
from visitorcs import qrtoken

API = "/webapi/visitorcs/api/v1/clientService/"
SYNC = API + "offline/data/synchron"


def pub(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def announce(client, headers, key_b64: str, mac: str = "AA:BB:CC:00:00:01", records=()):
    return client.post(
        SYNC,
        headers=headers,
        json={"clientMacAddress": mac, "records": list(records), "kioskPublicKey": key_b64},
    )


def test_one_key_per_kiosk_rotation_keeps_the_kid(client, auth, db):
    kids = set()
    for _ in range(20):
        r = announce(client, auth, pub(Ed25519PrivateKey.generate()))
        assert r.status_code == 200, r.text
        kids.add(r.json()["data"]["kioskKid"])
    assert len(kids) == 1
    with db.read() as s:
        assert len(s.exec(select(QrKey)).all()) == 1
    keys = client.get(API + "ext/qrKeys", headers=auth).json()["data"]["keys"]
    assert [k["kid"] for k in keys] == [0, kids.pop()]


def test_the_servers_own_key_and_another_kiosks_key_are_refused(app, client, auth, other_auth):
    server_key = qrtoken.public_key_b64(app.state.site.qr_key)
    r = announce(client, auth, server_key)
    assert r.status_code == 422 and "服务端" in r.json()["msg"], r.text
    theirs = pub(Ed25519PrivateKey.generate())
    assert announce(client, other_auth, theirs, mac="AA:BB:CC:00:00:02").status_code == 200
    r = announce(client, auth, theirs)
    assert r.status_code == 422 and "另一台访客机" in r.json()["msg"], r.text


def _offline_walk_in(client, auth, key, kid, valid_until: int, end: datetime):
    oid = str(uuid.uuid4())
    code = qrtoken.sign(key, kid, oid, valid_until)
    data = walk_in_data(qrCode=code, endTimeISO=end.isoformat())
    r = client.post(
        SYNC,
        headers=auth,
        json={
            "clientMacAddress": "AA:BB:CC:00:00:01",
            "records": [record("register", oid, 1, data, client_time=datetime.now(UTC))],
        },
    )
    return code, r.json()["data"]["results"][0]


def test_a_kiosk_signed_code_must_fit_the_visit(client, auth, visit_site):
    key = Ed25519PrivateKey.generate()
    kid = announce(client, auth, pub(key)).json()["data"]["kioskKid"]
    end = datetime.now(UTC) + timedelta(hours=3)
    for valid_until in (
        0,
        2**32 - 1,
        int((datetime.now(UTC) - timedelta(hours=1)).timestamp()),
        int((end + timedelta(hours=5)).timestamp()),
    ):
        code, res = _offline_walk_in(client, auth, key, kid, valid_until, end)
        assert res["result"] == "applied", res
        assert res["data"]["qrCode"] != code and qrtoken.parse(res["data"]["qrCode"]).kid == 0
        assert "重新打印" in res["msg"]
    code, res = _offline_walk_in(client, auth, key, kid, int((end + timedelta(hours=1)).timestamp()), end)
    assert res["data"]["qrCode"] == code and res["msg"] == "success"
