"""Identities are normalised once: the same person compares equal however their number was
written; impossible resident ID numbers are named as such."""

from __future__ import annotations

from datetime import date

import pytest

from visitorcs.identity import check_digit, normalise_document, normalise_phone, resident_id_problem

ID18 = "11010519491231002X"  # a well-formed number (GB 11643's own example)
ID15 = "110105491231002"  # the same person's legacy 15-digit number


@pytest.mark.parametrize(
    "written",
    [
        ID18,
        ID18.lower(),
        "１１０１０５１９４９１２３１００２Ｘ",
        " 110105 19491231 002x ",
        "110105-19491231-002X",
        ID15,
        "１１０１０５４９１２３１００２",
    ],
)
def test_every_spelling_of_one_id_number_is_the_same_number(written: str) -> None:
    assert normalise_document("111", written) == ID18


def test_other_documents_are_only_cleaned_not_converted() -> None:
    assert normalise_document("414", " ｅ１２３４５６７８ ") == "E12345678"
    assert normalise_document("414", "123456789012345") == "123456789012345"  # 15 digits, but a passport


def test_a_real_number_passes_the_checks() -> None:
    assert check_digit(ID18[:17]) == "X"
    assert resident_id_problem(ID18, date(2026, 12, 1)) is None


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("110105194912310021", "校验位"),  # wrong check digit
        ("991105194912310023", "地区码"),  # no province 99
        ("110105194902300021", "出生日期不存在"),  # 30 February
        ("110105203012310025", "出生日期不合理"),  # born in 2030
        ("11010519491231002", "18 位"),
    ],
)
def test_impossible_numbers_are_named(number: str, words: str) -> None:
    if len(number) == 18 and words != "校验位":
        number = number[:17] + check_digit(number[:17])  # only the part under test is wrong
    problem = resident_id_problem(number, date(2026, 12, 1))
    assert problem is not None and words in problem


@pytest.mark.parametrize(
    "written",
    [
        "13912345678",
        "+86 139 1234 5678",
        "+86-139-1234-5678",
        "008613912345678",
        "8613912345678",
        "１３９１２３４５６７８",
        "(139) 1234-5678",
        "139.1234.5678",
    ],
)
def test_every_spelling_of_one_mobile_is_the_same_number(written: str) -> None:
    assert normalise_phone(written) == "13912345678"


def test_landlines_and_foreign_numbers_keep_their_digits() -> None:
    assert normalise_phone("010-6552 9988") == "01065529988"
    assert normalise_phone("+1 (415) 555-0100") == "+14155550100"
    assert normalise_phone("") == "" and normalise_phone(None) == ""
    assert normalise_phone("0001") == "0001" and normalise_phone("00") == "00"  # last digits, not a prefix
