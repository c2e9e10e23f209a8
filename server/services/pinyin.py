"""Pinyin initials of a name (张三 → "zs") for the visitor list's search box."""

from __future__ import annotations

import gc
import threading
from functools import lru_cache


@lru_cache(maxsize=4096)  # ~0.1 ms each; returning visitors and companions repeat names
def initials(name: str) -> str:
    if not name:
        return ""
    # pypinyin loads a ~0.5 s phrase dictionary on import: kept off the server's start path.
    from pypinyin import Style, lazy_pinyin

    parts = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda s: list(s))
    return "".join(p for p in parts if p and p.strip()).lower()[:64]


WARM_UP_AFTER_S = 3.0  # loading holds the GIL ~0.5 s: not while the server binds and kiosks log in


def load_now() -> None:
    initials("预热")
    # its ~300k objects live as long as the process: out of the collector's full passes,
    # each of which held the event loop ~0.2 s (the p99 of every endpoint)
    gc.freeze()


def warm_up_in_background() -> None:
    """Load the dictionary on a side thread a moment after the server is up, so the first
    registration does not pay for it."""
    timer = threading.Timer(WARM_UP_AFTER_S, load_now)
    timer.name, timer.daemon = "pinyin-warm-up", True
    timer.start()
