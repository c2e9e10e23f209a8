"""Input coercion and format checks shared by the visit endpoints: the spec's "object" fields
arrive as strings or numbers, arrays as JSON arrays, JSON strings or comma lists."""

from __future__ import annotations

import re

from server.envelope import ApiError
from visitorcs.codes import IDENTITY_TYPES
from visitorcs.wire import Str, StrList

__all__ = ["IDENTITY_TYPES", "Str", "StrList", "check_id_card", "identity", "int_field", "phone", "plate"]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
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
    """Mainland resident ID: 18 characters with an ISO 7064 MOD 11-2 check digit (or legacy 15 digits)."""
    if re.fullmatch(r"\d{15}", num):
        return True
    if not re.fullmatch(r"\d{17}[\dX]", num):
        return False
    total = sum(int(d) * w for d, w in zip(num[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == num[17]


def identity(identity_id: str | None, num: str | None, field: str = "identityNum") -> tuple[str, str]:
    """(identityId, identityNum) normalised, or 400 with words naming what is wrong."""
    kind = (identity_id or "111").strip()
    if kind not in IDENTITY_TYPES:
        raise ApiError(
            400,
            f"identityId: 不支持的证件类型 {kind}（111身份证 335驾驶证 131工作证 133学生证 "
            "114军官证 414护照 990其他）",
        )
    num = (num or "").strip().upper()
    if not num:
        return kind, ""
    if kind == "111":
        if not check_id_card(num):
            raise ApiError(400, f"{field}: 身份证号码格式或校验位错误")
    elif not _DOC.match(num):
        raise ApiError(400, f"{field}: 证件号码应为 3-32 位字母、数字或“-”")
    return kind, num


def phone(value: str | None, field: str = "phoneNum") -> str:
    text = re.sub(r"[\s\-()]", "", value or "")
    if not text:
        return ""
    if not _PHONE.match(text) or (len(text) == 11 and text.startswith("1") and text[1] in "012"):
        raise ApiError(400, f"{field}: 手机号格式错误（应为 11 位手机号或 6-15 位电话号码）")
    return text


def plate(value: str | None) -> str:
    return re.sub(r"[\s·\-]", "", value or "").upper()
