"""The seams between use cases and the outside: how a write reaches the server.

Services never decide online/offline per call site: they hand writes to a
`WriteGateway`. The online gateway posts at once; the outbox gateway (sync/) makes the
write durable on disk first and sends it now or later.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class WriteResult:
    order_id: str
    queued: bool = False                      # kept in the outbox, the server has not confirmed it yet
    visit: dict[str, Any] = field(default_factory=dict)  # VisitorInfo (server's, or built locally when queued)


class WriteGateway(Protocol):
    def register(self, info: dict[str, Any]) -> WriteResult:
        """Register a visit. `info` holds RegisterInfo fields and always an `orderId` (UUID)
        chosen by the kiosk. Raises kiosk.api.errors.ApiError when the server refuses."""

    def sign_out(self, order_id: str) -> WriteResult: ...

    def edit(self, info: dict[str, Any]) -> WriteResult:
        """register/edit: PrivilegeEditInfo fields (orderId, endTimeISO, privilegeGroupIds)."""
