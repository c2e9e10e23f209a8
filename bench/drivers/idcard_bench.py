"""Benchmark: parsing a full 1295-byte SAM read reply (codec only, and codec + card decode)
against the time the same frame takes on the wire at 115200 baud 8N1.

    .venv/bin/python bench/drivers/idcard_bench.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.drivers.timing import median_seconds  # noqa: E402


def run() -> dict[str, float | int]:
    from drivers.idcard.card import decode_card, encode_card
    from drivers.idcard.codec import Deframer, build_read_data, build_reply, parse_reply, split_read_data
    from drivers.idcard.samples import SAMPLE_CARDS

    card = SAMPLE_CARDS["li"]
    frame = build_reply(0x90, build_read_data(encode_card(card), card.photo_wlt))
    assert len(frame) == 1295

    def codec_only() -> object:
        (whole,) = Deframer().feed(frame)
        return split_read_data(parse_reply(whole).data, with_fingerprint=False)

    def codec_and_decode() -> object:
        blocks = codec_only()
        return decode_card(blocks.text, blocks.photo)  # type: ignore[attr-defined]

    transfer = len(frame) * 10 / 115200  # 8N1: 10 bit times per byte
    parse = median_seconds(codec_only, 2000, warmup=50)
    full = median_seconds(codec_and_decode, 2000, warmup=50)
    return {
        "frame_bytes": len(frame),
        "transfer_ms_115200": round(transfer * 1000, 3),
        "parse_median_us": round(parse * 1e6, 1),
        "parse_ratio_pct": round(parse / transfer * 100, 3),
        "parse_and_decode_median_us": round(full * 1e6, 1),
        "parse_and_decode_ratio_pct": round(full / transfer * 100, 3),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
