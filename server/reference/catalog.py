"""Catalogues and site settings the kiosk reads: purposes, work units, privilege groups,
the visitor field configuration, park notice, permit template and scene config."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import tzinfo
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from server.db import Database
from server.envelope import ApiError
from server.models import PrivilegeGroup, Purpose, VisitorField, WorkUnit
from server.models._common import utcnow
from server.reference.common import get_json, local_text, page_window
from visitorcs.codes import EntryStatus

# The permit template items the spec lists (PhItem.key), with their labels and formats.
PH_ITEMS: list[dict[str, str]] = [
    {"key": "visitorPhoto", "name": "", "format": ""},
    {"key": "visitorName", "name": "姓名", "format": ""},
    {"key": "visitorPhoneNum", "name": "手机号码", "format": ""},
    {"key": "visitorCarNumber", "name": "车牌号", "format": ""},
    {"key": "visitorIdentityNum", "name": "证件号码", "format": ""},
    {"key": "visitorPurpose", "name": "来访事由", "format": ""},
    {"key": "visitorWorkUnit", "name": "来访单位", "format": ""},
    {"key": "beVisitorPersonName", "name": "被访人", "format": ""},
    {"key": "beVisitorGroupName", "name": "被访部门", "format": ""},
    {"key": "beVisitorPhoneNum", "name": "被访人电话", "format": ""},
    {"key": "startTime", "name": "生效时间", "format": "yyyy-MM-dd HH:mm"},
    {"key": "endTime", "name": "失效时间", "format": "yyyy-MM-dd HH:mm"},
    {"key": "approvalResult", "name": "审批状态", "format": ""},
    {"key": "registerTime", "name": "登记时间", "format": "yyyy-MM-dd HH:mm:ss"},
    {"key": "authBarCode", "name": "", "format": ""},
    {"key": "separator", "name": "", "format": ""},
    {"key": "blankLine", "name": "", "format": ""},
]
PH_KEYS = [item["key"] for item in PH_ITEMS]

DEFAULT_PH_CONFIG: dict[str, Any] = {
    "backPicName": "",
    "backPicUrl": "",
    "configStatus": "open",
    "endContent": "请妥善保管本通行证，离开时交回",
    "phConfigId": "default",
    "productCode": "",
    "projectId": "",
    "title": "访客通行证",
    "phItems": [dict(item, value="") for item in PH_ITEMS],
}
DEFAULT_SCENE_CONFIG: list[dict[str, str]] = [{"paramName": "autoSignOut", "content": "0", "subContent": ""}]


def _purpose_dto(p: Purpose, tz: tzinfo) -> dict[str, Any]:
    return {
        "createTime": local_text(p.create_time, tz),
        "disorder": p.disorder,
        "productId": p.product_id,
        "projectId": p.project_id,
        "purposeDesc": p.purpose_desc,
        "purposeId": p.purpose_id,
        "status": p.status,
        "updateTime": local_text(p.update_time, tz),
    }


def list_purposes(db: Database, page_no: int, page_size: int, tz: tzinfo) -> tuple[list[dict], int]:
    offset = page_window(page_no, page_size)
    live = Purpose.status == int(EntryStatus.NORMAL)
    with db.read() as s:
        total = s.exec(select(func.count()).select_from(Purpose).where(live)).one()
        order = (col(Purpose.disorder), col(Purpose.create_time), col(Purpose.purpose_id))
        rows = s.exec(select(Purpose).where(live).order_by(*order).offset(offset).limit(page_size)).all()
    return [_purpose_dto(p, tz) for p in rows], int(total)


def _clean_text(value: str, field: str, limit: int) -> str:
    text = " ".join(value.split())
    if not text:
        raise ApiError(400, f"{field}: 不能为空")
    if len(text) > limit:
        raise ApiError(400, f"{field}: 不能超过 {limit} 个字")
    return text


def add_purpose(db: Database, desc: str, purpose_id: str | None, tz: tzinfo) -> dict[str, Any]:
    """Add a purpose; an existing one of the same words is returned (restored if deleted),
    so two kiosks adding "参观" at once both succeed with one row."""
    desc = _clean_text(desc, "purposeDesc", 50)
    return _once_more_on_conflict(lambda: _add_purpose(db, desc, purpose_id, tz))


def _once_more_on_conflict(add: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    # On PostgreSQL two kiosks adding the same words at once both miss the existing row;
    # the loser's insert hits the unique constraint, and its second look finds the winner's.
    try:
        return add()
    except IntegrityError:
        return add()


def _add_purpose(db: Database, desc: str, purpose_id: str | None, tz: tzinfo) -> dict[str, Any]:
    with db.write() as s:
        existing = s.exec(select(Purpose).where(Purpose.purpose_desc == desc)).first()
        if existing is not None:
            if existing.status != EntryStatus.NORMAL:  # deleted: restored
                existing.status, existing.update_time = int(EntryStatus.NORMAL), utcnow()
                s.add(existing)
            return _purpose_dto(existing, tz)
        if purpose_id and s.get(Purpose, purpose_id) is not None:
            raise ApiError(409, f"purposeId 已被其他事由使用: {purpose_id}")
        top = s.exec(select(func.max(Purpose.disorder))).one()
        row = Purpose(purpose_desc=desc, disorder=int(top or 0) + 1)
        if purpose_id:
            row.purpose_id = purpose_id
        s.add(row)
        s.flush()
        return _purpose_dto(row, tz)


def _unit_dto(u: WorkUnit, tz: tzinfo) -> dict[str, Any]:
    return {
        "createTime": local_text(u.create_time, tz),
        "projectId": u.project_id,
        "unitDesc": u.unit_desc,
        "unitId": u.unit_id,
        "updateTime": local_text(u.update_time, tz),
    }


def list_units(db: Database, page_no: int, page_size: int, tz: tzinfo) -> tuple[list[dict], int]:
    offset = page_window(page_no, page_size)
    with db.read() as s:
        total = s.exec(select(func.count()).select_from(WorkUnit)).one()
        rows = s.exec(
            select(WorkUnit)
            .order_by(col(WorkUnit.create_time), col(WorkUnit.unit_id))
            .offset(offset)
            .limit(page_size)
        ).all()
    return [_unit_dto(u, tz) for u in rows], int(total)


def add_unit(db: Database, desc: str, unit_id: str | None, tz: tzinfo) -> dict[str, Any]:
    desc = _clean_text(desc, "unitDesc", 100)
    return _once_more_on_conflict(lambda: _add_unit(db, desc, unit_id, tz))


def _add_unit(db: Database, desc: str, unit_id: str | None, tz: tzinfo) -> dict[str, Any]:
    with db.write() as s:
        existing = s.exec(select(WorkUnit).where(WorkUnit.unit_desc == desc)).first()
        if existing is not None:
            return _unit_dto(existing, tz)
        if unit_id and s.get(WorkUnit, unit_id) is not None:
            raise ApiError(409, f"unitId 已被其他单位使用: {unit_id}")
        row = WorkUnit(unit_desc=desc)
        if unit_id:
            row.unit_id = unit_id
        s.add(row)
        s.flush()
        return _unit_dto(row, tz)


def list_groups(db: Database, page_no: int, page_size: int, name: str | None) -> tuple[list[dict], int]:
    offset = page_window(page_no, page_size)
    query = select(PrivilegeGroup)
    counter = select(func.count()).select_from(PrivilegeGroup)
    if name and name.strip():
        like = f"%{name.strip()}%"
        query = query.where(col(PrivilegeGroup.privilege_group_name).like(like))
        counter = counter.where(col(PrivilegeGroup.privilege_group_name).like(like))
    with db.read() as s:
        total = s.exec(counter).one()
        order = (
            col(PrivilegeGroup.is_default).desc(),
            col(PrivilegeGroup.privilege_group_name),
            col(PrivilegeGroup.privilege_group_id),
        )
        rows = s.exec(query.order_by(*order).offset(offset).limit(page_size)).all()
    # The spec's encoding is inverted on purpose: "0" means *is* the default group.
    items = [
        {
            "isDefault": "0" if g.is_default else "1",
            "privilegeGroupId": g.privilege_group_id,
            "privilegeGroupName": g.privilege_group_name,
            "remark": g.remark,
        }
        for g in rows
    ]
    return items, int(total)


def _field_dto(f: VisitorField) -> dict[str, str]:
    def flag(value: bool) -> str:
        return "true" if value else "false"

    return {
        "dataValue": f.data_value or "[]",
        "disOrder": str(f.dis_order),
        "display": flag(f.display),
        "fieldType": f.field_type,
        "paraId": f.para_id,
        "paraKey": f.para_key,
        "paraName": f.para_name,
        "readOnly": flag(f.read_only),
        "regular": f.regular,
        "required": flag(f.required),
        "showType": str(f.show_type),
    }


def field_configuration(db: Database) -> list[dict[str, str]]:
    with db.read() as s:
        order = (col(VisitorField.dis_order), col(VisitorField.para_key))
        rows = s.exec(select(VisitorField).order_by(*order)).all()
    return [_field_dto(f) for f in rows]


def parse_options(raw: list[str] | str) -> list[str]:
    """optionList as a JSON array, a JSON-encoded array string, or "a,b,c" (docs/api-notes.md)."""
    items: Any = raw
    if isinstance(raw, str):
        text = raw.strip()
        if text.startswith("["):
            try:
                items = json.loads(text)
            except ValueError:
                raise ApiError(400, "optionList: 不是合法的 JSON 数组") from None
            if not isinstance(items, list):
                raise ApiError(400, "optionList: 应为数组")
        else:
            items = text.replace("，", ",").split(",")
    options: list[str] = []
    for item in items:
        if not isinstance(item, (str, int, float)) or isinstance(item, bool):
            raise ApiError(400, "optionList: 选项应为文字")
        words = " ".join(str(item).split())
        if len(words) > 50:
            raise ApiError(400, "optionList: 单个选项不能超过 50 个字")
        if words and words not in options:
            options.append(words)
    if not options:
        raise ApiError(400, "optionList: 至少需要一个选项")
    if len(options) > 100:
        raise ApiError(400, "optionList: 一次最多添加 100 个选项")
    return options


def add_field_options(db: Database, para_id: str, raw_options: list[str] | str) -> dict[str, str]:
    """Append options to a select field; options it already has are left as they are."""
    options = parse_options(raw_options)
    with db.write() as s:
        field = s.get(VisitorField, para_id)
        if field is None:
            raise ApiError(404, f"没有这个访客字段: {para_id}")
        if field.show_type != 2:
            raise ApiError(422, f"字段「{field.para_name}」不是下拉框，不能添加选项")
        try:
            current = json.loads(field.data_value or "[]")
        except ValueError:
            current = []
        if not isinstance(current, list):
            current = []
        known = {str(o.get("text")) for o in current if isinstance(o, dict)}
        numbers = [o.get("value") for o in current if isinstance(o, dict) and isinstance(o.get("value"), int)]
        next_value = max(numbers, default=0) + 1
        for words in options:
            if words in known:
                continue
            current.append({"text": words, "value": next_value, "selected": False})
            next_value += 1
        field.data_value = json.dumps(current, ensure_ascii=False)
        s.add(field)
        return _field_dto(field)


def note_admission(db: Database) -> dict[str, str]:
    with db.read() as s:
        note = get_json(s, "noteAdmission", {})
    status = "1" if str(note.get("status", "0")) == "1" else "0"
    if status != "1":  # the spec: title and content only when switched on
        return {"status": "0", "title": "", "content": ""}
    return {"status": "1", "title": str(note.get("title", "")), "content": str(note.get("content", ""))}


def ph_config(db: Database) -> dict[str, Any]:
    with db.read() as s:
        stored = get_json(s, "phConfig", None)
    config = dict(DEFAULT_PH_CONFIG)
    if isinstance(stored, dict):
        config.update({k: v for k, v in stored.items() if k in DEFAULT_PH_CONFIG})
    items = config.get("phItems")
    if isinstance(items, str):  # the spec's example sends it as a JSON string; we answer an array
        try:
            items = json.loads(items)
        except ValueError:
            items = []
    clean = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("key"):
            clean.append(
                {
                    "key": str(item["key"]),
                    "name": str(item.get("name", "")),
                    "format": str(item.get("format", "")),
                    "value": str(item.get("value", "")),
                }
            )
    config["phItems"] = clean
    return {k: (v if k == "phItems" else str(v)) for k, v in config.items()}


def scene_config(db: Database) -> list[dict[str, str]]:
    with db.read() as s:
        stored = get_json(s, "sceneConfig", DEFAULT_SCENE_CONFIG)
    if not isinstance(stored, list):
        stored = DEFAULT_SCENE_CONFIG
    out = [
        {
            "paramName": str(p.get("paramName", "")),
            "content": str(p.get("content", "")),
            "subContent": str(p.get("subContent", "")),
        }
        for p in stored
        if isinstance(p, dict)
    ]
    if not any(p["paramName"] == "autoSignOut" for p in out):
        out.append(dict(DEFAULT_SCENE_CONFIG[0]))
    return out
