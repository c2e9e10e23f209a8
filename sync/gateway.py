"""OutboxGateway: the WriteGateway (sync/ports.py) that makes every write durable in
the outbox first, then sends it at once when online or leaves it for the uploader."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.outbox import BLOB_PREFIX, Outbox
from sync.ports import WriteResult
from sync.uploader import Uploader
from visitorcs import qrtoken
from visitorcs.errors import ApiError

log = logging.getLogger(__name__)

PHOTO_FIELDS = ("visitorPhoto", "identityPhoto", "scanningPhoto")
_JPEG_B64 = "/9j/"  # base64 of a JPEG's FF D8 FF: a photo handed over as data, not as a URL


def _stash_photos(fields: dict[str, Any], blobs: dict[str, str]) -> None:
    """Move JPEG data out of the record into the outbox's blob table (uploaded before the record)."""
    for f in PHOTO_FIELDS:
        v = fields.get(f)
        if isinstance(v, str) and v.startswith(_JPEG_B64):
            blob_id = str(uuid.uuid4())
            blobs[blob_id] = v
            fields[f] = BLOB_PREFIX + blob_id


def _end_of_today() -> datetime:
    now = datetime.now().astimezone()
    return now.replace(hour=23, minute=59, second=59, microsecond=0)


def _without_blobs(data: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in data.items() if not (isinstance(v, str) and v.startswith(BLOB_PREFIX))}
    if isinstance(out.get("companions"), list):
        out["companions"] = [_without_blobs(c) for c in out["companions"] if isinstance(c, dict)]
    return out


class OutboxGateway:
    """Online: enqueue (fsync'd), wake the uploader, wait up to `online_wait` s for the server's
    answer and return the server's VisitorInfo; a refusal raises ApiError. Offline, or no answer
    in time: return `queued=True` with a VisitorInfo built here, its QR signed by this kiosk."""

    def __init__(
        self,
        outbox: Outbox,
        uploader: Uploader | None,
        *,
        qr_key: Ed25519PrivateKey,
        is_online: Callable[[], bool] = lambda: True,
        online_wait: float = 3.0,
        register_place: str = "",
    ):
        self.outbox = outbox
        self.uploader = uploader
        self.qr_key = qr_key
        self.is_online = is_online
        self.online_wait = online_wait
        self.register_place = register_place

    # -- WriteGateway ----------------------------------------------------------------------
    def register(self, info: dict[str, Any]) -> WriteResult:
        order_id = str(uuid.UUID(str(info["orderId"])))  # the kiosk always chooses it (a UUID)
        data = dict(info, orderId=order_id)
        blobs: dict[str, str] = {}
        _stash_photos(data, blobs)
        if isinstance(data.get("companions"), list):
            data["companions"] = [dict(c) for c in data["companions"] if isinstance(c, dict)]
            for comp in data["companions"]:
                _stash_photos(comp, blobs)
        if str(data.get("registerType", "1")) != "2" and not data.get("qrCode"):
            # A walk-in's pass is printed before the server has seen it: the kiosk signs its QR
            # and the record carries it, so the same printed code works before and after upload.
            data["qrCode"] = self.make_qr(order_id, data.get("endTimeISO"))
        rec = self.outbox.enqueue("register", order_id, data, blobs=blobs)
        return self._settle(rec.seq, order_id, lambda: self._local_visit(data))

    def sign_out(self, order_id: str, proof: dict[str, Any] | None = None) -> WriteResult:
        rec = self.outbox.enqueue("signOut", order_id, dict(proof or {}))
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        return self._settle(
            rec.seq, order_id, lambda: {"orderId": order_id, "status": "6", "realEndTimeISO": now}
        )

    def edit(self, info: dict[str, Any]) -> WriteResult:
        order_id = str(info["orderId"])
        rec = self.outbox.enqueue("edit", order_id, dict(info))
        return self._settle(rec.seq, order_id, lambda: dict(info))

    # -- helpers -----------------------------------------------------------------------
    def kid(self) -> int:
        kid = self.outbox.get_meta("qr_kid")
        return int(kid) if kid is not None else qrtoken.UNASSIGNED_KID

    def make_qr(self, order_id: str, end_time_iso: Any = None) -> str:
        until = _end_of_today()
        if end_time_iso:
            try:
                until = datetime.fromisoformat(str(end_time_iso))
            except ValueError:
                pass
        valid = int((until + timedelta(hours=1)).timestamp())
        return qrtoken.sign(self.qr_key, self.kid(), order_id, valid)

    def _settle(self, seq: int, order_id: str, local: Callable[[], dict[str, Any]]) -> WriteResult:
        if self.uploader is not None:
            self.uploader.kick()
        if self.uploader is not None and self.is_online():
            rec = self.outbox.wait_settled(seq, self.online_wait)
            if rec is not None and rec.state == "sent":
                visit = dict((rec.result or {}).get("data") or {}) or local()
                return WriteResult(order_id=order_id, queued=False, visit=visit)
            if rec is not None and rec.state == "attention":
                # The person is at the screen and sees the refusal now: not a waiting record.
                self.outbox.refuse(seq, rec.code or "422", rec.msg or "")
                raise ApiError(rec.code or "422", rec.msg or "服务器拒绝了该请求")
        return WriteResult(order_id=order_id, queued=True, visit=local())

    def _local_visit(self, data: dict[str, Any]) -> dict[str, Any]:
        now = datetime.now().astimezone()
        visit = _without_blobs(data)
        visit.update(
            {
                "status": "8",  # arrived
                "registerTimeISO": now.isoformat(timespec="seconds"),
                "registerTimeUTC": str(int(time.time() * 1000)),
                "barCode": data.get("qrCode", ""),
                "visitorCode": "",  # only the server can make it unique
                "registerPlace": data.get("registerPlace") or self.register_place,
                "offline": True,
            }
        )
        return visit
