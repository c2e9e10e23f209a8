"""A registration's fields copied onto a visit row: the person (RegisterInfo or CompanionInfo:
name, sex, document, phone, card, photos) and the visit's details (purpose, unit, address,
plate, custom attributes...), normalised on the way."""

from __future__ import annotations

import json

from server.models import Visit
from server.services import validation as v
from server.services.pinyin import initials
from visitorcs.identity import normalise_card
from visitorcs.wire import CompanionInfo, RegisterInfo

# Visit attribute <- RegisterInfo field, copied as given (trimmed) when present
_DETAILS = {
    "birthplace": "birthplace",
    "cert_addr": "certAddr",
    "cert_issuer": "certIssuer",
    "certify_flag": "certifyFlag",
    "identity_photo": "identityPhoto",
    "identity_pid": "identityPid",
    "purpose": "purpose",
    "scanning_photo": "scanningPhoto",
    "visitor_address": "visitorAddress",
    "visitor_type_id": "visitorTypeId",
    "visitor_type_name": "visitorTypeName",
    "visitor_work_unit": "visitorWorkUnit",
    "temperature": "visitorTemperature",
    "project_id": "projectId",
    "product_id": "productId",
    "receptionist_org_code": "receptionistOrgCode",
}


def apply_person(
    visit: Visit, info: RegisterInfo | CompanionInfo, kind: str, num: str, phone_num: str
) -> None:
    """Who the visitor is; `kind`, `num` and `phone_num` already checked (validation.identity, .phone)."""
    if info.name:
        visit.name = info.name.strip()[:64]
        visit.pinyin = initials(visit.name)
    if info.sex is not None:
        visit.sex = info.sex
    if num:
        visit.identity_id, visit.identity_num = kind, num
    if phone_num:
        visit.phone_num, visit.phone_last4 = phone_num, phone_num[-4:]
    if info.cardNo:
        visit.temp_card = normalise_card(info.cardNo)
    for attr, key in (("visitor_photo", "visitorPhoto"), ("face_id", "faceId")):
        value = getattr(info, key)
        if value:
            setattr(visit, attr, value)


def apply_details(visit: Visit, info: RegisterInfo) -> None:
    """What the visit is about; fields not sent keep what the visit had (an appointment's)."""
    for attr, key in _DETAILS.items():
        value = getattr(info, key)
        if value is not None and value != "":
            setattr(visit, attr, value.strip())
    if info.carNumber:
        visit.car_number = v.plate(info.carNumber)
    visit.temperature_status = v.int_field(
        info.temperatureStatus, "temperatureStatus", visit.temperature_status, 0, 1
    )
    visit.visitor_allow_times = v.int_field(
        info.visitorAllowTimes, "visitorAllowTimes", visit.visitor_allow_times, 0, 10000
    )
    custom = json.loads(visit.custom or "{}")
    custom.update(info.custom())
    visit.custom = json.dumps(custom, ensure_ascii=False)
