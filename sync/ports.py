"""How a write reaches the server: the kiosk's use cases never decide online/offline per call
site; they hand writes to a `WriteGateway`. The outbox gateway (sync.gateway) makes the write
durable on disk first and sends it now or later; an online-only gateway posts at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class WriteResult:
    order_id: str
    queued: bool = False  # kept in the outbox, the server has not confirmed it yet
    visit: dict[str, Any] = field(
        default_factory=dict
    )  # VisitorInfo (server's, or built locally when queued)


class WriteGateway(Protocol):
    def register(self, info: dict[str, Any]) -> WriteResult:
        """Register a visit. `info` holds RegisterInfo fields and always an `orderId` (UUID)
        chosen by the kiosk. Raises visitorcs.errors.ApiError when the server refuses."""

    def sign_out(self, order_id: str, proof: dict[str, Any] | None = None) -> WriteResult:
        """signOut; `proof` travels with it: the scanned permit `qrCode` and/or an operator stamp
        (`operator`), what the server needs for a visit another kiosk registered."""

    def edit(self, info: dict[str, Any]) -> WriteResult:
        """register/edit: PrivilegeEditInfo fields (orderId, endTimeISO, privilegeGroupIds)."""
