"""Front-desk operators and the eits challenge-response login (the proof itself is
visitorcs.login_proof): one-time challenges, lockout after repeated failures, verifiers and
session tokens stored hashed."""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, delete, select

from server.db import Database
from server.deps import hash_token
from server.envelope import ApiError
from server.models import Operator, OperatorChallenge, OperatorSession
from server.models._common import utcnow
from server.services.timefmt import aware
from visitorcs.login_proof import DEFAULT_KDF, SCHEME, auth_message, keys_of, proof_matches, server_signature

log = logging.getLogger(__name__)

CHALLENGE_TTL = timedelta(minutes=2)
SESSION_TTL = timedelta(hours=12)
SESSION_KEPT = timedelta(days=7)  # after expiry: offline records stamped in it may still arrive
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@dataclass(frozen=True)
class Verifier:
    kdf: dict[str, Any]
    salt: bytes
    stored_key: bytes
    server_key: bytes

    def encode(self) -> str:
        k = self.kdf
        return (
            f"{SCHEME}${k['timeCost']}:{k['memoryCost']}:{k['parallelism']}:{_b64(self.salt)}"
            f"${_b64(self.stored_key)}:{_b64(self.server_key)}"
        )

    @classmethod
    def decode(cls, text: str) -> Verifier:
        scheme, params, keys = text.split("$")
        if scheme != SCHEME:
            raise ValueError("not a SCRAM-ARGON2ID verifier")
        t, m, p, salt = params.split(":")
        stored, server = keys.split(":")
        kdf = dict(DEFAULT_KDF, timeCost=int(t), memoryCost=int(m), parallelism=int(p))
        return cls(kdf, base64.b64decode(salt), base64.b64decode(stored), base64.b64decode(server))


def make_verifier(password: str, kdf: dict[str, Any] | None = None) -> Verifier:
    kdf = dict(kdf or DEFAULT_KDF)
    salt = secrets.token_bytes(16)
    stored_key, server_key = keys_of(password, salt, kdf)
    return Verifier(kdf, salt, stored_key, server_key)


# ---- operators -------------------------------------------------------------------------


def add(
    db: Database, name: str, password: str, display_name: str = "", kdf: dict[str, Any] | None = None
) -> None:
    """Create an operator, or set a new password for an existing one (and unlock it)."""
    name = name.strip()
    if not name or len(name) > 64:
        raise ValueError("登录名应为 1-64 个字符")
    if len(password) < 6:
        raise ValueError("密码至少 6 位")
    verifier = make_verifier(password, kdf).encode()
    with db.write() as s:
        op = s.exec(select(Operator).where(Operator.name == name)).first()
        if op is None:
            op = Operator(name=name, display_name=display_name or name, password_hash=verifier)
        else:
            op.password_hash, op.failed_count, op.locked_until = verifier, 0, None
            if display_name:
                op.display_name = display_name
        s.add(op)


def _decoy_salt(name: str) -> bytes:
    # Unknown names get a stable salt, so a challenge does not reveal whether a name exists.
    return hashlib.sha256(b"visitorcs-unknown-operator:" + name.encode("utf-8")).digest()[:16]


def challenge(db: Database, name: str, now: datetime | None = None) -> dict[str, Any]:
    name = name.strip()
    if not name:
        raise ApiError(400, "name: 请填写登录名")
    now = now or utcnow()
    with db.write() as s:
        op = s.exec(select(Operator).where(Operator.name == name)).first()
        verifier = _verifier_of(op)
        kdf = verifier.kdf if verifier else dict(DEFAULT_KDF)
        salt = verifier.salt if verifier else _decoy_salt(name)
        # Challenges are cheap to ask for: sweep the stale ones so the table stays small.
        s.exec(delete(OperatorChallenge).where(col(OperatorChallenge.expires) < now - CHALLENGE_TTL))
        row = OperatorChallenge(name=name, nonce=secrets.token_urlsafe(24), expires=now + CHALLENGE_TTL)
        s.add(row)
    return {
        "codeId": row.code_id,
        "nonce": row.nonce,
        "salt": _b64(salt),
        "kdf": kdf,
        "expiresIn": int(CHALLENGE_TTL.total_seconds()),
    }


def _verifier_of(op: Operator | None) -> Verifier | None:
    if op is None:
        return None
    try:
        return Verifier.decode(op.password_hash)
    except ValueError:
        log.error("operator %s has an unreadable verifier; reset it with `operator add`", op.name)
        return None


def login(
    db: Database, name: str, code_id: str, proof_hex: str, now: datetime | None = None
) -> dict[str, Any]:
    name = name.strip()
    if not name or not code_id or not proof_hex:
        raise ApiError(400, "name、codeId、password 均为必填")
    now = now or utcnow()
    failure: ApiError | None = None
    result: dict[str, Any] = {}
    with db.write() as s:
        # FOR UPDATE (PostgreSQL; SQLite writers are serialised anyway): two simultaneous
        # answers to one challenge must not both see it unused, nor lose a failure count.
        ch = s.exec(
            select(OperatorChallenge).where(OperatorChallenge.code_id == code_id).with_for_update()
        ).first()
        # Consume the challenge first, whatever happens next: a nonce answers once.
        if ch is None or ch.used or ch.name != name:
            raise ApiError(401, "登录挑战码无效或已使用，请重新获取")
        ch.used = True
        s.add(ch)
        if aware(ch.expires) < now:
            failure = ApiError(401, "登录挑战码已过期，请重新获取")
        op = s.exec(select(Operator).where(Operator.name == name).with_for_update()).first()
        if failure is None and op is not None and op.locked_until and aware(op.locked_until) > now:
            minutes = max(1, int((aware(op.locked_until) - now).total_seconds() // 60) + 1)
            failure = ApiError(429, f"密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试")
        verifier = _verifier_of(op)
        if failure is None:
            message = auth_message(name, ch.code_id, ch.nonce)
            if verifier is None or op is None or not proof_matches(verifier.stored_key, message, proof_hex):
                failure = ApiError(401, "用户名或密码错误")
                if op is not None:
                    op.failed_count += 1
                    if op.failed_count >= MAX_FAILURES:
                        op.locked_until, op.failed_count = now + LOCKOUT, 0
                        log.warning(
                            "operator %s locked for %s after %d failures", name, LOCKOUT, MAX_FAILURES
                        )
                        failure = ApiError(429, "密码错误次数过多，账号已锁定 15 分钟")
                    s.add(op)
        if failure is None:
            # (On failure the block still commits: the consumed challenge and the count stick.)
            assert op is not None and verifier is not None
            op.failed_count, op.locked_until = 0, None
            s.add(op)
            token = secrets.token_urlsafe(32)
            s.add(OperatorSession(token_hash=hash_token(token), operator_id=op.id, expires=now + SESSION_TTL))
            result = {
                "token": token,
                "expiresIn": int(SESSION_TTL.total_seconds()),
                "name": op.name,
                "displayName": op.display_name or op.name,
                "serverSignature": server_signature(verifier.server_key, message),
            }
    if failure is not None:
        raise failure
    log.info("operator %s logged in", name)
    return result


def session_operator(db: Database, token: str, now: datetime | None = None) -> Operator | None:
    now = now or utcnow()
    with db.read() as s:
        row = s.get(OperatorSession, hash_token(token))
        if row is None or row.revoked_at is not None or aware(row.expires) <= now:
            return None
        return s.get(Operator, row.operator_id)


def logout(db: Database, token: str, now: datetime | None = None) -> bool:
    """End the session. Its row stays (revoked) until it would have expired plus a day, so
    offline records the operator stamped while it was live still prove who did them."""
    now = now or utcnow()
    with db.write() as s:
        row = s.get(OperatorSession, hash_token(token))
        if row is None or row.revoked_at is not None:
            return False
        row.revoked_at = now
        s.add(row)
        s.exec(delete(OperatorSession).where(col(OperatorSession.expires) < now - SESSION_KEPT))
    return True
