"""Render one permit image from a template and a VisitorInfo: the on-screen preview and the printed raster.

Pure function, Qt-free: 1-bit-valued ("L" with only 0/255) image exactly the paper's dot width, so the
printer driver sends it without resampling and QR modules stay whole dots.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps

from drivers.printer.job import PAPER_DOTS, qr_image
from kiosk.fonts import cjk_font_path
from kiosk.permit.template import (
    DEFAULT_TEMPLATE,
    ENGLISH_END,
    ENGLISH_TITLE,
    TEXT_KEYS,
    PermitTemplate,
    PhItem,
    format_value,
)

log = logging.getLogger(__name__)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=32)
def _font(size: int) -> Font:
    path = _font_path()
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


@lru_cache(maxsize=1)
def _font_path() -> str | None:
    path = cjk_font_path()
    if not path:
        log.warning("no CJK font (install fonts-wqy-microhei): Chinese text on permits will be boxes")
    return path


def paper_width(paper: int) -> int:
    """58 → 384, 80 → 576; a dot width (multiple of 8) passes through."""
    if paper in PAPER_DOTS:
        return PAPER_DOTS[paper]
    if paper >= 128 and paper % 8 == 0:
        return paper
    raise ValueError(f"paper must be 58, 80 or a dot width divisible by 8, got {paper}")


def _text_width(font: Font, text: str) -> int:
    return int(round(font.getlength(text)))


def wrap(text: str, font: Font, max_width: int) -> list[str]:
    """Lines no wider than max_width: Chinese breaks anywhere, Latin words stay whole when they fit."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        tokens: list[str] = []
        word = ""
        for ch in paragraph:
            if ch.isascii() and not ch.isspace():
                word += ch
                continue
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        if word:
            tokens.append(word)
        line = ""
        for tok in tokens:
            if _text_width(font, line + tok) <= max_width:
                line += tok
                continue
            if line.strip():
                lines.append(line.rstrip())
                line = tok.lstrip()
            else:
                line = tok
            while _text_width(font, line) > max_width and len(line) > 1:  # a word longer than a line
                cut = len(line)
                while cut > 1 and _text_width(font, line[:cut]) > max_width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return lines


class _Canvas:
    """Blocks stacked top to bottom on a growing list; assembled into one image at the end."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.scale = width / 576
        self.margin = max(8, round(16 * self.scale))
        self.blocks: list[Image.Image] = []
        self.protected: list[bool] = []  # blocks the background must not touch (QR and its quiet zone)

    def px(self, value: float) -> int:
        return max(1, round(value * self.scale))

    def text_block(
        self, lines: list[str], font: Font, *, x: int = 0, center: bool = False, gap: int = 4
    ) -> Image.Image:
        ascent, descent = font.getmetrics() if hasattr(font, "getmetrics") else (font.size, 0)
        line_h = ascent + descent + gap
        img = Image.new("L", (self.width, max(1, line_h * len(lines))), 255)
        draw = ImageDraw.Draw(img)
        draw.fontmode = "1"  # no anti-aliasing: thermal dots are on or off
        for i, line in enumerate(lines):
            if center:
                lx = (self.width - _text_width(font, line)) // 2
            else:
                lx = x
            draw.text((lx, i * line_h), line, font=font, fill=0)
        return img

    def add(self, img: Image.Image, protect: bool = False) -> None:
        self.blocks.append(img)
        self.protected.append(protect)

    def space(self, height: int) -> None:
        self.add(Image.new("L", (self.width, max(1, height)), 255))

    def assemble(self, background: Image.Image | None) -> Image.Image:
        height = sum(b.height for b in self.blocks)
        page = Image.new("L", (self.width, height), 255)
        keep = Image.new("L", (self.width, height), 0)  # 255 = page wins over the background
        y = 0
        for b, protect in zip(self.blocks, self.protected, strict=True):
            page.paste(b, (0, y))
            if protect:
                keep.paste(255, (0, y, self.width, y + b.height))
            y += b.height
        if background is not None:
            # the background shows only where the permit is blank, lightened so text stays legible
            bg = ImageOps.fit(background.convert("L"), (self.width, height))
            bg = bg.point(lambda v: 200 + v * 55 // 255)
            bg = bg.convert("1").convert("L")
            ink = page.point(lambda v: 255 if v < 128 else 0)
            page = Image.composite(page, bg, ImageChops.lighter(ink, keep))
        return page


def _photo_block(c: _Canvas, photo: bytes | None, body: Font) -> Image.Image:
    box_w, box_h = c.px(180), c.px(240)  # 3:4, like the visitor photo
    img = Image.new("L", (c.width, box_h + c.px(8)), 255)
    left = (c.width - box_w) // 2
    picture: Image.Image | None = None
    if photo:
        try:
            picture = Image.open(io.BytesIO(photo))
            picture.load()
        except Exception as exc:  # Pillow raises several types for broken data
            log.warning("permit photo unreadable (%s); printing the placeholder", exc)
            picture = None
    if picture is not None:
        fitted = ImageOps.fit(ImageOps.exif_transpose(picture).convert("L"), (box_w, box_h))
        # dithered once here, so the printer gets exactly these dots
        fitted = ImageOps.autocontrast(fitted, cutoff=1).convert("1").convert("L")
        img.paste(fitted, (left, 0))
    else:
        draw = ImageDraw.Draw(img)
        draw.fontmode = "1"
        draw.rectangle([left, 0, left + box_w - 1, box_h - 1], outline=0, width=2)
        draw.text((left + box_w // 2, box_h // 2), "无照片", font=body, fill=0, anchor="mm")
    return img


def _qr_block(c: _Canvas, data: str) -> Image.Image:
    probe = qr_image(data, module_px=1, border=4)
    module = max(2, min(8, int(c.width * 0.62) // probe.width))  # whole dots per module, never scaled after
    qr = qr_image(data, module_px=module, border=4).convert("L")
    img = Image.new("L", (c.width, qr.height), 255)
    img.paste(qr, ((c.width - qr.width) // 2, 0))
    return img


def _labelled(c: _Canvas, item: PhItem, value: str, font: Font, bilingual: bool = False) -> Image.Image:
    label = f"{item.label_in(bilingual)}：" if item.label else ""
    avail = c.width - 2 * c.margin
    label_w = _text_width(font, label)
    if label_w > avail * 0.45:
        lines = wrap(label, font, avail) + wrap(value, font, avail)
        return c.text_block(lines, font, x=c.margin)
    value_lines = wrap(value or " ", font, avail - label_w)
    first = c.text_block([label], font, x=c.margin)
    values = c.text_block(value_lines, font, x=c.margin + label_w)
    img = Image.new("L", (c.width, values.height), 255)
    img.paste(values, (0, 0))
    img.paste(first.crop((0, 0, c.margin + label_w, first.height)), (0, 0))
    return img


def render_permit(
    visit: Mapping[str, Any],
    template: PermitTemplate | None = None,
    *,
    paper: int = 80,
    photo: bytes | None = None,
    mask: bool = True,
    tz: Any = None,
    bilingual: bool = False,
) -> Image.Image:
    """The permit for `visit` (VisitorInfo dict) at the paper's dot width, as an "L" image holding only 0/255.

    `photo` is the visitor's picture (JPEG/PNG bytes) for a visitorPhoto item; `mask` hides the middle of
    phone and ID numbers (a lost permit must not give them away); times are written in `tz` (the
    site's zone, kiosk.sitetime; None: this machine's).
    """
    template = template if template is not None and template.enabled else DEFAULT_TEMPLATE
    width = paper_width(paper)
    c = _Canvas(width)
    title_font = _font(c.px(40))
    body = _font(max(18, c.px(26)))
    small = _font(max(16, c.px(22)))
    avail = width - 2 * c.margin

    c.space(c.px(12))
    if template.title:
        c.add(c.text_block(wrap(template.title, title_font, avail), title_font, center=True))
        if bilingual:
            c.add(c.text_block([ENGLISH_TITLE], small, center=True))
        c.space(c.px(10))
    for item in template.items:
        key = item.key
        if key == "visitorPhoto":
            c.add(_photo_block(c, photo, small), protect=True)
        elif key == "authBarCode":
            code = format_value(item, visit, mask=False)
            if code:
                c.space(c.px(6))
                c.add(_qr_block(c, code), protect=True)
                if item.name:
                    c.add(c.text_block([item.name], small, center=True))
            else:
                log.warning("permit has a QR item but the visit has no qrCode")
        elif key == "separator":
            sep = Image.new("L", (width, c.px(18)), 255)
            ImageDraw.Draw(sep).line(
                [(c.margin, sep.height // 2), (width - c.margin, sep.height // 2)],
                fill=0,
                width=max(2, c.px(2)),
            )
            c.add(sep)
        elif key == "blankLine":
            c.space(body.size if hasattr(body, "size") else 24)
        elif key in TEXT_KEYS:
            value = format_value(item, visit, mask=mask, tz=tz)
            if value:  # an empty "车牌号：" line only wastes paper
                c.add(_labelled(c, item, value, body, bilingual))
        else:
            continue
    if template.end_content:
        c.space(c.px(10))
        c.add(c.text_block(wrap(template.end_content, small, avail), small, center=True))
        if bilingual and template.end_content == DEFAULT_TEMPLATE.end_content:
            c.add(c.text_block(wrap(ENGLISH_END, small, avail), small, center=True))
    c.space(c.px(24))
    background = None
    if template.background:
        try:
            background = Image.open(io.BytesIO(template.background))
            background.load()
        except Exception as exc:
            log.warning("permit background unreadable (%s); printing without it", exc)
    return c.assemble(background)


def png_bytes(image: Image.Image) -> bytes:
    """Fast, not small: the PNG lives until printed (optimize=True cost ~40 ms of GIL per permit)."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=1)
    return buf.getvalue()
