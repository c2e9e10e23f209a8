"""Helpers of the hardening tests (and of older tests that now need real pictures)."""

from __future__ import annotations

import base64
import io
from typing import Any

from PIL import Image

API = "/webapi/visitorcs/api/v1/clientService/"


def tiny_jpeg_b64() -> str:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 130, 140)).save(out, "JPEG", quality=80)
    return base64.b64encode(out.getvalue()).decode("ascii")


def upload_picture(client, auth: dict[str, str]) -> dict[str, Any]:
    """savePicForApp's answer for a small unscored JPEG: faceId and faceUrl this server issued."""
    r = client.post(
        API + "savePicForApp", headers=auth, json={"picData": tiny_jpeg_b64(), "checkQuality": "1"}
    )
    assert r.status_code == 200, r.text
    return r.json()["data"]
