"""What the mobile channels (公众号, 小程序, 企微) add besides appointments on the visit table: the
one-time codes of the message login (server/services/mobile_login.py) and the notification
outbox (server/notify.py): every message to a visitor or a host is a row first, written in the
transaction of what it reports, and delivered by a background worker."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from server.models._common import new_id, utcnow


class MobileCode(SQLModel, table=True):
    """A one-time login code sent by SMS to `phone`, for `subject` ("visitor" or "host:<personId>")."""

    __table_args__ = (Index("ix_mobilecode_phone_time", "phone", "create_time"),)

    id: str = Field(default_factory=new_id, primary_key=True)
    phone: str
    subject: str
    code_hash: str  # HMAC-SHA256 of the code with the server's session key: no code in the database
    client: str = Field(default="", index=True)  # the address that asked for it (throttling)
    attempts: int = 0  # wrong codes tried against it; the code dies at MAX_ATTEMPTS
    used: bool = False
    expires: datetime
    create_time: datetime = Field(default_factory=utcnow)


class Notification(SQLModel, table=True):
    """One message to a visitor (channel "sms", recipient a phone) or a host (channel "host",
    recipient a personId), kept as the record of what was said, and delivered until it is
    sent or has failed `MAX_ATTEMPTS` times. status: 0 pending, 1 sent, -1 failed."""

    __table_args__ = (Index("ix_notification_status_due", "status", "next_try"),)

    id: str = Field(default_factory=new_id, primary_key=True)
    kind: str  # sms_code, invitation, approval_request, approved, rejected, cancelled, accepted, arrival
    channel: str  # "sms" or "host"
    recipient: str = Field(index=True)
    order_id: str = Field(default="", index=True)
    text: str
    status: int = 0
    attempts: int = 0
    next_try: datetime = Field(default_factory=utcnow)
    last_error: str = ""
    create_time: datetime = Field(default_factory=utcnow)
    sent_time: datetime | None = None
