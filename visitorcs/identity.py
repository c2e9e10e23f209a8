"""Identities normalised once, before they are stored or compared (blacklist screening
included): a person is the same person in full-width digits, with a lower-case check letter,
in the legacy 15-digit form of their ID number, or with their phone written `+86 138-…`.

Resident ID numbers (type 111) are also checked: GB 11643 check digit, a real birth date that
is not in the future, and a province-level region code that exists."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from visitorcs.codes import RESIDENT_ID

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# Province-level codes (GB/T 2260) and the residence permits of Hong Kong, Macau (81, 82) and
# Taiwan (83) residents; 71 is Taiwan's code in the standard.
PROVINCES = frozenset(
    {
        11,
        12,
        13,
        14,
        15,
        21,
        22,
        23,
        31,
        32,
        33,
        34,
        35,
        36,
        37,
        41,
        42,
        43,
        44,
        45,
        46,
        50,
        51,
        52,
        53,
        54,
        61,
        62,
        63,
        64,
        65,
        71,
        81,
        82,
        83,
    }
)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―()（）.·]")


def _plain(text: str | None) -> str:
    """NFKC (full-width digits and letters become ASCII), separators and spaces dropped."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text or ""))


def check_digit(first17: str) -> str:
    """GB 11643 (ISO 7064 MOD 11-2) check character of the first 17 digits."""
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def normalise_document(identity_id: str | None, number: str | None) -> str:
    """A document number as stored and compared: NFKC, no separators, upper case; a resident ID
    number in its 18-digit form (a legacy 15-digit number gains "19" and its check digit)."""
    text = _plain(number).upper()
    if (identity_id or RESIDENT_ID) == RESIDENT_ID and re.fullmatch(r"\d{15}", text):
        first17 = text[:6] + "19" + text[6:]
        text = first17 + check_digit(first17)
    return text


def resident_id_problem(number: str, today: date | None = None) -> str | None:
    """Why a normalised resident ID number cannot be real, in words for a person; None if it can."""
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return "身份证号码应为 18 位（或旧版 15 位）数字"
    if check_digit(number[:17]) != number[17]:
        return "身份证号码校验位错误，请核对"
    if int(number[:2]) not in PROVINCES:
        return "身份证号码的地区码不存在，请核对"
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "身份证号码中的出生日期不存在，请核对"
    if born > (today or date.today()) or born.year < 1890:
        return "身份证号码中的出生日期不合理，请核对"
    return None


def normalise_phone(text: str | None) -> str:
    """A phone number as stored and compared: NFKC digits without separators; a mainland mobile
    without its country prefix (+86, 0086 or 86 before 1xxxxxxxxxx); other international
    numbers keep one leading "+"."""
    plain = _plain(text)
    # "00" dials abroad only before a whole number: "0001" (the last four digits) is just digits
    international = plain.startswith("+") or (plain.startswith("00") and len(plain) > 8)
    digits = plain.lstrip("+")
    if international and digits.startswith("00"):
        digits = digits[2:]
    if international and not digits.startswith("86"):
        return "+" + digits
    if re.fullmatch(r"(?:86)?1[3-9]\d{9}", digits):
        return digits[-11:]
    return digits


_CARD_SEPARATORS = re.compile(r"[\s:\-‐‑‒–—―.]")


def normalise_card(text: str | None) -> str:
    """A card number (an employee's or a visitor card's UID) as stored and compared: NFKC, upper
    case, without spaces, colons or dashes ("04:a2:2b:6a" and "０４Ａ２２Ｂ６Ａ" are 04A22B6A)."""
    return _CARD_SEPARATORS.sub("", unicodedata.normalize("NFKC", text or "")).upper()


def identity_keys(number: str | None) -> frozenset[str]:
    """The stored forms a document number can have when its type is not known (a probe of the
    kiosk's offline blacklist): as a resident ID number and as any other document."""
    return frozenset(
        k for k in (normalise_document(RESIDENT_ID, number), normalise_document("990", number)) if k
    )
