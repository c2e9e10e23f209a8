"""The visit record as the API shows it (VisitorInfo / SimpleVisitorInfo / VisitorBaseInfo), and
visit statuses as the database stores them: the contract's (visitorcs.codes), bound as plain ints."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import IntEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event, select

from server.models import Department, Person, Visit
from server.picture_refs import served as served_picture
from server.services import timefmt
from server.site import current_tz
from visitorcs.identity import normalise_card, normalise_document, normalise_phone
from visitorcs.masking import Field, Place, mask

CUSTOM_KEYS = ("customf", "customg", "customh", "customi", "customj")


def ints(statuses: Iterable[IntEnum]) -> tuple[int, ...]:
    """The contract's statuses (visitorcs.codes) as the server binds them into SQL and stores them
    on rows: plain ints (a driver may adapt an IntEnum by its name, and an ORM attribute keeps
    what it was given)."""
    return tuple(int(s) for s in statuses)


@event.listens_for(Visit, "before_insert")
def _derive(_mapper: Any, connection: Any, target: Visit) -> None:
    """Fill what lists and look-ups rely on for visits created outside the services (demo data,
    imports): the day they belong to, list order, phone tail, initials, the host's names."""
    # identities in the one form registration stores and look-ups compare (visitorcs.identity)
    if target.identity_num:
        target.identity_num = normalise_document(target.identity_id, target.identity_num)
    if target.phone_num:
        target.phone_num = normalise_phone(target.phone_num)
        target.phone_last4 = target.phone_num[-4:]
    if target.temp_card:
        target.temp_card = normalise_card(target.temp_card)
    when = target.register_time or target.start_time
    if when is not None:
        target.sort_time = when
    if not target.visit_day:
        target.visit_day = timefmt.local_day(when or target.create_time, current_tz())
    if target.phone_num and not target.phone_last4:
        target.phone_last4 = target.phone_num[-4:]
    if target.name and not target.pinyin:
        from server.services.pinyin import initials

        target.pinyin = initials(target.name)
    if target.be_visit_person_id and not target.be_visit_person_name:
        person = connection.execute(
            select(Person.name, Person.phone, Person.organization_id).where(
                Person.person_id == target.be_visit_person_id
            )
        ).first()
        if person is not None:
            target.be_visit_person_name, target.be_visit_phone_num, target.be_visit_group_id = person
            dept = connection.execute(
                select(Department.name, Department.path_name).where(Department.id == person[2])
            ).first()
            if dept is not None:
                target.be_visit_group_name = dept[0]
                target.be_visit_org_path_name = dept[1] or dept[0]


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _custom(visit: Visit) -> dict[str, Any]:
    if not visit.custom or visit.custom == "{}":
        return {}
    try:  # NaN, Infinity or 1e400 stored before the parser refused them come back as text
        data = json.loads(visit.custom or "{}", parse_constant=str, parse_float=_float_or_text)
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _float_or_text(text: str) -> float | str:
    value = float(text)
    return value if math.isfinite(value) else text


_NO_TIME = ("", "", "")
_OFFSET_TEXT: dict[timedelta | None, str] = {}  # utcoffset -> "+08:00"


def _spell(dt: datetime | None, tz: ZoneInfo) -> tuple[str, str, str]:
    """ISO in the site zone, UTC epoch ms and "+08:00" of one time: the zone conversion (the costly
    part of a list) once, the offset text looked up (the zone may have DST: keyed by the offset)."""
    if dt is None:
        return _NO_TIME
    dt = timefmt.aware(dt)
    local = timefmt.local(dt, tz)  # never raises: a stored time out of range shows in UTC
    offset = local.utcoffset()
    text = _OFFSET_TEXT.get(offset)
    if text is None:
        text = _OFFSET_TEXT[offset] = timefmt.offset_text(local)
    return local.isoformat(timespec="seconds"), timefmt.utc_ms(dt), text


def mask_identity(num: str) -> str:
    """An ID number as lists of other people's visits show it (visitorcs.masking)."""
    return mask(num, Field.IDENTITY, Place.LIST)


# the columns visitor_info reads: the visit reads select these, not the whole row
INFO_COLUMNS = (
    "approval_result",
    "qr_code",
    "be_visit_group_id",
    "be_visit_group_name",
    "be_visit_org_path_name",
    "be_visit_person_id",
    "be_visit_person_name",
    "be_visit_phone_num",
    "birthplace",
    "car_number",
    "cert_addr",
    "cert_issuer",
    "certify_flag",
    "create_time",
    "custom",
    "end_time",
    "follow_flag",
    "group_id",
    "identity_id",
    "identity_num",
    "identity_photo",
    "identity_pid",
    "name",
    "order_id",
    "person_num",
    "phone_num",
    "pinyin",
    "privilege_group_ids",
    "purpose",
    "real_end_time",
    "register_flag",
    "register_place",
    "register_time",
    "scanning_photo",
    "sex",
    "start_time",
    "status",
    "temp_card",
    "temperature_status",
    "update_time",
    "user_type",
    "visit_batch",
    "visitor_address",
    "visitor_allow_times",
    "visitor_code",
    "visitor_id",
    "visitor_photo",
    "temperature",
    "visitor_type_id",
    "visitor_type_name",
    "visitor_work_unit",
)
VISIT = Visit.__table__  # type: ignore[attr-defined]
INFO = [VISIT.c[name] for name in INFO_COLUMNS]


def visitor_info(v: Visit, tz: ZoneInfo, *, masked: bool = False) -> dict[str, Any]:
    """The spec's VisitorInfo (all 68 fields and any other custom ones); times as strings,
    followFlag/temperatureStatus ints. Keys in the order the response schema serialises them
    (sorted, then other custom attributes), so a pre-serialised answer reads the same."""
    custom = _custom(v)
    start = _spell(v.start_time, tz)
    end = _spell(v.end_time, tz)
    registered = _spell(v.register_time, tz)
    real_end = _spell(v.real_end_time, tz)
    info: dict[str, Any] = {
        "approvalResult": v.approval_result,
        "barCode": v.qr_code,
        "beVisitGroupId": v.be_visit_group_id,
        "beVisitGroupName": v.be_visit_group_name,
        "beVisitOrgPathName": v.be_visit_org_path_name,
        "beVisitPersonId": v.be_visit_person_id,
        "beVisitPersonName": v.be_visit_person_name,
        "beVisitPhoneNum": v.be_visit_phone_num,
        "birthplace": v.birthplace,
        "carNumber": v.car_number,
        "certAddr": v.cert_addr,
        "certIssuer": v.cert_issuer,
        "certifyFlag": v.certify_flag,
        "createTime": timefmt.iso(v.create_time, tz),
        "customf": _s(custom.get("customf", "")) if custom else "",
        "customg": _s(custom.get("customg", "")) if custom else "",
        "customh": _s(custom.get("customh", "")) if custom else "",
        "customi": _s(custom.get("customi", "")) if custom else "",
        "customj": _s(custom.get("customj", "")) if custom else "",
        "endTime": end[0],
        "endTimeDifference": end[2],
        "endTimeISO": end[0],
        "endTimeUTC": end[1],
        "followFlag": int(v.follow_flag),
        "groupId": v.group_id,
        "identityId": v.identity_id,
        "identityNum": mask_identity(v.identity_num) if masked else v.identity_num,
        "identityPhoto": served_picture(v.identity_photo),
        "identityPid": "" if masked else v.identity_pid,
        "name": v.name,
        "orderId": v.order_id,
        "personNum": _s(v.person_num),
        "phoneNum": v.phone_num,
        "pinyin": v.pinyin,
        "privilegeGroupIds": v.privilege_group_ids,
        "purpose": v.purpose,
        "qrCode": v.qr_code,
        "realEndTime": real_end[0],
        "realEndTimeDifference": real_end[2],
        "realEndTimeISO": real_end[0],
        "realEndTimeUTC": real_end[1],
        "registerFlag": v.register_flag,
        "registerPlace": v.register_place,
        "registerTime": registered[0],
        "registerTimeDifference": registered[2],
        "registerTimeISO": registered[0],
        "registerTimeUTC": registered[1],
        "scanningPhoto": served_picture(v.scanning_photo),
        "sex": v.sex,
        "startTime": start[0],
        "startTimeDifference": start[2],
        "startTimeISO": start[0],
        "startTimeUTC": start[1],
        "status": _s(v.status),
        "tempCard": v.temp_card,
        "temperatureStatus": int(v.temperature_status or 0),
        "updateTime": timefmt.iso(v.update_time, tz),
        "userType": _s(v.user_type),
        "visitBatch": v.visit_batch,
        "visitorAddress": v.visitor_address,
        "visitorAllowTimes": _s(v.visitor_allow_times),
        "visitorCode": v.visitor_code,
        "visitorId": v.visitor_id,
        "visitorPhoto": served_picture(v.visitor_photo),
        "visitorTemperature": v.temperature,
        "visitorTypeId": v.visitor_type_id,
        "visitorTypeName": v.visitor_type_name,
        "visitorWorkUnit": v.visitor_work_unit,
    }
    for key, value in custom.items():  # other configured custom attributes, as uploaded
        info.setdefault(key, value)
    return info


SIMPLE_FIELDS = (
    "barCode",
    "beVisitPersonId",
    "birthplace",
    "certAddr",
    "certIssuer",
    "endTimeISO",
    "identityId",
    "identityNum",
    "name",
    "orderId",
    "personNum",
    "phoneNum",
    "privilegeGroupIds",
    "purpose",
    "registerPlace",
    "registerTimeISO",
    "scanningPhoto",
    "sex",
    "status",
    "temperatureStatus",
    "visitorAddress",
    "visitorAllowTimes",
    "visitorTemperature",
    "visitorTypeId",
)


def simple_info(v: Visit, tz: ZoneInfo) -> dict[str, Any]:
    """SimpleVisitorInfo of validVisitorInfo/pageInfo (temperatureStatus a string, as its example)."""
    full = visitor_info(v, tz, masked=True)
    out = {k: full[k] for k in SIMPLE_FIELDS}
    out["temperatureStatus"] = _s(v.temperature_status)
    for key in CUSTOM_KEYS:
        out[key] = full[key]
    return out


BASE_FIELDS = (
    "beVisitPersonId",
    "birthplace",
    "carNumber",
    "certAddr",
    "certIssuer",
    "identityId",
    "identityNum",
    "name",
    "orderId",
    "phoneNum",
    "purpose",
    "sex",
    "visitorAddress",
    "visitorTypeId",
    "visitorWorkUnit",
)


def base_info(v: Visit, tz: ZoneInfo) -> dict[str, Any]:
    """VisitorBaseInfo of lastVisitor/inquiry: what pre-fills the next registration."""
    full = visitor_info(v, tz)
    out = {k: full[k] for k in BASE_FIELDS}
    out["openId"] = ""
    for key in CUSTOM_KEYS:
        out[key] = full[key]
    return out
