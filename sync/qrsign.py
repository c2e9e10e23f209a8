"""Visitor QR codes the kiosk signs itself while offline (`VC1` + base32, docs/api-notes.md),
the kiosk's Ed25519 key (made once, kept 0600 in the data dir) and offline verification."""
from __future__ import annotations

import base64
import os
import struct
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PREFIX = "VC1"
VERSION = 1
UNASSIGNED_KID = 0xFFFF    # a kiosk that never reached the server has no kid yet (docs/offline.md)
_HEAD = struct.Struct(">BH16sI")   # version, kid, orderId, validUntil = 23 signed bytes


@dataclass(frozen=True)
class QrPayload:
    kid: int
    order_id: str
    valid_until: int


def _b32(raw: bytes) -> str:
    return base64.b32encode(raw).decode("ascii").rstrip("=")


def _unb32(text: str) -> bytes:
    return base64.b32decode(text + "=" * (-len(text) % 8))


def encode(key: Ed25519PrivateKey, kid: int, order_id: str, valid_until: int) -> str:
    head = _HEAD.pack(VERSION, kid, uuid.UUID(order_id).bytes, valid_until)
    return PREFIX + _b32(head + key.sign(head))


def parse(text: str) -> tuple[QrPayload, bytes, bytes] | None:
    """Split a code into payload, signed bytes and signature; None if it is not a VC1 code."""
    text = (text or "").strip().upper()
    if not text.startswith(PREFIX):
        return None
    try:
        raw = _unb32(text[len(PREFIX):])
    except (ValueError, base64.binascii.Error):
        return None
    if len(raw) != _HEAD.size + 64:
        return None
    version, kid, order, valid = _HEAD.unpack(raw[:_HEAD.size])
    if version != VERSION:
        return None
    return QrPayload(kid, str(uuid.UUID(bytes=order)), valid), raw[:_HEAD.size], raw[_HEAD.size:]


def verify(text: str, keys: dict[int, Ed25519PublicKey]) -> QrPayload | None:
    """The payload if the signature checks out against the key of its kid, else None."""
    parsed = parse(text)
    if parsed is None:
        return None
    payload, signed, sig = parsed
    key = keys.get(payload.kid)
    if key is None:
        return None
    try:
        key.verify(sig, signed)
    except InvalidSignature:
        return None
    return payload


def public_key_from_b64(b64: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(b64))


def public_b64(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def load_or_create_key(path: str | Path) -> Ed25519PrivateKey:
    """The kiosk's signing key: created once (0600, never world-readable even briefly)."""
    path = Path(path)
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} does not hold an Ed25519 key")
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, pem)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    return key
