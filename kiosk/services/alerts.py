"""Alerts for the desk and for security: what the visitor at a public screen is not told. A
blacklisted person at a self-service kiosk sees neutral words; the desk gets a banner and a sound,
and security a message through a webhook the site configures (WeCom and DingTalk group robots
take this JSON POST). Posting runs on a thread of its own, with retries, and never holds up a
registration; the log keeps what happened, masked."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from visitorcs.masking import Field, Place, mask

log = logging.getLogger(__name__)

RETRIES = 3


@dataclass(frozen=True)
class Alert:
    kind: str  # "blacklist"
    words: str  # one line in the site's language (log, webhook), personal data masked
    who: str = ""  # the parts of `words`, masked, for a screen that says it in its own language
    number: str = ""
    place: str = ""
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


class AlertService:
    def __init__(self, *, kiosk_name: str = "", webhook_url: str = "", backoff_s: float = 1.0) -> None:
        self.kiosk_name = kiosk_name
        self.webhook_url = webhook_url
        self.backoff_s = backoff_s
        self.recent: list[Alert] = []  # shown to a staff console that opens later
        self._listeners: list[Callable[[Alert], None]] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Callable[[Alert], None]) -> None:
        """`listener(alert)` runs on the caller's thread (a worker): marshal to the GUI."""
        self._listeners.append(listener)

    def blacklist_hit(self, name: str, identity_num: str = "", *, where: str = "") -> Alert:
        who = mask(name, Field.NAME, Place.LOG) or "?"
        number = mask(identity_num, Field.IDENTITY, Place.LOG)
        place = where or self.kiosk_name
        words = (
            f"黑名单人员尝试登记：{who}"
            + (f"（{number}）" if number else "")
            + (f"，{place}" if place else "")
        )
        return self._raise(Alert("blacklist", words, who, number, place))

    def _raise(self, alert: Alert) -> Alert:
        log.warning("alert (%s): %s", alert.kind, alert.words)
        with self._lock:
            self.recent = [*self.recent[-19:], alert]
        for listener in list(self._listeners):
            try:
                listener(alert)
            except Exception:
                log.exception("alert listener failed")
        if self.webhook_url:
            threading.Thread(target=self._post, args=(alert,), name="alert-webhook", daemon=True).start()
        return alert

    def _post(self, alert: Alert) -> None:
        body: dict[str, Any] = {"msgtype": "text", "text": {"content": f"【访客机告警】{alert.words}"}}
        for attempt in range(RETRIES):
            try:
                response = httpx.post(self.webhook_url, json=body, timeout=5.0)
                if response.status_code < 400:
                    return
                log.warning("alert webhook answered %s", response.status_code)
            except httpx.HTTPError as exc:
                log.warning("alert webhook unreachable: %s", type(exc).__name__)
            time.sleep(self.backoff_s * (2**attempt))
        log.error("alert not delivered to the webhook after %d tries: %s", RETRIES, alert.words)
