"""Uploaded pictures (`savePicForApp`): decode and check the base64 JPEG (Pillow: the header first,
then the pixels), score face quality when the `faces` extra is installed, store it under
data_dir/pictures with a `Picture` row, and find it again."""

from __future__ import annotations

import base64
import binascii
import io
import logging
import os
import re
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from server.db import Database
from server.envelope import ApiError
from server.limits import MAX_PICTURE_DECODES
from server.models import Picture

log = logging.getLogger(__name__)

MAX_BYTES = 200 * 1024  # the spec: 图片最大200K (after decoding)
# A camera frame or an ID photo is a few megapixels at most. A 200 KB JPEG whose header claims
# more is a decompression bomb (a progressive one makes the decoder hold every coefficient of
# the image): refused from its header, before any pixel is decoded.
MAX_PIXELS = 20_000_000
MAX_SCANS = 64  # SOS markers in one JPEG (see check_jpeg)
PICTURE_ROUTE = "/webapi/visitorcs/api/v1/clientService/ext/pictures/{face_id}.jpg"
NOT_SCORED = "未评分：服务端未安装人脸质量评分组件（visitor-kiosk[faces]）"
_DATA_URL = re.compile(r"^data:[\w/+.-]*;base64,", re.IGNORECASE)
_WS = re.compile(r"\s+")
_NOT_JPEG = "仅支持 JPG 格式的图片（文件已损坏，无法解码）"
_DECODING = threading.BoundedSemaphore(MAX_PICTURE_DECODES)


@dataclass(frozen=True)
class Assessed:
    """An upload checked and scored, not stored yet."""

    data: bytes
    score: int
    level: str
    tips: list[str]


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


def check_jpeg(data: bytes) -> Image.Image:
    """The decoded picture, or 400/413: not a JPEG, damaged, too large in bytes or in pixels."""
    if len(data) > MAX_BYTES:
        raise ApiError(413, "图片超过 200 KB，请降低分辨率或压缩后重试")
    if not data.startswith(b"\xff\xd8\xff"):
        raise ApiError(400, "仅支持 JPG 格式的图片")
    # Each scan of a progressive JPEG walks every block of the image again: thousands of tiny
    # scans in 200 KB are minutes of decoding. A real one has about ten (an EXIF thumbnail adds
    # its own); FF DA cannot occur inside entropy-coded data (byte stuffing), so this counts SOS.
    if data.count(b"\xff\xda") > MAX_SCANS:
        raise ApiError(400, "图片结构异常（扫描段过多），请重新拍摄")
    try:
        image = Image.open(io.BytesIO(data), formats=["JPEG"])  # reads the header (markers to SOS) only
    except Image.DecompressionBombError:
        raise ApiError(413, f"图片分辨率过大，请降低到 {MAX_PIXELS // 10_000} 万像素以内") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ApiError(400, _NOT_JPEG) from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ApiError(413, f"图片分辨率过大（{width}×{height}），请降低到 {MAX_PIXELS // 10_000} 万像素以内")
    try:
        image.load()
    except (OSError, SyntaxError, ValueError):  # truncated or damaged after the header
        raise ApiError(400, _NOT_JPEG) from None
    return image


def score(image: Image.Image) -> tuple[int, str, list[str]]:
    """(score, level, tips) of a face photo; without OpenCV (a server-only install): 0, "" and
    a tip saying it was not scored, as for a picture sent with checkQuality "1"."""
    try:
        from server import face_quality  # OpenCV: ~0.3 s to import, paid on the first upload
    except ImportError as exc:
        if exc.name not in ("cv2", "numpy"):
            raise
        log.warning("face photos are stored unscored: %s is not installed (the `faces` extra)", exc.name)
        return 0, "", [NOT_SCORED]
    quality = face_quality.assess_picture(image)
    return quality.score, quality.level, quality.reasons


def assess(pic_data: str, check_quality: str) -> Assessed:
    """Decode, check and score (unless checkQuality is "1") one upload: CPU work, tens of ms with
    a face to find (run it off the event loop, and off the database's threads)."""
    data = decode_base64(pic_data)
    with _DECODING:  # a 20 MP picture takes ~200 MB while it is decoded: a few at a time
        image = check_jpeg(data)
        if check_quality.strip() == "1":  # the spec: "1" = do not check (ID-card photos)
            return Assessed(data, 0, "", [])
        return Assessed(data, *score(image))


async def assess_off_loop(pic_data: str, check_quality: str) -> Assessed:
    """`assess` on Starlette's thread pool: decoding and scoring are CPU work without the database."""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(assess, pic_data, check_quality)


def store(db: Database, data_dir: Path, picture: Assessed, uploader_mac: str) -> Stored:
    """Keep an assessed upload under a new faceId (run it with `Database.run`).

    A face that fails the quality check is stored all the same: the answer says 不合格,
    and the operator may decide to keep it (the faceId stays usable)."""
    face_id = str(uuid.uuid4())  # 122 random bits: the id is also the capability to fetch it
    rel = f"pictures/{face_id}.jpg"
    write_file(data_dir / rel, picture.data)
    try:
        with db.write() as s:
            s.add(
                Picture(
                    face_id=face_id,
                    path=rel,
                    score=picture.score,
                    level=picture.level,
                    uploader_mac=uploader_mac,
                )
            )
    except Exception:
        (data_dir / rel).unlink(missing_ok=True)
        raise
    log.info(
        "picture %s stored (%d bytes, score %s %s)",
        face_id,
        len(picture.data),
        picture.score,
        picture.level or "unchecked",
    )
    return Stored(face_id, picture.score, picture.level, picture.tips)


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
