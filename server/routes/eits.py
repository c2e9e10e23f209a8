"""Operator (front-desk staff) login: `eits/login/challengeCode`, `eits/login`,
`eits/logout` — SCRAM-style challenge and response, see server.operators."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from server import operators, verify_codes
from server.body import body_doc, parse_body
from server.deps import DbDep, OperatorTokenDep, SiteDep
from server.envelope import ApiError, ok
from server.models import Operator
from server.schemas.common import Empty, Envelope, errors
from server.schemas.eits import (
    BaseRequestIn,
    ChallengeDto,
    ChallengeIn,
    ChangePwdIn,
    CheckPhoneCodeIn,
    CodeChecked,
    CodeSent,
    LoginDto,
    LoginIn,
    PhoneCodeIn,
    PhoneStatusDto,
    PhoneStatusIn,
    UserChangePwdIn,
    UserPhoneCheckIn,
    UserPhoneCodeIn,
)
from server.sms import SmsSender

router = APIRouter(prefix="/eits", tags=["eits-login-controller"])


def _client(request: Request) -> str:
    """The caller's address (behind a reverse proxy: run uvicorn with --proxy-headers)."""
    return request.client.host if request.client else "unknown"


def _rate(request: Request) -> None:
    """Login requests per client per minute, whatever the name (operators.ClientRate)."""
    rate = getattr(request.app.state, "login_rate", None)
    if rate is None:
        rate = request.app.state.login_rate = operators.ClientRate()
    if not rate.allow(_client(request)):
        raise ApiError(429, "登录尝试过于频繁，请 1 分钟后再试")


@router.post(
    "/login/challengeCode",
    response_model=Envelope[ChallengeDto],
    responses=errors(400, 413, 429),
    openapi_extra=body_doc(ChallengeIn),
    summary="获取登录挑战（salt、KDF 参数、一次性 nonce）",
)
async def challenge_code(request: Request, db: DbDep, site: SiteDep) -> dict[str, Any]:
    _rate(request)
    body = await parse_body(request, ChallengeIn)
    return ok(await db.run(operators.challenge, db, body.name, site.login_secret))


@router.post(
    "/login",
    response_model=Envelope[LoginDto],
    responses=errors(400, 401, 403, 413, 429),
    openapi_extra=body_doc(LoginIn),
    summary="操作员登录（password 为 ClientProof，见 docs/server.md）",
)
async def login(request: Request, db: DbDep, site: SiteDep) -> dict[str, Any]:
    _rate(request)
    body = await parse_body(request, LoginIn)
    return ok(
        await db.run(
            operators.login, db, body.name, body.codeId, body.password, site.login_secret, _client(request)
        )
    )


@router.post(
    "/logout",
    response_model=Envelope[Empty],
    responses=errors(401),
    summary="操作员登出（Authorization: Bearer <会话令牌>）",
)
async def logout(db: DbDep, token: OperatorTokenDep) -> dict[str, Any]:
    if not await db.run(operators.logout, db, token):
        raise ApiError(401, "会话已失效或已登出")
    return ok()


# ---- phone verify codes and password changes (server/verify_codes.py) -----------------------------


def _code_rate(request: Request) -> None:
    """Verify-code requests per client per minute (their own count, after the body is read: a
    malformed body costs nothing and is refused first)."""
    rate = getattr(request.app.state, "code_rate", None)
    if rate is None:
        rate = request.app.state.code_rate = operators.ClientRate()
    if not rate.allow(_client(request)):
        raise ApiError(429, "验证码请求过于频繁，请 1 分钟后再试")


def _sender(request: Request) -> SmsSender:
    return request.app.state.sms_sender  # the site's one SMS sender (server/sms.py, set in server/app.py)


async def _session(db: DbDep, token: OperatorTokenDep) -> Operator:
    if len(token) > 256:
        raise ApiError(401, "操作员会话令牌无效，请重新登录")
    op = await db.run(operators.session_operator, db, token)
    if op is None:
        raise ApiError(401, "操作员登录已失效，请重新登录")
    return op


CODE = errors(400, 413, 429)


@router.post(
    "/login/verifyCode",
    response_model=Envelope[CodeSent],
    responses=CODE,
    openapi_extra=body_doc(BaseRequestIn),
    summary="向登录名绑定的手机发送验证码（找回密码；未知登录名的回答相同）",
)
async def name_code(request: Request, db: DbDep, site: SiteDep) -> dict[str, Any]:
    body = await parse_body(request, BaseRequestIn)
    _code_rate(request)
    if not body.name.strip():
        raise ApiError(400, "name: 请填写登录名")
    return ok(
        await db.run(
            lambda: verify_codes.request_code(
                db, _sender(request), site.login_secret, "reset", name=body.name
            )
        )
    )


@router.post(
    "/login/phone/verifyCode",
    response_model=Envelope[CodeSent],
    responses=CODE,
    openapi_extra=body_doc(PhoneCodeIn),
    summary="向手机发送验证码（找回密码；未绑定的手机回答相同，不发送）",
)
async def phone_code(request: Request, db: DbDep, site: SiteDep) -> dict[str, Any]:
    body = await parse_body(request, PhoneCodeIn)
    _code_rate(request)
    if not body.phone.strip():
        raise ApiError(400, "phone: 请填写手机号")
    return ok(
        await db.run(
            lambda: verify_codes.request_code(
                db, _sender(request), site.login_secret, "reset", phone=body.phone
            )
        )
    )


@router.post(
    "/login/phone/checkCode",
    response_model=Envelope[CodeChecked],
    responses=CODE,
    openapi_extra=body_doc(CheckPhoneCodeIn),
    summary="校验手机验证码（返回 verifyCodeId，供 changePwd 使用）",
)
async def check_code(request: Request, db: DbDep, site: SiteDep) -> dict[str, Any]:
    body = await parse_body(request, CheckPhoneCodeIn)
    _code_rate(request)
    return ok(await db.run(verify_codes.check_phone_code, db, site.login_secret, body.phone, body.code))


@router.post(
    "/login/changePwd",
    response_model=Envelope[Empty],
    responses=CODE,
    openapi_extra=body_doc(ChangePwdIn),
    summary="凭手机验证码设置新密码（password 为客户端计算的 StoredKey:ServerKey）",
)
async def change_pwd(request: Request, db: DbDep, site: SiteDep) -> dict[str, Any]:
    body = await parse_body(request, ChangePwdIn)
    _code_rate(request)
    await db.run(
        verify_codes.change_by_code,
        db,
        site.login_secret,
        body.codeId,
        body.verifyCode,
        body.salt,
        body.password,
    )
    return ok()


@router.post(
    "/login/phone/status",
    response_model=Envelope[PhoneStatusDto],
    responses=errors(400, 401, 413),
    openapi_extra=body_doc(PhoneStatusIn),
    summary="当前操作员的手机绑定状态（Authorization: Bearer <会话令牌>）",
)
async def phone_status(request: Request, db: DbDep, token: OperatorTokenDep) -> dict[str, Any]:
    op = await _session(db, token)
    body = await parse_body(request, PhoneStatusIn)
    return ok(verify_codes.phone_status(op, body.phoneNo))


@router.post(
    "/login/user/phone/verifyCode",
    response_model=Envelope[CodeSent],
    responses=errors(400, 401, 413, 429),
    openapi_extra=body_doc(UserPhoneCodeIn),
    summary="向要绑定的手机发送验证码（已登录）",
)
async def user_phone_code(
    request: Request, db: DbDep, site: SiteDep, token: OperatorTokenDep
) -> dict[str, Any]:
    op = await _session(db, token)
    body = await parse_body(request, UserPhoneCodeIn)
    if not body.phoneNo.strip():
        raise ApiError(400, "phoneNo: 请填写手机号")
    return ok(
        await db.run(
            lambda: verify_codes.request_code(
                db, _sender(request), site.login_secret, "bind", phone=body.phoneNo, operator_id=op.id
            )
        )
    )


@router.post(
    "/login/user/phone/checkCode",
    response_model=Envelope[dict[str, str]],
    responses=errors(400, 401, 403, 413, 429),
    openapi_extra=body_doc(UserPhoneCheckIn),
    summary="绑定手机（已登录；需当前密码的证明与手机验证码）",
)
async def user_check_code(
    request: Request, db: DbDep, site: SiteDep, token: OperatorTokenDep
) -> dict[str, Any]:
    op = await _session(db, token)
    body = await parse_body(request, UserPhoneCheckIn)
    await db.run(
        verify_codes.verify_password, db, op, body.codeId, body.oldPwd, site.login_secret, _client(request)
    )
    masked = await db.run(verify_codes.bind_phone, db, site.login_secret, op, body.phoneNo, body.verifyCode)
    return ok({"phoneNo": masked})


@router.post(
    "/login/user/pwd/update",
    response_model=Envelope[Empty],
    responses=errors(400, 401, 403, 413, 429),
    openapi_extra=body_doc(UserChangePwdIn),
    summary="修改密码（已登录；需当前密码的证明；之后所有会话失效）",
)
async def user_change_pwd(
    request: Request, db: DbDep, site: SiteDep, token: OperatorTokenDep
) -> dict[str, Any]:
    op = await _session(db, token)
    body = await parse_body(request, UserChangePwdIn)
    await db.run(
        verify_codes.change_by_password,
        db,
        op,
        body.codeId,
        body.oldPwd,
        body.salt,
        body.newPwd,
        site.login_secret,
        _client(request),
    )
    return ok()
