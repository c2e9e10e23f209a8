"""Hosts (被访人): search by name or phone, face photo, employee card lookup."""

from __future__ import annotations

import logging
from typing import Any

from kiosk.services.offline_reads import FROM_CACHE, OfflineReads
from visitorcs.client import VisitorcsClient
from visitorcs.masking import Field, Place, mask

log = logging.getLogger(__name__)


class HostService:
    def __init__(
        self, client: VisitorcsClient, offline: OfflineReads | None = None, remember: Any = None
    ) -> None:
        self.client = client
        self.offline = offline or OfflineReads()
        self.remember = remember  # CacheStore.remember_hosts: online answers feed the offline search

    def search(self, query: str) -> list[dict[str, Any]]:
        """Hosts whose name or phone matches; each gains `maskedPhone` for display."""
        query = query.strip()
        if not query:
            return []

        def online() -> list[dict[str, Any]]:
            found = list(self.client.person_query(query) or [])
            if self.remember is not None and found:
                try:
                    self.remember(found)
                except Exception:  # the cache is a convenience; the search answer still stands
                    log.exception("remembering hosts")
            return found

        hosts, cached = self.offline.read(online, lambda d: d.find_hosts(query))
        if cached:
            hosts = [{**h, FROM_CACHE: True} for h in hosts]
        return [{**h, "maskedPhone": mask(h.get("phone"), Field.PHONE, Place.PUBLIC)} for h in hosts]

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
