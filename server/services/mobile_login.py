"""The message login (`visitor/msg/login`, 公众号消息界面登录) of the bundled identity layer: a phone
proves itself with a six-digit code sent by SMS, and gets a signed session (server/callers.py).

Two calls. Without `smsCode` the server sends a code to the phone the request names and answers
`isAllowLogin "0"` with the masked number in `reason`; with `smsCode` it answers `isAllowLogin "1"`
and the session in `token` (sent back as `Authorization: Bearer <token>`). Which phone:
- `type` "visitor" (the default) with an `orderId`: the phone of that appointment or invitation
  (the link in an SMS or a WeChat message carries the orderId);
- `type` "visitor" with `phoneNum` (extension), to book a first visit;
- `type` "person" with `personId`: the host's phone on file. A host without one gets a session
  from an administrator instead (`visitorcs-server mobile session --person-id ...`).

Codes: stored as an HMAC (no code in the database), valid CODE_TTL, one use, MAX_ATTEMPTS wrong
tries kill it. Throttles: one code a minute and PER_PHONE_HOUR an hour per phone, PER_CLIENT_HOUR
an hour per client address (429 with the wait in words)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from server import notify
from server.callers import HOST, VISITOR, Caller, SessionTokens
from server.db import Database
from server.envelope import ApiError
from server.models import MobileCode, Person, Visit
from server.services import validation as v
from visitorcs.masking import Field, Place, mask

CODE_TTL = timedelta(minutes=5)
RESEND_AFTER = timedelta(seconds=60)
PER_PHONE_HOUR = 10
PER_CLIENT_HOUR = 30
MAX_ATTEMPTS = 5
CODE_LEN = 6


@dataclass(frozen=True)
class LoginRequest:
    order_id: str = ""
    person_id: str = ""
    kind: str = VISITOR
    phone: str = ""
    sms_code: str = ""


def _hash(key: bytes, code_id: str, code: str) -> str:
    return hmac.new(key, f"mobile-code|{code_id}|{code}".encode(), hashlib.sha256).hexdigest()


def _subject(db: Database, req: LoginRequest) -> tuple[str, str, Caller]:
    """(phone to prove, subject, the caller a session would be for)."""
    kind = (req.kind or VISITOR).strip()
    if kind == "person":
        person_id = req.person_id.strip()
        if not person_id:
            raise ApiError(400, "personId: 员工登录（type=person）需要 personId")
        with db.read() as s:
            person = s.get(Person, person_id[:64])
        if person is None:
            raise ApiError(404, "员工不存在")
        phone = v.phone(person.phone, "personId") if person.phone else ""
        if not phone:
            raise ApiError(422, "该员工没有登记手机号，不能短信登录，请联系管理员发放会话")
        return phone, f"host:{person.person_id}", Caller(HOST, person_id=person.person_id)
    if kind != VISITOR:
        raise ApiError(400, "type: 应为 visitor（访客）或 person（员工）")
    if req.order_id.strip():
        with db.read() as s:
            visit = s.get(Visit, req.order_id.strip()[:64])
        if visit is None or visit.register_type != 2:
            raise ApiError(404, "未找到该预约单")
        if not visit.phone_num:
            raise ApiError(422, "该预约没有登记手机号，不能短信登录")
        phone = visit.phone_num
    else:
        phone = v.phone(req.phone, "phoneNum")
        if not phone:
            raise ApiError(400, "orderId: 缺少预约单号（或扩展字段 phoneNum）")
    return phone, VISITOR, Caller(VISITOR, phone=phone)


def login(
    db: Database, sessions: SessionTokens, key: bytes, req: LoginRequest, client: str, now: datetime
) -> dict[str, str]:
    """TokenMpResponse: a code sent (isAllowLogin "0"), or the session (isAllowLogin "1")."""
    phone, subject, caller = _subject(db, req)
    code = req.sms_code.strip()
    if not code:
        send_code(db, key, phone, subject, client, now)
        return {
            "isAllowLogin": "0",
            "reason": f"验证码已发送至 {mask(phone, Field.PHONE, Place.PUBLIC)}，{CODE_TTL.seconds // 60} 分钟内有效",
            "token": "",
        }
    if not (len(code) == CODE_LEN and code.isdigit()):
        raise ApiError(400, f"smsCode: 验证码应为 {CODE_LEN} 位数字")
    check_code(db, key, phone, subject, code, now)
    token, _ttl = sessions.issue(caller)
    return {"isAllowLogin": "1", "reason": "", "token": token}


def send_code(db: Database, key: bytes, phone: str, subject: str, client: str, now: datetime) -> None:
    hour = now - timedelta(hours=1)
    with db.write() as s:
        recent = s.exec(
            select(MobileCode.create_time).where(
                col(MobileCode.phone) == phone, col(MobileCode.create_time) > hour
            )
        ).all()
        if recent:
            last = max(_aware(t) for t in recent)
            if now - last < RESEND_AFTER:
                wait = int((RESEND_AFTER - (now - last)).total_seconds()) + 1
                raise ApiError(429, f"验证码已发送，请 {wait} 秒后再获取")
        if len(recent) >= PER_PHONE_HOUR:
            raise ApiError(429, "该手机号获取验证码过于频繁，请一小时后再试")
        by_client = s.exec(
            select(func.count())
            .select_from(MobileCode)
            .where(col(MobileCode.client) == client, col(MobileCode.create_time) > hour)
        ).one()
        if by_client >= PER_CLIENT_HOUR:
            raise ApiError(429, "获取验证码过于频繁，请稍后再试")
        code = f"{secrets.randbelow(10**CODE_LEN):0{CODE_LEN}d}"
        row = MobileCode(
            phone=phone, subject=subject, code_hash="", client=client[:64], expires=now + CODE_TTL
        )
        row.code_hash = _hash(key, row.id, code)
        row.create_time = now
        s.add(row)
        notify.enqueue(
            s,
            "sms_code",
            notify.SMS,
            phone,
            f"【访客系统】您的登录验证码为 {code}，{CODE_TTL.seconds // 60} 分钟内有效。请勿告诉他人。",
            now=now,
        )


def check_code(db: Database, key: bytes, phone: str, subject: str, code: str, now: datetime) -> None:
    """The newest live code for this phone and subject must match; a wrong one costs an attempt
    (committed before the refusal is raised: a refusal inside the unit of work would undo it)."""
    refusal: ApiError | None = None
    with db.write() as s:
        row = s.exec(
            select(MobileCode)
            .where(
                col(MobileCode.phone) == phone,
                col(MobileCode.subject) == subject,
                col(MobileCode.used).is_(False),
            )
            .order_by(col(MobileCode.create_time).desc())
            .limit(1)
        ).first()
        if row is None or _aware(row.expires) < now:
            refusal = ApiError(401, "验证码已过期，请重新获取")
        elif row.attempts >= MAX_ATTEMPTS:
            refusal = ApiError(429, "验证码错误次数过多，请重新获取")
        elif not hmac.compare_digest(row.code_hash, _hash(key, row.id, code)):
            row.attempts += 1
            s.add(row)
            left = MAX_ATTEMPTS - row.attempts
            refusal = ApiError(401, f"验证码错误{f'，还可尝试 {left} 次' if left else '，请重新获取'}")
        else:
            row.used = True
            s.add(row)
    if refusal is not None:
        raise refusal


def _aware(dt: datetime) -> datetime:
    from server.services.timefmt import aware

    return aware(dt)


def issue_session(db: Database, sessions: SessionTokens, *, person_id: str = "", phone: str = "") -> str:
    """A session an administrator hands out (CLI): a host by personId, or a visitor by phone."""
    if person_id:
        with db.read() as s:
            if s.get(Person, person_id) is None:
                raise ApiError(404, f"员工不存在：{person_id}")
        return sessions.issue(Caller(HOST, person_id=person_id))[0]
    tel = v.phone(phone)
    if not tel:
        raise ApiError(400, "需要 --person-id 或 --phone")
    return sessions.issue(Caller(VISITOR, phone=tel))[0]
