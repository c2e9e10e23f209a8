"""Visitor QR codes (docs/api-notes.md): `VC1` + base32 of version|kid|orderId|validUntil|Ed25519
signature. No personal data in the code. The server signs with kid 0; a kiosk signs the codes it
prints offline with its own key, under the kid the server gave that key (UNASSIGNED_KID before)."""

from __future__ import annotations

import base64
import binascii
import os
import secrets
import struct
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PREFIX = "VC1"
VERSION = 1
SERVER_KID = 0
UNASSIGNED_KID = 0xFFFF  # a kiosk that never reached the server has no kid yet (docs/offline.md)
_SIGNED = struct.Struct(">BH16sI")  # 23 bytes: version, kid, orderId, validUntil
TOKEN_BYTES = _SIGNED.size + 64


@dataclass(frozen=True)
class QrPayload:
    kid: int
    order_id: str
    valid_until: datetime


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _unb32(text: str) -> bytes:
    pad = (-len(text)) % 8
    return base64.b32decode(text + "=" * pad)


def load_or_create_key_file(path: Path) -> tuple[Ed25519PrivateKey, bool]:
    """An Ed25519 private key kept in `path` (PEM, 0600 from the start, never world-readable even
    briefly); made and synced to disk the first time. Returns the key and whether it was made."""
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} 不是 Ed25519 私钥")
        return key, False
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # a temporary name of this process's own, published only if no key is there yet: several
    # servers sharing a data dir may start at once, and all must sign with the one key
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, pem)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # fails if another process published its key first
    except FileExistsError:
        return load_or_create_key_file(path)[0], False
    except OSError:  # a filesystem without hard links: last writer wins, as before
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return key, True


def load_or_create_key(path: Path | str) -> Ed25519PrivateKey:
    """A signing key kept in `path`: a kiosk's own, made on its first start."""
    return load_or_create_key_file(Path(path))[0]


def public_key_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def load_public_key(b64: str) -> Ed25519PublicKey:
    """Raises ValueError for anything but a base64 raw 32-byte Ed25519 key."""
    try:
        raw = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("kioskPublicKey 不是合法的 base64") from None
    if len(raw) != 32:
        raise ValueError("kioskPublicKey 应为 32 字节的 Ed25519 公钥")
    return Ed25519PublicKey.from_public_bytes(raw)


def sign(key: Ed25519PrivateKey, kid: int, order_id: str, valid_until: int) -> str:
    """The token for `order_id`, valid until `valid_until` (epoch seconds), signed by key `kid`."""
    signed = _SIGNED.pack(VERSION, kid, uuid.UUID(order_id).bytes, max(0, min(valid_until, 2**32 - 1)))
    return PREFIX + _b32(signed + key.sign(signed))


def split(text: str) -> tuple[int, str, int, bytes, bytes] | None:
    """kid, orderId, validUntil (epoch s), the signed bytes and the signature of a token, without
    checking the signature; None if `text` is not a well-formed token."""
    text = (text or "").strip().upper()
    if not text.startswith(PREFIX):
        return None
    try:
        raw = _unb32(text[len(PREFIX) :])
    except (binascii.Error, ValueError):
        return None
    if len(raw) != TOKEN_BYTES or raw[0] != VERSION:
        return None
    _version, kid, oid, until = _SIGNED.unpack(raw[: _SIGNED.size])
    return kid, str(uuid.UUID(bytes=oid)), until, raw[: _SIGNED.size], raw[_SIGNED.size :]


def signed_by(signed: bytes, signature: bytes, public_key: Ed25519PublicKey) -> bool:
    try:
        public_key.verify(signature, signed)
    except InvalidSignature:
        return False
    return True


def encode(key: Ed25519PrivateKey, order_id: str, valid_until: datetime, kid: int = SERVER_KID) -> str:
    aware = valid_until if valid_until.tzinfo else valid_until.replace(tzinfo=UTC)
    return sign(key, kid, order_id, int(aware.timestamp()))


def parse(text: str) -> QrPayload | None:
    """The token's fields without checking the signature; None if it is not one of ours."""
    parts = split(text)
    if parts is None:
        return None
    kid, order_id, until, _signed, _sig = parts
    return QrPayload(kid, order_id, datetime.fromtimestamp(until, UTC))


def verify(text: str, public_key: Ed25519PublicKey) -> QrPayload | None:
    """The payload if `text` is a well-formed token signed by `public_key`, else None."""
    parts = split(text)
    if parts is None or not signed_by(parts[3], parts[4], public_key):
        return None
    return QrPayload(parts[0], parts[1], datetime.fromtimestamp(parts[2], UTC))


def verify_any(text: str, keys: dict[int, Ed25519PublicKey]) -> QrPayload | None:
    """The payload if `text` is signed by the key of the kid it names, else None."""
    parts = split(text)
    key = keys.get(parts[0]) if parts is not None else None
    if parts is None or key is None or not signed_by(parts[3], parts[4], key):
        return None
    return QrPayload(parts[0], parts[1], datetime.fromtimestamp(parts[2], UTC))


def is_order_id(value: str) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        return False
    return True
