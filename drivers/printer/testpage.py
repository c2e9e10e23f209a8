"""A test permit for technicians: Chinese text rasterised with a CJK font, a QR code, a photo-sized
block and a ruler, at the paper's dot width. Also finds a CJK font on Linux, Windows and macOS.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from drivers.printer.job import qr_image

log = logging.getLogger(__name__)

KNOWN_CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
)


def find_cjk_font() -> str | None:
    """Path of a font with Chinese glyphs: fontconfig's match for WenQuanYi Micro Hei, then known paths."""
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(
                ["fc-match", "-f", "%{file}", "WenQuanYi Micro Hei:lang=zh-cn"],
                capture_output=True,
                text=True,
                timeout=5,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        # fc-match always answers something; only trust it when the file looks CJK-capable
        cjk_like = any(k in out.lower() for k in ("wqy", "cjk", "hei", "song", "ming"))
        if out and Path(out).exists() and cjk_like:
            return out
    for path in KNOWN_CJK_FONTS:
        if Path(path).exists():
            return path
    return None


def load_font(size: int) -> tuple[ImageFont.FreeTypeFont | ImageFont.ImageFont, bool]:
    """(font, is_cjk). Falls back to PIL's default font, which has no Chinese glyphs, with a warning."""
    path = find_cjk_font()
    if path:
        return ImageFont.truetype(path, size), True
    log.warning("no CJK font found (install fonts-wqy-microhei); Chinese text will print as boxes")
    return ImageFont.load_default(size), False


def render_test_permit(
    width: int = 576,
    qr_data: str = "VIS:TEST:0001",
    title: str = "访客通行证 测试页",
    lines: tuple[str, ...] = (),
) -> Image.Image:
    """About `width` x 1.4*width: title, text lines, a grey photo block, QR code, a dot ruler."""
    scale = width / 576
    big, cjk = load_font(int(40 * scale))
    small, _ = load_font(int(26 * scale))
    lines = lines or (
        "姓名：张三",
        "被访人：李四（行政部）",
        f"时间：{time.strftime('%Y-%m-%d %H:%M')}",
        "凭此证出入，离开时请扫码签离",
    )
    qr = qr_image(qr_data, module_px=max(3, int(6 * scale)))
    height = (
        int(60 * scale) + len(lines) * int(38 * scale) + max(qr.height, int(200 * scale)) + int(120 * scale)
    )
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    y = int(10 * scale)
    draw.text((width // 2, y), title, font=big, fill=0, anchor="mt")
    y += int(56 * scale)
    for line in lines:
        draw.text((int(16 * scale), y), line, font=small, fill=0)
        y += int(38 * scale)
    photo_w, photo_h = int(150 * scale), int(200 * scale)  # 102x126 ID photo scaled up
    left = int(16 * scale)
    for row in range(photo_h):  # a grey gradient: shows dithering
        draw.line([(left, y + row), (left + photo_w, y + row)], fill=int(60 + 150 * row / photo_h))
    draw.rectangle([left, y, left + photo_w, y + photo_h], outline=0, width=2)
    image.paste(qr, (width - qr.width - int(8 * scale), y))
    y += max(qr.height, photo_h) + int(16 * scale)
    for x in range(0, width, 8):  # ruler: ticks every 8 dots, long every 64
        draw.line([(x, y), (x, y + (30 if x % 64 == 0 else 12))], fill=0)
    draw.text((4, y + 36), f"{width} 点 · {'CJK 字体' if cjk else '无中文字体'}", font=small, fill=0)
    return image
