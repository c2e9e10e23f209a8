"""The permit template (phConfig/info) as values, and Java-style date patterns
(yyyy-MM-dd HH:mm:ss, yyyy年MM月dd日)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from visitorcs import masking
from visitorcs.masking import KEYS, Place

log = logging.getLogger(__name__)

# Every phItem key the spec lists, with the VisitorInfo field(s) it shows (first non-empty wins).
FIELD_OF_KEY: dict[str, tuple[str, ...]] = {
    "visitorName": ("name",),
    "visitorPhoneNum": ("phoneNum",),
    "visitorCarNumber": ("carNumber",),
    "visitorIdentityNum": ("identityNum",),
    "visitorPurpose": ("purpose",),
    "visitorWorkUnit": ("visitorWorkUnit",),
    "beVisitorPersonName": ("beVisitPersonName",),
    "beVisitorGroupName": ("beVisitGroupName", "beVisitOrgPathName"),
    "beVisitorPhoneNum": ("beVisitPhoneNum",),
    "startTime": ("startTimeISO", "startTime", "startTimeUTC"),
    "endTime": ("endTimeISO", "endTime", "endTimeUTC"),
    "approvalResult": ("approvalResult",),
    "registerTime": ("registerTimeISO", "registerTime", "registerTimeUTC"),
    "authBarCode": ("qrCode", "barCode"),
}
SPECIAL_KEYS = ("visitorPhoto", "authBarCode", "separator", "blankLine")
TEXT_KEYS = tuple(k for k in FIELD_OF_KEY if k != "authBarCode")
ALL_KEYS = ("visitorPhoto", *FIELD_OF_KEY, "separator", "blankLine")
DATE_KEYS = ("startTime", "endTime", "registerTime")

# Labels when the template gives no name (the spec says photo/QR/separator/blank have none).
DEFAULT_NAMES: dict[str, str] = {
    "visitorName": "姓名",
    "visitorPhoneNum": "手机号码",
    "visitorCarNumber": "车牌号",
    "visitorIdentityNum": "证件号码",
    "visitorPurpose": "来访事由",
    "visitorWorkUnit": "来访单位",
    "beVisitorPersonName": "被访人",
    "beVisitorGroupName": "被访部门",
    "beVisitorPhoneNum": "被访人电话",
    "startTime": "开始时间",
    "endTime": "结束时间",
    "approvalResult": "审批状态",
    "registerTime": "登记时间",
}


# The English beside the Chinese on a bilingual permit (foreign visitors, guards who read either).
ENGLISH_NAMES: dict[str, str] = {
    "visitorName": "Name",
    "visitorPhoneNum": "Phone",
    "visitorCarNumber": "Car",
    "visitorIdentityNum": "ID No.",
    "visitorPurpose": "Purpose",
    "visitorWorkUnit": "Company",
    "beVisitorPersonName": "Host",
    "beVisitorGroupName": "Department",
    "beVisitorPhoneNum": "Host phone",
    "startTime": "From",
    "endTime": "Until",
    "approvalResult": "Approval",
    "registerTime": "Registered",
}
ENGLISH_TITLE = "Visitor Pass"
ENGLISH_END = "Keep this pass with you and scan it at the kiosk when you leave."


@dataclass(frozen=True)
class PhItem:
    key: str
    name: str = ""
    format: str = ""

    @property
    def label(self) -> str:
        return self.name or DEFAULT_NAMES.get(self.key, "")

    def label_in(self, bilingual: bool) -> str:
        """The label, with its English after it on a bilingual permit."""
        english = ENGLISH_NAMES.get(self.key, "") if bilingual else ""
        return f"{self.label} {english}" if english and english not in self.label else self.label


@dataclass(frozen=True)
class PermitTemplate:
    title: str = "访客通行证"
    items: tuple[PhItem, ...] = ()
    end_content: str = ""
    background: bytes | None = None  # image bytes, fetched from backPicUrl by the caller
    config_id: str = ""
    enabled: bool = True  # configStatus "open"; "close": the kiosk prints DEFAULT_TEMPLATE

    @classmethod
    def from_api(cls, data: Mapping[str, Any] | None, background: bytes | None = None) -> PermitTemplate:
        """From phConfig/info `data`. phItems may be a list or, as the spec's example shows, a JSON string."""
        if not data:
            return DEFAULT_TEMPLATE
        raw = data.get("phItems") or []
        if isinstance(raw, str):
            try:
                raw = json.loads(raw) if raw.strip() else []
            except ValueError:
                log.warning("phItems is not JSON; using no items")
                raw = []
        items = []
        for entry in raw if isinstance(raw, list) else []:
            if isinstance(entry, Mapping) and entry.get("key"):
                items.append(
                    PhItem(str(entry["key"]), str(entry.get("name") or ""), str(entry.get("format") or ""))
                )
            elif isinstance(entry, str):
                items.append(PhItem(entry))
        unknown = [i.key for i in items if i.key not in ALL_KEYS]
        if unknown:
            log.warning("permit template has unknown keys %s; they are skipped", unknown)
        return cls(
            title=str(data.get("title") or "访客通行证"),
            items=tuple(items),
            end_content=str(data.get("endContent") or ""),
            background=background,
            config_id=str(data.get("phConfigId") or ""),
            enabled=str(data.get("configStatus") or "open").lower() != "close",
        )


DEFAULT_TEMPLATE = PermitTemplate(
    title="访客通行证",
    items=(
        PhItem("visitorPhoto"),
        PhItem("visitorName"),
        PhItem("visitorPhoneNum"),
        PhItem("visitorWorkUnit"),
        PhItem("beVisitorPersonName"),
        PhItem("beVisitorGroupName"),
        PhItem("visitorPurpose"),
        PhItem("startTime", format="yyyy-MM-dd HH:mm"),
        PhItem("endTime", format="yyyy-MM-dd HH:mm"),
        PhItem("separator"),
        PhItem("authBarCode"),
        PhItem("blankLine"),
    ),
    end_content="请随身携带本通行证，离开时在访客机扫码签离",
)

# -- dates ----------------------------------------------------------------------------------------

_TOKEN = re.compile(r"'[^']*'|yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|a|E+")


def parse_time(value: Any) -> dt.datetime | None:
    """ISO 8601 (with or without offset), 'yyyy-MM-dd HH:mm:ss', or epoch milliseconds (the *UTC fields)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    text = str(value).strip()
    if text.isdigit() and len(text) >= 10:
        seconds = int(text) / (1000 if len(text) >= 13 else 1)
        return dt.datetime.fromtimestamp(seconds, dt.UTC).astimezone()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def format_java_date(when: dt.datetime, pattern: str) -> str:
    """A SimpleDateFormat subset: yyyy yy MM M dd d HH H hh h mm m ss s SSS a E, and 'quoted' literals."""
    weekdays = "一二三四五六日"

    def one(m: re.Match[str]) -> str:
        t = m.group(0)
        if t.startswith("'"):
            return t[1:-1] or "'"
        hour12 = when.hour % 12 or 12
        table = {
            "yyyy": f"{when.year:04d}",
            "yy": f"{when.year % 100:02d}",
            "MM": f"{when.month:02d}",
            "M": str(when.month),
            "dd": f"{when.day:02d}",
            "d": str(when.day),
            "HH": f"{when.hour:02d}",
            "H": str(when.hour),
            "hh": f"{hour12:02d}",
            "h": str(hour12),
            "mm": f"{when.minute:02d}",
            "m": str(when.minute),
            "ss": f"{when.second:02d}",
            "s": str(when.second),
            "SSS": f"{when.microsecond // 1000:03d}",
            "a": "上午" if when.hour < 12 else "下午",
        }
        if t.startswith("E"):
            return "星期" + weekdays[when.weekday()]
        return table[t]

    return _TOKEN.sub(one, pattern)


def format_value(
    item: PhItem, visit: Mapping[str, Any], *, mask: bool = True, tz: dt.tzinfo | None = None
) -> str:
    """The text an item shows for a visit ('' when the visit has no value)."""
    raw: Any = ""
    for name in FIELD_OF_KEY.get(item.key, ()):
        if visit.get(name) not in (None, ""):
            raw = visit[name]
            break
    if raw in (None, ""):
        return ""
    if item.key in DATE_KEYS:
        when = parse_time(raw)
        if when is None:
            return str(raw)
        if when.tzinfo is not None and tz is not None:  # in the site's zone (None: as written)
            when = when.astimezone(tz)
        return format_java_date(when, item.format or "yyyy-MM-dd HH:mm")
    text = str(raw)
    field = KEYS.get(item.key)
    if mask and field is not None:
        return masking.mask(text, field, Place.PAPER)
    return text


__all__ = [
    "ALL_KEYS",
    "DATE_KEYS",
    "DEFAULT_TEMPLATE",
    "FIELD_OF_KEY",
    "PermitTemplate",
    "PhItem",
    "SPECIAL_KEYS",
    "TEXT_KEYS",
    "format_java_date",
    "format_value",
    "parse_time",
]
