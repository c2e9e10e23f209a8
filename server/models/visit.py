"""Visits (访客单) and what hangs off them: credential issuance records, uploaded pictures,
and the permanent idempotency record of every offline upload."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import BigInteger, Column, Index
from sqlmodel import Field, SQLModel
from sqlmodel._compat import partial_init

from server.models._common import new_id, utcnow
from visitorcs.codes import AuthStatus, CredentialType, VisitStatus


class Visit(SQLModel, table=True):
    """One visitor's visit, from appointment (or walk-in) to sign-out.

    status is the contract's visitorcs.codes.VisitStatus, stored as its int.
    """

    __table_args__ = (
        # visitorInfo: today's records newest first, per kiosk; validVisitorInfo: a host's valid visits
        Index("ix_visit_day_sort", "visit_day", "sort_time"),
        # visitorInfo of one kind (visiting, signOut...): its count and page without row look-ups
        Index("ix_visit_day_status_sort", "visit_day", "status", "sort_time"),
        Index("ix_visit_host_status", "be_visit_person_id", "status"),
        # the mobile channels: a visitor's own appointments, by the phone they logged in with
        Index("ix_visit_phone_num", "phone_num"),
    )

    order_id: str = Field(default_factory=new_id, primary_key=True)
    visit_batch: str = Field(default_factory=new_id, index=True)  # companions share it
    visitor_id: str = Field(default_factory=new_id)
    follow_flag: int = 0  # 0 main visitor, 1 companion
    register_type: int = 1  # 1 walk-in, 2 pre-booked
    status: int = Field(default=int(VisitStatus.VALID), index=True)
    approval_result: str = "审批通过"
    user_type: int = 3  # 1 platform user, 2 staff, 3 visitor

    name: str = ""
    pinyin: str = ""
    sex: str = ""
    identity_id: str = "111"
    identity_num: str = Field(default="", index=True)
    identity_pid: str = ""
    phone_num: str = ""
    phone_last4: str = Field(default="", index=True)
    car_number: str = Field(default="", index=True)
    temp_card: str = Field(default="", index=True)  # visitor card number (cardNo)
    cert_addr: str = ""
    cert_issuer: str = ""
    birthplace: str = ""
    visitor_address: str = ""
    visitor_work_unit: str = ""
    visitor_type_id: str = ""
    visitor_type_name: str = ""
    purpose: str = ""
    person_num: int = 1
    visitor_allow_times: int = 0
    temperature: str = ""
    temperature_status: int = 0
    certify_flag: str = ""
    visitor_photo: str = ""
    face_id: str = ""
    identity_photo: str = ""
    scanning_photo: str = ""
    custom: str = "{}"  # JSON of custom fields (customf..customj and any others)

    be_visit_person_id: str = ""  # indexed by ix_visit_host_status
    # the host as they were at registration (a visit is a historical record)
    be_visit_person_name: str = ""
    be_visit_phone_num: str = ""
    be_visit_group_id: str = ""
    be_visit_group_name: str = ""
    be_visit_org_path_name: str = ""
    group_id: str = ""  # visitor group (访客组)
    register_flag: str = ""
    project_id: str = ""
    product_id: str = ""
    receptionist_org_code: str = ""
    privilege_group_ids: str = ""  # comma list

    visitor_code: str = Field(default="", index=True)  # short code for 预约码 look-ups
    qr_code: str = Field(default="", index=True)  # signed token, see docs/api-notes.md

    start_time: datetime | None = None  # all times aware UTC
    end_time: datetime | None = None
    register_time: datetime | None = None
    real_end_time: datetime | None = None
    create_time: datetime = Field(default_factory=utcnow)
    update_time: datetime = Field(default_factory=utcnow)

    visit_day: str = ""  # site-local date "YYYY-MM-DD" the visit belongs to (see the indexes)
    sort_time: datetime = Field(default_factory=utcnow)  # register time, else start time: list order

    register_place: str = ""
    register_kiosk_id: str = ""
    register_hash: str = ""  # hash of the registration payload: replays vs. conflicts
    register_mac: str = Field(default="", index=True)  # kiosk that registered it
    # who did the last staff action (sign-out, edit): "operator:<name>", "kiosk:<mac>" (the
    # registering kiosk alone) or "qr:<mac>" (the visitor's own permit, at that kiosk)
    last_actor: str = ""
    # appointments made through the mobile channels (server/services/appointments.py)
    visitor_open_id: str = Field(default="", index=True)  # the visitor's openId, when a gateway vouched one
    channel: str = ""  # where it was made: "mp" (公众号), "miniapp" (小程序), "wecom" (企微); "" = kiosk
    order_model: str = ""  # "person" or "space" (预约模式)
    invited: bool = False  # an employee's invitation (邀约), not a visitor's booking
    share_status: int = 1  # an invitation's link: 1 open, 0 stopped (share/update)
    process_remark: str = ""  # the host's remark on approval, or the reason for returning it
    offline: bool = False  # registered offline and uploaded later
    visitor_user_id: str = ""  # the visitor's userId (visitor/order/update)
    be_visitor_open_id: str = ""  # the host's openId on approvals (visitor/second/order/update)
    # The change sequence (order/sync): set by the database itself, on every insert and update of
    # the row, from the counter `changecounter` at commit time (migration 0004's triggers), so a
    # consumer that keeps the last value it saw misses and repeats nothing. Never set it here.
    disorder: int = Field(
        default=0, sa_column=Column(BigInteger, nullable=False, server_default="0", index=True)
    )
    client_time: datetime | None = None  # kiosk's clock at registration (offline records)
    received_time: datetime | None = None


class VisitTombstone(SQLModel, table=True):
    """A visit deleted (visitor/info with isDel 0): written by the database's delete trigger with the
    next change sequence, so order/sync tells consumers to forget it too."""

    order_id: str = Field(primary_key=True)
    project_id: str = ""
    disorder: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, index=True))
    delete_time: datetime | None = None


class ChangeCounter(SQLModel, table=True):
    """The last change sequence handed out, per sequence ("visit"); only the triggers write it."""

    name: str = Field(primary_key=True)
    value: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))


class BacklogCallback(SQLModel, table=True):
    """A to-do result the workflow platform reported (visitor/backlog/callBack), as it came."""

    id: str = Field(default_factory=new_id, primary_key=True)
    backlog_id: str = Field(default="", index=True)
    business_id: str = ""  # backlogTypeBusinessId: the orderId of an approval
    project_id: str = ""
    status: str = ""
    result: str = ""
    applied: str = ""  # what it did: "approved", "returned", "" (recorded only)
    body: str = "{}"
    create_time: datetime = Field(default_factory=utcnow)


class AuthRecord(SQLModel, table=True):
    """Issuance of one credential type to one access device for one visit.

    auth_status and card_type are the contract's visitorcs.codes.AuthStatus and CredentialType,
    stored as their ints.
    """

    id: str = Field(default_factory=new_id, primary_key=True)
    order_id: str = Field(foreign_key="visit.order_id", index=True)
    device_id: str = Field(index=True)
    device_desc: str = ""
    card_type: int = int(CredentialType.QR)
    auth_status: int = Field(default=int(AuthStatus.PENDING), index=True)
    attempts: int = 0
    message: str = ""
    update_time: datetime = Field(default_factory=utcnow)


class Picture(SQLModel, table=True):
    face_id: str = Field(default_factory=new_id, primary_key=True)
    path: str  # relative to the data dir
    score: int = 0
    level: str = ""
    uploader_mac: str = ""
    create_time: datetime = Field(default_factory=utcnow)


class SyncRecord(SQLModel, table=True):
    """An offline record already processed: its first outcome is the answer to every replay."""

    record_id: str = Field(primary_key=True)  # the kiosk outbox's idempotency key
    kiosk_id: str = Field(index=True)
    payload_hash: str
    op: str
    order_id: str = Field(default="", index=True)
    result: str  # JSON of the per-record result
    create_time: datetime = Field(default_factory=utcnow)


_Row = TypeVar("_Row", bound=SQLModel)


class QrKey(SQLModel, table=True):
    """A kiosk's Ed25519 public key for visitor QR codes it signs offline; kid 0 is the server's."""

    kid: int | None = Field(default=None, primary_key=True)
    kiosk_id: str = Field(index=True, unique=True)  # one key per kiosk: rotation replaces it
    public_key: str = Field(unique=True)  # base64 of the raw 32 bytes
    create_time: datetime = Field(default_factory=utcnow)


_DEFAULTS: dict[type, tuple[dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...]]] = {}


def new_row(cls: type[_Row], **values: Any) -> _Row:
    """`cls(**values)` for the write paths, several times cheaper: the instance is set up by
    SQLAlchemy as usual, then its column values go straight into its __dict__ (which is what
    an INSERT reads) instead of one instrumented setattr per column. Values are not validated,
    as with a table model's own constructor."""
    fixed, factories = _defaults(cls)
    with partial_init():
        row = cls()
    state = row.__dict__
    state.update(fixed)
    for name, factory in factories:
        if name not in values:
            state[name] = factory()
    unknown = values.keys() - cls.model_fields.keys()
    if unknown:
        raise TypeError(f"{cls.__name__}: unknown fields {sorted(unknown)}")
    state.update(values)
    object.__setattr__(row, "__pydantic_fields_set__", set(values))
    object.__setattr__(row, "__pydantic_extra__", None)
    object.__setattr__(row, "__pydantic_private__", None)
    return row


def row_values(row: SQLModel) -> dict[str, Any]:
    """The column values of a `new_row` instance, for a Core INSERT of it."""
    state = row.__dict__
    return {name: state[name] for name in type(row).model_fields}


def _defaults(cls: type) -> tuple[dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...]]:
    known = _DEFAULTS.get(cls)
    if known is None:
        fixed: dict[str, Any] = {}
        factories = []
        for name, field in cls.model_fields.items():  # type: ignore[attr-defined]
            if field.default_factory is not None:
                factories.append((name, field.default_factory))
            elif not field.is_required():
                fixed[name] = field.default  # immutable defaults only (str, int, bool, None)
        known = _DEFAULTS[cls] = (fixed, tuple(factories))
    return known
