"""Driver benchmarks in one run: ID-card frame parsing vs. its serial transfer time,
face detection and QR decoding per 640x480 frame, permit raster + print-job build.

    .venv/bin/python bench/drivers_bench.py

Each family's numbers come from bench/drivers/<family>_bench.py `run()`; this prints
them together so the ratios in issue notes come from one run on one machine.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

FAMILIES = ("idcard", "camera", "printer")


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    results: dict[str, object] = {}
    for family in FAMILIES:
        module = importlib.import_module(f"bench.drivers.{family}_bench")
        results[family] = module.run()
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
