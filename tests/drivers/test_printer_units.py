"""drivers.printer pure parts: DLE EOT bytes as the Epson reference lays them out, URIs, widths, QR helper."""

from __future__ import annotations

import pytest
from PIL import Image

from drivers.printer import fit_to_width, parse_uri, qr_image
from drivers.printer.job import paper_dots
from drivers.printer.status import decode, query
from tests.drivers._printer_sink import decode_qr


def test_queries_are_dle_eot_n() -> None:
    assert b"".join(query(n) for n in (1, 2, 3, 4)) == bytes.fromhex("100401 100402 100403 100404")


@pytest.mark.parametrize(
    "answers, field, value",
    [
        ({4: 0x12}, "paper_out", False),
        ({4: 0x72}, "paper_out", True),  # bits 5,6: roll paper end sensor
        ({4: 0x1E}, "paper_near_end", True),  # bits 2,3: near-end sensor
        ({4: 0x1E}, "paper_out", False),
        ({2: 0x32}, "paper_out", True),  # offline cause bit 5: stopped by paper end
        ({2: 0x16}, "cover_open", True),  # offline cause bit 2
        ({1: 0x1A}, "offline", True),  # printer status bit 3
        ({1: 0x12}, "offline", False),
        ({3: 0x1A}, "cutter_error", True),  # error cause bit 3
        ({3: 0x32}, "unrecoverable_error", True),
        ({3: 0x52}, "auto_recoverable_error", True),
    ],
)
def test_status_bits_per_epson_reference(answers: dict[int, int], field: str, value: bool) -> None:
    assert getattr(decode(answers), field) is value


def test_bytes_failing_the_fixed_bits_are_not_trusted() -> None:
    status = decode({1: 0xFF, 4: 0x00})  # noise, e.g. an ASB packet or a stray byte
    assert status.answered == ()
    assert status.offline is None and status.paper_out is None
    assert "未应答" in status.words


def test_words_name_every_problem_and_what_to_do() -> None:
    words = decode({1: 0x1A, 2: 0x36, 4: 0x72}).words
    assert "缺纸" in words and "上盖" in words and "装入" in words


@pytest.mark.parametrize(
    "uri, scheme, target, port, params",
    [
        ("tcp://192.168.1.50:9100", "tcp", "192.168.1.50", 9100, {}),
        ("tcp://printer.local", "tcp", "printer.local", 9100, {}),
        ("tcp://127.0.0.1:19100", "tcp", "127.0.0.1", 19100, {}),
        ("serial:///dev/ttyUSB0?baud=9600", "serial", "/dev/ttyUSB0", 9100, {"baud": "9600"}),
        ("serial://COM3?baud=115200", "serial", "COM3", 9100, {"baud": "115200"}),
        ("usb://04B8:0202", "usb", "04b8:0202", 9100, {}),
        ("file:///dev/usb/lp0", "file", "/dev/usb/lp0", 9100, {}),
        ("cups://POS80", "cups", "POS80", 9100, {}),
    ],
)
def test_uris(uri: str, scheme: str, target: str, port: int, params: dict[str, str]) -> None:
    parsed = parse_uri(uri)
    assert (parsed.scheme, parsed.target, parsed.port, parsed.params) == (scheme, target, port, params)


def test_paper_widths() -> None:
    assert paper_dots(58) == 384 and paper_dots(80) == 576 and paper_dots(512) == 512
    with pytest.raises(ValueError):
        paper_dots(70)


@pytest.mark.parametrize("size", [(576, 300), (384, 100), (1000, 500), (200, 50)])
def test_any_image_is_fitted_to_the_paper_width_keeping_aspect(size: tuple[int, int]) -> None:
    fitted = fit_to_width(Image.new("RGB", size, "white"), 576)
    assert fitted.mode == "1" and fitted.width == 576
    assert abs(fitted.height - round(size[1] * 576 / size[0])) <= 1


def test_transparent_background_prints_as_paper() -> None:
    fitted = fit_to_width(Image.new("RGBA", (576, 10), (0, 0, 0, 0)), 576)
    assert fitted.getextrema() == (255, 255)


@pytest.mark.parametrize("module_px", [3, 6, 8])
def test_qr_helper_has_exact_module_size_and_decodes(module_px: int) -> None:
    import numpy as np

    image = qr_image("VIS:2024-000123", module_px=module_px, border=4)
    assert image.width % module_px == 0 and image.width == image.height
    bits = np.where(np.asarray(image), 0, 1)
    assert decode_qr(bits) == ["VIS:2024-000123"]


def test_without_a_cjk_font_the_test_permit_still_renders_and_warns(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from drivers.printer import testpage

    monkeypatch.setattr(testpage, "find_cjk_font", lambda: None)
    image = testpage.render_test_permit(384)
    assert image.width == 384
    assert "no CJK font" in caplog.text
