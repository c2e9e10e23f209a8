"""What the mobile channels' route modules share: the body (or query) field that names an
appointment, a channel's booking and invitation fields as the appointments service's forms, the
times they send (ISO, "yyyy-MM-dd HH:mm", or a date alone), picture uploads, and paged answers."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request

from server import pictures
from server.body import parse_body
from server.callers import Caller
from server.db import Database
from server.envelope import ApiError, page
from server.picture_refs import origin_of, path_of
from server.schemas.mobile import BookingIn, InvitationIn, OrderRefIn, VisitorDetailsIn
from server.services import timefmt
from server.services.appointments import AppointmentForm, InvitationForm, VisitorForm
from server.settings import Settings

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LETTERS = "abcdefghij"


def origin(request: Request) -> Any:
    return origin_of(str(request.base_url))


async def order_ref(request: Request, query_value: str | None, field: str = "orderId") -> str:
    """`orderId` from the query (as the spec's form endpoints say) or from a form/JSON body."""
    value = (query_value or "").strip()
    if not value:
        body = await parse_body(request, OrderRefIn)
        value = (getattr(body, field, None) or "").strip()
    if not value:
        raise ApiError(400, f"{field}: 缺少必填参数")
    if len(value) > 64:
        raise ApiError(400, f"{field}: 过长（最多 64 个字符）")
    return value


def when(value: str | None, tz: ZoneInfo, field: str, *, end: bool = False) -> datetime | None:
    """A time a form sends: ISO 8601, "yyyy-MM-dd HH:mm[:ss]" (site time), or a date alone (the
    time picker of timeDisplayType 0): the start of that day, or its end (23:59:59) for an end."""
    text = (value or "").strip()
    if not text:
        return None
    if _DATE.match(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise ApiError(400, f"{field}: 日期无效") from None
        text = datetime.combine(day, time(23, 59, 59) if end else time(0, 0), tzinfo=tz).isoformat()
    return timefmt.read_time(text, tz, field)


def visitor_form(body: VisitorDetailsIn) -> VisitorForm:
    custom = {
        f"custom{c}": value
        for c in LETTERS
        if (value := getattr(body, f"visitorCustom{c}", None)) is not None and value != ""
    }
    return VisitorForm(
        name=body.visitorName,
        sex=body.visitorSex,
        identity_type=body.visitorIdentityType,
        identity_num=body.visitorIdentityNum,
        phone=getattr(body, "visitorPhoneNum", None),
        car_number=body.visitorCarNumber,
        work_unit=body.visitorWorkUnit,
        address=body.visitorAddress,
        birthplace=body.visitorBirthplace,
        cert_addr=body.visitorIdentityAddr,
        cert_issuer=body.visitorIdentityIssuer,
        face_id=body.faceId,
        photo=body.visitorPhoto,
        custom=custom,
    )


def booking_form(body: BookingIn, tz: ZoneInfo) -> AppointmentForm:
    start_text = body.visitStartTime or body.startTime
    end_text = body.visitEndTime or body.endTime
    person_num = None
    if body.visitorPersonNum not in (None, ""):
        try:
            person_num = int(str(body.visitorPersonNum).strip())
        except ValueError:
            raise ApiError(400, "visitorPersonNum: 应为整数") from None
    return AppointmentForm(
        order_id=body.orderId,
        host_id=body.beVisitorPersonId or body.beVisitorUserId,
        host_phone=body.beVisitorPhoneNum,
        start=when(start_text, tz, "visitStartTime"),
        end=when(end_text, tz, "visitEndTime", end=True),
        purpose=body.visitorPurpose,
        visitor_type_id=body.visitorTypeId,
        groups=body.visitorPrivilegeGroupIds,
        person_num=person_num,
        order_model=body.orderModel,
        visitor=visitor_form(body),
    )


def invitation_form(body: InvitationIn, tz: ZoneInfo) -> InvitationForm:
    return InvitationForm(
        visitor_name=body.visitorName or "",
        visitor_phone=body.visitorPhoneNum or "",
        start=when(body.visitorStartTime or body.startTime, tz, "startTime"),
        end=when(body.visitorEndTime or body.endTime, tz, "endTime", end=True),
        purpose=body.visitorPurpose,
        visitor_type_id=body.visitorTypeId,
        groups=body.visitorPrivilegeGroupIds,
        order_id=body.defaultOrderId,
    )


def person_num(value: str | None) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise ApiError(400, "visitorPersonNum: 应为整数") from None


async def upload_picture(
    db: Database, settings: Settings, caller: Caller, data: str | None, scored: bool
) -> pictures.Stored:
    """A picture from a phone: checked as savePicForApp checks it (JPEG, ≤200 KB, pixels from the
    header first), scored as a face when `scored`, stored; the uploader is recorded."""
    if not (data or "").strip():
        raise ApiError(400, "imageData: 缺少图片数据")
    assessed = await pictures.assess_off_loop(data or "", "0" if scored else "1")
    return await db.run(pictures.store, db, settings.data_dir, assessed, caller.label[:64])


def picture_path(face_id: str) -> str:
    return path_of(face_id)


def paged(items: list[Any], total: int, page_no: int, page_size: int) -> dict[str, Any]:
    return page(items, page_no, page_size, total)


def page_numbers(page_no: str | None, page_size: str | None) -> tuple[int, int]:
    """pageNo and pageSize sent as text (the spec's `object`), as numbers, or 400."""
    out = []
    for name, value in (("pageNo", page_no), ("pageSize", page_size)):
        text = (value or "").strip()
        if not text:
            raise ApiError(400, f"{name}: 缺少必填参数")
        if not text.lstrip("-").isdigit() or len(text) > 10:
            raise ApiError(400, f"{name}: 应为整数")
        out.append(int(text))
    return out[0], out[1]
