"""Host search by pinyin, one rule for the server's personInfo/query and the kiosk's offline
search: 王建国 is found by "wjg", "wangjianguo", "wangjg", "wjguo".

pypinyin comes with the [server] extra (the kiosk installs it too). It loads a ~0.5 s dictionary on
import, so it is imported only when a name's syllables are first needed: never at start-up, and
on the kiosk only on the worker thread that runs offline searches."""

from __future__ import annotations

import re
from functools import lru_cache

_LETTERS = re.compile(r"[a-z]+")


def pinyin_query(text: str) -> str:
    """The query as pinyin letters ("Wang Jian'guo" -> "wangjianguo"), or "" when it is not one."""
    letters = re.sub(r"[\s'’]", "", text or "").lower()
    return letters if _LETTERS.fullmatch(letters) else ""


@lru_cache(maxsize=16384)  # ~0.1 ms a name; the server's index asks again only when people change
def syllables(name: str) -> tuple[str, ...]:
    """The name's pinyin, one syllable per character (王建国 -> wang, jian, guo); latin words stay whole."""
    if not name:
        return ()
    from pypinyin import Style, lazy_pinyin

    parts = lazy_pinyin(name, style=Style.NORMAL, errors=lambda chunk: chunk.split())
    return tuple(s for s in (re.sub(r"[^a-z0-9]", "", p.lower()) for p in parts) if s)


def pinyin_matches(query: str, sounds: tuple[str, ...], start: int = 0) -> bool:
    """Whether `query` (pinyin_query form) spells the name from its first syllable on, each syllable
    by a prefix of it: initials ("wjg"), the full pinyin ("wangjianguo") or a mix ("wangjg")."""
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
    """Whether the name answers `query` (already in pinyin_query form)."""
    return bool(query) and pinyin_matches(query, syllables(name))
