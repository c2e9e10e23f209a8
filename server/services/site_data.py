"""A site's own data, written the one way whether it comes from the platform's feeds
(14_对外接口) or from a spreadsheet import (server/site_import.py): hosts and their departments,
privilege groups, the visitor field configuration, purposes, the blacklist, the park notice and
the permit template.

Every function takes rows already read into plain dicts, upserts them in the caller's unit of
work and reports per row: added, changed, unchanged, deleted, or refused with the reason (the
others are applied). A row equal to what is stored is not written, so the same file or feed
twice changes nothing. Identities go through visitorcs.identity (services/validation)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, delete, select

from server.envelope import ApiError
from server.models import (
    AccessDevice,
    Blacklist,
    Department,
    Person,
    PrivilegeGroup,
    Purpose,
    VisitorField,
)
from server.models._common import utcnow
from server.reference.catalog import DEFAULT_PH_CONFIG, PH_KEYS
from server.reference.common import get_json, put_json
from server.services import validation as v
from server.services.pinyin import initials
from visitorcs.codes import EntryStatus
from visitorcs.identity import normalise_card

NS = uuid.UUID("0d7e3c52-8f0b-4f7e-9a61-3c1f0a4b9e27")  # ids of departments made from a path
UNASSIGNED = "未分配部门"
MAX_CHANGES_LISTED = 200
CARD_TYPES = frozenset("012345")


@dataclass
class Outcome:
    """What a batch did (or, in a dry run, would do)."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0
    deleted: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (row key, reason)
    changes: list[str] = field(default_factory=list)  # words, for the dry run's list

    def note(self, kind: str, words: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if kind != "unchanged" and len(self.changes) < MAX_CHANGES_LISTED:
            self.changes.append(words)

    def refuse(self, key: str, reason: str) -> None:
        self.refused.append((key, reason))

    def counts(self) -> dict[str, int]:
        return {
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "refused": len(self.refused),
        }

    def merge(self, other: Outcome) -> None:
        for name in ("added", "changed", "unchanged", "deleted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.refused.extend(other.refused)
        self.changes.extend(other.changes[: max(0, MAX_CHANGES_LISTED - len(self.changes))])


class Refused(Exception):
    """One row refused: its reason in words."""


def text(value: Any, name: str, limit: int, required: bool = False) -> str:
    """A text cell or field: trimmed, NUL-free, at most `limit` characters."""
    if value is None:
        value = ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Refused(f"{name}: 应为文字")
    words = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        words = str(int(value))  # a spreadsheet's 13800000000.0
    if "\x00" in words:
        raise Refused(f"{name}: 含有无效字符")
    if len(words) > limit:
        raise Refused(f"{name}: 过长（最多 {limit} 个字符）")
    if required and not words:
        raise Refused(f"{name}: 不能为空")
    return words


def number(value: Any, name: str, lo: int, hi: int, default: int) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, bool):
        raise Refused(f"{name}: 应为整数")
    try:
        n = int(str(value).strip().removesuffix(".0")) if not isinstance(value, int) else value
    except ValueError:
        raise Refused(f"{name}: 应为整数") from None
    if not lo <= n <= hi:
        raise Refused(f"{name}: 取值应在 {lo} 到 {hi} 之间")
    return n


def deleted(value: Any) -> bool:
    """A row's status: -1 (or 删除) deletes, anything else keeps it."""
    words = "" if value is None else str(value).strip().lower().removesuffix(".0")
    return words in ("-1", "删除", "deleted", "delete")


def _phone(value: Any) -> str:
    try:
        return v.phone(text(value, "phone", 32))
    except ApiError as exc:
        raise Refused(exc.msg) from None


# ---- departments and hosts ------------------------------------------------------------------------


class Departments:
    """The departments by path, made on demand along a path ("总部/研发中心/平台组")."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_path = {d.path_name or d.name: d for d in session.exec(select(Department)).all()}

    def for_path(self, path: str, outcome: Outcome | None = None) -> Department:
        parts = [p.strip() for p in path.replace("\\", "/").split("/") if p.strip()] or [UNASSIGNED]
        parent: Department | None = None
        for depth in range(1, len(parts) + 1):
            sub = "/".join(parts[:depth])
            dept = self.by_path.get(sub)
            if dept is None:
                dept = Department(
                    id=str(uuid.uuid5(NS, "dept:" + sub)),
                    name=parts[depth - 1],
                    parent_id=parent.id if parent else None,
                    path_name=sub,
                )
                self.session.add(dept)
                self.session.flush()  # PostgreSQL checks a host's department key at its insert
                self.by_path[sub] = dept
                if outcome is not None:
                    outcome.note("added", f"新部门 {sub}")
            parent = dept
        assert parent is not None
        return parent


def department_rows(session: Session, rows: list[tuple[str, dict[str, Any]]], outcome: Outcome) -> None:
    """rows of {path, status}: made when missing; a deleted one must have no hosts left."""
    depts = Departments(session)
    for key, row in rows:
        try:
            path = "/".join(
                p.strip() for p in text(row.get("path"), "部门", 200, True).split("/") if p.strip()
            )
            if deleted(row.get("status")):
                dept = depts.by_path.get(path)
                if dept is None:
                    outcome.note("unchanged", path)
                    continue
                if session.exec(select(Person.person_id).where(Person.organization_id == dept.id)).first():
                    raise Refused(f"部门 {path} 下还有员工，不能删除")
                if session.exec(select(Department.id).where(Department.parent_id == dept.id)).first():
                    raise Refused(f"部门 {path} 下还有子部门，不能删除")
                session.delete(dept)
                del depts.by_path[path]
                outcome.note("deleted", f"删除部门 {path}")
                continue
            if path in depts.by_path:
                outcome.note("unchanged", path)
            else:
                depts.for_path(path, outcome)
        except Refused as exc:
            outcome.refuse(key, str(exc))
    session.flush()


def person_rows(session: Session, rows: list[tuple[str, dict[str, Any]]], outcome: Outcome) -> None:
    """rows of {personId, name, department, phone, cardNo, sex, status}, upserted by personId."""
    ids = [str(r.get("personId") or "").strip() for _k, r in rows]
    existing = (
        {p.person_id: p for p in session.exec(select(Person).where(col(Person.person_id).in_(ids))).all()}
        if ids
        else {}
    )
    depts = Departments(session)
    cards = [normalise_card(str(r.get("cardNo") or "")) for _k, r in rows]
    owners = (
        {
            c: pid
            for c, pid in session.exec(
                select(Person.card_no, Person.person_id).where(
                    col(Person.card_no).in_([c for c in cards if c])
                )
            ).all()
        }
        if any(cards)
        else {}
    )
    now = utcnow()
    seen: set[str] = set()
    for key, row in rows:
        try:
            pid = text(row.get("personId"), "personId", 64, True)
            if pid in seen:
                raise Refused(f"personId {pid} 在本批中重复")
            seen.add(pid)
            person = existing.get(pid)
            if deleted(row.get("status")):
                if person is None:
                    outcome.note("unchanged", pid)
                else:
                    if person.card_no:
                        owners.pop(person.card_no, None)
                    session.delete(person)
                    outcome.note("deleted", f"删除员工 {person.name}（{pid}）")
                continue
            name = text(row.get("name"), "name", 64, True)
            phone = _phone(row.get("phone"))
            card = normalise_card(text(row.get("cardNo"), "cardNo", 32)) or None
            given_sex = row.get("sex")
            if given_sex is None or str(given_sex).strip() == "":
                sex = person.sex if person is not None else ""  # not given: kept
            else:
                sex = str(number(given_sex, "sex", 0, 2, 0))
            path = text(row.get("department"), "department", 200)
            holder = owners.get(card) if card else None
            if card and holder and holder != pid:
                raise Refused(f"卡号 {card} 已属于员工 {holder}")
            dept = depts.for_path(path, outcome)
            values = {
                "name": name,
                "pinyin": initials(name),
                "phone": phone,
                "card_no": card,
                "organization_id": dept.id,
                "sex": sex,
            }
            if person is None:
                person = Person(person_id=pid, update_time=now, **values)
                session.add(person)
                outcome.note("added", f"新员工 {name}（{pid}）")
            else:
                diff = [k for k, value in values.items() if getattr(person, k) != value]
                if not diff:
                    outcome.note("unchanged", pid)
                    continue
                if person.card_no and person.card_no != card:
                    owners.pop(person.card_no, None)
                for k in diff:
                    setattr(person, k, values[k])
                person.update_time = now
                session.add(person)
                outcome.note("changed", f"员工 {name}（{pid}）: {', '.join(diff)}")
            if card:
                owners[card] = pid
        except Refused as exc:
            outcome.refuse(key, str(exc))
    session.flush()


# ---- privilege groups -----------------------------------------------------------------------------


def parse_devices(value: Any) -> list[tuple[str, str]] | None:
    """ "大厅门禁:3,5;一号闸机:2,3" -> [(desc, "3,5"), ...]; None when not given (devices kept)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    out = []
    for part in str(value).replace("；", ";").split(";"):
        if not part.strip():
            continue
        desc, _, types = part.replace("：", ":").partition(":")
        desc = text(desc, "设备", 100, True)
        kinds = [t.strip() for t in (types or "3").replace("，", ",").split(",") if t.strip()]
        if not kinds or not set(kinds) <= CARD_TYPES:
            raise Refused(f"设备 {desc}: 凭证类型应为 0-5 的逗号列表（2 IC卡 3 二维码 4 车牌 5 人脸）")
        out.append((desc, ",".join(dict.fromkeys(kinds))))
    if len(out) > 50:
        raise Refused("设备: 一个权限组最多 50 台")
    return out


def group_rows(
    session: Session, rows: list[tuple[str, dict[str, Any]]], outcome: Outcome, project_id: str = ""
) -> None:
    """rows of {groupId, groupName, isDefault (bool), remark, disorder, devices, status}."""
    now = utcnow()
    seen: set[str] = set()
    for key, row in rows:
        try:
            gid = text(row.get("groupId"), "groupId", 64, True)
            if gid in seen:
                raise Refused(f"groupId {gid} 在本批中重复")
            seen.add(gid)
            group = session.get(PrivilegeGroup, gid)
            if deleted(row.get("status")):
                if group is None:
                    outcome.note("unchanged", gid)
                    continue
                session.exec(delete(AccessDevice).where(col(AccessDevice.privilege_group_id) == gid))
                session.delete(group)
                outcome.note("deleted", f"删除权限组 {group.privilege_group_name}（{gid}）")
                continue
            values = {
                "privilege_group_name": text(row.get("groupName"), "groupName", 100, True),
                "remark": text(row.get("remark"), "remark", 200),
                "is_default": bool(row.get("isDefault")),
                "disorder": number(row.get("disorder"), "disorder", 0, 2_147_483_647, 0),
            }
            if project_id:
                values["project_id"] = project_id
            devices = parse_devices(row.get("devices"))
            if group is None:
                group = PrivilegeGroup(privilege_group_id=gid, create_time=now, update_time=now, **values)
                session.add(group)
                session.flush()
                outcome.note("added", f"新权限组 {values['privilege_group_name']}（{gid}）")
                if devices:
                    _set_devices(session, gid, devices)
                continue
            diff = [k for k, value in values.items() if getattr(group, k) != value]
            device_change = devices is not None and _devices_of(session, gid) != sorted(devices)
            if not diff and not device_change:
                outcome.note("unchanged", gid)
                continue
            for k in diff:
                setattr(group, k, values[k])
            group.update_time = now
            session.add(group)
            if device_change and devices is not None:
                _set_devices(session, gid, devices)
                diff.append("devices")
            outcome.note("changed", f"权限组 {group.privilege_group_name}（{gid}）: {', '.join(diff)}")
        except Refused as exc:
            outcome.refuse(key, str(exc))
    session.flush()


def _devices_of(session: Session, gid: str) -> list[tuple[str, str]]:
    rows = session.exec(
        select(AccessDevice)
        .where(AccessDevice.privilege_group_id == gid)
        .order_by(col(AccessDevice.device_id))
    ).all()
    return sorted((d.device_desc, d.card_types) for d in rows)


def _set_devices(session: Session, gid: str, devices: list[tuple[str, str]]) -> None:
    session.exec(delete(AccessDevice).where(col(AccessDevice.privilege_group_id) == gid))
    for desc, types in sorted(devices):
        device_id = str(uuid.uuid5(NS, f"device:{gid}:{desc}"))
        session.add(
            AccessDevice(device_id=device_id, privilege_group_id=gid, device_desc=desc, card_types=types)
        )


# ---- purposes and the blacklist -------------------------------------------------------------------


def purpose_rows(
    session: Session, rows: list[tuple[str, dict[str, Any]]], outcome: Outcome, project_id: str = ""
) -> None:
    """rows of {purposeDesc, disorder, status}: matched by their words; deleted ones kept as -1
    (visits name their purpose in words, and a purpose added again is restored)."""
    now = utcnow()
    known = {p.purpose_desc: p for p in session.exec(select(Purpose)).all()}
    top = max((p.disorder for p in known.values()), default=0)
    for key, row in rows:
        try:
            desc = " ".join(text(row.get("purposeDesc"), "purposeDesc", 50, True).split())
            gone = deleted(row.get("status"))
            purpose = known.get(desc)
            if gone:
                if purpose is None or purpose.status == EntryStatus.DELETED:
                    outcome.note("unchanged", desc)
                else:
                    purpose.status, purpose.update_time = int(EntryStatus.DELETED), now
                    session.add(purpose)
                    outcome.note("deleted", f"删除来访事由 {desc}")
                continue
            order = row.get("disorder")
            if purpose is None:
                top += 1
                purpose = Purpose(
                    purpose_desc=desc,
                    disorder=number(order, "disorder", 0, 2_147_483_647, top),
                    project_id=project_id,
                    create_time=now,
                    update_time=now,
                )
                session.add(purpose)
                known[desc] = purpose
                outcome.note("added", f"新来访事由 {desc}")
                continue
            wanted = number(order, "disorder", 0, 2_147_483_647, purpose.disorder)
            if purpose.status == EntryStatus.NORMAL and purpose.disorder == wanted:
                outcome.note("unchanged", desc)
                continue
            purpose.status, purpose.disorder, purpose.update_time = int(EntryStatus.NORMAL), wanted, now
            session.add(purpose)
            outcome.note("changed", f"来访事由 {desc}")
        except Refused as exc:
            outcome.refuse(key, str(exc))
    session.flush()


def blacklist_rows(session: Session, rows: list[tuple[str, dict[str, Any]]], outcome: Outcome) -> None:
    """rows of {name, identityId, identityNum, phoneNum, reason, status}: matched by the normalised
    ID number, else the phone; impossible resident ID numbers are refused with the reason."""
    for key, row in rows:
        try:
            name = text(row.get("name"), "name", 64)
            try:
                kind, num = v.identity(
                    text(row.get("identityId"), "identityId", 8) or None,
                    text(row.get("identityNum"), "identityNum", 32),
                )
            except ApiError as exc:
                raise Refused(exc.msg) from None
            phone = _phone(row.get("phoneNum"))
            if not num and not phone:
                raise Refused("证件号码和手机号至少填写一个")
            reason = text(row.get("reason"), "reason", 200)
            match = Blacklist.identity_num == num if num else Blacklist.phone_num == phone
            entry = session.exec(select(Blacklist).where(match)).first()
            if deleted(row.get("status")):
                if entry is None:
                    outcome.note("unchanged", num or phone)
                else:
                    session.delete(entry)
                    outcome.note("deleted", f"移出黑名单 {entry.name}")
                continue
            values = {
                "name": name,
                "identity_id": kind,
                "identity_num": num,
                "phone_num": phone,
                "reason": reason,
            }
            if entry is None:
                session.add(Blacklist(**values))
                outcome.note("added", f"加入黑名单 {name or phone}")
                continue
            diff = [k for k, value in values.items() if getattr(entry, k) != value]
            if not diff:
                outcome.note("unchanged", num or phone)
                continue
            for k in diff:
                setattr(entry, k, values[k])
            session.add(entry)
            outcome.note("changed", f"黑名单 {name or phone}: {', '.join(diff)}")
        except Refused as exc:
            outcome.refuse(key, str(exc))
    session.flush()


# ---- the visitor field configuration (field/sync) --------------------------------------------------

SHOW_TYPES = frozenset({1, 2, 3, 6})
EXTRA_KEYS = (
    "defaultValue",
    "hint",
    "maxLength",
    "overseas",
    "placeholder",
    "tips",
    "fieldProperties",
    "customOption",
)
PURPOSE_KEYS = frozenset({"purpose", "visitorPurpose"})


def options_of(data_value: Any, custom_option: Any) -> list[dict[str, Any]]:
    """A select's options as the kiosk reads them ([{text, value, selected}]) from dataValue (JSON
    text of such objects, of words, or "a,b") or, without it, customOption."""
    raw = data_value if data_value not in (None, "") else custom_option
    if raw in (None, ""):
        return []
    items: Any = raw
    if isinstance(raw, str):
        words = raw.strip()
        if words.startswith("["):
            try:
                items = json.loads(words)
            except ValueError:
                raise Refused("dataValue: 不是合法的 JSON 数组") from None
        else:
            items = [w for w in words.replace("，", ",").split(",") if w.strip()]
    if not isinstance(items, list):
        raise Refused("dataValue: 应为数组")
    if len(items) > 200:
        raise Refused("dataValue: 选项最多 200 个")
    out: list[dict[str, Any]] = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, dict):
            label = text(item.get("text", item.get("label", "")), "dataValue.text", 50, True)
            value = item.get("value", n)
            if isinstance(value, bool) or not isinstance(value, (int, str)):
                value = n
            out.append({"text": label, "value": value, "selected": bool(item.get("selected", False))})
        else:
            out.append({"text": text(item, "dataValue", 50, True), "value": n, "selected": False})
    return out


def _flag(value: Any, default: bool) -> bool:
    """field/sync's flags are inverted: "0" = yes (visible, required, read-only), "1" = no;
    true/false mean what they say; anything else keeps `default`."""
    words = "" if value is None else str(value).strip().lower()
    return {"0": True, "1": False, "true": True, "false": False}.get(words, default)


def field_rows(
    session: Session, rows: list[tuple[str, dict[str, Any]]], outcome: Outcome, project_id: str = ""
) -> None:
    """field/sync's FieldInfoDto rows, upserted by paraId (else paraKey). A `purpose` field's
    options also become purposes (added when missing)."""
    seen: set[str] = set()
    for key, row in rows:
        try:
            pid = text(row.get("paraId"), "paraId", 64)
            para_key = text(row.get("paraKey"), "paraKey", 64)
            if not pid and not para_key:
                raise Refused("paraId 与 paraKey 至少填写一个")
            ident = pid or para_key
            if ident in seen:
                raise Refused(f"字段 {ident} 在本批中重复")
            seen.add(ident)
            found = session.get(VisitorField, pid) if pid else None
            if found is None and para_key:
                found = session.exec(select(VisitorField).where(VisitorField.para_key == para_key)).first()
            if deleted(row.get("status")):
                if found is None:
                    outcome.note("unchanged", ident)
                else:
                    session.delete(found)
                    outcome.note("deleted", f"删除字段 {found.para_name}（{found.para_key}）")
                continue
            if not para_key and found is None:
                raise Refused("新字段需要 paraKey")
            show = number(row.get("showType"), "showType", 1, 6, found.show_type if found else 1)
            if show not in SHOW_TYPES:
                raise Refused("showType: 应为 1 输入框、2 下拉框、3 日期、6 图片")
            options = options_of(row.get("dataValue"), row.get("customOption"))
            regular = text(row.get("regular"), "regular", 200)
            extra = {k: row.get(k) for k in EXTRA_KEYS if row.get(k) not in (None, "")}
            for k, value in extra.items():
                extra[k] = (
                    value
                    if isinstance(value, (int, float)) and not isinstance(value, bool)
                    else text(value, k, 500)
                )
            values: dict[str, Any] = {
                "para_key": para_key or (found.para_key if found else ""),
                "para_name": text(row.get("paraName"), "paraName", 64, found is None)
                or (found.para_name if found else ""),
                "show_type": show,
                "field_type": text(row.get("fieldType"), "fieldType", 32)
                or (found.field_type if found else "String"),
                "required": _flag(row.get("required"), found.required if found else False),
                "read_only": _flag(row.get("readOnly"), found.read_only if found else False),
                "display": _flag(row.get("display"), found.display if found else True),
                "regular": regular,
                "dis_order": number(
                    row.get("disorder"), "disorder", 0, 2_147_483_647, found.dis_order if found else 0
                ),
                "data_value": json.dumps(options, ensure_ascii=False)
                if options or show == 2
                else (found.data_value if found else "[]"),
                "extra": json.dumps(extra, ensure_ascii=False, sort_keys=True),
            }
            if project_id:
                values["project_id"] = project_id
            if found is None:
                session.add(VisitorField(para_id=pid or str(uuid.uuid5(NS, "field:" + para_key)), **values))
                outcome.note("added", f"新字段 {values['para_name']}（{values['para_key']}）")
            else:
                diff = [k for k, value in values.items() if getattr(found, k) != value]
                if diff:
                    for k in diff:
                        setattr(found, k, values[k])
                    session.add(found)
                    outcome.note("changed", f"字段 {found.para_name}（{found.para_key}）: {', '.join(diff)}")
                else:
                    outcome.note("unchanged", ident)
            if values["para_key"] in PURPOSE_KEYS and options:
                purpose_rows(
                    session, [(key, {"purposeDesc": o["text"]}) for o in options], Outcome(), project_id
                )
        except Refused as exc:
            outcome.refuse(key, str(exc))
    session.flush()


# ---- site settings: the park notice and the permit template ---------------------------------------


def set_notice(session: Session, status: bool, title: str, content: str, outcome: Outcome) -> None:
    wanted = {"status": "1" if status else "0", "title": title, "content": content}
    current = get_json(session, "noteAdmission", None)
    if current == wanted:
        outcome.note("unchanged", "入园须知")
        return
    put_json(session, "noteAdmission", wanted)
    outcome.note("added" if current is None else "changed", "入园须知")


def notice_fields(row: dict[str, Any]) -> tuple[bool, str, str]:
    status = str(row.get("status", "")).strip().removesuffix(".0")
    if status not in ("0", "1", "开", "关", "是", "否"):
        raise Refused("status: 应为 1（显示）或 0（不显示）")
    return (
        status in ("1", "开", "是"),
        text(row.get("title"), "title", 100),
        text(row.get("content"), "content", 10_000),
    )


PERMIT_TOP = ("title", "endContent", "configStatus", "backPicName", "backPicUrl", "productCode", "projectId")


def set_permit(session: Session, rows: list[tuple[str, dict[str, Any]]], outcome: Outcome) -> None:
    """rows of {key, name, format, value}: the permit's items (keys of the spec's PhItem) in their
    order, and its title and closing words (keys title, endContent, configStatus)."""
    current = get_json(session, "phConfig", None)
    config = dict(DEFAULT_PH_CONFIG)
    if isinstance(current, dict):
        config.update({k: v for k, v in current.items() if k in DEFAULT_PH_CONFIG})
    items = []
    refused = False
    for key, row in rows:
        try:
            item_key = text(row.get("key"), "key", 64, True)
            if item_key in PERMIT_TOP:
                if item_key == "backPicUrl" and text(row.get("value"), "value", 500):
                    raise Refused("backPicUrl: 背景图请用服务端上传的图片（暂不支持外部地址）")
                config[item_key] = text(row.get("value"), "value", 500)
                continue
            if item_key not in PH_KEYS:
                raise Refused(f"key: 未知的通行证项目 {item_key}（可用: {', '.join(PH_KEYS)}）")
            items.append(
                {
                    "key": item_key,
                    "name": text(row.get("name"), "name", 32),
                    "format": text(row.get("format"), "format", 32),
                    "value": text(row.get("value"), "value", 200),
                }
            )
        except Refused as exc:
            outcome.refuse(key, str(exc))
            refused = True
    if refused:
        return  # a template is one thing: half of one is not written
    if items:
        config["phItems"] = items
    if current == config:
        outcome.note("unchanged", "通行证模板")
        return
    put_json(session, "phConfig", config)
    outcome.note("added" if current is None else "changed", "通行证模板")
