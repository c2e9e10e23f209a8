"""Phone verify codes of the eits login group (password reset by phone, binding a phone to an
operator) and the password changes they allow, through a pluggable SMS sender.

- The sender: the site's one SMS sender (server/sms.py), sent to at once (the caller waits for
  the code to leave).
- A code is 6 digits, valid 5 minutes, 5 tries, one-time; stored as an HMAC keyed with the
  server's secret. One code per phone a minute, ten a day.
- Asking for a code never tells whether the phone or name is known: an unknown one gets the same
  answer (a decoy id) and no message.
- New passwords arrive as verifiers made on the client (visitorcs.login_proof.new_verifier):
  the password never crosses the wire; every session of the operator ends."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, select

from server import operators
from server.db import Database
from server.envelope import ApiError
from server.models import Operator, VerifyCode
from server.models._common import utcnow
from server.services import validation as v
from server.services.timefmt import aware
from server.sms import SmsSender
from visitorcs.login_proof import DEFAULT_KDF, SCHEME
from visitorcs.masking import Field, Place, mask

log = logging.getLogger(__name__)

TTL = timedelta(minutes=5)
TRIES = 5
RESEND = timedelta(seconds=60)
PER_DAY = 10
WRONG = "验证码错误或已过期，请重新获取"


def _hash(secret: bytes, code_id: str, code: str) -> str:
    return hmac.new(secret, f"{code_id}:{code}".encode(), hashlib.sha256).hexdigest()


def request_code(
    db: Database,
    sender: SmsSender,
    secret: bytes,
    purpose: str,
    *,
    phone: str = "",
    name: str = "",
    operator_id: str = "",
    now: datetime | None = None,
) -> dict[str, Any]:
    """A code for `phone` (or for the phone of the operator `name`); the same answer whoever asks."""
    now = now or utcnow()
    if phone:
        phone = v.phone(phone, "phone")
    with db.write() as s:
        target: Operator | None = None
        if operator_id:
            target = s.get(Operator, operator_id)
        elif name:
            target = s.exec(select(Operator).where(Operator.name == name.strip())).first()
            phone = target.phone if target is not None else ""
        elif phone:
            target = s.exec(select(Operator).where(Operator.phone == phone)).first()
        if target is not None and target.disabled:
            target = None
        key = phone or f"name:{name.strip()[:64]}"
        recent = s.exec(
            select(VerifyCode).where(
                VerifyCode.phone == key, col(VerifyCode.create_time) > now - timedelta(days=1)
            )
        ).all()
        if any(now - aware(r.create_time) < RESEND for r in recent):
            raise ApiError(429, "验证码发送过于频繁，请 1 分钟后再试")
        if len(recent) >= PER_DAY:
            raise ApiError(429, "今日验证码次数已用完，请明天再试")
        code = f"{secrets.randbelow(1_000_000):06d}"
        real = target is not None and bool(phone)
        row = VerifyCode(
            purpose=purpose,
            phone=key,
            operator_id=target.id if real and target else "",
            code_hash="",
            expires=now + TTL,
        )
        row.code_hash = _hash(secret, row.id, code) if real else secrets.token_hex(32)
        s.add(row)
        s.exec(delete_old(now))
    if real:
        sender.send(phone, f"【访客系统】验证码 {code}，5 分钟内有效。如非本人操作请忽略。")
    return {"verifyCodeId": row.id, "expiresIn": int(TTL.total_seconds())}


def delete_old(now: datetime) -> Any:
    from sqlmodel import delete

    return delete(VerifyCode).where(col(VerifyCode.expires) < now - timedelta(days=2))


def _check(
    s: Any, secret: bytes, row: VerifyCode | None, code: str, now: datetime, purpose: str
) -> VerifyCode:
    if row is None or row.used or row.purpose != purpose or aware(row.expires) < now or row.attempts >= TRIES:
        raise ApiError(400, WRONG)
    row.attempts += 1
    s.add(row)
    if not row.operator_id or not hmac.compare_digest(
        row.code_hash, _hash(secret, row.id, (code or "").strip())
    ):
        raise _Wrong
    return row


class _Wrong(Exception):
    """A wrong code: its try is counted (committed) before the refusal."""


def check_phone_code(
    db: Database, secret: bytes, phone: str, code: str, now: datetime | None = None
) -> dict[str, Any]:
    """phone/checkCode: the latest code sent to `phone` is right; answers its id for changePwd."""
    now = now or utcnow()
    phone = v.phone(phone, "phone")
    if not phone or not code:
        raise ApiError(400, "phone 与 code 均为必填")
    wrong = False
    with db.write() as s:
        row = s.exec(
            select(VerifyCode)
            .where(VerifyCode.phone == phone, VerifyCode.purpose == "reset")
            .order_by(col(VerifyCode.create_time).desc())
        ).first()
        try:
            row = _check(s, secret, row, code, now, "reset")
            row.checked = True
            s.add(row)
        except _Wrong:
            wrong = True
    if wrong:
        raise ApiError(400, WRONG)
    return {"verifyCodeId": row.id, "valid": True}


def parse_verifier(salt_b64: str | None, keys: str | None) -> str:
    """The stored verifier of a new password sent as (salt, "StoredKey:ServerKey"), base64."""
    try:
        salt = base64.b64decode((salt_b64 or "").strip(), validate=True)
        stored_b64, server_b64 = (keys or "").strip().split(":")
        stored, server = (
            base64.b64decode(stored_b64, validate=True),
            base64.b64decode(server_b64, validate=True),
        )
    except (ValueError, binascii.Error):
        raise ApiError(400, "新密码格式错误：salt 与 password（StoredKey:ServerKey，均为 base64）") from None
    if not 8 <= len(salt) <= 64 or len(stored) != 32 or len(server) != 32:
        raise ApiError(400, "新密码格式错误：salt 8-64 字节，StoredKey 与 ServerKey 各 32 字节")
    k = DEFAULT_KDF
    b64 = base64.b64encode
    return (
        f"{SCHEME}${k['timeCost']}:{k['memoryCost']}:{k['parallelism']}:{b64(salt).decode()}"
        f"${b64(stored).decode()}:{b64(server).decode()}"
    )


def change_by_code(
    db: Database, secret: bytes, code_id: str, code: str, salt: str, keys: str, now: datetime | None = None
) -> None:
    """changePwd: a new password for the operator the code was sent to."""
    now = now or utcnow()
    verifier = parse_verifier(salt, keys)
    if not code_id or not code or len(code_id) > 64:
        raise ApiError(400, "codeId 与 verifyCode 均为必填")
    wrong = False
    name = ""
    with db.write() as s:
        row = s.get(VerifyCode, code_id.strip())
        try:
            row = _check(s, secret, row, code, now, "reset")
            row.used = True
            s.add(row)
            op = s.get(Operator, row.operator_id)
            name = op.name if op else ""
        except _Wrong:
            wrong = True
    if wrong or not name:
        raise ApiError(400, WRONG)
    operators.set_verifier(db, name, verifier)
    log.info("operator %s changed the password by a phone code", name)


def verify_password(db: Database, op: Operator, code_id: str, proof: str, secret: bytes, client: str) -> None:
    """The operator proves the current password: a login challenge (challengeCode) answered with
    its proof, throttled like a login; the session it would open is closed at once."""
    result = operators.login(db, op.name, code_id or "", proof or "", secret, client)
    operators.logout(db, result["token"])


def change_by_password(
    db: Database, op: Operator, code_id: str, old_proof: str, salt: str, keys: str, secret: bytes, client: str
) -> None:
    verifier = parse_verifier(salt, keys)
    verify_password(db, op, code_id, old_proof, secret, client)
    operators.set_verifier(db, op.name, verifier)
    log.info("operator %s changed the password", op.name)


def bind_phone(
    db: Database, secret: bytes, op: Operator, phone: str, code: str, now: datetime | None = None
) -> str:
    """user/phone/checkCode (after the password was proved): the code sent to `phone` for this
    operator is right, and the phone becomes theirs."""
    now = now or utcnow()
    phone = v.phone(phone, "phoneNo")
    if not phone or not code:
        raise ApiError(400, "phoneNo 与 verifyCode 均为必填")
    wrong = False
    with db.write() as s:
        row = s.exec(
            select(VerifyCode)
            .where(VerifyCode.phone == phone, VerifyCode.purpose == "bind", VerifyCode.operator_id == op.id)
            .order_by(col(VerifyCode.create_time).desc())
        ).first()
        try:
            row = _check(s, secret, row, code, now, "bind")
            row.used = True
            s.add(row)
            me = s.get(Operator, op.id)
            if me is not None:
                me.phone = phone
                s.add(me)
        except _Wrong:
            wrong = True
    if wrong:
        raise ApiError(400, WRONG)
    return mask(phone, Field.PHONE, Place.LOG)


def phone_status(op: Operator, phone: str | None) -> dict[str, str]:
    asked = v.phone(phone, "phoneNo") if phone else ""
    return {
        "phoneNo": mask(op.phone, Field.PHONE, Place.LOG) if op.phone else "",
        "bound": "1" if op.phone else "0",
        "matches": "1" if asked and asked == op.phone else "0",
    }
