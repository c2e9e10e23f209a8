"""Who calls the mobile channels (公众号, 小程序, 企微): the pluggable identity layer.

The mobile endpoints face visitors' phones through a gateway that vouches for the caller (WeChat's
openId, WeCom's userId, the employee's personId). This module turns a request's headers into a
`Caller` through a chain of `IdentityProvider`s, the first that recognises the request wins:

- `SessionTokens` (bundled, always on): `Authorization: Bearer vcs1.<payload>.<signature>`, a
  session this server signed (HMAC-SHA256 with `<data dir>/keys/mobile_session.key`) when the
  message login (`msg/login`, server/services/mobile_login.py) proved the phone by an SMS code, or
  when an administrator issued one (`visitorcs-server mobile session`). No database look-up.
- `GatewayHeaders` (on when a shared secret is configured): a gateway in front of the server that
  authenticated the WeChat/WeCom user itself sends `X-Visitorcs-Caller: <base64url JSON>` and
  `X-Visitorcs-Caller-Signature: <hex HMAC-SHA256(secret, that value)>`, the JSON holding
  `kind` ("visitor" or "host"), `phone`, `openId`, `personId`, `name` and `ts` (unix seconds,
  within five minutes). Anything else presented as one is refused (401), never ignored.
- Any object with `identify(headers) -> Caller | None` may be added (Settings.extra
  ["identity_providers"]): a WeChat code2session exchange, an SSO, ...

A visitor is known by the phone they proved (and/or the openId a gateway vouched); a host by their
personId. Which appointments each may see and change is the appointments service's business
(server/services/appointments.py): a visitor only their own, a host only those made with them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from server.envelope import ApiError
from visitorcs.identity import normalise_phone

VISITOR, HOST = "visitor", "host"
SESSION_PREFIX = "vcs1."
VISITOR_SESSION_S = 24 * 3600
HOST_SESSION_S = 12 * 3600
GATEWAY_SKEW_S = 300
GATEWAY_SECRET_ENV = "VISITORCS_MOBILE_GATEWAY_SECRET"
MAX_TOKEN = 1024  # a session is ~200 characters: anything longer is not one of ours
EXPIRED = "登录已失效，请重新登录"


@dataclass(frozen=True)
class Caller:
    """Who is calling: a visitor (by `phone` and/or `open_id`) or a host (by `person_id`)."""

    kind: str
    phone: str = ""
    open_id: str = ""
    person_id: str = ""
    name: str = ""
    via: str = "session"  # which provider said so

    @property
    def is_host(self) -> bool:
        return self.kind == HOST

    @property
    def label(self) -> str:
        """How it is recorded on a visit it changed (`last_actor`)."""
        if self.is_host:
            return f"host:{self.person_id}"
        return f"visitor:{self.phone or self.open_id}"


class IdentityProvider(Protocol):
    def identify(self, headers: Mapping[str, str]) -> Caller | None:
        """The caller, None when the request carries nothing this provider knows; ApiError(401)
        when it carries something of this provider's that does not hold (forged, expired)."""
        ...


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def bearer(headers: Mapping[str, str]) -> str:
    scheme, _, token = headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


@dataclass
class SessionTokens:
    """Sessions this server signs: `vcs1.` + base64url(JSON) + `.` + base64url(HMAC-SHA256)."""

    key: bytes
    visitor_ttl_s: int = VISITOR_SESSION_S
    host_ttl_s: int = HOST_SESSION_S

    def issue(self, caller: Caller, now: float | None = None) -> tuple[str, int]:
        """A session for `caller` and how long it lasts (seconds)."""
        ttl = self.host_ttl_s if caller.is_host else self.visitor_ttl_s
        claims: dict[str, Any] = {
            "k": "h" if caller.is_host else "v",
            "s": caller.person_id if caller.is_host else caller.phone,
            "e": int((now if now is not None else time.time()) + ttl),
            "j": _b64(os.urandom(6)),  # two sessions issued in the same second differ
        }
        if caller.open_id:
            claims["o"] = caller.open_id
        body = SESSION_PREFIX + _b64(json.dumps(claims, separators=(",", ":")).encode())
        return f"{body}.{self._sign(body)}", ttl

    def _sign(self, body: str) -> str:
        return _b64(hmac.new(self.key, body.encode(), hashlib.sha256).digest()[:24])

    def identify(self, headers: Mapping[str, str]) -> Caller | None:
        token = bearer(headers)
        if not token.startswith(SESSION_PREFIX):
            return None
        return self.verify(token)

    def verify(self, token: str, now: float | None = None) -> Caller:
        if len(token) > MAX_TOKEN or token.count(".") != 2:
            raise ApiError(401, EXPIRED)
        body, _, signature = token.rpartition(".")
        if not hmac.compare_digest(signature.encode(), self._sign(body).encode()):
            raise ApiError(401, EXPIRED)
        try:
            claims = json.loads(_unb64(body[len(SESSION_PREFIX) :]))
            kind, subject, expires = claims["k"], str(claims["s"]), int(claims["e"])
        except (ValueError, KeyError, TypeError):
            raise ApiError(401, EXPIRED) from None
        if expires < (now if now is not None else time.time()) or not subject:
            raise ApiError(401, EXPIRED)
        open_id = str(claims.get("o") or "")
        if kind == "h":
            return Caller(HOST, person_id=subject, open_id=open_id)
        return Caller(VISITOR, phone=subject, open_id=open_id)


@dataclass
class GatewayHeaders:
    """A trusted gateway's word, signed with a shared secret (see the module's docstring)."""

    secret: bytes
    skew_s: int = GATEWAY_SKEW_S

    def identify(self, headers: Mapping[str, str]) -> Caller | None:
        value = headers.get("x-visitorcs-caller", "")
        if not value:
            return None
        signature = headers.get("x-visitorcs-caller-signature", "").strip().lower()
        expected = hmac.new(self.secret, value.encode(), hashlib.sha256).hexdigest()
        if len(value) > MAX_TOKEN or not hmac.compare_digest(signature.encode(), expected.encode()):
            raise ApiError(401, "网关身份签名无效")
        try:
            claims = json.loads(_unb64(value))
            kind, ts = str(claims["kind"]), int(claims["ts"])
        except (ValueError, KeyError, TypeError):
            raise ApiError(401, "网关身份无效") from None
        if abs(time.time() - ts) > self.skew_s:
            raise ApiError(401, "网关身份已过期（时间戳超出 5 分钟）")

        def text(name: str, limit: int = 64) -> str:
            return str(claims.get(name) or "").strip()[:limit]

        if kind == HOST:
            if not text("personId"):
                raise ApiError(401, "网关身份缺少 personId")
            return Caller(HOST, person_id=text("personId"), open_id=text("openId"), via="gateway")
        if kind != VISITOR:
            raise ApiError(401, "网关身份类型应为 visitor 或 host")
        phone = normalise_phone(text("phone", 32))
        if not phone and not text("openId"):
            raise ApiError(401, "网关身份缺少 phone 或 openId")
        return Caller(VISITOR, phone=phone, open_id=text("openId"), name=text("name"), via="gateway")


@dataclass
class Callers:
    """The chain the app asks (`app.state.callers`); `sessions` also issues the bundled sessions."""

    sessions: SessionTokens
    providers: list[IdentityProvider] = field(default_factory=list)

    def identify(self, headers: Mapping[str, str]) -> Caller | None:
        for provider in self.providers:
            caller = provider.identify(headers)
            if caller is not None:
                return caller
        return None


def build(key: bytes, extra: Mapping[str, Any]) -> Callers:
    """The bundled chain: signed sessions, the gateway when a secret is configured
    (Settings.extra["mobile_gateway_secret"] or $VISITORCS_MOBILE_GATEWAY_SECRET), then any
    providers the site adds (Settings.extra["identity_providers"])."""
    sessions = SessionTokens(key)
    chain: list[IdentityProvider] = [sessions]
    secret = extra.get("mobile_gateway_secret") or os.environ.get(GATEWAY_SECRET_ENV)
    if secret:
        chain.append(GatewayHeaders(secret.encode() if isinstance(secret, str) else secret))
    added: Iterable[IdentityProvider] = extra.get("identity_providers") or ()
    chain.extend(added)
    return Callers(sessions, chain)


def gateway_value(secret: bytes, claims: Mapping[str, Any]) -> tuple[str, str]:
    """(X-Visitorcs-Caller, X-Visitorcs-Caller-Signature) for `claims`: what a gateway sends."""
    value = _b64(json.dumps({"ts": int(time.time()), **claims}, ensure_ascii=False).encode())
    return value, hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()
