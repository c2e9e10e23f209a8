"""Face photos: shrink to the API's 200 KB JPEG limit, upload through savePicForApp, and
report the server's quality score and level."""

from __future__ import annotations

import base64
import io
import logging
from dataclasses import dataclass

from PIL import Image

from kiosk.services.offline_reads import OfflineReads
from visitorcs.client import VisitorcsClient

log = logging.getLogger(__name__)

MAX_BYTES = 200 * 1024
GOOD_SCORE = 70  # the spec: high >= 80, medium >= 70


@dataclass(frozen=True)
class PhotoResult:
    face_id: str
    face_url: str
    score: int
    level: str
    jpeg: bytes
    offline: bool = False  # not scored: the server was unreachable; the JPEG travels in the outbox

    @property
    def acceptable(self) -> bool:
        return self.offline or self.score >= GOOD_SCORE

    def as_face(self) -> dict[str, object]:
        return {
            "faceId": self.face_id,
            "faceUrl": self.face_url,
            "score": None if self.offline else self.score,  # None: not scored (offline)
            "level": self.level,
        }


def fit_jpeg(data: bytes, max_bytes: int = MAX_BYTES) -> bytes:
    """The picture as a JPEG of at most max_bytes (quality first, then size)."""
    if len(data) <= max_bytes and data[:2] == b"\xff\xd8":
        return data
    image = Image.open(io.BytesIO(data)).convert("RGB")
    quality = 90
    while True:
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality)
        if out.tell() <= max_bytes:
            return out.getvalue()
        if quality > 50:
            quality -= 10
        else:
            image = image.resize((max(1, image.width * 3 // 4), max(1, image.height * 3 // 4)))


class PhotoService:
    def __init__(self, client: VisitorcsClient, offline: OfflineReads | None = None) -> None:
        self.client = client
        self.offline = offline or OfflineReads()

    def upload_face(self, jpeg: bytes) -> PhotoResult:
        """Offline: an unscored result whose faceUrl is the JPEG itself (base64); the outbox
        gateway keeps it as a blob and the uploader sends it (savePicForApp) before the record."""
        data = fit_jpeg(jpeg)
        b64 = base64.b64encode(data).decode("ascii")
        answer, cached = self.offline.read(
            lambda: self.client.save_pic(b64, check_quality=True), lambda _directory: {"faceUrl": b64}
        )
        if cached:
            log.info("face kept for upload later (offline, %d bytes)", len(data))
            return PhotoResult(face_id="", face_url=b64, score=0, level="", jpeg=data, offline=True)
        try:
            score = int(answer.get("score") or 0)
        except (TypeError, ValueError):
            score = 0
        result = PhotoResult(
            face_id=str(answer.get("faceId") or ""),
            face_url=str(answer.get("faceUrl") or ""),
            score=score,
            level=str(answer.get("level") or ""),
            jpeg=data,
        )
        log.info("face uploaded: score %s level %s (%d bytes)", result.score, result.level, len(data))
        return result

    def upload_id_photo(self, image: bytes) -> str:
        """The ID card's photo (no quality check); returns its URL."""
        data = fit_jpeg(image)
        answer = self.client.save_pic(base64.b64encode(data).decode("ascii"), check_quality=False)
        return str(answer.get("faceUrl") or "")
