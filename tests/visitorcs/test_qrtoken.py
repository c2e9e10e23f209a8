"""The visitor QR token: one format, signed by the server (kid 0) or a kiosk (its own kid),
verified against the key of the kid it names; nothing personal inside."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from visitorcs import qrtoken


def test_a_token_verifies_only_against_the_key_of_its_kid() -> None:
    server, kiosk = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    order = str(uuid.uuid4())
    until = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)
    code = qrtoken.encode(kiosk, order, until, kid=7)
    keys = {qrtoken.SERVER_KID: server.public_key(), 7: kiosk.public_key()}
    payload = qrtoken.verify_any(code, keys)
    assert payload == qrtoken.QrPayload(7, order, until)
    assert qrtoken.verify_any(code, {7: server.public_key()}) is None  # wrong key for kid 7
    assert qrtoken.verify_any(code, {qrtoken.SERVER_KID: kiosk.public_key()}) is None  # kid unknown


def test_a_changed_character_or_another_text_is_not_a_token() -> None:
    key = Ed25519PrivateKey.generate()
    code = qrtoken.encode(key, str(uuid.uuid4()), datetime.now(UTC))
    flipped = code[:-3] + ("A" if code[-3] != "A" else "B") + code[-2:]
    assert qrtoken.verify(flipped, key.public_key()) is None
    for text in ("", "hello", "VC1", "VC1" + "A" * 140, str(uuid.uuid4())):
        assert qrtoken.parse(text) is None


def test_the_token_carries_no_personal_data() -> None:
    key = Ed25519PrivateKey.generate()
    order = str(uuid.uuid4())
    code = qrtoken.encode(key, order, datetime.now(UTC))
    assert code.startswith(qrtoken.PREFIX) and len(code) == 3 + 140
    parts = qrtoken.split(code)
    assert parts is not None and parts[1] == order  # an order id, a kid and a validity only
