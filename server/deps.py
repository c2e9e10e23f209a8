"""Request dependencies, as `Annotated` aliases routes declare: the database (`DbDep`), settings
(`SettingsDep`), the site (`SiteDep`), the calling kiosk by its bearer token (`KioskDep`), an
operator's session token (`OperatorTokenDep`), and the mobile channels' caller (`VisitorDep`,
`HostDep`, `CallerDep`: server/callers.py), the client's address (`ClientDep`) and the
notification worker (`NotifierDep`).

All `async def`: FastAPI runs a plain `def` dependency in its thread pool, a hop per
dependency per request. The one that may query (the kiosk look-up, about once a second per
kiosk) hands its query to `Database.run` like a route does."""

from __future__ import annotations

import hashlib
import time
from typing import Annotated, Any

from fastapi import Depends, Request
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Row, bindparam, select

from server.body import parse_body
from server.callers import HOST, VISITOR, Caller, Callers
from server.db import Database
from server.envelope import ApiError
from server.models import Integration, Kiosk
from server.models.visit import new_row
from server.settings import Settings
from server.site import SiteContext

# built once: every request runs it
_KIOSK_BY_TOKEN = select(Kiosk.__table__).where(  # type: ignore[attr-defined]
    Kiosk.__table__.c.token_hash == bindparam("token_hash")  # type: ignore[attr-defined]
)
# A kiosk sends a request every few seconds with the same token: a valid token is trusted
# for TOKEN_TRUST_S before it is looked up again (one connection, BEGIN, SELECT, ROLLBACK
# less per request). Revoking in this process (`kiosks.revoke`) forgets at once; revoking
# from the CLI (another process) takes effect within TOKEN_TRUST_S.
TOKEN_TRUST_S = 1.0
_trusted: dict[tuple[str, str], tuple[float, Kiosk]] = {}  # (database URL, token hash)


def forget_tokens() -> None:
    _trusted.clear()


_trusted_integrations: dict[tuple[str, str], tuple[float, Integration]] = {}


def forget_integrations() -> None:
    _trusted_integrations.clear()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def bearer_token(request: Request) -> str:
    """The token of `Authorization: Bearer <token>`, "" when there is none."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


async def get_db(request: Request) -> Database:
    return request.app.state.db


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_site(request: Request) -> SiteContext:
    return request.app.state.site


def _kiosk_row(db: Database, token_hash: str) -> Row | None:
    with db.rows() as conn:
        return conn.execute(_KIOSK_BY_TOKEN, {"token_hash": token_hash}).first()


async def current_kiosk(request: Request, db: Annotated[Database, Depends(get_db)]) -> Kiosk:
    token = bearer_token(request)
    if not token:
        raise ApiError(401, "缺少访客机凭证，请在服务端为本机添加访客机（visitorcs-server kiosk add）")
    key = (db.url, hash_token(token))
    now = time.monotonic()
    known = _trusted.get(key)
    if known is not None and now - known[0] < TOKEN_TRUST_S:
        return known[1]
    row = await db.run(_kiosk_row, db, key[1])
    if row is None:
        raise ApiError(401, "访客机凭证无效，请联系管理员重新添加本机")
    if row.revoked:
        raise ApiError(401, "本访客机凭证已被吊销，请联系管理员")
    kiosk = new_row(Kiosk, **row._mapping)  # read-only: code that changes a kiosk loads it again
    if len(_trusted) > 10_000:  # many kiosks or apps (tests): start over rather than grow
        _trusted.clear()
    _trusted[key] = (now, kiosk)
    return kiosk


async def operator_token(request: Request) -> str:
    """An operator's session token (eits/logout); whether it is live is the operator service's call."""
    token = bearer_token(request)
    if not token:
        raise ApiError(401, "缺少操作员会话令牌")
    return token


def _live_operator(db: Database, token: str) -> str | None:
    from server import operators

    op = operators.session_operator(db, token)
    return op.name if op is not None else None


async def current_operator(request: Request, db: Annotated[Database, Depends(get_db)]) -> str | None:
    """The operator behind this request (`X-Operator-Token`, the eits session the kiosk client
    sends while someone is logged in at its staff console), by login name; None when none is
    sent. A token that is sent but not live is 401: the desk must log in again, not act as the
    kiosk alone without knowing it."""
    token = request.headers.get("x-operator-token", "").strip()
    if not token:
        return None
    if len(token) > 256:
        raise ApiError(401, "操作员会话令牌无效，请重新登录")
    name = await db.run(_live_operator, db, token)
    if name is None:
        raise ApiError(401, "操作员登录已失效，请重新登录")
    return name


class _AnyObject(BaseModel):
    model_config = ConfigDict(extra="allow")


async def readable_body(request: Request) -> None:
    """A mobile route's body (if any) is one the parser accepts, checked before who asks: malformed
    input is the same 400 on every route, signed in or not (the route reads it again, from memory)."""
    await parse_body(request, _AnyObject)


async def current_caller(request: Request) -> Caller | None:
    """Who calls a mobile channel, by the identity layer (server/callers.py: the bundled signed
    sessions, a trusted gateway's headers, or a provider the site added); None when nobody says."""
    callers: Callers = request.app.state.callers
    return callers.identify(request.headers)


_LOGIN = "请先登录（消息界面登录 msg/login 获取会话），并以 Authorization: Bearer <token> 发送"


async def any_caller(
    _body: Annotated[None, Depends(readable_body)], caller: Annotated[Caller | None, Depends(current_caller)]
) -> Caller:
    if caller is None:
        raise ApiError(401, _LOGIN)
    return caller


async def visitor_caller(
    _body: Annotated[None, Depends(readable_body)], caller: Annotated[Caller | None, Depends(current_caller)]
) -> Caller:
    if caller is None:
        raise ApiError(401, _LOGIN)
    if caller.kind != VISITOR:
        raise ApiError(403, "这是访客的操作，请以访客身份登录")
    return caller


async def host_caller(
    _body: Annotated[None, Depends(readable_body)], caller: Annotated[Caller | None, Depends(current_caller)]
) -> Caller:
    if caller is None:
        raise ApiError(401, _LOGIN)
    if caller.kind != HOST:
        raise ApiError(403, "这是员工（被访人）的操作，请以员工身份登录")
    return caller


async def client_address(request: Request) -> str:
    """The caller's address, for throttling (behind a reverse proxy: uvicorn --proxy-headers)."""
    return request.client.host if request.client else "unknown"


async def get_callers(request: Request) -> Callers:
    """The identity chain; its `sessions` issues the bundled signed sessions (msg/login)."""
    return request.app.state.callers


async def get_notifier(request: Request):  # type: ignore[no-untyped-def]
    """server.notify.Notifier: `kick()` it after a write that enqueued messages."""
    return request.app.state.notifier


DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
SiteDep = Annotated[SiteContext, Depends(get_site)]
KioskDep = Annotated[Kiosk, Depends(current_kiosk)]
OperatorTokenDep = Annotated[str, Depends(operator_token)]
OperatorDep = Annotated[str | None, Depends(current_operator)]
CallerDep = Annotated[Caller, Depends(any_caller)]
VisitorDep = Annotated[Caller, Depends(visitor_caller)]
HostDep = Annotated[Caller, Depends(host_caller)]
ClientDep = Annotated[str, Depends(client_address)]
NotifierDep = Annotated[Any, Depends(get_notifier)]
CallersDep = Annotated[Callers, Depends(get_callers)]


# ---- the platform's systems (14_对外接口, 01_访客信息查询) and staff web endpoints ----------------

INTEGRATION_PREFIX = "vcsi_"
NO_INTEGRATION = "缺少对外接口凭证（Authorization: Bearer vcsi_…，由 visitorcs-server integration add 生成）"


async def current_integration(request: Request, db: Annotated[Database, Depends(get_db)]) -> Integration:
    """The calling system, by its bearer token (server/integrations.py): 401 for none, a kiosk's
    or an operator's token, or a revoked one."""
    token = bearer_token(request)
    if not token.startswith(INTEGRATION_PREFIX) or len(token) > 128:
        raise ApiError(401, NO_INTEGRATION)
    return await _integration(db, token)


async def _integration(db: Database, token: str) -> Integration:
    from server import integrations

    key = (db.url, hash_token(token))
    now = time.monotonic()
    known = _trusted_integrations.get(key)
    if known is not None and now - known[0] < TOKEN_TRUST_S:
        return known[1]
    row = await db.run(integrations.find, db, token)
    if row is None:
        raise ApiError(401, "对外接口凭证无效或已吊销")
    if len(_trusted_integrations) > 1000:
        _trusted_integrations.clear()
    _trusted_integrations[key] = (now, row)
    return row


def check_project(integration: Integration, project_id: str | None, where: str = "projectId") -> str:
    """`project_id` as the caller named it: required, and the credential's own (403 otherwise:
    nothing of another project is visible or writable)."""
    text = (project_id or "").strip()
    if not text:
        raise ApiError(400, f"{where}: 缺少项目编号")
    if len(text) > 64:
        raise ApiError(400, f"{where}: 过长（最多 64 个字符）")
    if text != integration.project_id:
        raise ApiError(403, f"{where}: 无权访问项目 {text[:64]}")
    return text


async def feed_project(
    request: Request, integration: Annotated[Integration, Depends(current_integration)]
) -> str:
    """The feeds' `projectId` header: required, and the credential's project."""
    return check_project(integration, request.headers.get("projectid"), "projectId（请求头）")


async def staff_or_integration(request: Request, db: Annotated[Database, Depends(get_db)]) -> str:
    """The staff web endpoints (ui/v1): an operator's session or an integration's credential;
    who it is, as `operator:<name>` or `integration:<name>`."""
    token = bearer_token(request)
    if not token:
        raise ApiError(401, "缺少操作员会话令牌或对外接口凭证")
    if token.startswith(INTEGRATION_PREFIX):
        return f"integration:{(await _integration(db, token)).name}"
    if len(token) > 256:
        raise ApiError(401, "操作员会话令牌无效，请重新登录")
    name = await db.run(_live_operator, db, token)
    if name is None:
        raise ApiError(401, "操作员登录已失效，请重新登录")
    return f"operator:{name}"


IntegrationDep = Annotated[Integration, Depends(current_integration)]
FeedProjectDep = Annotated[str, Depends(feed_project)]
StaffDep = Annotated[str, Depends(staff_or_integration)]
