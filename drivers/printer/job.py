"""Permit print jobs as bytes: fit a PIL image to the paper's dot width, pack it as a GS v 0 raster,
wrap it in ESC @ ... feed ... cut. Pure functions, no I/O, so tests and the bench inspect the bytes.
"""

from __future__ import annotations

import numpy as np
import qrcode
from escpos.constants import ESC, GS, HW_INIT
from PIL import Image

PAPER_DOTS = {58: 384, 80: 576}  # printable dots at 203 dpi: 48 mm and 72 mm of the roll
MAX_RASTER_ROWS = 960  # python-escpos' fragment height; older firmware has small buffers
FEED_AND_CUT = GS + b"V" + bytes([66, 0])  # GS V 66 n: feed to the cutter position (+n) and cut


def paper_dots(paper: int) -> int:
    """Dot width for 58/80 (mm) or a dot width given directly (e.g. 512 for a TM-T88III)."""
    if paper in PAPER_DOTS:
        return PAPER_DOTS[paper]
    if paper >= 128 and paper % 8 == 0:
        return paper
    raise ValueError(f"纸宽应为 58 或 80（毫米），或 8 的倍数的点数，收到 {paper}")


def fit_to_width(image: Image.Image, width: int, dither: bool = True) -> Image.Image:
    """A 1-bit image exactly `width` dots wide; other widths are scaled, keeping the aspect ratio.

    The kiosk renders permits at the paper width already, so usually nothing is resampled
    and text and QR modules stay crisp; dithering only matters for photos.
    """
    if image.mode in ("RGBA", "LA", "P"):
        # transparent areas print as paper, not as black
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, "white")
        image = Image.alpha_composite(background, rgba)
    gray = image.convert("L")
    if gray.width != width:
        height = max(1, round(gray.height * width / gray.width))
        gray = gray.resize((width, height), Image.Resampling.LANCZOS)
    if dither:
        return gray.convert("1")  # Floyd-Steinberg
    return gray.point(lambda v: 255 if v >= 128 else 0, mode="1")


def raster_bits(image: Image.Image) -> np.ndarray:
    """Rows x width array, 1 = black dot (ESC/POS raster convention; PIL's '1' mode has 0 = black)."""
    return (np.asarray(image.convert("1"), dtype=bool) == 0).astype(np.uint8)


def raster_commands(image: Image.Image, max_rows: int = MAX_RASTER_ROWS) -> bytes:
    """GS v 0 m xL xH yL yH d... for a 1-bit image, split into bands of at most `max_rows` rows."""
    if image.width % 8:
        raise ValueError(f"图像宽度须为 8 的倍数，收到 {image.width}")
    bits = raster_bits(image)
    packed = np.packbits(bits, axis=1)  # MSB = leftmost dot, as GS v 0 wants
    width_bytes = packed.shape[1]
    out = bytearray()
    for top in range(0, packed.shape[0], max_rows):
        band = packed[top : top + max_rows]
        rows = band.shape[0]
        out += GS + b"v0" + bytes([0, width_bytes & 0xFF, width_bytes >> 8, rows & 0xFF, rows >> 8])
        out += band.tobytes()
    return bytes(out)


def build_permit_job(
    image: Image.Image, paper: int = 80, *, feed_lines: int = 3, cut: bool = True, dither: bool = True
) -> bytes:
    """The whole job: ESC @ (python-escpos never sends it), the permit raster, feed, cut."""
    width = paper_dots(paper)
    fitted = fit_to_width(image, width, dither=dither)
    job = bytearray(HW_INIT)
    job += raster_commands(fitted)
    if feed_lines:
        job += ESC + b"d" + bytes([min(feed_lines, 255)])
    if cut:
        job += FEED_AND_CUT
    return bytes(job)


def qr_image(data: str, module_px: int = 6, border: int = 4, error_correction: str = "M") -> Image.Image:
    """A QR code as a crisp black-on-white image, `module_px` dots per module (quiet zone included).

    At 203 dpi, 6 dots = 0.75 mm per module, which phone cameras and 2D scanners read easily.
    """
    levels = {
        "L": qrcode.constants.ERROR_CORRECT_L,
        "M": qrcode.constants.ERROR_CORRECT_M,
        "Q": qrcode.constants.ERROR_CORRECT_Q,
        "H": qrcode.constants.ERROR_CORRECT_H,
    }
    qr = qrcode.QRCode(error_correction=levels[error_correction.upper()], box_size=module_px, border=border)
    qr.add_data(data)
    qr.make(fit=True)
    matrix = np.array(qr.get_matrix(), dtype=bool)  # includes the border
    pixels = np.where(np.kron(matrix, np.ones((module_px, module_px), dtype=bool)), 0, 255)
    return Image.fromarray(pixels.astype(np.uint8), mode="L").convert("1")
