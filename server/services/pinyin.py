"""Pinyin initials of a name (张三 → "zs") for the visitor list's search box."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def initials(name: str) -> str:
    if not name:
        return ""
    parts = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda s: list(s))
    return "".join(p for p in parts if p and p.strip()).lower()[:64]
