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


def test_servers_starting_at_once_on_one_data_dir_share_one_key(tmp_path):
    """Several server instances sharing a data dir may make the key at the same moment: all of them
    must end up signing with the one published key (a visitor's QR code is checked by any of them)."""
    import subprocess
    import sys

    path = tmp_path / "keys" / "qr_ed25519.pem"
    code = (
        "import sys; from pathlib import Path; from visitorcs import qrtoken; "
        "key, _ = qrtoken.load_or_create_key_file(Path(sys.argv[1])); print(qrtoken.public_key_b64(key))"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
        for _ in range(8)
    ]
    keys = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert len(keys) == 1 and keys != {""}
    assert qrtoken.public_key_b64(qrtoken.load_or_create_key(path)) in keys
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind
