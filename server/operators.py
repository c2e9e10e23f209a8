"""Front-desk operators and the eits challenge-response login (the proof itself is
visitorcs.login_proof): one-time challenges, lockout after repeated failures, verifiers and
session tokens stored hashed."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, delete, select

from server.db import Database
from server.deps import hash_token
from server.envelope import ApiError
from server.models import LoginThrottle, Operator, OperatorChallenge, OperatorSession
from server.models._common import utcnow
from server.services.timefmt import aware
from visitorcs.login_proof import DEFAULT_KDF, SCHEME, auth_message, keys_of, proof_matches, server_signature

log = logging.getLogger(__name__)

CHALLENGE_TTL = timedelta(minutes=2)
SESSION_TTL = timedelta(hours=12)
SESSION_KEPT = timedelta(days=7)  # after expiry: offline records stamped in it may still arrive
FREE_FAILURES = 5  # failures of one client for one name before it has to wait
BACKOFF_BASE = timedelta(seconds=30)
MAX_BACKOFF = timedelta(minutes=15)
THROTTLE_KEPT = timedelta(days=1)
CLIENT_PER_MINUTE = 30  # challenge and login requests of one client, any names


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


MIN_PASSWORD = 8


def add(
    db: Database,
    name: str,
    password: str,
    display_name: str = "",
    kdf: dict[str, Any] | None = None,
    phone: str | None = None,
) -> None:
    """Create an operator, or set a new password for an existing one (and unlock and enable it;
    its live sessions end)."""
    name = name.strip()
    if not name or len(name) > 64:
        raise ValueError("登录名应为 1-64 个字符")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"密码至少 {MIN_PASSWORD} 位")
    tel = _phone(phone)
    set_verifier(db, name, make_verifier(password, kdf).encode(), display_name, tel, create=True)


def reset_password(db: Database, name: str, password: str, phone: str | None = None) -> None:
    """A new password for an existing operator (`operator reset-password`)."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"密码至少 {MIN_PASSWORD} 位")
    set_verifier(db, name.strip(), make_verifier(password).encode(), phone=_phone(phone))


def _phone(phone: str | None) -> str | None:
    if phone is None:
        return None
    from server.services import validation

    try:
        return validation.phone(phone, "phone")
    except ApiError as exc:
        raise ValueError(exc.msg) from None


def set_verifier(
    db: Database,
    name: str,
    verifier: str,
    display_name: str = "",
    phone: str | None = None,
    create: bool = False,
    now: datetime | None = None,
) -> None:
    """A new password (its verifier) for `name`: every live session of the operator ends and every
    client's backoff for the name is lifted."""
    now = now or utcnow()
    with db.write() as s:
        op = s.exec(select(Operator).where(Operator.name == name)).first()
        if op is None:
            if not create:
                raise ValueError(f"没有这个操作员: {name}")
            op = Operator(name=name, display_name=display_name or name, password_hash=verifier)
        else:
            op.password_hash, op.failed_count, op.locked_until, op.disabled = verifier, 0, None, False
            if display_name:
                op.display_name = display_name
            _end_sessions(s, op.id, now)
        if phone is not None:
            op.phone = phone
        s.add(op)
        # a new password lifts every client's backoff for this name
        s.exec(delete(LoginThrottle).where(col(LoginThrottle.name) == name))


def _end_sessions(s: Any, operator_id: str, now: datetime) -> None:
    for row in s.exec(
        select(OperatorSession).where(
            OperatorSession.operator_id == operator_id, col(OperatorSession.revoked_at).is_(None)
        )
    ).all():
        row.revoked_at = now
        s.add(row)


def set_disabled(db: Database, name: str, disabled: bool) -> None:
    """`operator disable`: no more logins, live sessions end (their rows stay, as after a logout)."""
    with db.write() as s:
        op = s.exec(select(Operator).where(Operator.name == name.strip())).first()
        if op is None:
            raise ValueError(f"没有这个操作员: {name}")
        op.disabled = disabled
        s.add(op)
        if disabled:
            _end_sessions(s, op.id, utcnow())


def set_phone(db: Database, name: str, phone: str) -> None:
    tel = _phone(phone) or ""
    with db.write() as s:
        op = s.exec(select(Operator).where(Operator.name == name.strip())).first()
        if op is None:
            raise ValueError(f"没有这个操作员: {name}")
        op.phone = tel
        s.add(op)


def listing(db: Database, now: datetime | None = None) -> list[dict[str, Any]]:
    from visitorcs.masking import Field, Place, mask

    now = now or utcnow()
    with db.read() as s:
        ops = s.exec(select(Operator).order_by(Operator.name)).all()
        live = {
            row.operator_id
            for row in s.exec(select(OperatorSession).where(col(OperatorSession.revoked_at).is_(None))).all()
            if aware(row.expires) > now
        }
    return [
        {
            "name": op.name,
            "displayName": op.display_name,
            "phone": mask(op.phone, Field.PHONE, Place.LOG) if op.phone else "",
            "disabled": op.disabled,
            "loggedIn": op.id in live,
        }
        for op in ops
    ]


def _decoy(secret: bytes, purpose: bytes, name: str) -> bytes:
    """Stable per unknown name, unpredictable without the server's secret (data dir, 0600): a
    public formula of the name would let anyone compare salts and learn which names exist."""
    return hmac.new(secret, purpose + b"\0" + name.encode("utf-8"), hashlib.sha256).digest()


def challenge(db: Database, name: str, secret: bytes, now: datetime | None = None) -> dict[str, Any]:
    name = name.strip()
    if not name:
        raise ApiError(400, "name: 请填写登录名")
    if len(name) > 64:
        raise ApiError(400, "name: 登录名最长 64 个字符")
    now = now or utcnow()
    with db.write() as s:
        op = s.exec(select(Operator).where(Operator.name == name)).first()
        verifier = _verifier_of(op)
        # the same KDF parameters for every name (operators are made with DEFAULT_KDF)
        kdf = verifier.kdf if verifier else dict(DEFAULT_KDF)
        salt = verifier.salt if verifier else _decoy(secret, b"salt", name)[:16]
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


def _throttle_key(client: str, name: str) -> str:
    return hashlib.sha256(f"{client}\0{name}".encode()).hexdigest()


def backoff(failures: int) -> timedelta:
    """How long a client waits after its n-th failure for one name: FREE_FAILURES free, then
    30 s doubling, at most MAX_BACKOFF."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(MAX_BACKOFF, BACKOFF_BASE * 2 ** min(failures - FREE_FAILURES, 16))


def _wait_words(until: datetime, now: datetime) -> ApiError:
    seconds = max(1, int((until - now).total_seconds() + 0.999))
    when = f"{seconds} 秒" if seconds < 120 else f"{(seconds + 59) // 60} 分钟"
    return ApiError(429, f"登录失败次数过多，请 {when}后再试")


def login(
    db: Database,
    name: str,
    code_id: str,
    proof_hex: str,
    secret: bytes,
    client: str = "",
    now: datetime | None = None,
) -> dict[str, Any]:
    """Check a login's proof. Failures are counted per (client, name) — never per operator — so a
    stranger's guesses slow down the stranger, not the real person at another desk; unknown and
    known names get the same words, the same statuses and the same work."""
    name = name.strip()
    if not name or not code_id or not proof_hex:
        raise ApiError(400, "name、codeId、password 均为必填")
    if len(name) > 64 or len(code_id) > 64 or len(proof_hex) > 256:
        raise ApiError(400, "登录参数过长")
    now = now or utcnow()
    failure: ApiError | None = None
    result: dict[str, Any] = {}
    key = _throttle_key(client, name)
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
        throttle = s.get(LoginThrottle, key, with_for_update=True)
        if aware(ch.expires) < now:
            failure = ApiError(401, "登录挑战码已过期，请重新获取")
        elif throttle is not None and throttle.blocked_until and aware(throttle.blocked_until) > now:
            failure = _wait_words(aware(throttle.blocked_until), now)
        op = s.exec(select(Operator).where(Operator.name == name)).first()
        verifier = _verifier_of(op)
        message = auth_message(name, ch.code_id, ch.nonce)
        if failure is None:
            # an unknown name is checked against a decoy key: the same work as a known one
            stored_key = verifier.stored_key if verifier else _decoy(secret, b"stored-key", name)
            matches = proof_matches(stored_key, message, proof_hex)
            if matches and op is not None and op.disabled:
                failure = ApiError(403, "该操作员账号已停用，请联系管理员")
            elif not matches or verifier is None or op is None:
                failure = ApiError(401, "用户名或密码错误")
                if throttle is None:
                    throttle = LoginThrottle(key=key, client=client[:64], name=name)
                throttle.failures += 1
                throttle.last_failure = now
                wait = backoff(throttle.failures)
                if wait:
                    throttle.blocked_until = now + wait
                    if throttle.failures == FREE_FAILURES:
                        log.warning("operator login: %d failures for one name from %s", FREE_FAILURES, client)
                s.add(throttle)
        if failure is None:
            # (On failure the block still commits: the consumed challenge and the count stick.)
            assert op is not None and verifier is not None
            if throttle is not None:
                s.delete(throttle)
            s.exec(delete(LoginThrottle).where(col(LoginThrottle.last_failure) < now - THROTTLE_KEPT))
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


class ClientRate:
    """Attempts per client (IP) per minute, whatever the name: a flood from one address is
    answered 429 before any database work. Per process (several workers multiply it)."""

    def __init__(self, per_minute: int = CLIENT_PER_MINUTE) -> None:
        self.per_minute = per_minute
        self._lock = threading.Lock()
        self._seen: dict[str, deque[float]] = {}

    def allow(self, client: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._seen) > 10_000:
                self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > now - 60}
            seen = self._seen.setdefault(client, deque())
            while seen and seen[0] <= now - 60:
                seen.popleft()
            if len(seen) >= self.per_minute:
                return False
            seen.append(now)
            return True


def session_operator(db: Database, token: str, now: datetime | None = None) -> Operator | None:
    now = now or utcnow()
    with db.read() as s:
        row = s.get(OperatorSession, hash_token(token))
        if row is None or row.revoked_at is not None or aware(row.expires) <= now:
            return None
        op = s.get(Operator, row.operator_id)
        return None if op is None or op.disabled else op


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
