"""The IdCard value and the 256-byte UCS-2LE text block of resident, foreign permanent
resident (2017) and HK/Macau/Taiwan residence-permit cards: decoding, encoding, checks.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from drivers.base import DeviceError

TEXT_LEN = 256
PHOTO_LEN = 1024
LONG_TERM = "长期"

NATIONS: dict[str, str] = {
    "01": "汉",
    "02": "蒙古",
    "03": "回",
    "04": "藏",
    "05": "维吾尔",
    "06": "苗",
    "07": "彝",
    "08": "壮",
    "09": "布依",
    "10": "朝鲜",
    "11": "满",
    "12": "侗",
    "13": "瑶",
    "14": "白",
    "15": "土家",
    "16": "哈尼",
    "17": "哈萨克",
    "18": "傣",
    "19": "黎",
    "20": "傈僳",
    "21": "佤",
    "22": "畲",
    "23": "高山",
    "24": "拉祜",
    "25": "水",
    "26": "东乡",
    "27": "纳西",
    "28": "景颇",
    "29": "柯尔克孜",
    "30": "土",
    "31": "达斡尔",
    "32": "仫佬",
    "33": "羌",
    "34": "布朗",
    "35": "撒拉",
    "36": "毛南",
    "37": "仡佬",
    "38": "锡伯",
    "39": "阿昌",
    "40": "普米",
    "41": "塔吉克",
    "42": "怒",
    "43": "乌孜别克",
    "44": "俄罗斯",
    "45": "鄂温克",
    "46": "德昂",
    "47": "保安",
    "48": "裕固",
    "49": "京",
    "50": "塔塔尔",
    "51": "独龙",
    "52": "鄂伦春",
    "53": "赫哲",
    "54": "门巴",
    "55": "珞巴",
    "56": "基诺",
    "97": "其他",
    "98": "外国血统中国籍人士",
}

SEXES: dict[str, str] = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")
_FOREIGN_2017_RE = re.compile(r"^[A-Z]{3}\d{12}$")


class CardType(str, enum.Enum):
    RESIDENT = "resident"  # 居民身份证, flag ' '
    FOREIGN_PERMANENT = "foreign_permanent"  # 外国人永久居留身份证 2017, flag 'I'
    HMT_RESIDENCE = "hmt_residence"  # 港澳台居民居住证, flag 'J'
    UNKNOWN = "unknown"


class CardDataError(DeviceError):
    """The card's text block is not a valid card (wrong check digit, bad date ...)."""


def id_check_digit(first17: str) -> str:
    """GB 11643 MOD 11-2 check character for the first 17 digits."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError(f"need 17 digits, got {first17!r}")
    return _CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def validate_id_number(number: str) -> str:
    """Return the number if its GB 11643 check digit is right, else raise CardDataError."""
    number = number.upper()
    if not _ID_RE.match(number):
        raise CardDataError(f"ID number {number!r} is not 17 digits plus a check character")
    expected = id_check_digit(number[:17])
    if number[17] != expected:
        raise CardDataError(
            f"ID number {number} fails its GB 11643 check digit "
            f"(expected {expected}, card says {number[17]}); "
            "the read was corrupt or the card is forged: present the card again"
        )
    return number


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise CardDataError(f"{what} {text!r} is not a YYYYMMDD date") from None


@dataclass(frozen=True)
class IdCard:
    card_type: CardType
    name: str  # Chinese name; for a foreign card the Chinese name, else the English one
    sex_code: str
    sex: str  # 男 / 女 / 未知 / 未说明
    birth_date: dt.date
    id_number: str  # 18-character ID number, or the 15-character foreign card number
    issuer: str  # 签发机关 (foreign cards: issuing-office code)
    valid_from: dt.date
    valid_to: dt.date | None  # None = 长期 (no expiry)
    nation_code: str = ""
    nation: str = ""
    address: str = ""
    english_name: str = ""  # foreign permanent resident
    nationality_code: str = ""  # GB/T 2659 alpha-3, foreign permanent resident
    chinese_name: str = ""  # foreign permanent resident
    card_version: str = ""  # foreign permanent resident
    pass_number: str = ""  # HK/Macau/Taiwan: 通行证号码
    issue_count: str = ""  # HK/Macau/Taiwan: 签发次数
    photo_wlt: bytes = field(default=b"", repr=False)
    fingerprint: bytes = field(default=b"", repr=False)

    @property
    def long_term(self) -> bool:
        return self.valid_to is None

    def expired(self, on: dt.date) -> bool:
        return self.valid_to is not None and on > self.valid_to

    @property
    def photo_sha256(self) -> str:
        return hashlib.sha256(self.photo_wlt).hexdigest()

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-able dict; the photo as its length and sha256, never the bytes."""
        out: dict[str, Any] = {
            "card_type": self.card_type.value,
            "name": self.name,
            "sex_code": self.sex_code,
            "sex": self.sex,
            "nation_code": self.nation_code,
            "nation": self.nation,
            "birth_date": self.birth_date.isoformat(),
            "address": self.address,
            "id_number": self.id_number,
            "issuer": self.issuer,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else LONG_TERM,
            "photo": {"format": "wlt", "length": len(self.photo_wlt), "sha256": self.photo_sha256},
            "fingerprint_length": len(self.fingerprint),
        }
        if self.card_type is CardType.FOREIGN_PERMANENT:
            out.update(
                english_name=self.english_name,
                nationality_code=self.nationality_code,
                chinese_name=self.chinese_name,
                card_version=self.card_version,
            )
        if self.card_type is CardType.HMT_RESIDENCE:
            out.update(pass_number=self.pass_number, issue_count=self.issue_count)
        return out


# --- text block layout --------------------------------------------------------------
# (offset, byte length) per field; UCS-2LE, right-padded with spaces.
RESIDENT_LAYOUT: dict[str, tuple[int, int]] = {
    "name": (0, 30),
    "sex": (30, 2),
    "nation": (32, 4),
    "birth": (36, 16),
    "address": (52, 70),
    "id_number": (122, 36),
    "issuer": (158, 30),
    "valid_from": (188, 16),
    "valid_to": (204, 16),
}
# 港澳台居民居住证: the resident layout with the nation field left blank, plus the pass
# number and issue count in the reserved area. [U] layout from vendor SDK notes, not verified.
HMT_LAYOUT: dict[str, tuple[int, int]] = {
    **RESIDENT_LAYOUT,
    "pass_number": (220, 18),
    "issue_count": (238, 4),
}
FOREIGN_2017_LAYOUT: dict[str, tuple[int, int]] = {
    "english_name": (0, 120),
    "sex": (120, 2),
    "id_number": (122, 30),
    "nationality": (152, 6),
    "chinese_name": (158, 30),
    "valid_from": (188, 16),
    "valid_to": (204, 16),
    "birth": (220, 16),
    "version": (236, 4),
    "issuer": (240, 8),
}
TYPE_FLAG_OFFSET = 248
TYPE_FLAGS = {" ": CardType.RESIDENT, "I": CardType.FOREIGN_PERMANENT, "J": CardType.HMT_RESIDENCE}


def _field(text: bytes, spec: tuple[int, int]) -> str:
    off, n = spec
    # Padding is spaces, but some cards pad with NULs; strip both.
    return text[off : off + n].decode("utf-16-le", errors="replace").strip(" \x00")


def card_type_of(text: bytes) -> CardType:
    flag = text[TYPE_FLAG_OFFSET : TYPE_FLAG_OFFSET + 2].decode("utf-16-le", errors="replace")
    if flag in ("\x00",):
        return CardType.RESIDENT  # older cards leave the reserved area zeroed
    return TYPE_FLAGS.get(flag, CardType.UNKNOWN)


def _valid_to(text: str) -> dt.date | None:
    return None if text == LONG_TERM else _date(text, "valid-to date")


def _sex(code: str) -> str:
    if code not in SEXES:
        raise CardDataError(f"sex code {code!r} is not one of {sorted(SEXES)}")
    return SEXES[code]


def decode_card(text: bytes, photo: bytes = b"", fingerprint: bytes = b"") -> IdCard:
    """Decode a 256-byte text block into an IdCard, checking what can be checked."""
    if len(text) != TEXT_LEN:
        raise CardDataError(f"text block is {len(text)} bytes, expected {TEXT_LEN}")
    kind = card_type_of(text)
    if kind is CardType.FOREIGN_PERMANENT:
        f = {k: _field(text, v) for k, v in FOREIGN_2017_LAYOUT.items()}
        number = f["id_number"].upper()
        if not _FOREIGN_2017_RE.match(number):
            raise CardDataError(
                f"foreign permanent resident card number {number!r} is not 3 letters + 12 digits"
            )
        return IdCard(
            card_type=kind,
            name=f["chinese_name"] or f["english_name"],
            sex_code=f["sex"],
            sex=_sex(f["sex"]),
            birth_date=_date(f["birth"], "birth date"),
            id_number=number,
            issuer=f["issuer"],
            valid_from=_date(f["valid_from"], "valid-from date"),
            valid_to=_valid_to(f["valid_to"]),
            english_name=f["english_name"],
            nationality_code=f["nationality"],
            chinese_name=f["chinese_name"],
            card_version=f["version"],
            photo_wlt=photo,
            fingerprint=fingerprint,
        )
    if kind is CardType.UNKNOWN:
        flag = text[TYPE_FLAG_OFFSET : TYPE_FLAG_OFFSET + 2].decode("utf-16-le", errors="replace")
        raise CardDataError(f"unsupported card type flag {flag!r} at offset 248 (2023 foreign card 'Y'?)")
    layout = HMT_LAYOUT if kind is CardType.HMT_RESIDENCE else RESIDENT_LAYOUT
    f = {k: _field(text, v) for k, v in layout.items()}
    nation_code = f["nation"]
    if kind is CardType.RESIDENT and nation_code not in NATIONS:
        raise CardDataError(f"nation code {nation_code!r} is not a GB 3304 code")
    return IdCard(
        card_type=kind,
        name=f["name"],
        sex_code=f["sex"],
        sex=_sex(f["sex"]),
        nation_code=nation_code,
        nation=NATIONS.get(nation_code, ""),
        birth_date=_date(f["birth"], "birth date"),
        address=f["address"],
        id_number=validate_id_number(f["id_number"]),
        issuer=f["issuer"],
        valid_from=_date(f["valid_from"], "valid-from date"),
        valid_to=_valid_to(f["valid_to"]),
        pass_number=f.get("pass_number", ""),
        issue_count=f.get("issue_count", ""),
        photo_wlt=photo,
        fingerprint=fingerprint,
    )


# --- encoding (simulator, tests) -------------------------------------------------------
def _put(block: bytearray, spec: tuple[int, int], value: str) -> None:
    off, n = spec
    raw = value.encode("utf-16-le")
    if len(raw) > n:
        raise ValueError(f"{value!r} does not fit in {n} bytes")
    block[off : off + n] = raw + " ".encode("utf-16-le") * ((n - len(raw)) // 2)


def _ymd(d: dt.date) -> str:
    return d.strftime("%Y%m%d")


def encode_card(card: IdCard) -> bytes:
    """The 256-byte text block a reader would send for `card` (inverse of decode_card)."""
    block = bytearray(" ".encode("utf-16-le") * (TEXT_LEN // 2))
    valid_to = _ymd(card.valid_to) if card.valid_to else LONG_TERM
    if card.card_type is CardType.FOREIGN_PERMANENT:
        values = {
            "english_name": card.english_name,
            "sex": card.sex_code,
            "id_number": card.id_number,
            "nationality": card.nationality_code,
            "chinese_name": card.chinese_name,
            "valid_from": _ymd(card.valid_from),
            "valid_to": valid_to,
            "birth": _ymd(card.birth_date),
            "version": card.card_version,
            "issuer": card.issuer,
        }
        layout, flag = FOREIGN_2017_LAYOUT, "I"
    else:
        values = {
            "name": card.name,
            "sex": card.sex_code,
            "nation": card.nation_code,
            "birth": _ymd(card.birth_date),
            "address": card.address,
            "id_number": card.id_number,
            "issuer": card.issuer,
            "valid_from": _ymd(card.valid_from),
            "valid_to": valid_to,
        }
        layout, flag = RESIDENT_LAYOUT, " "
        if card.card_type is CardType.HMT_RESIDENCE:
            values.update(pass_number=card.pass_number, issue_count=card.issue_count)
            layout, flag = HMT_LAYOUT, "J"
    for key, spec in layout.items():
        _put(block, spec, values[key])
    _put(block, (TYPE_FLAG_OFFSET, 2), flag)
    return bytes(block)
