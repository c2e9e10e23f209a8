"""The operator login proof of `eits/login`: SCRAM-SHA-256 (RFC 5802) with Argon2id as the
salted-password function. The password never crosses the wire; the server keeps only salt,
parameters, StoredKey and ServerKey.

    SaltedPassword = Argon2id(password, salt, t, m, p, 32)
    ClientKey = HMAC(SaltedPassword, "Client Key");  StoredKey = SHA256(ClientKey)
    ServerKey = HMAC(SaltedPassword, "Server Key")
    AuthMessage = "n=<name>,c=<codeId>,r=<nonce>"
    ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage)   (sent as hex "password")
    ServerSignature = HMAC(ServerKey, AuthMessage)              (returned; the client checks it)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

from argon2.low_level import Type, hash_secret_raw

SCHEME = "SCRAM-ARGON2ID"
# OWASP's Argon2id floor (19 MiB, t=2, p=1): ~50 ms here, paid once per login on each side.
DEFAULT_KDF = {"name": "argon2id", "timeCost": 2, "memoryCost": 19456, "parallelism": 1, "length": 32}


def salted_password(password: str, salt: bytes, kdf: dict[str, Any]) -> bytes:
    if kdf.get("name") != "argon2id":
        raise ValueError(f"unsupported kdf {kdf.get('name')!r}")
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=int(kdf["timeCost"]),
        memory_cost=int(kdf["memoryCost"]),
        parallelism=int(kdf["parallelism"]),
        hash_len=int(kdf.get("length", 32)),
        type=Type.ID,
    )


def hmac_sha256(key: bytes, msg: bytes) -> bytes:
    return hmac.new(key, msg, hashlib.sha256).digest()


def auth_message(name: str, code_id: str, nonce: str) -> bytes:
    return f"n={name},c={code_id},r={nonce}".encode()


def keys_of(password: str, salt: bytes, kdf: dict[str, Any]) -> tuple[bytes, bytes]:
    """(StoredKey, ServerKey): what a server keeps of a password."""
    salted = salted_password(password, salt, kdf)
    client_key = hmac_sha256(salted, b"Client Key")
    return hashlib.sha256(client_key).digest(), hmac_sha256(salted, b"Server Key")


def _message(challenge: dict[str, Any], name: str) -> bytes:
    return auth_message(name, challenge["codeId"], challenge["nonce"])


def client_proof(password: str, challenge: dict[str, Any], name: str) -> str:
    """The hex proof to send as `password` to `eits/login`, from the challengeCode answer
    (`{codeId, nonce, salt, kdf}`)."""
    salted = salted_password(password, base64.b64decode(challenge["salt"]), challenge["kdf"])
    client_key = hmac_sha256(salted, b"Client Key")
    stored_key = hashlib.sha256(client_key).digest()
    signature = hmac_sha256(stored_key, _message(challenge, name))
    return bytes(a ^ b for a, b in zip(client_key, signature, strict=True)).hex()


def expected_server_signature(password: str, challenge: dict[str, Any], name: str) -> str:
    """What a genuine server answers as `serverSignature`: only one that knows ServerKey can."""
    salted = salted_password(password, base64.b64decode(challenge["salt"]), challenge["kdf"])
    return hmac_sha256(hmac_sha256(salted, b"Server Key"), _message(challenge, name)).hex()


def proof_matches(stored_key: bytes, message: bytes, proof_hex: str) -> bool:
    """The server's check of a client proof against the StoredKey it keeps."""
    try:
        proof = bytes.fromhex(proof_hex)
    except ValueError:
        return False
    if len(proof) != len(stored_key):
        return False
    signature = hmac_sha256(stored_key, message)
    client_key = bytes(a ^ b for a, b in zip(proof, signature, strict=True))
    return hmac.compare_digest(hashlib.sha256(client_key).digest(), stored_key)


def server_signature(server_key: bytes, message: bytes) -> str:
    return hmac_sha256(server_key, message).hex()


def new_verifier(password: str, kdf: dict[str, Any] | None = None) -> dict[str, str]:
    """A new password as the password-change endpoints take it (eits changePwd, user/pwd/update):
    `salt` (base64 of 16 random bytes) and `password` = base64(StoredKey) ":" base64(ServerKey),
    made on the client, so the password itself never crosses the wire here either. The server
    cannot check its length: the client must."""
    import base64
    import secrets

    salt = secrets.token_bytes(16)
    stored, server = keys_of(password, salt, dict(kdf or DEFAULT_KDF))
    b64 = base64.b64encode
    return {"salt": b64(salt).decode(), "password": f"{b64(stored).decode()}:{b64(server).decode()}"}
