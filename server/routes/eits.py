"""Operator (front-desk staff) login: `eits/login/challengeCode`, `eits/login`,
`eits/logout` — SCRAM-style challenge and response, see server.operators."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from server import operators
from server.body import body_doc, parse_body
from server.deps import DbDep, OperatorTokenDep, SiteDep
from server.envelope import ApiError, ok
from server.schemas.common import Empty, Envelope, errors
from server.schemas.eits import ChallengeDto, ChallengeIn, LoginDto, LoginIn

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
    responses=errors(400, 401, 413, 429),
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
