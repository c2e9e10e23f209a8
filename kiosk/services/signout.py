"""Sign-out: by the permit's QR code, by the visitor card, or by a visit found otherwise;
the write itself goes through the WriteGateway."""

from __future__ import annotations

import logging
from typing import Any

from kiosk.services.lookup import LookupService
from sync.ports import WriteGateway, WriteResult
from visitorcs.codes import CLOSED, CodeType, status_in
from visitorcs.errors import ApiError

log = logging.getLogger(__name__)


class AlreadySignedOut(ApiError):
    def __init__(self, visit: dict[str, Any]) -> None:
        super().__init__("409", f"{visit.get('name', '该访客')}已签离", visit)
        self.visit = visit


class SignOutService:
    def __init__(self, lookup: LookupService, gateway: WriteGateway) -> None:
        self.lookup = lookup
        self.gateway = gateway

    def find_by_scan(self, text: str) -> dict[str, Any]:
        return self._check(self.lookup.find_scanned(text))

    def find_by_card(self, card_no: str) -> dict[str, Any]:
        return self._check(self.lookup.find(CodeType.CARD, card_no))

    @staticmethod
    def _check(visit: dict[str, Any]) -> dict[str, Any]:
        if status_in(visit.get("status"), CLOSED):
            raise AlreadySignedOut(visit)
        return visit

    def sign_out(self, visit: dict[str, Any]) -> WriteResult:
        return self.gateway.sign_out(str(visit["orderId"]))

    def sign_out_scanned(self, text: str) -> tuple[dict[str, Any], WriteResult]:
        """The exit flow with no confirmation step: scan -> signed out."""
        visit = self.find_by_scan(text)
        return visit, self.sign_out(visit)

    def sign_out_card(self, card_no: str) -> tuple[dict[str, Any], WriteResult]:
        visit = self.find_by_card(card_no)
        return visit, self.sign_out(visit)
