"""`OnlineGateway`: the WriteGateway that posts every write to the server at once (no outbox)."""

from __future__ import annotations

import logging
from typing import Any

from sync.ports import WriteResult
from visitorcs.client import VisitorcsClient

log = logging.getLogger(__name__)


class OnlineGateway:
    """Direct API calls; ApiError / ApiUnreachable reach the caller unchanged."""

    def __init__(self, client: VisitorcsClient, register_place: str = "") -> None:
        self.client = client
        self.register_place = register_place

    def register(self, info: dict[str, Any]) -> WriteResult:
        if not info.get("orderId"):
            raise ValueError("a registration needs the orderId the kiosk chose")
        body = dict(info)
        body.setdefault("registerPlace", self.register_place)
        visit = self.client.register(body)
        log.info("registered order %s (%s)", visit.get("orderId", info["orderId"]), body.get("registerType"))
        return WriteResult(order_id=str(visit.get("orderId") or info["orderId"]), queued=False, visit=visit)

    def sign_out(self, order_id: str, proof: dict[str, Any] | None = None) -> WriteResult:
        qr = (proof or {}).get("qrCode")
        if qr:  # the visitor's permit: what lets any kiosk sign them out (the operator rides as a header)
            self.client._post_form("signOut", orderId=order_id, qrCode=qr)
        else:
            self.client.sign_out(order_id)
        log.info("signed out order %s", order_id)
        return WriteResult(order_id=order_id, queued=False)

    def edit(self, info: dict[str, Any]) -> WriteResult:
        visit = self.client.register_edit(
            info["orderId"],
            info["endTimeISO"],
            info.get("privilegeGroupIds"),
            info.get("registerPlace") or self.register_place,
        )
        # the server's VisitorInfo: its qrCode is re-issued when the end time changed
        return WriteResult(order_id=info["orderId"], queued=False, visit=dict(visit or {}))
