"""The one timing loop the driver benchmarks share: warm up, then the median of many runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(fn: Callable[[], object], repeats: int, warmup: int = 3) -> float:
    for _ in range(warmup):  # imports, caches, cascade buffers, allocator
        fn()
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def median_ms(fn: Callable[[], object], repeats: int = 30) -> float:
    return round(median_seconds(fn, repeats) * 1000, 2)
