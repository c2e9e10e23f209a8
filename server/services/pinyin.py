"""Pinyin initials of a name (张三 → "zs") for the visitor list's search box."""

from __future__ import annotations

import threading


def initials(name: str) -> str:
    if not name:
        return ""
    # pypinyin loads a ~0.5 s phrase dictionary on import: kept off the server's start path.
    from pypinyin import Style, lazy_pinyin

    parts = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda s: list(s))
    return "".join(p for p in parts if p and p.strip()).lower()[:64]


def warm_up_in_background() -> None:
    """Load the dictionary on a side thread once the server is up, so the first
    registration does not pay for it."""
    threading.Thread(target=initials, args=("预热",), name="pinyin-warm-up", daemon=True).start()
