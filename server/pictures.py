"""Uploaded pictures (`savePicForApp`): decode and check the base64 JPEG, score face
quality, store it under data_dir/pictures with a `Picture` row, and find it again."""

from __future__ import annotations

import base64
import binascii
import logging
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from server.db import Database
from server.envelope import ApiError
from server.models import Picture

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

MAX_BYTES = 200 * 1024  # the spec: 图片最大200K (after decoding)
PICTURE_ROUTE = "/webapi/visitorcs/api/v1/clientService/ext/pictures/{face_id}.jpg"
_DATA_URL = re.compile(r"^data:[\w/+.-]*;base64,", re.IGNORECASE)
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Stored:
    face_id: str
    score: int
    level: str
    tips: list[str]


def decode_base64(pic_data: str) -> bytes:
    text = _WS.sub("", _DATA_URL.sub("", pic_data.strip()))
    if not text:
        raise ApiError(400, "picData: 缺少图片数据")
    # base64 of 200 KB is ~273 KB; refuse far larger text before decoding it.
    if len(text) > (MAX_BYTES * 4) // 3 + 8:
        raise ApiError(413, "图片超过 200 KB，请降低分辨率或压缩后重试")
    text = text.replace("-", "+").replace("_", "/")  # tolerate the URL-safe alphabet
    text += "=" * (-len(text) % 4)
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(400, "picData: 不是合法的 Base64 编码") from None


def check_jpeg(data: bytes) -> np.ndarray:
    import cv2  # OpenCV takes ~0.3 s to import: paid on the first upload, not at server start
    import numpy as np

    if len(data) > MAX_BYTES:
        raise ApiError(413, "图片超过 200 KB，请降低分辨率或压缩后重试")
    if not data.startswith(b"\xff\xd8\xff"):
        raise ApiError(400, "仅支持 JPG 格式的图片")
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if image is None or image.size == 0:
        raise ApiError(400, "仅支持 JPG 格式的图片（文件已损坏，无法解码）")
    return image


def save_upload(db: Database, data_dir: Path, pic_data: str, check_quality: str, uploader_mac: str) -> Stored:
    """Validate, score (unless checkQuality is "1") and store one picture.

    A face that fails the quality check is stored all the same: the answer says 不合格,
    and the operator may decide to keep it (the faceId stays usable)."""
    data = decode_base64(pic_data)
    image = check_jpeg(data)
    if check_quality.strip() == "1":  # the spec: "1" = do not check (ID-card photos)
        score, level, tips = 0, "", []
    else:
        from server import face_quality

        quality = face_quality.assess_image(image)
        score, level, tips = quality.score, quality.level, quality.reasons
    face_id = str(uuid.uuid4())  # 122 random bits: the id is also the capability to fetch it
    rel = f"pictures/{face_id}.jpg"
    write_file(data_dir / rel, data)
    try:
        with db.write() as s:
            s.add(Picture(face_id=face_id, path=rel, score=score, level=level, uploader_mac=uploader_mac))
    except Exception:
        (data_dir / rel).unlink(missing_ok=True)
        raise
    log.info("picture %s stored (%d bytes, score %s %s)", face_id, len(data), score, level or "unchecked")
    return Stored(face_id, score, level, tips)


def write_file(path: Path, data: bytes) -> None:
    """Write atomically: a reader never sees half a JPEG."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def face_url(base_url: str, face_id: str) -> str:
    return base_url.rstrip("/") + PICTURE_ROUTE.format(face_id=face_id)


def find(db: Database, data_dir: Path, face_id: str) -> Path:
    try:
        uuid.UUID(face_id)
    except ValueError:
        raise ApiError(404, "图片不存在") from None
    with db.read() as s:
        row = s.get(Picture, face_id)
    if row is None:
        raise ApiError(404, "图片不存在")
    path = (data_dir / row.path).resolve()
    if not path.is_relative_to(data_dir.resolve()) or not path.is_file():
        raise ApiError(404, "图片文件已被清理")
    return path
