"""Reference data of the mobile channels' booking forms: purposes, privilege groups (拜访区域),
visitor types, the time picker's precision, the form's fields, the pass (通行证) and epidemic
promise configuration, the booking mode, the enterprise list and the host a phone number names.

Site settings are Setting rows holding JSON (`visitorTypes`, `timeDisplay`, `promiseConfig`,
`orderModel`); an absent one answers the default below. Each function takes the Database and
opens its own read (run it with `Database.run`), except `visitor_types(session)`."""

from __future__ import annotations

import json
from datetime import tzinfo
from typing import Any

from sqlmodel import Session, col, select

from server.db import Database
from server.envelope import ApiError
from server.models import Person, PrivilegeGroup, Purpose, VisitorField
from server.reference.catalog import ph_config
from server.reference.common import get_json, local_text
from server.services import validation as v
from visitorcs.codes import EntryStatus
from visitorcs.masking import Field, Place, mask

DEFAULT_VISITOR_TYPES = [
    {"typeId": "1", "typeName": "普通访客"},
    {"typeId": "2", "typeName": "贵宾"},
    {"typeId": "3", "typeName": "供应商"},
    {"typeId": "4", "typeName": "面试者"},
]
DEFAULT_TIME_DISPLAY = "1"  # 0 dates only, 1 hours and minutes
DEFAULT_PROMISE: dict[str, Any] = {
    "beforeDetails": [],
    "inDetails": [],
    "informDetails": {"detailsContent": "", "detailsName": ""},
    "showBeforeFlag": False,
    "showInFlag": False,
    "showInformFlag": False,
}
ENTERPRISE_CODE = "site"
MAX_ENTERPRISES = 10  # the spec: 只显示10个

# the kiosk form's keys (RegisterInfo) -> the mobile forms' (VisitorInfoDto, WcMaVisitorStartRequest)
MOBILE_KEYS = {
    "name": "visitorName",
    "sex": "visitorSex",
    "identityId": "visitorIdentityType",
    "identityNum": "visitorIdentityNum",
    "phoneNum": "visitorPhoneNum",
    "carNumber": "visitorCarNumber",
    "visitorWorkUnit": "visitorWorkUnit",
    "purpose": "visitorPurpose",
    "personNum": "visitorPersonNum",
    "certAddr": "visitorIdentityAddr",
    "certIssuer": "visitorIdentityIssuer",
    "visitorAddress": "visitorAddress",
    "birthplace": "visitorBirthplace",
    "visitorPhoto": "visitorPhoto",
    "visitorTypeId": "visitorTypeId",
    "startTimeISO": "visitStartTime",
    "endTimeISO": "visitEndTime",
}


def _custom_key(key: str) -> str:
    if key.startswith("custom") and len(key) == 7:
        return "visitorCustom" + key[-1]
    return MOBILE_KEYS.get(key, key)


def purposes(db: Database) -> list[dict[str, str]]:
    with db.read() as s:
        rows = s.exec(
            select(Purpose)
            .where(col(Purpose.status) == int(EntryStatus.NORMAL))
            .order_by(col(Purpose.disorder), col(Purpose.purpose_desc))
        ).all()
    return [{"purposeDesc": p.purpose_desc, "purposeId": p.purpose_id} for p in rows]


def _groups(s: Session) -> list[PrivilegeGroup]:
    return list(
        s.exec(
            select(PrivilegeGroup).order_by(
                col(PrivilegeGroup.is_default).desc(), col(PrivilegeGroup.privilege_group_name)
            )
        )
    )


def privilege_groups(db: Database) -> list[dict[str, Any]]:
    """The miniapp's and WeCom's groupList: isDefault "1" = the default area (their encoding)."""
    with db.read() as s:
        rows = _groups(s)
    return [
        {
            "groupId": g.privilege_group_id,
            "groupName": g.privilege_group_name,
            "isDefault": "1" if g.is_default else "0",
            "select": bool(g.is_default),
        }
        for g in rows
    ]


def privilege_info(db: Database, tz: tzinfo) -> list[dict[str, Any]]:
    """The official account's list (GroupDto): isDefault "1" = default, as in groupList."""
    with db.read() as s:
        rows = _groups(s)
    return [
        {
            "createTime": "",
            "disorder": i,
            "groupId": g.privilege_group_id,
            "groupName": g.privilege_group_name,
            "isDefault": "1" if g.is_default else "0",
            "productId": "",
            "projectId": "",
            "remark": g.remark,
            "select": bool(g.is_default),
            "status": int(EntryStatus.NORMAL),
            "updateTime": local_text(None, tz),
        }
        for i, g in enumerate(rows, start=1)
    ]


def visitor_types(s: Session) -> list[dict[str, str]]:
    stored = get_json(s, "visitorTypes", DEFAULT_VISITOR_TYPES)
    out = []
    for item in stored if isinstance(stored, list) else DEFAULT_VISITOR_TYPES:
        if isinstance(item, dict) and str(item.get("typeId", "")).strip():
            out.append({"typeId": str(item["typeId"]).strip(), "typeName": str(item.get("typeName", ""))})
    return out


def visitor_type_list(db: Database) -> list[dict[str, str]]:
    with db.read() as s:
        return visitor_types(s)


def time_display(db: Database) -> dict[str, str]:
    with db.read() as s:
        stored = get_json(s, "timeDisplay", {})
    value = str(stored.get("timeDisplayType", DEFAULT_TIME_DISPLAY)) if isinstance(stored, dict) else ""
    return {"timeDisplayType": value if value in ("0", "1") else DEFAULT_TIME_DISPLAY}


def promise(db: Database) -> dict[str, Any]:
    with db.read() as s:
        stored = get_json(s, "promiseConfig", {})
    out = json.loads(json.dumps(DEFAULT_PROMISE))
    if not isinstance(stored, dict):
        return out
    for key in ("beforeDetails", "inDetails"):
        items = stored.get(key)
        if isinstance(items, list):
            out[key] = [
                {
                    "detailsContent": str(i.get("detailsContent", "")),
                    "detailsFlag": bool(i.get("detailsFlag", False)),
                    "promiseType": int(i.get("promiseType", 1))
                    if str(i.get("promiseType", "1")).isdigit()
                    else 1,
                }
                for i in items
                if isinstance(i, dict)
            ]
    inform = stored.get("informDetails")
    if isinstance(inform, dict):
        out["informDetails"] = {
            "detailsContent": str(inform.get("detailsContent", "")),
            "detailsName": str(inform.get("detailsName", "")),
        }
    for key in ("showBeforeFlag", "showInFlag", "showInformFlag"):
        if key in stored:
            out[key] = bool(stored[key])
    return out


def order_model(db: Database) -> dict[str, Any]:
    """Booking modes: by person (指定人员) on, by space (场地) off unless configured (`orderModel`)."""
    with db.read() as s:
        stored = get_json(s, "orderModel", {})
    stored = stored if isinstance(stored, dict) else {}
    spaces = []
    for item in stored.get("spaceModelList") or []:
        if isinstance(item, dict):
            spaces.append(
                {
                    "beVisitorPersonId": str(item.get("beVisitorPersonId", "")),
                    "beVisitorPersonName": str(item.get("beVisitorPersonName", "")),
                    "beVisitorPhoneNum": str(item.get("beVisitorPhoneNum", "")),
                    "spaceName": str(item.get("spaceName", "")),
                }
            )
    first = spaces[0] if spaces else {}
    return {
        "beVisitorPersonId": first.get("beVisitorPersonId", ""),
        "beVisitorPersonName": first.get("beVisitorPersonName", ""),
        "beVisitorPhoneNum": first.get("beVisitorPhoneNum", ""),
        "personModelStatus": "close" if stored.get("personModelStatus") == "close" else "open",
        "spaceModelList": spaces,
        "spaceModelStatus": "open" if stored.get("spaceModelStatus") == "open" and spaces else "close",
        "spaceName": first.get("spaceName", ""),
    }


def field_info(db: Database, who: str | None) -> list[dict[str, Any]]:
    """The booking form's fields (visitor, type "0"; the host's part, type "1"), keyed as the mobile
    forms name them (visitorName, visitorCustomf ...), in display order."""
    kind = (who or "0").strip()
    if kind not in ("0", "1"):
        raise ApiError(400, "type: 应为 0（访客）或 1（被访人）")
    with db.read() as s:
        rows = s.exec(
            select(VisitorField).order_by(col(VisitorField.dis_order), col(VisitorField.para_key))
        ).all()
    if kind == "1":  # the host's fields: whom and when (the kiosk form has no host part of its own)
        return [
            _host_field("beVisitorPhoneNum", "被访人手机号", 1),
            _host_field("beVisitorPersonName", "被访人姓名", 2),
        ]
    out = []
    for f in rows:
        try:
            options = json.loads(f.data_value or "[]")
        except ValueError:
            options = []
        data_list = [
            {
                "selected": bool(o.get("selected", False)),
                "text": str(o.get("text", "")),
                "value": o.get("value"),
            }
            for o in options
            if isinstance(o, dict)
        ]
        out.append(
            {
                "dataList": data_list,
                "fieldInfoDto": {
                    "createTime": "",
                    "customOption": "",
                    "dataValue": f.data_value or "[]",
                    "defaultValue": "",
                    "disorder": f.dis_order,
                    "display": "0" if f.display else "1",
                    "fieldProperties": "0",
                    "fieldType": f.field_type,
                    "hint": "",
                    "maxLength": 64,
                    "overseas": "0",
                    "paraId": f.para_id,
                    "paraKey": _custom_key(f.para_key),
                    "paraName": f.para_name,
                    "placeholder": "",
                    "productId": "",
                    "projectId": "",
                    "readOnly": "1" if not f.read_only else "0",
                    "regular": f.regular,
                    "required": "0" if f.required else "1",
                    "showType": str(f.show_type),
                    "status": int(EntryStatus.NORMAL),
                    "tips": "",
                    "updateTime": "",
                },
                "subHint": "",
                "subParaKey": "",
                "subParaName": "",
            }
        )
    return out


def _host_field(key: str, name: str, order: int) -> dict[str, Any]:
    return {
        "dataList": [],
        "fieldInfoDto": {
            "createTime": "",
            "customOption": "",
            "dataValue": "[]",
            "defaultValue": "",
            "disorder": order,
            "display": "0",
            "fieldProperties": "1",
            "fieldType": "String",
            "hint": "",
            "maxLength": 32,
            "overseas": "0",
            "paraId": f"host-{key}",
            "paraKey": key,
            "paraName": name,
            "placeholder": "",
            "productId": "",
            "projectId": "",
            "readOnly": "1",
            "regular": r"^1[3-9]\d{9}$" if key.endswith("PhoneNum") else "",
            "required": "0",
            "showType": "1",
            "status": int(EntryStatus.NORMAL),
            "tips": "",
            "updateTime": "",
        },
        "subHint": "",
        "subParaKey": "",
        "subParaName": "",
    }


def pass_config(db: Database) -> dict[str, Any]:
    """The visitor pass (通行证) as the phone shows it: the kiosk permit's configuration."""
    return ph_config(db)


def enterprises(site_name: str, name: str | None) -> list[dict[str, str]]:
    """The enterprises a visitor may book with: this server serves one site, listed when the name
    typed is part of its name (or nothing was typed)."""
    text = (name or "").strip()
    if len(text) > 64:
        raise ApiError(400, "enterpriseName: 过长（最多 64 个字符）")
    if text and text not in site_name:
        return []
    return [
        {"enterpriseCode": ENTERPRISE_CODE, "enterpriseName": site_name, "productId": "", "projectId": ""}
    ][:MAX_ENTERPRISES]


def host_by_phone(db: Database, phone: str | None, field: str = "beVisitorPhoneNum") -> dict[str, str]:
    """The host a phone number belongs to: their personId and their name masked (张*), so a phone
    number typed on the internet confirms the right person without revealing a colleague's name."""
    tel = v.phone(phone, field)
    if not tel:
        raise ApiError(400, f"{field}: 缺少被访人手机号")
    with db.read() as s:
        person = s.exec(select(Person).where(col(Person.phone) == tel)).first()
    if person is None:
        raise ApiError(404, "未找到该手机号对应的被访人，请核对号码")
    return {
        "beVisitorPersonName": mask(person.name, Field.NAME, Place.PUBLIC),
        "beVisitorPhoneNum": tel,
        "beVisitorUserId": person.person_id,
    }
