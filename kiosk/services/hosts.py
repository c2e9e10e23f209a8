"""Hosts (被访人): search by name or phone, face photo, employee card lookup."""
from __future__ import annotations

from typing import Any

from kiosk.api.client import VisitorcsClient


def mask_phone(phone: str) -> str:
    phone = str(phone or "")
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 11 else phone


class HostService:
    def __init__(self, client: VisitorcsClient) -> None:
        self.client = client

    def search(self, query: str) -> list[dict[str, Any]]:
        """Hosts whose name or phone matches; each gains `maskedPhone` for display."""
        query = query.strip()
        if not query:
            return []
        hosts = self.client.person_query(query)
        return [{**h, "maskedPhone": mask_phone(h.get("phone", ""))} for h in hosts]

    def face_url(self, person_id: str, org: str | None = None) -> str:
        return str(self.client.person_face(person_id, org).get("faceUrl") or "")

    def face_bytes(self, person_id: str, org: str | None = None) -> bytes | None:
        """The host's face picture, fetched through the API client's connection."""
        url = self.face_url(person_id, org)
        return self.fetch_picture(url) if url else None

    def fetch_picture(self, url: str) -> bytes | None:
        return self.client.picture(url) if url else None

    def by_card(self, card_no: str) -> dict[str, Any]:
        return self.client.person_by_card(card_no)
