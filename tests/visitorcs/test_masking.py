"""One set of masking rules: every place shows a field the same way the table says, short
values still hide at least their share, and free text (log lines) is masked the same way."""

from __future__ import annotations

import pytest

from visitorcs.masking import Field, Place, mask, mask_fields, mask_text

ID = "11010119900307001X"


@pytest.mark.parametrize("place", list(Place))
def test_an_id_number_shows_four_and_four_in_every_place(place: Place) -> None:
    assert mask(ID, Field.IDENTITY, place) == "1101**********001X"


@pytest.mark.parametrize("place", list(Place))
def test_a_phone_shows_three_and_four_in_every_place(place: Place) -> None:
    assert mask("13912345678", Field.PHONE, place) == "139****5678"


def test_names_are_whole_for_staff_and_paper_and_masked_where_strangers_look() -> None:
    assert mask("欧阳娜娜", Field.NAME, Place.STAFF) == "欧阳娜娜"
    assert mask("欧阳娜娜", Field.NAME, Place.PAPER) == "欧阳娜娜"
    assert mask("欧阳娜娜", Field.NAME, Place.PUBLIC) == "欧***"
    assert mask("欧阳娜娜", Field.NAME, Place.LOG) == "欧***"


@pytest.mark.parametrize("value", ["E12345678", "G1234567", "AB12", "X"])
def test_short_documents_hide_at_least_half(value: str) -> None:
    shown = mask(value, Field.IDENTITY, Place.STAFF)
    assert len(shown) == len(value)
    assert shown.count("*") * 2 >= len(value)
    assert value not in shown


def test_empty_and_missing_values_stay_empty() -> None:
    assert mask(None, Field.PHONE, Place.PUBLIC) == "" and mask("  ", Field.IDENTITY, Place.LOG) == ""


def test_records_are_masked_by_their_wire_keys() -> None:
    record = {"name": "张伟", "identityNum": ID, "phoneNum": "13912345678", "purpose": "会议"}
    shown = mask_fields(record, Place.PUBLIC)
    assert shown == {
        "name": "张*",
        "identityNum": "1101**********001X",
        "phoneNum": "139****5678",
        "purpose": "会议",
    }
    assert record["identityNum"] == ID  # the caller's record is untouched


def test_free_text_masks_ids_legacy_ids_foreign_cards_and_phones_in_any_spelling() -> None:
    text = mask_text(f"张伟 {ID} 110101900307001 USA310079070101 13912345678 +86 139-1234-5678 order 3f2a")
    for secret in (ID, "110101900307001", "USA310079070101", "13912345678", "139-1234-5678"):
        assert secret not in text
    assert "1101**********001X" in text and text.count("139****5678") == 2 and "order 3f2a" in text
