"""Decompression bombs: a picture of a few hundred bytes whose header claims 30000 x 30000 pixels
(900 MP: 2.7 GB once decoded; cv2.imdecode took 10 s and 5 GB) is refused from its header, fast
and without memory, baseline and progressive; other formats are refused before Pillow looks at
them; and a progressive JPEG with thousands of scans is refused before decoding."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from server import pictures
from server.envelope import ApiError
from tests.server.test_pictures import _pillow_jpeg, _with_size, upload

ROOT = Path(__file__).resolve().parents[2]


def bomb(progressive: bool, width: int = 30000, height: int = 30000) -> bytes:
    return _with_size(_pillow_jpeg(progressive), width, height)


def png_claiming(width: int, height: int) -> bytes:
    import io
    import struct
    import zlib

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG")
    data = bytearray(out.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


@pytest.mark.parametrize("progressive", [False, True], ids=["baseline-SOF0", "progressive-SOF2"])
def test_a_tiny_jpeg_claiming_30000x30000_is_refused_fast_without_decoding(
    client, auth, monkeypatch, progressive
):
    from PIL import ImageFile

    data = bomb(progressive)
    assert len(data) < 1000 and data[:2] == b"\xff\xd8"

    def no_decoding(self):  # type: ignore[no-untyped-def]
        raise AssertionError("decoded a picture its header should have refused")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    for check in ("0", "1"):  # scored or not: the header check comes first either way
        started = time.perf_counter()
        r = upload(client, auth, base64.b64encode(data).decode(), check=check)
        took = time.perf_counter() - started
        assert r.status_code == 413 and r.json()["code"] == "413" and "分辨率" in r.json()["msg"], r.text
        assert took < 0.5, took


@pytest.mark.parametrize("progressive", [False, True], ids=["baseline-SOF0", "progressive-SOF2"])
def test_the_bomb_costs_no_memory(progressive):
    """In a fresh process: peak memory before and after checking the bomb (ru_maxrss)."""
    script = textwrap.dedent(
        f"""
        import base64, resource, sys, time
        from tests.server.test_hardening_bombs import bomb
        from server import pictures
        from server.envelope import ApiError
        data = base64.b64encode(bomb({progressive})).decode()
        try:
            pictures.assess("/9j/" + "A" * 8, "1")
        except ApiError:
            pass
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        try:
            pictures.assess(data, "0")
        except ApiError as exc:
            status = exc.status
        took = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(status, took, (after - before) // 1024)
        """
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )
    assert out.returncode == 0, out.stderr
    status, took, grew_mb = out.stdout.split()
    assert status == "413" and float(took) < 0.5 and int(grew_mb) < 20, out.stdout


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(png_claiming(30000, 30000), id="png-30000x30000"),
        pytest.param(b"GIF89a" + (30000).to_bytes(2, "little") * 2 + b"\x00" * 20, id="gif-30000x30000"),
        pytest.param(b"RIFF\x20\x00\x00\x00WEBPVP8 " + b"\x00" * 30, id="webp"),
        pytest.param(b"II*\x00" + b"\x00" * 60, id="tiff"),
    ],
)
def test_other_formats_are_refused_before_pillow_reads_them(client, auth, monkeypatch, data):
    from PIL import Image

    def no_opening(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("opened a picture that is not a JPEG")

    monkeypatch.setattr(Image, "open", no_opening)
    started = time.perf_counter()
    r = upload(client, auth, base64.b64encode(data).decode())
    assert r.status_code == 400 and "仅支持 JPG" in r.json()["msg"], r.text
    assert time.perf_counter() - started < 0.5


def test_a_progressive_jpeg_with_thousands_of_scans_is_refused_before_decoding(monkeypatch):
    """Every scan walks all blocks again: a flat 20 MP progressive JPEG padded to 200 KB with
    copies of its last scan (2,419 scans) took 26 s to decode here, against 0.16 s for the
    original's 10 scans. Refused by counting SOS markers, before decoding."""
    from PIL import ImageFile

    data = _pillow_jpeg(progressive=True)
    last_scan = data.rindex(b"\xff\xda")
    many = data[:last_scan] + data[last_scan:-2] * 100 + b"\xff\xd9"
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded"))
    with pytest.raises(ApiError) as refused:
        pictures.check_jpeg(many)
    assert refused.value.status == 400 and "扫描段" in refused.value.msg
    monkeypatch.undo()
    pictures.check_jpeg(_pillow_jpeg(progressive=True))  # a real one (~10 scans) is fine


def test_every_picture_path_goes_through_the_header_check():
    """savePicForApp is the one way in: offline photos are uploaded through it by the kiosk
    (sync.uploader) and register fields refuse picture data (test_hardening_inputs)."""
    import inspect

    from server.routes import client_reference

    assert "pictures.assess" in inspect.getsource(client_reference.save_pic)
    assert "check_jpeg(data)" in inspect.getsource(pictures.assess)
    with pytest.raises(ApiError) as refused:
        pictures.assess(base64.b64encode(bomb(True)).decode(), "1")
    assert refused.value.status == 413
