"""Plain values the services hand to the UI: pages, field definitions, screening results."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    page_no: int
    page_size: int
    total: int
    from_cache: bool = False  # read from the offline cache (the server was unreachable)

    @classmethod
    def from_api(cls, data: dict[str, Any] | None, page_no: int, page_size: int) -> Page:
        data = data or {}
        items = list(data.get("list") or [])
        return cls(
            items=items,
            page_no=int(data.get("pageNo") or page_no),
            page_size=int(data.get("pageSize") or page_size),
            total=int(data.get("total") or len(items)),
        )


@dataclass(frozen=True)
class Screening:
    """Outcome of the blacklist check before a registration."""

    refused: bool
    reason: str = ""
    checked: bool = True  # False: the server could not be asked
    offline: bool = False  # answered from the offline cache's copy of the blacklist


def _truthy(value: Any, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "y")


@dataclass(frozen=True)
class Option:
    text: str
    value: str
    selected: bool = False


@dataclass(frozen=True)
class FieldDef:
    """One visitor field of visitorInfo/configuration, as the register form shows it."""

    key: str  # RegisterInfo key (paraName), e.g. "name", "phoneNum", "customf"
    label: str
    show_type: int = 1  # 1 text, 2 select, 3 date-time, 6 picture
    required: bool = False
    display: bool = True
    read_only: bool = False
    regular: str = ""
    order: int = 0
    para_id: str = ""
    options: tuple[Option, ...] = field(default_factory=tuple)

    @property
    def custom(self) -> bool:
        return self.key.startswith("custom")

    @classmethod
    def from_api(cls, raw: dict[str, Any], fallback_key: str = "") -> FieldDef:
        options_raw = raw.get("dataValue") or []
        if isinstance(options_raw, str):
            try:
                options_raw = json.loads(options_raw)
            except ValueError:
                options_raw = [o for o in options_raw.split(",") if o]
        options = []
        for item in options_raw if isinstance(options_raw, list) else []:
            if isinstance(item, dict):
                options.append(
                    Option(
                        str(item.get("text", item.get("value", ""))),
                        str(item.get("value", "")),
                        _truthy(item.get("selected")),
                    )
                )
            else:
                options.append(Option(str(item), str(item)))
        # paraKey is the RegisterInfo key (name, phoneNum, customf ...) and paraName its words;
        # the spec's own example swaps them ("paraName": "name"), so tell them apart by shape.
        para_key, para_name = str(raw.get("paraKey") or ""), str(raw.get("paraName") or "")
        if _IDENT.match(para_key) and para_key != "paraKey":
            key, label = para_key, para_name or FIELD_LABELS.get(para_key, para_key)
        elif _IDENT.match(para_name):
            key, label = para_name, FIELD_LABELS.get(para_name, para_name)
        else:
            key, label = (para_key or para_name or fallback_key), (para_name or para_key)
        try:
            show_type = int(raw.get("showType") or 1)
        except (TypeError, ValueError):
            show_type = 1
        try:
            order = int(raw.get("disOrder") or 0)
        except (TypeError, ValueError):
            order = 0
        return cls(
            key=key,
            label=label,
            show_type=show_type,
            required=_truthy(raw.get("required")),
            display=_truthy(raw.get("display"), True),
            read_only=_truthy(raw.get("readOnly")),
            regular=str(raw.get("regular") or "") if raw.get("regular") not in ("String",) else "",
            order=order,
            para_id=str(raw.get("paraId") or ""),
            options=tuple(options),
        )


# Words for the standard RegisterInfo keys, when the server's configuration gives none.
FIELD_LABELS = {
    "name": "姓名",
    "sex": "性别",
    "phoneNum": "手机号",
    "identityId": "证件类型",
    "identityNum": "证件号码",
    "visitorWorkUnit": "来访单位",
    "purpose": "来访事由",
    "carNumber": "车牌号",
    "personNum": "来访人数",
    "visitorAddress": "住址",
    "certAddr": "证件地址",
    "certIssuer": "发证机关",
    "birthplace": "籍贯",
    "visitorTypeId": "访客类型",
    "visitorPhoto": "访客照片",
    "endTimeISO": "预计离开时间",
    "visitorTemperature": "体温",
    "cardNo": "访客卡号",
}

# Used when the server's configuration is empty or unreachable: the fields every site has.
DEFAULT_FIELDS: tuple[FieldDef, ...] = (
    FieldDef("name", "姓名", 1, required=True, order=1),
    FieldDef("sex", "性别", 2, order=2, options=(Option("男", "1", True), Option("女", "2"))),
    FieldDef("phoneNum", "手机号", 1, required=True, regular=r"^1[3-9]\d{9}$", order=3),
    FieldDef("identityNum", "证件号码", 1, order=4),
    FieldDef("visitorWorkUnit", "来访单位", 1, order=5),
    FieldDef("carNumber", "车牌号", 1, order=6),
    FieldDef("personNum", "来访人数", 1, regular=r"^[1-9]\d{0,2}$", order=7),
)
