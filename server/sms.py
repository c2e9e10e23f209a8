"""The site's SMS gateway, one pluggable sender for every text message to a phone: the eits
verify codes (server/verify_codes.py) and the mobile channels' notifications (server/notify.py:
login codes, invitations, approvals).

- `settings.extra["sms_sender"]` (an object with `send(phone, text)`), else the class named by
  $VISITORCS_SMS_SENDER ("package.module:Class"), else `LogSmsSender`, which writes the message to
  the server's log (a site without an SMS gateway reads codes there)."""

from __future__ import annotations

import importlib
import logging
import os
from typing import Any, Protocol

from visitorcs.masking import Field, Place, mask

log = logging.getLogger(__name__)

SENDER_ENV = "VISITORCS_SMS_SENDER"


class SmsSender(Protocol):
    def send(self, phone: str, text: str) -> None:
        """Deliver `text` to `phone` or raise (the caller decides whether to retry)."""
        ...


class LogSmsSender:
    """The bundled sender: the message goes to the server's log (phone masked, text readable)."""

    def send(self, phone: str, text: str) -> None:
        log.warning("SMS to %s: %s", mask(phone, Field.PHONE, Place.LOG), text)


def sender_from(extra: dict[str, Any]) -> SmsSender:
    given = extra.get("sms_sender")
    if given is not None:
        return given
    name = os.environ.get(SENDER_ENV, "").strip()
    if name:
        module, _, attr = name.partition(":")
        return getattr(importlib.import_module(module), attr or "SmsSender")()
    return LogSmsSender()
