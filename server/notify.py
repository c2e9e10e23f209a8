"""Notifications to visitors (SMS) and hosts (messages): an outbox in the database and a background
worker that delivers it through a pluggable `Sender`.

- Writers call `enqueue(session, ...)` inside the transaction of what the message reports (a
  booking, an approval, a kiosk check-in...): the message exists if and only if that happened,
  and a registration never waits on an SMS gateway or a webhook.
- `deliver(db, sender, now)` hands due messages to the sender, one at a time, outside any
  transaction; a failure is retried with exponential backoff (5 s, 10 s, 20 s ... at most
  10 minutes), `MAX_ATTEMPTS` times, then the message is marked failed (-1) with its reason.
  Rows are claimed atomically (several server processes may deliver at once on PostgreSQL); a
  claim older than two minutes (a worker that died) is released.
- `Notifier` runs `deliver` on its own thread, woken at once by `kick()` after a write that
  enqueued something, else every second.
- The bundled sender (`BundledSender`) records every message (the table keeps them; `sent` keeps
  the last ones in memory for tests and `visitorcs-server mobile messages` lists the table),
  hands SMS (codes, invitations) to the site's one SMS sender (server/sms.py, the same the eits
  verify codes use) and, when the site configures a webhook (Settings.extra["notify_webhook"] or
  $VISITORCS_NOTIFY_WEBHOOK), posts messages to hosts to it as `{"msgtype": "text", "text":
  {"content": ...}}`, the JSON a WeCom or DingTalk group robot accepts. SMS are never posted to
  a group. A deployment may replace the whole sender (Settings.extra["notification_sender"])."""

from __future__ import annotations

import collections
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

import httpx
from sqlalchemy import update
from sqlmodel import Session, col, select

from server.db import Database
from server.models import Notification
from server.models._common import utcnow
from server.settings import Settings
from server.sms import SmsSender

log = logging.getLogger(__name__)

SMS, HOST = "sms", "host"
PENDING, SENDING, SENT, FAILED = 0, 2, 1, -1
MAX_ATTEMPTS = 8
FIRST_RETRY_S = 5.0
LONGEST_RETRY_S = 600.0
STUCK_AFTER = timedelta(minutes=2)
BATCH = 50
WEBHOOK_ENV = "VISITORCS_NOTIFY_WEBHOOK"
WEBHOOK_TIMEOUT_S = 5.0
TEXT_LEN = 500


@dataclass(frozen=True)
class Message:
    id: str
    kind: str
    channel: str  # SMS (recipient: a phone) or HOST (recipient: a personId)
    recipient: str
    order_id: str
    text: str


class SendError(Exception):
    """The message could not be delivered this time (the words are kept on the row)."""


class Sender(Protocol):
    def send(self, message: Message) -> None:
        """Deliver `message` or raise (SendError or anything else: it is retried)."""
        ...


class BundledSender:
    """Records every message; posts messages to hosts to the site's group-robot webhook if one is set."""

    def __init__(
        self,
        webhook_url: str | None = None,
        *,
        sms: SmsSender | None = None,
        client: httpx.Client | None = None,
        keep: int = 1000,
    ) -> None:
        self.webhook_url = (webhook_url or "").strip() or None
        self.sms = sms
        self._client = client
        self.sent: collections.deque[Message] = collections.deque(maxlen=keep)
        self._lock = threading.Lock()

    def send(self, message: Message) -> None:
        if message.channel == HOST and self.webhook_url:
            self._post(message)
        elif message.channel == SMS and self.sms is not None:
            self.sms.send(message.recipient, message.text)
        with self._lock:
            self.sent.append(message)

    def _post(self, message: Message) -> None:
        body = {"msgtype": "text", "text": {"content": message.text}}
        try:
            if self._client is not None:
                response = self._client.post(self.webhook_url or "", json=body, timeout=WEBHOOK_TIMEOUT_S)
            else:
                response = httpx.post(self.webhook_url or "", json=body, timeout=WEBHOOK_TIMEOUT_S)
        except httpx.HTTPError as exc:
            raise SendError(f"webhook 无法连接：{type(exc).__name__}") from None
        if response.status_code // 100 != 2:
            raise SendError(f"webhook 返回 HTTP {response.status_code}")
        try:
            answer: Any = response.json()
        except ValueError:
            answer = None
        if isinstance(answer, dict) and answer.get("errcode") not in (None, 0, "0"):
            raise SendError(f"webhook 拒绝：{answer.get('errcode')} {str(answer.get('errmsg', ''))[:100]}")

    def messages(self, recipient: str | None = None) -> list[Message]:
        with self._lock:
            return [m for m in self.sent if recipient is None or m.recipient == recipient]


def sender_from(settings: Settings, sms: SmsSender | None = None) -> Sender:
    """The configured sender (Settings.extra["notification_sender"]), else the bundled one, which
    hands SMS to `sms` (the site's SMS sender)."""
    sender = settings.extra.get("notification_sender")
    if sender is not None:
        return sender
    return BundledSender(settings.extra.get("notify_webhook") or os.environ.get(WEBHOOK_ENV), sms=sms)


def enqueue(
    session: Session,
    kind: str,
    channel: str,
    recipient: str,
    text: str,
    order_id: str = "",
    now: datetime | None = None,
) -> Notification | None:
    """Add a message to the outbox in `session`'s transaction; nothing for an empty recipient."""
    if not recipient:
        return None
    when = now or utcnow()
    row = Notification(
        kind=kind,
        channel=channel,
        recipient=recipient,
        order_id=order_id,
        text=text[:TEXT_LEN],
        next_try=when,
        create_time=when,
    )
    session.add(row)
    return row


def retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=min(LONGEST_RETRY_S, FIRST_RETRY_S * 2 ** max(0, attempts - 1)))


def deliver(db: Database, sender: Sender, now: datetime | None = None) -> dict[str, int]:
    """One round: every due message to `sender`; returns how many were sent, retried, failed."""
    now = now or utcnow()
    counts = {"sent": 0, "retried": 0, "failed": 0}
    with db.write() as session:  # a worker that died mid-send left its claims
        session.exec(
            update(Notification)
            .where(
                col(Notification.status) == SENDING,
                col(Notification.next_try) < now - STUCK_AFTER,
            )
            .values(status=PENDING)
        )
    with db.read() as session:
        due = session.exec(
            select(Notification)
            .where(col(Notification.status) == PENDING, col(Notification.next_try) <= now)
            .order_by(col(Notification.next_try))
            .limit(BATCH)
        ).all()
    for row in due:
        with db.write() as session:
            claimed = session.exec(
                update(Notification)
                .where(col(Notification.id) == row.id, col(Notification.status) == PENDING)
                .values(status=SENDING, next_try=now)
            ).rowcount
        if not claimed:
            continue
        message = Message(row.id, row.kind, row.channel, row.recipient, row.order_id, row.text)
        error = ""
        try:
            sender.send(message)
        except SendError as exc:
            error = str(exc)
        except Exception as exc:  # a broken sender must not stop the worker: the row says why
            log.exception("notification sender failed on %s", row.id)
            error = f"发送异常：{type(exc).__name__}"
        attempts = row.attempts + 1
        values: dict[str, Any]
        if not error:
            values = {"status": SENT, "sent_time": utcnow(), "attempts": attempts, "last_error": ""}
            counts["sent"] += 1
        elif attempts >= MAX_ATTEMPTS:
            values = {"status": FAILED, "attempts": attempts, "last_error": error[:200]}
            counts["failed"] += 1
            log.warning("notification %s (%s) failed for good: %s", row.id, row.kind, error)
        else:
            values = {
                "status": PENDING,
                "attempts": attempts,
                "last_error": error[:200],
                "next_try": now + retry_delay(attempts),
            }
            counts["retried"] += 1
        with db.write() as session:
            session.exec(
                update(Notification)
                .where(col(Notification.id) == row.id, col(Notification.status) == SENDING)
                .values(**values)
            )
    return counts


class Notifier:
    """`deliver` on a thread of its own (a slow webhook never holds up status keeping)."""

    def __init__(self, db: Database, sender: Sender, interval_s: float = 1.0) -> None:
        self.db, self.sender, self.interval_s = db, sender, interval_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def kick(self) -> None:
        """Something was enqueued: deliver now rather than at the next round."""
        self._wake.set()

    def run_once(self, now: datetime | None = None) -> dict[str, int]:
        return deliver(self.db, self.sender, now)

    def start(self) -> Callable[[], None]:
        def run() -> None:
            while not self._stop.is_set():
                self._wake.clear()
                try:
                    counts = self.run_once()
                    if any(counts.values()):
                        log.info("notifications: %s", {k: n for k, n in counts.items() if n})
                except Exception:  # the database may be back next round
                    log.exception("notification round failed")
                self._wake.wait(self.interval_s)

        self._thread = threading.Thread(target=run, name="visitorcs-notifier", daemon=True)
        self._thread.start()
        return self.stop

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=WEBHOOK_TIMEOUT_S + 5)
