"""The visit record as the API shows it (VisitorInfo / SimpleVisitorInfo / VisitorBaseInfo),
visit statuses, and the per-site context (timezone, QR signing key) the services share."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import event, select

from server.models import Department, Person, Visit
from server.services import qrtoken, timefmt
from server.settings import Settings, site_tz

# status codes of the spec
APPROVING, VALID, LATE, EXPIRED, RETURNED, AUTO_SIGNED_OUT, SIGNED_OUT, OVERDUE, ARRIVED = range(9)
APPOINTMENT = (VALID, LATE)  # booked, not yet arrived
ON_SITE = (ARRIVED, OVERDUE)
CLOSED = (AUTO_SIGNED_OUT, SIGNED_OUT)
HOST_VALID = (VALID, LATE, ARRIVED)  # validVisitorInfo/pageInfo
STATUS_WORDS = {
    APPROVING: "审批中",
    VALID: "正常",
    LATE: "迟到",
    EXPIRED: "已失效",
    RETURNED: "已退回",
    AUTO_SIGNED_OUT: "超期自动签离",
    SIGNED_OUT: "已签离",
    OVERDUE: "超期未签离",
    ARRIVED: "已到达",
}
CUSTOM_KEYS = ("customf", "customg", "customh", "customi", "customj")


@dataclass
class SiteContext:
    """What every visit service needs from the site: its timezone and QR signing key."""

    settings: Settings

    @cached_property
    def tz(self) -> ZoneInfo:
        tz = self.settings.timezone
        _SITE_TZ[0] = tz
        return tz

    @cached_property
    def qr_key(self) -> Ed25519PrivateKey:
        return qrtoken.load_or_create_key(self.settings.data_dir)

    def today(self, now: datetime) -> str:
        return timefmt.local_day(now, self.tz)


_SITE_TZ = [site_tz()]  # the running site's, once a SiteContext exists


@event.listens_for(Visit, "before_insert")
def _derive(_mapper: Any, connection: Any, target: Visit) -> None:
    """Fill what lists and look-ups rely on for visits created outside the services (demo data,
    imports): the day they belong to, list order, phone tail, initials, the host's names."""
    when = target.register_time or target.start_time
    if when is not None:
        target.sort_time = when
    if not target.visit_day:
        target.visit_day = timefmt.local_day(when or target.create_time, _SITE_TZ[0])
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
    try:
        data = json.loads(visit.custom or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


_TIME_KEYS = {p: (p, f"{p}ISO", f"{p}UTC", f"{p}Difference") for p in ("startTime", "endTime", "registerTime", "realEndTime")}


def _times(prefix: str, dt: datetime | None, tz: ZoneInfo) -> dict[str, str]:
    """The four spellings of one time; the zone conversion (the costly part of a list) once."""
    plain, iso_key, utc_key, diff_key = _TIME_KEYS[prefix]
    if dt is None:
        return {plain: "", iso_key: "", utc_key: "", diff_key: ""}
    local = timefmt.aware(dt).astimezone(tz)
    iso = local.isoformat(timespec="seconds")
    return {plain: iso, iso_key: iso, utc_key: timefmt.utc_ms(local), diff_key: timefmt.offset_text(local)}


def mask_identity(num: str) -> str:
    """List views show the first 4 and last 4 characters of an ID number (PIPL: sensitive data)."""
    if len(num) <= 8:
        return num[:2] + "*" * max(0, len(num) - 2)
    return num[:4] + "*" * (len(num) - 8) + num[-4:]


def visitor_info(v: Visit, tz: ZoneInfo, *, masked: bool = False) -> dict[str, Any]:
    """The spec's VisitorInfo (all 71 fields); times as strings, followFlag/temperatureStatus ints."""
    custom = _custom(v)
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
        "followFlag": int(v.follow_flag),
        "groupId": v.group_id,
        "identityId": v.identity_id,
        "identityNum": mask_identity(v.identity_num) if masked else v.identity_num,
        "identityPhoto": v.identity_photo,
        "identityPid": "" if masked else v.identity_pid,
        "name": v.name,
        "orderId": v.order_id,
        "personNum": _s(v.person_num),
        "phoneNum": v.phone_num,
        "pinyin": v.pinyin,
        "privilegeGroupIds": v.privilege_group_ids,
        "purpose": v.purpose,
        "qrCode": v.qr_code,
        "registerFlag": v.register_flag,
        "registerPlace": v.register_place,
        "scanningPhoto": v.scanning_photo,
        "sex": v.sex,
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
        "visitorPhoto": v.visitor_photo,
        "visitorTemperature": v.temperature,
        "visitorTypeId": v.visitor_type_id,
        "visitorTypeName": v.visitor_type_name,
        "visitorWorkUnit": v.visitor_work_unit,
    }
    for prefix, dt in (
        ("startTime", v.start_time),
        ("endTime", v.end_time),
        ("registerTime", v.register_time),
        ("realEndTime", v.real_end_time),
    ):
        info.update(_times(prefix, dt, tz))
    for key in CUSTOM_KEYS:
        info[key] = _s(custom.get(key, ""))
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
