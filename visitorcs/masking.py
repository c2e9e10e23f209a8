"""One set of masking rules for personal data, per field and per place it is shown
(PIPL art. 28: ID numbers and faces are sensitive). Every screen, permit, log and server list
masks through `mask()`; free text (log lines) through `mask_text()`.

| field    | staff screen | public screen | paper   | log     | server list |
|----------|--------------|---------------|---------|---------|-------------|
| name     | whole        | 张*           | whole   | 张*     | whole       |
| identity | 1101****0011 | same          | same    | same    | same        |
| phone    | 138****5678  | same          | same    | same    | same        |

At least half of an ID number and a third of a phone number stay hidden, also for short values
such as passport numbers: the shown ends shrink first, the head before the tail.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Field(Enum):
    NAME = "name"
    IDENTITY = "identity"
    PHONE = "phone"


class Place(Enum):
    STAFF = "staff"  # the front-desk console, seen by the receptionist
    PUBLIC = "public"  # self-service screens, seen by whoever stands behind the visitor
    PAPER = "paper"  # the printed permit, which visitors lose
    LOG = "log"  # log files, read by technicians
    LIST = "list"  # server answers that list other people's visits


@dataclass(frozen=True)
class Rule:
    head: int  # characters kept at the start
    tail: int  # characters kept at the end
    min_hidden: float  # never less than this share of the characters hidden


WHOLE = None
_ID_RULE = Rule(4, 4, 0.5)
_PHONE_RULE = Rule(3, 4, 0.34)
_NAME_RULE = Rule(1, 0, 0.01)

RULES: dict[Field, dict[Place, Rule | None]] = {
    Field.NAME: {
        Place.STAFF: WHOLE,
        Place.PUBLIC: _NAME_RULE,
        Place.PAPER: WHOLE,
        Place.LOG: _NAME_RULE,
        Place.LIST: WHOLE,
    },
    Field.IDENTITY: dict.fromkeys(Place, _ID_RULE),
    Field.PHONE: dict.fromkeys(Place, _PHONE_RULE),
}

#: wire keys that hold each field (VisitorInfo, RegisterInfo, permit template keys)
KEYS: dict[str, Field] = {
    "name": Field.NAME,
    "visitorName": Field.NAME,
    "identityNum": Field.IDENTITY,
    "visitorIdentityNum": Field.IDENTITY,
    "phoneNum": Field.PHONE,
    "visitorPhoneNum": Field.PHONE,
    "beVisitorPhoneNum": Field.PHONE,
    "beVisitPersonPhone": Field.PHONE,
    "phone": Field.PHONE,
}


def _apply(text: str, rule: Rule) -> str:
    n = len(text)
    hidden = min(n, max(math.ceil(n * rule.min_hidden), n - rule.head - rule.tail))
    tail = min(rule.tail, n - hidden)
    head = min(rule.head, n - hidden - tail)
    tail = n - hidden - head
    return text[:head] + "*" * hidden + (text[n - tail :] if tail else "")


def mask(value: Any, field: Field, place: Place) -> str:
    """`value` as `place` may show it."""
    text = str(value if value is not None else "").strip()
    rule = RULES[field][place]
    if not text or rule is None:
        return text
    return _apply(text, rule)


def mask_fields(record: dict[str, Any], place: Place) -> dict[str, Any]:
    """A copy of a wire record with every known personal field masked for `place`."""
    out = dict(record)
    for key, field in KEYS.items():
        if isinstance(out.get(key), str) and out[key]:
            out[key] = mask(out[key], field, place)
    return out


# Free text: 18-character and legacy 15-digit resident ID numbers, foreign permanent residence
# card numbers (3 letters + 12 digits), mainland mobiles with or without +86 and separators.
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15}|[A-Z]{3}\d{12})(?![0-9A-Za-z])")
_PHONE_IN_TEXT = re.compile(r"(?<![\d+])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)")


def _phone_match(m: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", m.group(0))[-11:]
    return mask(digits, Field.PHONE, Place.LOG)


def mask_text(text: str) -> str:
    """Free text (a log line, an error message) with every ID number and phone in it masked."""
    text = _ID_IN_TEXT.sub(lambda m: mask(m.group(0), Field.IDENTITY, Place.LOG), text)
    return _PHONE_IN_TEXT.sub(_phone_match, text)
