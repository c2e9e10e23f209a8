"""Invented sample cards for the simulator, tests and demo mode; ID numbers are generated
with valid GB 11643 check digits. No real person's data.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from drivers.idcard.card import NATIONS, PHOTO_LEN, SEXES, CardType, IdCard, id_check_digit


def fake_wlt(seed: str) -> bytes:
    """A deterministic 1024-byte stand-in for a WLT photo (opaque to us anyway)."""
    out = b""
    counter = 0
    while len(out) < PHOTO_LEN:
        out += hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        counter += 1
    return out[:PHOTO_LEN]


def make_id_number(area: str, birth: dt.date, seq: int = 1, want_check: str | None = None) -> str:
    """area (6 digits) + birth + 3-digit sequence + check; optionally search for a sequence
    (same parity, i.e. same sex) whose check character is `want_check` (e.g. 'X')."""
    for s in range(seq, 1000, 2):
        first17 = f"{area}{birth:%Y%m%d}{s:03d}"
        check = id_check_digit(first17)
        if want_check is None or check == want_check:
            return first17 + check
    raise ValueError(f"no sequence gives check {want_check}")


def _resident(
    name: str,
    sex_code: str,
    nation_code: str,
    birth: dt.date,
    address: str,
    area: str,
    seq: int,
    issuer: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    want_check: str | None = None,
) -> IdCard:
    return IdCard(
        card_type=CardType.RESIDENT,
        name=name,
        sex_code=sex_code,
        sex=SEXES[sex_code],
        nation_code=nation_code,
        nation=NATIONS[nation_code],
        birth_date=birth,
        address=address,
        id_number=make_id_number(area, birth, seq, want_check),
        issuer=issuer,
        valid_from=valid_from,
        valid_to=valid_to,
        photo_wlt=fake_wlt(name),
    )


D = dt.date
SAMPLE_CARDS: dict[str, IdCard] = {
    # an ordinary 20-year card
    "zhang": _resident(
        "张伟",
        "1",
        "01",
        D(1990, 3, 7),
        "北京市东城区东华门街道南池子大街12号",
        "110101",
        11,
        "北京市公安局东城分局",
        D(2015, 6, 1),
        D(2035, 6, 1),
    ),
    # over 46 at issue: 长期 validity; and a check character 'X'; female (even sequence)
    "li": _resident(
        "李秀英",
        "2",
        "05",
        D(1962, 11, 23),
        "新疆乌鲁木齐市天山区解放北路88号2单元301室",
        "650102",
        2,
        "乌鲁木齐市公安局天山分局",
        D(2012, 8, 15),
        None,
        want_check="X",
    ),
    # long name and a 35-character address filling the field
    "ouyang": _resident(
        "欧阳娜娜",
        "2",
        "98",
        D(2001, 1, 31),
        "广东省广州市天河区天河路三百八十五号太古汇一座二十八层二八零一室",
        "440106",
        24,
        "广州市公安局天河分局",
        D(2019, 2, 1),
        D(2029, 2, 1),
    ),
    # a 2017 foreign permanent resident card
    "smith": IdCard(
        card_type=CardType.FOREIGN_PERMANENT,
        name="史密斯",
        sex_code="1",
        sex="男",
        birth_date=D(1979, 7, 1),
        id_number="USA310079070101",
        issuer="1500",
        valid_from=D(2018, 5, 20),
        valid_to=D(2028, 5, 20),
        english_name="SMITH, JOHN ALEXANDER",
        nationality_code="USA",
        chinese_name="史密斯",
        card_version="02",
        photo_wlt=fake_wlt("smith"),
    ),
    # a Hong Kong residence permit (layout [U], see README)
    "chan": IdCard(
        card_type=CardType.HMT_RESIDENCE,
        name="陈大文",
        sex_code="1",
        sex="男",
        birth_date=D(1985, 10, 10),
        id_number=make_id_number("810000", D(1985, 10, 10), 5),
        issuer="深圳市公安局",
        valid_from=D(2020, 1, 2),
        valid_to=D(2025, 1, 2),
        address="广东省深圳市福田区福华三路100号",
        pass_number="H60123456",
        issue_count="01",
        photo_wlt=fake_wlt("chan"),
    ),
}
