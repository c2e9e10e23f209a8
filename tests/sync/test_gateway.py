"""OutboxGateway: the answer a person at the kiosk sees, online and offline."""

from __future__ import annotations

import time
import uuid

import pytest

from sync.gateway import OutboxGateway
from sync.uploader import Uploader
from visitorcs import qrtoken
from visitorcs.errors import ApiError


def oid() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def key():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate()


@pytest.fixture
def running(outbox, fake):
    up = Uploader(outbox, fake, backoff_base=0.01, backoff_cap=0.05, idle_wait=5)
    up.start()
    yield up
    up.stop()


def test_online_register_returns_the_servers_visit(outbox, fake, key, running):
    gw = OutboxGateway(outbox, running, qr_key=key, is_online=lambda: True)
    order = oid()
    res = gw.register({"orderId": order, "name": "张三", "registerType": "1"})
    assert res.queued is False and res.order_id == order
    assert res.visit["visitorCode"] == "1234"  # the server's, not a local guess
    assert outbox.unsent_count() == 0


def test_offline_register_is_queued_with_a_qr_the_kiosk_signed(outbox, fake, key):
    outbox.set_meta("qr_kid", "7")
    gw = OutboxGateway(outbox, None, qr_key=key, is_online=lambda: False)
    order = oid()
    t = time.perf_counter()
    res = gw.register({"orderId": order, "name": "李四", "registerType": "1"})
    assert time.perf_counter() - t < 1.0  # no network wait offline
    assert res.queued is True and res.visit["status"] == "8" and res.visit["visitorCode"] == ""
    code = res.visit["qrCode"]
    assert code.startswith("VC1") and len(code) == 3 + 140
    payload = qrtoken.verify_any(code, {7: key.public_key()})
    assert payload.order_id == order and payload.kid == 7 and payload.valid_until.timestamp() > time.time()
    assert outbox.records()[0].data["qrCode"] == code  # the server gets the printed code


def test_an_appointment_check_in_keeps_the_appointments_own_qr(outbox, key):
    gw = OutboxGateway(outbox, None, qr_key=key, is_online=lambda: False)
    res = gw.register({"orderId": oid(), "registerType": "2"})
    assert "qrCode" not in outbox.records()[0].data and res.queued


def test_online_refusal_raises_and_is_not_left_waiting(outbox, fake, key, running):
    fake.blacklist.add("X1")
    gw = OutboxGateway(outbox, running, qr_key=key, is_online=lambda: True)
    with pytest.raises(ApiError) as err:
        gw.register({"orderId": oid(), "identityNum": "X1"})
    assert err.value.code == "422" and "黑名单" in err.value.msg
    assert outbox.unsent_count() == 0 and outbox.counts() == {"refused": 1}


def test_server_gone_mid_call_falls_back_to_queued_quickly(outbox, fake, key, running):
    fake.down = True
    gw = OutboxGateway(outbox, running, qr_key=key, is_online=lambda: True, online_wait=0.3)
    order = oid()
    fake.visits[order] = {"orderId": order, "status": "8"}
    t = time.perf_counter()
    res = gw.sign_out(order)
    assert res.queued and res.visit["status"] == "6" and time.perf_counter() - t < 1.5
    fake.down = False
    running.kick()  # what the connectivity monitor does on return
    rec = outbox.records(("pending", "inflight"))[0]
    assert outbox.wait_settled(rec.seq, 5).state == "sent" and fake.visits[order]["status"] == "6"


def test_offline_photo_travels_in_the_outbox(outbox, fake, key):
    gw = OutboxGateway(outbox, None, qr_key=key, is_online=lambda: False)
    res = gw.register({"orderId": oid(), "visitorPhoto": "/9j/4AAQSkZJRg=="})
    assert "visitorPhoto" not in res.visit
    rec = outbox.records()[0]
    blob_id = rec.data["visitorPhoto"].split(":", 1)[1]
    assert outbox.blob(blob_id) == ("/9j/4AAQSkZJRg==", None)


def test_key_file_is_private_and_stable(tmp_path):
    import os

    k1 = qrtoken.load_or_create_key(tmp_path / "keys" / "kiosk_qr.pem")
    assert oct(os.stat(tmp_path / "keys" / "kiosk_qr.pem").st_mode & 0o777) == "0o600"
    k2 = qrtoken.load_or_create_key(tmp_path / "keys" / "kiosk_qr.pem")
    assert qrtoken.public_key_b64(k1) == qrtoken.public_key_b64(k2)


def test_tampered_or_foreign_codes_do_not_verify(key):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    order = oid()
    code = qrtoken.sign(key, 3, order, int(time.time()) + 60)
    assert qrtoken.verify_any(code, {3: key.public_key()}).order_id == order
    assert qrtoken.verify_any(code, {3: Ed25519PrivateKey.generate().public_key()}) is None
    flipped = code[:10] + ("A" if code[10] != "A" else "B") + code[11:]
    assert qrtoken.verify_any(flipped, {3: key.public_key()}) is None
    assert qrtoken.verify_any("hello", {3: key.public_key()}) is None
