"""Input coercion and format checks shared by the visit endpoints: the spec's "object" fields
arrive as strings or numbers, arrays as JSON arrays, JSON strings or comma lists."""

from __future__ import annotations

import re
import unicodedata

from server.envelope import ApiError
from visitorcs.codes import IDENTITY_TYPES, RESIDENT_ID
from visitorcs.identity import normalise_document, normalise_phone, resident_id_problem
from visitorcs.wire import Str, StrList

__all__ = ["IDENTITY_TYPES", "Str", "StrList", "check_id_card", "identity", "int_field", "phone", "plate"]

_PHONE = re.compile(r"^\+?\d{6,15}$")
_DOC = re.compile(r"^[0-9A-Za-z\-]{3,32}$")


def int_field(value: str | None, field: str, default: int, lo: int, hi: int) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ApiError(400, f"{field}: 应为整数") from None
    if not lo <= number <= hi:
        raise ApiError(400, f"{field}: 取值应在 {lo} 到 {hi} 之间")
    return number


def check_id_card(num: str) -> bool:
    """A resident ID number (18 digits, or the legacy 15) that can be real: visitorcs.identity's rules."""
    return resident_id_problem(normalise_document(RESIDENT_ID, num)) is None


def identity(identity_id: str | None, num: str | None, field: str = "identityNum") -> tuple[str, str]:
    """(identityId, identityNum) normalised once, as every store and comparison needs it
    (visitorcs.identity: NFKC, no separators, upper case, a legacy 15-digit resident ID number in
    its 18-digit form), or 400 with words naming what is wrong: a resident ID number with a wrong
    check digit, an impossible or future birth date or an unknown region is refused."""
    kind = unicodedata.normalize("NFKC", identity_id or RESIDENT_ID).strip()
    if kind not in IDENTITY_TYPES:
        raise ApiError(
            400,
            f"identityId: 不支持的证件类型 {kind}（111身份证 335驾驶证 131工作证 133学生证 "
            "114军官证 414护照 990其他）",
        )
    if len(num or "") > 64:
        raise ApiError(400, f"{field}: 证件号码过长")
    num = normalise_document(kind, num)
    if not num:
        return kind, ""
    if kind == RESIDENT_ID:
        problem = resident_id_problem(num)
        if problem:
            raise ApiError(400, f"{field}: {problem}")
    elif not _DOC.match(num):
        raise ApiError(400, f"{field}: 证件号码应为 3-32 位字母、数字或“-”")
    return kind, num


def phone(value: str | None, field: str = "phoneNum") -> str:
    """A phone number normalised once (visitorcs.identity: NFKC digits, no separators, a mainland
    mobile without +86/0086), or 400."""
    if len(value or "") > 64:
        raise ApiError(400, f"{field}: 手机号过长")
    text = normalise_phone(value)
    if not text:
        return ""
    if not _PHONE.match(text) or (len(text) == 11 and text.startswith("1") and text[1] in "012"):
        raise ApiError(400, f"{field}: 手机号格式错误（应为 11 位手机号或 6-15 位电话号码）")
    return text


def plate(value: str | None) -> str:
    return re.sub(r"[\s·\-]", "", value or "").upper()
