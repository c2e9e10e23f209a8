"""Offline host search by pinyin (王建国 by "wjg", "wangjianguo", "wangjg"), the same rule as the
server's personInfo/query (server/reference/people.py; the kiosk does not import the server).

pypinyin loads a ~0.5 s dictionary on import: it is imported here only when an offline search
first spells pinyin, which happens on a worker thread (OfflineReads), never at start-up or on
the GUI thread."""

from __future__ import annotations

import re
from functools import lru_cache

_LETTERS = re.compile(r"[a-z]+")


def pinyin_query(text: str) -> str:
    """The query as pinyin letters ("Wang Jian'guo" -> "wangjianguo"), or "" when it is not one."""
    letters = re.sub(r"[\s'’]", "", text or "").lower()
    return letters if _LETTERS.fullmatch(letters) else ""


@lru_cache(maxsize=4096)
def syllables(name: str) -> tuple[str, ...]:
    """One syllable per character (王建国 -> wang, jian, guo); latin words stay whole."""
    if not name:
        return ()
    from pypinyin import Style, lazy_pinyin

    parts = lazy_pinyin(name, style=Style.NORMAL, errors=lambda chunk: chunk.split())
    return tuple(s for s in (re.sub(r"[^a-z0-9]", "", p.lower()) for p in parts) if s)


def pinyin_matches(query: str, sounds: tuple[str, ...], start: int = 0) -> bool:
    """Whether `query` spells the name from its first syllable on, each syllable by a prefix of it."""
    if not query:
        return True
    if start >= len(sounds):
        return False
    sound = sounds[start]
    for n in range(min(len(sound), len(query)), 0, -1):
        if query[:n] == sound[:n] and pinyin_matches(query[n:], sounds, start + 1):
            return True
    return False


def name_matches(query: str, name: str) -> bool:
    """`query` already in pinyin_query form."""
    return bool(query) and pinyin_matches(query, syllables(name))
