"""Bench: time to build an 80 mm permit's raster and print-job bytes (576 x ~800 dots, QR + photo block).

    .venv/bin/python bench/drivers/printer_bench.py
Aim: median under 100 ms on the kiosk. `run()` returns the numbers for bench/drivers_bench.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.drivers.timing import median_ms  # noqa: E402
from drivers.printer.job import build_permit_job, fit_to_width, qr_image, raster_commands  # noqa: E402
from drivers.printer.testpage import load_font  # noqa: E402

ROUNDS = 30


def permit_image(width: int = 576, height: int = 800) -> Image.Image:
    """A realistic permit: Chinese text, a 102x126 ID photo scaled to 204x252 (noise: worst case for
    dithering), and a QR code with 6-dot modules."""
    rng = np.random.default_rng(7)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    big, _ = load_font(40)
    small, _ = load_font(26)
    draw.text((width // 2, 12), "访客通行证", font=big, fill=0, anchor="mt")
    for i, line in enumerate(
        ("姓名：张三", "被访人：李四（行政部）", "来访事由：商务洽谈", "有效期：2026-11-28 18:00")
    ):
        draw.text((16, 80 + i * 38), line, font=small, fill=0)
    photo = rng.integers(40, 220, size=(126, 102), dtype=np.uint8)
    image.paste(Image.fromarray(photo, mode="L").resize((204, 252)), (16, 250))
    qr = qr_image("VIS:2024-000123:9f3a7c:ed25519-signature-goes-here", module_px=6)
    image.paste(qr, (width - qr.width - 8, 250))
    return image


def run() -> dict[str, object]:
    image = permit_image()
    fitted = fit_to_width(image, 576)
    job = build_permit_job(image, 80)
    other_width = image.resize((640, 889))  # e.g. a template drawn for another printer
    return {
        "image": f"{image.width}x{image.height}",
        "job_bytes": len(job),
        "fit_dither_ms": median_ms(lambda: fit_to_width(image, 576)),
        "raster_pack_ms": median_ms(lambda: raster_commands(fitted)),
        "build_job_ms": median_ms(lambda: build_permit_job(image, 80)),
        "build_job_scaled_from_640_ms": median_ms(lambda: build_permit_job(other_width, 80)),
        "build_job_58mm_ms": median_ms(lambda: build_permit_job(image, 58)),
        "target_ms": 100,
        "rounds": ROUNDS,
    }


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
