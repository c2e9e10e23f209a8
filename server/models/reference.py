"""Reference data the kiosks read: organisation and hosts, purposes, work units,
privilege groups and their access devices, visitor field configuration, blacklist,
and site settings (park notice, permit template, scene config, licence) as JSON values."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlmodel import Field, SQLModel

from server.models._common import new_id, utcnow
from visitorcs.codes import EntryStatus
from visitorcs.identity import normalise_card, normalise_document, normalise_phone


class Department(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True)
    name: str
    parent_id: str | None = Field(default=None, index=True)
    path_name: str = ""  # "总部/研发中心/平台组", shown as beVisitOrgPathName


class Person(SQLModel, table=True):
    """A host (employee) a visitor can come to see."""

    person_id: str = Field(default_factory=new_id, primary_key=True)
    name: str = Field(index=True)
    pinyin: str = Field(default="", index=True)  # initials, e.g. "zs" for 张三
    phone: str = Field(default="", index=True)
    card_no: str | None = Field(default=None, unique=True)  # employee card UID (hex)
    organization_id: str = Field(foreign_key="department.id", index=True)
    face_path: str | None = None  # relative to the data dir
    sex: str = ""  # the platform's 0 unknown, 1 male, 2 female (person/syncPersonInfos)
    open_id: str = ""  # the host's WeChat openId (visitor/second/order/update)
    update_time: datetime | None = None  # last change by a feed or an import


class Purpose(SQLModel, table=True):
    purpose_id: str = Field(default_factory=new_id, primary_key=True)
    purpose_desc: str = Field(unique=True)
    status: int = int(EntryStatus.NORMAL)  # visitorcs.codes.EntryStatus
    disorder: int = 0
    project_id: str = ""
    product_id: str = ""
    create_time: datetime = Field(default_factory=utcnow)
    update_time: datetime = Field(default_factory=utcnow)


class WorkUnit(SQLModel, table=True):
    unit_id: str = Field(default_factory=new_id, primary_key=True)
    unit_desc: str = Field(unique=True)
    project_id: str = ""
    create_time: datetime = Field(default_factory=utcnow)
    update_time: datetime = Field(default_factory=utcnow)


class PrivilegeGroup(SQLModel, table=True):
    privilege_group_id: str = Field(default_factory=new_id, primary_key=True)
    privilege_group_name: str = Field(index=True)
    remark: str = ""
    is_default: bool = False  # the spec encodes it as "0" = default, "1" = not
    project_id: str = ""
    product_id: str = ""
    disorder: int = 0  # the platform's ordering number (privilege/sync), shown by privilege/info
    create_time: datetime | None = None
    update_time: datetime | None = None


class AccessDevice(SQLModel, table=True):
    """An access-control device of a privilege group and the credential types it takes."""

    device_id: str = Field(default_factory=new_id, primary_key=True)
    privilege_group_id: str = Field(foreign_key="privilegegroup.privilege_group_id", index=True)
    device_desc: str
    card_types: str = "3"  # comma list of the spec's cardType codes (2 IC, 3 QR, 5 face ...)


class VisitorField(SQLModel, table=True):
    """One field of the registration form (`visitorInfo/configuration`)."""

    para_id: str = Field(default_factory=new_id, primary_key=True)
    para_key: str  # the RegisterInfo key it fills, e.g. "phoneNum", "customf"
    para_name: str  # label
    show_type: int = 1  # 1 text, 2 select, 3 date-time, 6 picture
    field_type: str = "String"
    required: bool = False
    read_only: bool = False
    display: bool = True
    regular: str = ""  # validation regex, empty = none
    dis_order: int = 0
    data_value: str = "[]"  # JSON list of {"text","value","selected"} for selects
    project_id: str = ""
    # what field/sync sends beyond the kiosk's configuration (hint, tips, maxLength, defaultValue,
    # placeholder, overseas, fieldProperties, customOption), as JSON: kept, and answered again
    extra: str = "{}"


class Blacklist(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True)
    name: str = ""
    identity_id: str = "111"
    identity_num: str = Field(default="", index=True)
    phone_num: str = Field(default="", index=True)
    reason: str = ""
    create_time: datetime = Field(default_factory=utcnow)


@event.listens_for(Blacklist, "before_insert")
@event.listens_for(Blacklist, "before_update")
def _normalise_blacklist(_mapper: Any, _connection: Any, target: Blacklist) -> None:
    """Blacklist entries hold identities in the one form registration stores and screening
    compares (visitorcs.identity), whoever adds them; older rows: migration 0003."""
    target.identity_num = normalise_document(target.identity_id, target.identity_num)
    target.phone_num = normalise_phone(target.phone_num)


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _normalise_person_card(_mapper: Any, _connection: Any, target: Person) -> None:
    if target.card_no:
        target.card_no = normalise_card(target.card_no)


class Setting(SQLModel, table=True):
    """Site settings as JSON values: noteAdmission, phConfig, sceneConfig, licence ..."""

    key: str = Field(primary_key=True)
    value: str = "{}"
