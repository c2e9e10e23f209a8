"""`savePicForApp`: JPEG-only, size and base64 checks, stored pictures served back to
kiosks only, and a face quality score that follows what a person would judge."""

from __future__ import annotations

import base64
from pathlib import Path

import cv2
import numpy as np
import pytest

from server import face_quality

BASE = "/webapi/visitorcs/api/v1/clientService/"
# Drawn faces the camera engineer verified against the same Haar cascade (read-only here).
STILLS = Path(__file__).resolve().parents[1] / "data" / "camera" / "stills"


def still(name: str) -> np.ndarray:
    image = cv2.imread(str(STILLS / name))
    assert image is not None, f"missing test still {name}"
    return image


def jpeg(image: np.ndarray, quality: int = 90) -> bytes:
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return buf.tobytes()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def upload(client, auth, data: str, check: str = "0"):
    return client.post(BASE + "savePicForApp", json={"checkQuality": check, "picData": data}, headers=auth)


# ---- quality (pure) -------------------------------------------------------------------


def test_the_test_faces_are_found_by_haar():
    for name in ("good.jpg", "far.jpg", "dark.jpg"):
        assert face_quality.assess_image(still(name)).face_found, name


def test_sharp_well_lit_face_beats_blurred_and_darkened_copies():
    good = still("good.jpg")
    sharp = face_quality.assess_image(good)
    blurred = face_quality.assess_image(cv2.GaussianBlur(good, (0, 0), 4))
    darker = face_quality.assess_image(cv2.convertScaleAbs(good, alpha=0.3, beta=0))
    assert sharp.level == "高" and sharp.score >= 80
    assert blurred.face_found and blurred.score < sharp.score - 10
    assert darker.face_found and darker.score < 60 and darker.level == "不合格"
    assert any("暗" in r for r in darker.reasons)
    more_blur = face_quality.assess_image(cv2.GaussianBlur(good, (0, 0), 8))
    assert more_blur.score < blurred.score or not more_blur.face_found


def test_small_face_scores_lower_than_a_close_one():
    assert (
        face_quality.assess_image(still("far.jpg")).score < face_quality.assess_image(still("good.jpg")).score
    )


def test_no_face_is_not_acceptable():
    q = face_quality.assess_image(still("no_face.jpg"))
    assert not q.face_found and q.level == "不合格" and q.score < 60
    blank = face_quality.assess_image(np.full((480, 640, 3), 128, np.uint8))
    assert not blank.face_found and blank.level == "不合格"


def test_levels_follow_the_spec_thresholds():
    assert [face_quality.level_of(s) for s in (100, 80, 79, 70, 69, 60, 59, 0)] == [
        "高",
        "高",
        "中",
        "中",
        "低",
        "低",
        "不合格",
        "不合格",
    ]


# ---- the endpoint ---------------------------------------------------------------------


def test_upload_scores_stores_and_serves_back(app, client, auth, settings):
    data = jpeg(still("good.jpg"))
    r = upload(client, auth, "data:image/jpeg;base64," + b64(data))
    assert r.status_code == 200, r.text
    body = r.json()["data"]
    assert body["level"] == "高" and body["score"] >= 80
    got = client.get(body["faceUrl"], headers=auth)
    assert got.status_code == 200 and got.content == data and got.headers["content-type"] == "image/jpeg"
    assert (settings.data_dir / "pictures" / f"{body['faceId']}.jpg").read_bytes() == data
    assert client.get(body["faceUrl"]).status_code == 401
    other = body["faceUrl"].replace(body["faceId"], "00000000-0000-4000-8000-000000000000")
    assert client.get(other, headers=auth).status_code == 404
    assert client.get(BASE + "ext/pictures/..%2F..%2Fetc%2Fpasswd.jpg", headers=auth).status_code == 404


def test_face_less_photo_is_stored_but_marked_unacceptable(client, auth):
    r = upload(client, auth, b64(jpeg(still("no_face.jpg"))))
    body = r.json()["data"]
    assert r.status_code == 200 and body["level"] == "不合格" and body["faceId"]
    assert any("未检测到人脸" in t for t in body["tips"])
    assert client.get(body["faceUrl"], headers=auth).status_code == 200


def test_check_quality_1_skips_scoring(client, auth):
    body = upload(client, auth, b64(jpeg(still("no_face.jpg"))), check="1").json()["data"]
    assert body["level"] == "" and body["score"] == 0 and body["faceId"]


def test_form_encoded_upload(client, auth):
    r = client.post(
        BASE + "savePicForApp",
        data={"checkQuality": "0", "picData": b64(jpeg(still("good.jpg")))},
        headers=auth,
    )
    assert r.status_code == 200 and r.json()["data"]["level"] == "高"


@pytest.mark.parametrize(
    ("pic", "status", "words"),
    [
        ("!!!not base64!!!", 400, "Base64"),
        ("", 400, "picData"),
        (b64(b"GIF89a" + b"\0" * 100), 400, "仅支持 JPG"),
        (b64(cv2.imencode(".png", np.zeros((20, 20, 3), np.uint8))[1].tobytes()), 400, "仅支持 JPG"),
        (b64(b"\xff\xd8\xff\xe0" + b"garbage" * 50), 400, "仅支持 JPG"),
        (b64(b"\xff\xd8\xff" + b"\0" * (200 * 1024)), 413, "200 KB"),
    ],
)
def test_bad_pictures_are_refused_in_words(client, auth, pic, status, words):
    r = upload(client, auth, pic)
    assert r.status_code == status, r.text
    assert r.json()["code"] == str(status) and words in r.json()["msg"]


def test_oversize_text_is_refused_before_decoding(client, auth):
    r = upload(client, auth, "A" * 400_000)
    assert r.status_code == 413


def test_missing_fields_and_wrong_types(client, auth):
    assert upload(client, auth, None).status_code == 400  # type: ignore[arg-type]
    r = client.post(BASE + "savePicForApp", json={"picData": b64(jpeg(still("good.jpg")))}, headers=auth)
    assert r.status_code == 400 and "checkQuality" in r.json()["msg"]


# ---- JPEG checks without OpenCV (Pillow, header first) ----------------------------------


def _with_size(data: bytes, width: int, height: int) -> bytes:
    """`data` (a JPEG) whose frame header (SOF0 baseline / SOF2 progressive) claims another size."""
    out = bytearray(data)
    i = 2
    while i < len(out):
        marker, length = out[i + 1], int.from_bytes(out[i + 2 : i + 4], "big")
        if marker in (0xC0, 0xC2):
            out[i + 5 : i + 7] = height.to_bytes(2, "big")
            out[i + 7 : i + 9] = width.to_bytes(2, "big")
            return bytes(out)
        i += 2 + length
    raise AssertionError("no SOF0/SOF2 marker")


def _pillow_jpeg(progressive: bool) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 130, 140)).save(out, "JPEG", quality=80, progressive=progressive)
    return out.getvalue()


@pytest.mark.parametrize("progressive", [False, True], ids=["baseline", "progressive"])
def test_too_many_pixels_are_refused_from_the_header_before_decoding(client, auth, monkeypatch, progressive):
    """A small file whose header claims 24 MP (a decompression bomb) is refused without decoding a pixel."""
    from PIL import ImageFile

    bomb = _with_size(_pillow_jpeg(progressive), 6000, 4000)

    def no_decoding(self):  # type: ignore[no-untyped-def]
        raise AssertionError("decoded a picture its header should have refused")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    r = upload(client, auth, b64(bomb), check="1")
    assert r.status_code == 413, r.text
    assert "分辨率" in r.json()["msg"]


@pytest.mark.parametrize("progressive", [False, True], ids=["baseline", "progressive"])
def test_pictures_within_the_pixel_limit_are_decoded_and_kept(client, auth, progressive):
    body = upload(client, auth, b64(_pillow_jpeg(progressive)), check="1").json()
    assert body["code"] == "0" and body["data"]["faceId"]


def test_a_truncated_jpeg_is_refused(client, auth):
    """A picture cut short (a broken upload) is refused, as it was when OpenCV decoded it."""
    data = jpeg(still("good.jpg"))
    r = upload(client, auth, b64(data[: len(data) // 2]), check="1")
    assert r.status_code == 400 and "仅支持 JPG" in r.json()["msg"]


def test_without_opencv_pictures_are_stored_unscored(client, auth, monkeypatch):
    """A server-only install (no `faces` extra): the picture is kept and the answer says it was not scored."""
    import sys

    import server
    from server import pictures

    monkeypatch.setitem(sys.modules, "cv2", None)  # `import cv2` now fails as if not installed
    monkeypatch.delitem(sys.modules, "server.face_quality")
    monkeypatch.delattr(server, "face_quality")
    data = jpeg(still("good.jpg"))
    r = upload(client, auth, b64(data))
    assert r.status_code == 200, r.text
    body = r.json()["data"]
    assert body["score"] == 0 and body["level"] == "" and body["tips"] == [pictures.NOT_SCORED]
    assert client.get(body["faceUrl"], headers=auth).content == data
