"""Decoding the 256-byte text block of each card kind, field by field, and the checks on it.
Blocks are laid out by hand here (offsets from HARDWARE.md), not with the encoder under test."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys

import pytest

from drivers.idcard.card import (
    NATIONS,
    CardDataError,
    CardType,
    IdCard,
    decode_card,
    encode_card,
    id_check_digit,
    validate_id_number,
)
from drivers.idcard.photo import NullPhotoDecoder, SubprocessPhotoDecoder
from drivers.idcard.samples import SAMPLE_CARDS


def block(fields: dict[int, str]) -> bytes:
    out = bytearray(" ".encode("utf-16-le") * 128)
    for offset, value in fields.items():
        raw = value.encode("utf-16-le")
        out[offset : offset + len(raw)] = raw
    assert len(out) == 256
    return bytes(out)


RESIDENT = block(
    {
        0: "王小明",
        30: "1",
        32: "03",
        36: "19800229",
        52: "宁夏回族自治区银川市兴庆区解放西街1号",
        122: "11010519491231002X",
        158: "银川市公安局兴庆区分局",
        188: "20100105",
        204: "长期",
    }
)
FOREIGN = block(
    {
        0: "SMITH, JANE",
        120: "2",
        122: "CAN440081010101",
        152: "CAN",
        158: "简史密",
        188: "20170615",
        204: "20270615",
        220: "19810101",
        236: "01",
        240: "4400",
        248: "I",
    }
)


def patched(offset: int, width: int, value: str) -> bytes:
    """RESIDENT with one field replaced, space-padded to its width in bytes."""
    raw = value.encode("utf-16-le")
    raw += " ".encode("utf-16-le") * ((width - len(raw)) // 2)
    return RESIDENT[:offset] + raw + RESIDENT[offset + width :]


def test_resident_card_every_field() -> None:
    photo = bytes(range(256)) * 4
    card = decode_card(RESIDENT, photo)
    assert card == IdCard(
        card_type=CardType.RESIDENT,
        name="王小明",
        sex_code="1",
        sex="男",
        nation_code="03",
        nation="回",
        birth_date=dt.date(1980, 2, 29),
        address="宁夏回族自治区银川市兴庆区解放西街1号",
        id_number="11010519491231002X",
        issuer="银川市公安局兴庆区分局",
        valid_from=dt.date(2010, 1, 5),
        valid_to=None,
        photo_wlt=photo,
    )
    assert card.long_term and not card.expired(dt.date(2099, 1, 1))
    js = card.to_json()
    assert js["valid_to"] == "长期"
    assert js["photo"] == {"format": "wlt", "length": 1024, "sha256": hashlib.sha256(photo).hexdigest()}


def test_foreign_permanent_resident_card_every_field() -> None:
    card = decode_card(FOREIGN, b"w" * 1024)
    assert card.card_type is CardType.FOREIGN_PERMANENT
    assert (card.english_name, card.chinese_name, card.name) == ("SMITH, JANE", "简史密", "简史密")
    assert (card.sex_code, card.sex) == ("2", "女")
    assert card.id_number == "CAN440081010101"
    assert card.nationality_code == "CAN"
    assert (card.valid_from, card.valid_to) == (dt.date(2017, 6, 15), dt.date(2027, 6, 15))
    assert card.birth_date == dt.date(1981, 1, 1)
    assert (card.card_version, card.issuer) == ("01", "4400")
    assert (card.nation_code, card.nation, card.address) == ("", "", "")
    assert card.expired(dt.date(2027, 6, 16)) and not card.expired(dt.date(2027, 6, 15))
    assert card.to_json()["nationality_code"] == "CAN"


def test_hk_macau_taiwan_permit_decodes_pass_number_and_issue_count() -> None:
    number = "810000199001010" + "07"
    number += id_check_digit(number)
    text = block(
        {
            0: "陈小文",
            30: "2",
            36: "19900101",
            52: "广东省深圳市福田区",
            122: number,
            158: "深圳市公安局",
            188: "20200101",
            204: "20250101",
            220: "H12345678",
            238: "02",
            248: "J",
        }
    )
    card = decode_card(text)
    assert card.card_type is CardType.HMT_RESIDENCE
    assert (card.name, card.id_number) == ("陈小文", number)
    assert (card.pass_number, card.issue_count) == ("H12345678", "02")
    assert card.nation_code == "" and card.sex == "女"


def test_nul_padding_and_zeroed_type_flag_read_as_a_resident_card() -> None:
    text = bytearray(RESIDENT)
    text[220:256] = bytes(36)
    text[6:30] = bytes(24)  # name padded with NULs instead of spaces
    card = decode_card(bytes(text))
    assert card.card_type is CardType.RESIDENT and card.name == "王小明"


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_documented_id_numbers_pass_gb11643(number: str) -> None:
    assert validate_id_number(number) == number


def test_wrong_check_digit_is_a_clear_error_not_a_silent_accept() -> None:
    text = patched(122, 36, "110105194912310021")
    with pytest.raises(CardDataError, match=r"check digit \(expected X, card says 1\)"):
        decode_card(text)


def test_lowercase_x_is_accepted_and_normalised() -> None:
    assert validate_id_number("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize(
    "offset, width, value, message",
    [
        (32, 4, "77", "nation code '77'"),
        (36, 16, "19800230", "birth date '19800230'"),
        (30, 2, "5", "sex code '5'"),
        (248, 2, "Y", "unsupported card type flag 'Y'"),
        (122, 36, "1101051949123100", "not 17 digits"),
        (204, 16, "2030", "valid-to date '2030'"),
    ],
)
def test_malformed_fields_are_errors_in_words(offset: int, width: int, value: str, message: str) -> None:
    with pytest.raises(CardDataError, match=message):
        decode_card(patched(offset, width, value))


def test_text_block_of_the_wrong_size_is_an_error() -> None:
    with pytest.raises(CardDataError, match="255 bytes"):
        decode_card(RESIDENT[:-1])


def test_nation_table_uses_codes_not_positions() -> None:
    assert (NATIONS["46"], NATIONS["56"]) == ("德昂", "基诺")
    assert (NATIONS["97"], NATIONS["98"]) == ("其他", "外国血统中国籍人士")
    assert len(NATIONS) == 58


def test_every_sample_card_round_trips_and_has_a_valid_number() -> None:
    kinds = {c.card_type for c in SAMPLE_CARDS.values()}
    assert kinds == {CardType.RESIDENT, CardType.FOREIGN_PERMANENT, CardType.HMT_RESIDENCE}
    assert any(c.id_number.endswith("X") for c in SAMPLE_CARDS.values())
    assert any(c.valid_to is None for c in SAMPLE_CARDS.values())
    for card in SAMPLE_CARDS.values():
        assert decode_card(encode_card(card), card.photo_wlt) == card


def test_photo_decoders() -> None:
    assert NullPhotoDecoder().decode(b"w" * 1024) is None
    # a stand-in "vendor tool": copies the WLT reversed to the output path
    tool = [
        sys.executable,
        "-c",
        "import sys; open(sys.argv[2],'wb').write(open(sys.argv[1],'rb').read()[::-1])",
        "{wlt}",
        "{out}",
    ]
    assert SubprocessPhotoDecoder(tool).decode(b"abc") == b"cba"
    failing = [sys.executable, "-c", "import sys; sys.exit(3)"]
    assert SubprocessPhotoDecoder(failing).decode(b"abc") is None
    assert SubprocessPhotoDecoder(["/nonexistent/wlt2bmp", "{wlt}", "{out}"]).decode(b"abc") is None
