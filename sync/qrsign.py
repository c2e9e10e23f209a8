"""Visitor QR codes the kiosk signs itself while offline, with its own Ed25519 key (made once, kept
0600 in the data dir) and the kid the server gave that key; offline verification.

The token format (`VC1` + base32, docs/api-notes.md) is the server's: server.services.qrtoken is
its one implementation, used here with the kiosk's key."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from server.services import qrtoken

PREFIX = qrtoken.PREFIX
UNASSIGNED_KID = 0xFFFF    # a kiosk that never reached the server has no kid yet (docs/offline.md)


@dataclass(frozen=True)
class QrPayload:
    kid: int
    order_id: str
    valid_until: int       # epoch seconds


def encode(key: Ed25519PrivateKey, kid: int, order_id: str, valid_until: int) -> str:
    return qrtoken.sign(key, kid, order_id, valid_until)


def parse(text: str) -> tuple[QrPayload, bytes, bytes] | None:
    """Split a code into payload, signed bytes and signature; None if it is not a VC1 code."""
    parts = qrtoken.split(text)
    if parts is None:
        return None
    kid, order_id, valid_until, signed, signature = parts
    return QrPayload(kid, order_id, valid_until), signed, signature


def verify(text: str, keys: dict[int, Ed25519PublicKey]) -> QrPayload | None:
    """The payload if the signature checks out against the key of its kid, else None."""
    parsed = parse(text)
    if parsed is None:
        return None
    payload, signed, signature = parsed
    key = keys.get(payload.kid)
    if key is None or not qrtoken.signed_by(signed, signature, key):
        return None
    return payload


def public_key_from_b64(b64: str) -> Ed25519PublicKey:
    return qrtoken.load_public_key(b64)


def public_b64(key: Ed25519PrivateKey) -> str:
    return qrtoken.public_key_b64(key)


def load_or_create_key(path: str | Path) -> Ed25519PrivateKey:
    """The kiosk's signing key: created once (0600, never world-readable even briefly)."""
    return qrtoken.load_or_create_key_file(Path(path))[0]
