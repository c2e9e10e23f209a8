"""Who may call the server: kiosks (bearer tokens, stored hashed) and front-desk operators
(eits challenge-response login, slow salted password hashes, lockout, sessions)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from server.models._common import new_id, utcnow


class Kiosk(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True)
    mac: str = Field(unique=True)  # normalised "AA:BB:CC:DD:EE:FF"
    name: str
    token_hash: str = Field(unique=True)  # sha256 hex of the bearer token
    revoked: bool = False
    logged_in: bool = False  # counts against the licence while true
    last_login: datetime | None = None
    qr_public_key: str | None = None  # base64 Ed25519 key for permits it issues offline
    create_time: datetime = Field(default_factory=utcnow)


class Operator(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True)
    name: str = Field(unique=True)  # login name
    display_name: str = ""
    password_hash: str  # argon2id
    phone: str = ""  # normalised (visitorcs.identity): where verify codes go
    disabled: bool = False  # `operator disable`: no login, sessions ended
    failed_count: int = 0
    locked_until: datetime | None = None


class OperatorChallenge(SQLModel, table=True):
    code_id: str = Field(default_factory=new_id, primary_key=True)
    name: str
    nonce: str
    expires: datetime
    used: bool = False


class OperatorSession(SQLModel, table=True):
    token_hash: str = Field(primary_key=True)
    operator_id: str = Field(foreign_key="operator.id", index=True)
    expires: datetime
    create_time: datetime = Field(default_factory=utcnow)
    # logged out: no longer a session, but kept until it would have expired (and a grace after),
    # so an offline record stamped while it was live still proves who did it (server.rights)
    revoked_at: datetime | None = None


class LoginThrottle(SQLModel, table=True):
    """Failed operator logins from one client (IP) for one name: the backoff of that pair only,
    so a stranger's failures never lock the real person out (server.operators)."""

    key: str = Field(primary_key=True)  # sha256 hex of client + NUL + name
    client: str = Field(index=True)
    name: str = Field(index=True)
    failures: int = 0
    blocked_until: datetime | None = None
    last_failure: datetime = Field(default_factory=utcnow)


class Integration(SQLModel, table=True):
    """A system that calls the platform feeds and queries (14_对外接口, 01_访客信息查询): not a kiosk,
    not a person. Its bearer token (`vcsi_...`) is stored hashed; it acts for one project."""

    id: str = Field(default_factory=new_id, primary_key=True)
    name: str = Field(unique=True)
    project_id: str
    token_hash: str = Field(unique=True)
    revoked: bool = False
    create_time: datetime = Field(default_factory=utcnow)
    last_used: datetime | None = None


class VerifyCode(SQLModel, table=True):
    """A phone verify code sent through the SMS sender (eits phone login, password reset, phone
    binding): stored as an HMAC, one-time, a few attempts, minutes long."""

    id: str = Field(default_factory=new_id, primary_key=True)
    purpose: str  # "reset" (phone/verifyCode, login/verifyCode), "bind" (user/phone/verifyCode)
    phone: str = Field(index=True)
    operator_id: str = ""  # "" for a phone nobody has: a decoy, nothing was sent
    code_hash: str
    expires: datetime
    attempts: int = 0
    checked: bool = False  # phone/checkCode said it was right (still usable once by changePwd)
    used: bool = False
    create_time: datetime = Field(default_factory=utcnow)
