"""Permit renderer: every phItem key shows up, the QR decodes back, paper widths, Java date patterns."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from kiosk.permit import (
    DEFAULT_TEMPLATE,
    PermitTemplate,
    PhItem,
    format_java_date,
    format_value,
    parse_time,
    render_permit,
    wrap,
)
from kiosk.permit.render import _font
from kiosk.permit.template import ALL_KEYS

QR = "VC1" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" * 4 + "ABCDEFGHIJKL"  # the length of a real signed code
VISIT = {
    "orderId": "0b5f2c1e-8a0c-4d3e-9f1a-1234567890ab",
    "name": "张伟",
    "phoneNum": "13812345678",
    "carNumber": "京A12345",
    "identityNum": "110101199003070110",
    "purpose": "商务洽谈",
    "visitorWorkUnit": "示例科技有限公司",
    "beVisitPersonName": "王经理",
    "beVisitGroupName": "行政部",
    "beVisitPhoneNum": "13998765432",
    "startTimeISO": "2026-11-28T09:05:07+08:00",
    "endTimeISO": "2026-11-28T18:00:00+08:00",
    "approvalResult": "审批通过",
    "registerTimeISO": "2026-11-28T09:15:02+08:00",
    "qrCode": QR,
}


def _photo() -> bytes:
    img = Image.new("RGB", (120, 160), (200, 160, 140))
    for y in range(160):
        for x in range(0, 120, 7):
            img.putpixel((x, y), (30, 30, 30))
    buf = io.BytesIO()
    img.save(buf, "JPEG")
    return buf.getvalue()


def _ink(img: Image.Image) -> int:
    return int((np.asarray(img) < 128).sum())


def _decode(img: Image.Image) -> list[str]:
    gray = np.pad(np.asarray(img.convert("L")), 32, constant_values=255)
    return [r.text for r in zxingcpp.read_barcodes(gray) if r.format == zxingcpp.BarcodeFormat.QRCode]


def _only(key: str, fmt: str = "") -> PermitTemplate:
    return PermitTemplate(title="", items=(PhItem(key, format=fmt),), end_content="")


@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_key_draws_something(key: str) -> None:
    # given a template holding only this key, when rendered, then it puts ink on paper
    empty = render_permit(VISIT, PermitTemplate(title="", items=(), end_content=""), photo=_photo())
    img = render_permit(VISIT, _only(key), photo=_photo())
    assert _ink(empty) == 0
    assert img.height > empty.height
    if key != "blankLine":
        assert _ink(img) > 0, key


@pytest.mark.parametrize("key", [k for k in ALL_KEYS if k not in ("visitorPhoto", "separator", "blankLine")])
def test_each_value_changes_the_image(key: str) -> None:
    # the value, not just the label, is drawn: a visit without it renders differently
    without = {
        k: v
        for k, v in VISIT.items()
        if k
        not in (
            "name",
            "phoneNum",
            "carNumber",
            "identityNum",
            "purpose",
            "visitorWorkUnit",
            "beVisitPersonName",
            "beVisitGroupName",
            "beVisitPhoneNum",
            "startTimeISO",
            "endTimeISO",
            "approvalResult",
            "registerTimeISO",
            "qrCode",
        )
    }
    a = np.asarray(render_permit(VISIT, _only(key)))
    b = np.asarray(render_permit(without, _only(key)))
    assert a.shape != b.shape or (a != b).any(), key


def test_photo_is_drawn_and_differs_from_placeholder() -> None:
    with_photo = render_permit(VISIT, _only("visitorPhoto"), photo=_photo())
    placeholder = render_permit(VISIT, _only("visitorPhoto"), photo=None)
    assert (np.asarray(with_photo) != np.asarray(placeholder)).any()
    broken = render_permit(VISIT, _only("visitorPhoto"), photo=b"not an image")  # no crash, placeholder
    assert (np.asarray(broken) == np.asarray(placeholder)).all()


@pytest.mark.parametrize("paper,width", [(58, 384), (80, 576)])
def test_paper_widths_and_qr_decodes(paper: int, width: int) -> None:
    img = render_permit(VISIT, DEFAULT_TEMPLATE, paper=paper, photo=_photo())
    assert img.width == width
    assert set(np.unique(np.asarray(img))) <= {0, 255}  # printable as is: no greys to dither
    assert _decode(img) == [QR]


def test_qr_modules_are_whole_dots() -> None:
    img = render_permit(VISIT, _only("authBarCode"), paper=58)
    bits = np.asarray(img) < 128
    cols = np.where(bits.any(axis=0))[0]
    rows = np.where(bits.any(axis=1))[0]
    left, top = cols[0], rows[0]
    # the finder pattern's top-left corner is 7 modules of black: its run length is a multiple of 7
    run = 0
    while bits[top, left + run]:
        run += 1
    assert run % 7 == 0 and run // 7 >= 3
    assert left >= 4 * (run // 7)  # quiet zone of at least 4 modules


def test_date_formats() -> None:
    when = dt.datetime(2026, 3, 7, 9, 5, 2)
    assert format_java_date(when, "yyyy-MM-dd") == "2026-03-07"
    assert format_java_date(when, "yyyy-MM-dd HH:mm:ss") == "2026-03-07 09:05:02"
    assert format_java_date(when, "yyyy年MM月dd日") == "2026年03月07日"
    assert format_java_date(when, "yy/M/d H:m") == "26/3/7 9:5"
    assert format_java_date(when, "'at' HH'h'") == "at 09h"
    assert format_value(PhItem("startTime", format="yyyy年MM月dd日 HH:mm"), VISIT) == "2026年11月28日 09:05"
    assert format_value(PhItem("endTime", format="yyyy-MM-dd"), VISIT) == "2026-11-28"
    assert format_value(PhItem("registerTime", format="HH:mm:ss"), VISIT) == "09:15:02"
    # the *UTC fields are epoch milliseconds; "yyyy-MM-dd HH:mm:ss" strings parse too
    assert parse_time("2026-11-28 09:15:02") == dt.datetime(2026, 11, 28, 9, 15, 2)
    ms = parse_time("1764292502000")
    assert ms is not None and ms.astimezone(dt.UTC).year == 2025


def test_formats_render_differently() -> None:
    a = render_permit(VISIT, _only("startTime", "yyyy-MM-dd"))
    b = render_permit(VISIT, _only("startTime", "yyyy年MM月dd日 HH:mm:ss"))
    assert _ink(a) < _ink(b)


def test_masks_phone_and_id_but_not_qr() -> None:
    assert format_value(PhItem("visitorPhoneNum"), VISIT) == "138****5678"
    assert format_value(PhItem("beVisitorPhoneNum"), VISIT) == "139****5432"
    assert format_value(PhItem("visitorIdentityNum"), VISIT) == "1101**********0110"
    assert format_value(PhItem("visitorPhoneNum"), VISIT, mask=False) == "13812345678"
    assert format_value(PhItem("authBarCode"), VISIT) == QR


def test_long_names_wrap_within_the_paper() -> None:
    font = _font(26)
    lines = wrap(
        "欧阳娜娜 Alexandra-Catherine Montgomery-Smithson 广州市天河区天河路三百八十五号太古汇", font, 300
    )
    assert len(lines) >= 3
    assert all(font.getlength(line) <= 300 for line in lines)
    assert any("Alexandra-Catherine" in line for line in lines)  # Latin words are not split
    long_visit = dict(VISIT, name="欧阳" * 40)
    short = render_permit(VISIT, _only("visitorName"), paper=58)
    tall = render_permit(long_visit, _only("visitorName"), paper=58)
    assert tall.width == 384 and tall.height > short.height * 3


def test_template_from_api_accepts_json_string_items_and_close_status() -> None:
    data = {
        "title": "园区通行证",
        "endContent": "欢迎",
        "configStatus": "open",
        "phConfigId": "x",
        "phItems": '[{"key": "visitorName", "name": "访客"}, {"key": "startTime", "format": "yyyy-MM-dd"}]',
    }
    t = PermitTemplate.from_api(data)
    assert [i.key for i in t.items] == ["visitorName", "startTime"]
    assert t.items[0].label == "访客" and t.items[1].label == "开始时间"
    closed = PermitTemplate.from_api(dict(data, configStatus="close"))
    # a closed configuration prints the kiosk's default permit
    default = np.asarray(render_permit(VISIT, DEFAULT_TEMPLATE))
    assert (np.asarray(render_permit(VISIT, closed)) == default).all()


def test_background_shows_only_in_blank_areas() -> None:
    bg = Image.new("L", (50, 50), 0)
    buf = io.BytesIO()
    bg.save(buf, "PNG")
    plain = PermitTemplate(title="T", items=(PhItem("authBarCode"),))
    with_bg = PermitTemplate(title="T", items=(PhItem("authBarCode"),), background=buf.getvalue())
    a, b = render_permit(VISIT, plain), render_permit(VISIT, with_bg)
    assert _ink(b) > _ink(a)
    assert _decode(b) == [QR]


def test_a_bilingual_permit_adds_english_beside_the_chinese() -> None:
    from kiosk.permit.template import DEFAULT_TEMPLATE, ENGLISH_NAMES, PhItem

    chinese = render_permit(VISIT, DEFAULT_TEMPLATE)
    both = render_permit(VISIT, DEFAULT_TEMPLATE, bilingual=True)
    assert both.height > chinese.height  # the English title and closing line take room
    assert PhItem("visitorName").label_in(True) == "姓名 " + ENGLISH_NAMES["visitorName"]
    assert PhItem("visitorName", name="Name").label_in(True) == "Name"  # a label in English already
    found = zxingcpp.read_barcodes(both)
    assert found and found[0].text == VISIT["qrCode"]  # the pass still works
