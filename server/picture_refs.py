"""Picture references a visit may hold: only what this server issued (docs/api-notes.md).

A registration names its pictures (visitorPhoto, identityPhoto, scanningPhoto, faceId, the
companions' visitorPhoto and faceId, and any custom attribute holding a link) by what
`savePicForApp` answered: the faceId, or the faceUrl on the server's own origin (or the same
path without the origin). Anything else — another host's URL, a path elsewhere on this server,
an id that was never uploaded — is refused with 400, because staff screens, printers and access
gateways fetch these references with the kiosk's and operator's credentials.

Stored and answered in one form, the server's own path `/webapi/.../ext/pictures/<faceId>.jpg`
(faceId: the bare id); rows stored before this rule are served through `served()`, which answers
"" for anything that is not that path (migration 0003 also cleaned them)."""

from __future__ import annotations

import re
import uuid
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import bindparam
from sqlalchemy import select as select_rows
from sqlmodel import Session

from server.envelope import ApiError
from server.models import Picture
from server.pictures import PICTURE_ROUTE
from visitorcs.wire import PHOTO_FIELDS, RegisterInfo

PICTURE_PREFIX = PICTURE_ROUTE.split("{", 1)[0]  # /webapi/visitorcs/api/v1/clientService/ext/pictures/
_OUR_PATH = re.compile(re.escape(PICTURE_PREFIX) + r"([0-9A-Fa-f-]{32,36})\.jpg")
# a custom attribute that looks like a link is a picture reference too (a 图片 field)
_LINK = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|/|\\\\)")
_PICTURE = select_rows(Picture.__table__.c.face_id).where(  # type: ignore[attr-defined]
    Picture.__table__.c.face_id.in_(bindparam("ids", expanding=True))  # type: ignore[attr-defined]
)
REFUSED = "只能使用本系统上传的照片（savePicForApp 返回的 faceId 或 faceUrl）"

Origin = tuple[str, str, int | None]


def origin_of(url: str) -> Origin:
    """(scheme, host, port) of a base URL, the port spelled out (http 80, https 443)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(scheme)


def path_of(face_id: str) -> str:
    return PICTURE_ROUTE.format(face_id=face_id)


def _uuid(text: str) -> str | None:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def face_id_of(value: str, origin: Origin | None) -> str | None:
    """The faceId `value` names if it is one of this server's picture references (a faceId, our
    picture path, or our picture URL on `origin`), else None. Existence is checked separately."""
    text = value.strip()
    if len(text) > 2048:
        return None
    plain = _uuid(text) if len(text) <= 36 else None
    if plain is not None:
        return plain
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    if parts.query or parts.fragment or parts.username or parts.password:
        return None
    if parts.scheme or parts.netloc:
        scheme = parts.scheme.lower()
        if (
            origin is None
            or (scheme, (parts.hostname or "").lower(), port or {"http": 80, "https": 443}.get(scheme))
            != origin
        ):
            return None
    match = _OUR_PATH.fullmatch(parts.path)
    return _uuid(match.group(1)) if match else None


def served(value: str | None) -> str:
    """A stored picture reference as answers show it: our picture path, or "" for anything else.
    Only the path is kept, so a URL stored before references were checked (ours under another
    host name, or a foreign one) never sends a client's credentials to another host."""
    if not value:
        return ""
    text = value.strip()
    face_id = _uuid(text) if len(text) <= 36 else None
    if face_id is None:
        try:
            parts = urlsplit(text)
        except ValueError:
            return ""
        match = None if parts.query or parts.fragment else _OUR_PATH.fullmatch(parts.path)
        face_id = _uuid(match.group(1)) if match else None
    return path_of(face_id) if face_id else ""


def _ref(value: Any, field: str, origin: Origin | None, wanted: dict[str, str]) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    face_id = face_id_of(value, origin)
    if face_id is None:
        raise ApiError(400, f"{field}: 照片地址无效，{REFUSED}")
    wanted.setdefault(face_id, field)
    return face_id


def checked(session: Session, info: RegisterInfo, origin: Origin | None) -> RegisterInfo:
    """`info` with every picture reference in its stored form, or 400 naming the first field that
    holds something this server did not issue (a foreign or unknown link, an id never uploaded)."""
    wanted: dict[str, str] = {}  # faceId -> the field that named it first
    update: dict[str, Any] = {}
    for field in PHOTO_FIELDS:
        face_id = _ref(getattr(info, field), field, origin, wanted)
        if face_id is not None:
            update[field] = path_of(face_id)
    face_id = _ref(info.faceId, "faceId", origin, wanted)
    if face_id is not None:
        update["faceId"] = face_id
    for key, value in (info.model_extra or {}).items():
        if key.startswith("custom") and isinstance(value, str) and _LINK.match(value.strip()):
            face_id = _ref(value, key, origin, wanted)
            update[key] = path_of(face_id) if face_id else value
    if info.companions:
        companions = []
        for i, comp in enumerate(info.companions):
            changes: dict[str, Any] = {}
            face_id = _ref(comp.visitorPhoto, f"companions[{i}].visitorPhoto", origin, wanted)
            if face_id is not None:
                changes["visitorPhoto"] = path_of(face_id)
            face_id = _ref(comp.faceId, f"companions[{i}].faceId", origin, wanted)
            if face_id is not None:
                changes["faceId"] = face_id
            companions.append(comp.model_copy(update=changes) if changes else comp)
        update["companions"] = companions
    if wanted:
        found = set(session.execute(_PICTURE, {"ids": list(wanted)}).scalars())
        for face_id, field in wanted.items():
            if face_id not in found:
                raise ApiError(400, f"{field}: 照片不存在或已被清理，请重新拍照上传")
    return info.model_copy(update=update) if update else info


MAX_LINKS = 3  # a 图片 custom field of the mobile channels holds up to three links, comma-separated


def checked_links(session: Session, fields: dict[str, str], origin: Origin | None) -> dict[str, str]:
    """The mobile channels' picture fields (`faceId`, `visitorPhoto`, a `visitorCustom*` holding
    links), each value one reference or up to MAX_LINKS comma-separated, in their stored form;
    400 naming the field for anything this server did not issue. Custom fields that hold no link
    (plain text) are returned as they are."""
    wanted: dict[str, str] = {}
    out: dict[str, str] = {}
    for field, value in fields.items():
        text = (value or "").strip()
        parts = [p.strip() for p in text.split(",") if p.strip()]
        is_custom = field.startswith("visitorCustom")
        if not parts or (is_custom and not any(_LINK.match(p) for p in parts)):
            out[field] = text
            continue
        if len(parts) > MAX_LINKS:
            raise ApiError(400, f"{field}: 最多 {MAX_LINKS} 张照片")
        stored = []
        for part in parts:
            face_id = _ref(part, field, origin, wanted)
            stored.append(face_id if field == "faceId" else path_of(face_id or ""))
        out[field] = ",".join(stored)
    if wanted:
        found = set(session.execute(_PICTURE, {"ids": list(wanted)}).scalars())
        for face_id, field in wanted.items():
            if face_id not in found:
                raise ApiError(400, f"{field}: 照片不存在或已被清理，请重新上传")
    return out
