"""A site's data from files a site admin makes in a spreadsheet (CSV or XLSX), for sites without
an enterprise platform: employees (hosts), departments, the blacklist, purposes, privilege groups,
the park notice and the permit template; and the export of the same, in the same columns.

`visitorcs-server import employees staff.xlsx --dry-run` lists what would change and every row it
refuses (row number and reason) without writing; without --dry-run the good rows are applied (the
same code, committed: server/services/site_data.py, which the platform's feeds use too). The same
file again changes nothing. An XLSX workbook may hold every kind, one sheet each (`import all`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from server.db import Database
from server.models import AccessDevice, Blacklist, Department, Person, PrivilegeGroup, Purpose
from server.reference.catalog import DEFAULT_PH_CONFIG
from server.reference.common import get_json
from server.services import site_data
from server.services.site_data import Outcome, Refused

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
CHUNK = 1000  # rows per statement batch inside the import's one transaction


@dataclass(frozen=True)
class Kind:
    name: str
    sheet: str  # the sheet's (and the export header's) Chinese name
    columns: tuple[tuple[str, tuple[str, ...]], ...]  # (key, headers accepted; the first is written)
    required: tuple[str, ...]


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "departments",
            "部门",
            (("path", ("部门", "部门路径", "path", "department", "orgName")), ("status", ("状态", "status"))),
            ("path",),
        ),
        Kind(
            "employees",
            "员工",
            (
                ("personId", ("工号", "人员编号", "personId", "personIndexCode")),
                ("name", ("姓名", "name", "personName")),
                ("department", ("部门", "department", "orgName")),
                ("phone", ("手机号", "电话", "phone")),
                ("cardNo", ("卡号", "员工卡号", "cardNo")),
                ("sex", ("性别", "sex")),
                ("status", ("状态", "status")),
            ),
            ("personId", "name"),
        ),
        Kind(
            "blacklist",
            "黑名单",
            (
                ("name", ("姓名", "name")),
                ("identityId", ("证件类型", "identityId")),
                ("identityNum", ("证件号码", "身份证号", "identityNum")),
                ("phoneNum", ("手机号", "phoneNum", "phone")),
                ("reason", ("原因", "reason")),
                ("status", ("状态", "status")),
            ),
            (),
        ),
        Kind(
            "purposes",
            "来访事由",
            (
                ("purposeDesc", ("来访事由", "purposeDesc", "purpose")),
                ("disorder", ("排序", "disorder")),
                ("status", ("状态", "status")),
            ),
            ("purposeDesc",),
        ),
        Kind(
            "groups",
            "权限组",
            (
                ("groupId", ("权限组ID", "groupId")),
                ("groupName", ("权限组名称", "groupName")),
                ("isDefault", ("默认", "isDefault")),
                ("remark", ("备注", "remark")),
                ("disorder", ("排序", "disorder")),
                ("devices", ("设备", "devices")),
                ("status", ("状态", "status")),
            ),
            ("groupId", "groupName"),
        ),
        Kind(
            "notice",
            "入园须知",
            (("status", ("状态", "status")), ("title", ("标题", "title")), ("content", ("内容", "content"))),
            ("status",),
        ),
        Kind(
            "permit",
            "通行证模板",
            (
                ("key", ("项目", "key")),
                ("name", ("名称", "name")),
                ("format", ("格式", "format")),
                ("value", ("值", "value")),
            ),
            ("key",),
        ),
    )
}
ORDER = ("departments", "employees", "groups", "purposes", "blacklist", "notice", "permit")
YES = frozenset({"是", "1", "true", "y", "yes", "默认"})
SEX = {"男": 1, "女": 2, "未知": 0, "m": 1, "f": 2}


@dataclass
class Report:
    kind: str
    outcome: Outcome = field(default_factory=Outcome)
    ignored_columns: list[str] = field(default_factory=list)
    rows: int = 0


class ImportError_(ValueError):
    """The file as a whole cannot be read (not a table, a required column missing, too large)."""


# ---- reading ---------------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers and ids typed as numbers
    return value if isinstance(value, str) else str(value)


def read_csv(path: Path) -> list[list[Any]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on Chinese Windows writes GBK
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportError_("文件编码无法识别（请另存为 UTF-8 CSV）")
    if "\x00" in text:
        raise ImportError_("文件含有 NUL 字符，不是文本表格")
    return list(csv.reader(io.StringIO(text)))


def read_xlsx(path: Path) -> dict[str, list[list[Any]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML or format errors: the file is not a workbook we can read
        raise ImportError_(f"无法读取 XLSX 文件: {exc}") from None
    try:
        sheets: dict[str, list[list[Any]]] = {}
        for sheet in book.worksheets:
            rows = []
            for n, row in enumerate(sheet.iter_rows(values_only=True)):
                if n > MAX_ROWS:
                    raise ImportError_(f"表 {sheet.title} 超过 {MAX_ROWS} 行")
                rows.append([_cell(c) for c in row])
            sheets[sheet.title] = rows
        return sheets
    finally:
        book.close()


def _tables(path: Path) -> dict[str, list[list[Any]]]:
    if not path.is_file():
        raise ImportError_(f"文件不存在: {path}")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ImportError_(f"文件超过 {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path)
    if path.suffix.lower() in (".csv", ".txt"):
        return {"": read_csv(path)}
    raise ImportError_("只支持 .csv 与 .xlsx 文件")


def _rows(kind: Kind, table: list[list[Any]], report: Report) -> list[tuple[str, dict[str, Any]]]:
    """The table's data rows as {key: value}, keyed "第 N 行" (the spreadsheet's row number)."""
    header_at = next((i for i, row in enumerate(table) if any(str(c).strip() for c in row)), None)
    if header_at is None:
        return []
    headers = [str(h).strip() for h in table[header_at]]
    lookup = {alias.lower(): key for key, aliases in kind.columns for alias in aliases}
    keys = [lookup.get(h.lower()) for h in headers]
    report.ignored_columns = [h for h, k in zip(headers, keys, strict=True) if h and k is None]
    missing = [k for k in kind.required if k not in keys]
    if missing:
        names = {key: aliases[0] for key, aliases in kind.columns}
        raise ImportError_(f"{kind.sheet}: 缺少列 {', '.join(names[m] for m in missing)}")
    if len(table) - header_at - 1 > MAX_ROWS:
        raise ImportError_(f"{kind.sheet}: 超过 {MAX_ROWS} 行")
    out = []
    for n, row in enumerate(table[header_at + 1 :], start=header_at + 2):
        if not any(str(c).strip() for c in row):
            continue
        values = {k: _cell(row[i]) if i < len(row) else "" for i, k in enumerate(keys) if k}
        out.append((f"第 {n} 行", values))
    report.rows = len(out)
    return out


# ---- applying --------------------------------------------------------------------------------------


def _employees(
    session: Session, rows: list[tuple[str, dict[str, Any]]], outcome: Outcome, project: str
) -> None:
    for _key, row in rows:
        sex = str(row.get("sex", "")).strip().lower()
        row["sex"] = SEX.get(sex, sex)
    for start in range(0, len(rows), CHUNK):
        site_data.person_rows(session, rows[start : start + CHUNK], outcome)


def _groups(session: Session, rows: list[tuple[str, dict[str, Any]]], outcome: Outcome, project: str) -> None:
    for _key, row in rows:
        row["isDefault"] = str(row.get("isDefault", "")).strip().lower() in YES
    site_data.group_rows(session, rows, outcome, project)


def _notice(session: Session, rows: list[tuple[str, dict[str, Any]]], outcome: Outcome, project: str) -> None:
    if not rows:
        return
    if len(rows) > 1:
        for key, _row in rows[1:]:
            outcome.refuse(key, "入园须知只有一条：只用第一行")
    key, row = rows[0]
    try:
        status, title, content = site_data.notice_fields(row)
    except Refused as exc:
        outcome.refuse(key, str(exc))
        return
    site_data.set_notice(session, status, title, content, outcome)


APPLY: dict[str, Callable[[Session, list[tuple[str, dict[str, Any]]], Outcome, str], None]] = {
    "departments": lambda s, rows, o, p: site_data.department_rows(s, rows, o),
    "employees": _employees,
    "blacklist": lambda s, rows, o, p: site_data.blacklist_rows(s, rows, o),
    "purposes": lambda s, rows, o, p: site_data.purpose_rows(s, rows, o, p),
    "groups": _groups,
    "notice": _notice,
    "permit": lambda s, rows, o, p: site_data.set_permit(s, rows, o),
}


class _DryRun(Exception):
    pass


def import_file(
    db: Database, kind_name: str, path: Path, *, dry_run: bool, project_id: str, strict: bool = False
) -> list[Report]:
    """Import one kind from a CSV or an XLSX sheet (the sheet named for the kind, else the first),
    or every kind an XLSX workbook has a sheet for (`all`). One transaction: a dry run, or a strict
    import with a refused row, rolls it all back."""
    tables = _tables(path)
    jobs: list[tuple[Kind, list[list[Any]]]] = []
    if kind_name == "all":
        for name in ORDER:
            kind = KINDS[name]
            table = tables.get(kind.sheet, tables.get(kind.name))
            if table is not None:
                jobs.append((kind, table))
        if not jobs:
            raise ImportError_(f"工作簿中没有可导入的表（表名: {', '.join(KINDS[n].sheet for n in ORDER)}）")
    else:
        kind = KINDS.get(kind_name)
        if kind is None:
            raise ImportError_(f"未知的数据种类: {kind_name}（可用: {', '.join(ORDER)}, all）")
        table = tables.get(kind.sheet, tables.get(kind.name))
        if table is None:
            table = next(iter(tables.values()), [])
        jobs.append((kind, table))
    reports: list[Report] = []
    prepared = []
    for kind, table in jobs:
        report = Report(kind.name)
        prepared.append((kind, _rows(kind, table, report), report))
        reports.append(report)
    try:
        with db.write() as session:
            for kind, rows, report in prepared:
                APPLY[kind.name](session, rows, report.outcome, project_id)
            if dry_run or (strict and any(r.outcome.refused for r in reports)):
                raise _DryRun
    except _DryRun:
        pass
    return reports


def describe(reports: list[Report], dry_run: bool, applied: bool) -> Iterator[str]:
    """The report an admin reads: counts, what changes, every refused row with its reason."""
    for r in reports:
        o = r.outcome
        verb = "将" if dry_run or not applied else "已"
        yield (
            f"[{KINDS[r.kind].sheet}] {r.rows} 行：{verb}新增 {o.added}，{verb}修改 {o.changed}，"
            f"{verb}删除 {o.deleted}，不变 {o.unchanged}，拒绝 {len(o.refused)}"
        )
        if r.ignored_columns:
            yield f"  忽略的列: {', '.join(r.ignored_columns)}"
        for words in o.changes:
            yield f"  {'~' if dry_run else '*'} {words}"
        for key, reason in o.refused:
            yield f"  ✗ {key}: {reason}"


# ---- exporting -------------------------------------------------------------------------------------


def _export_rows(session: Session, kind: str) -> list[list[Any]]:
    if kind == "departments":
        return [
            [d.path_name or d.name, ""]
            for d in session.exec(select(Department).order_by(col(Department.path_name))).all()
        ]
    if kind == "employees":
        depts = {d.id: d.path_name or d.name for d in session.exec(select(Department)).all()}
        return [
            [
                p.person_id,
                p.name,
                depts.get(p.organization_id, ""),
                p.phone,
                p.card_no or "",
                {"1": "男", "2": "女"}.get(p.sex, ""),
                "",
            ]
            for p in session.exec(select(Person).order_by(col(Person.person_id))).all()
        ]
    if kind == "blacklist":
        return [
            [b.name, b.identity_id, b.identity_num, b.phone_num, b.reason, ""]
            for b in session.exec(
                select(Blacklist).order_by(col(Blacklist.create_time), col(Blacklist.id))
            ).all()
        ]
    if kind == "purposes":
        return [
            [p.purpose_desc, p.disorder, "-1" if p.status else ""]
            for p in session.exec(
                select(Purpose).order_by(col(Purpose.disorder), col(Purpose.purpose_desc))
            ).all()
        ]
    if kind == "groups":
        devices: dict[str, list[str]] = {}
        for d in session.exec(select(AccessDevice).order_by(col(AccessDevice.device_desc))).all():
            devices.setdefault(d.privilege_group_id, []).append(f"{d.device_desc}:{d.card_types}")
        return [
            [
                g.privilege_group_id,
                g.privilege_group_name,
                "是" if g.is_default else "否",
                g.remark,
                g.disorder,
                ";".join(devices.get(g.privilege_group_id, [])),
                "",
            ]
            for g in session.exec(
                select(PrivilegeGroup).order_by(col(PrivilegeGroup.privilege_group_id))
            ).all()
        ]
    if kind == "notice":
        note = get_json(session, "noteAdmission", {}) or {}
        return [[str(note.get("status", "0")), str(note.get("title", "")), str(note.get("content", ""))]]
    if kind == "permit":
        config = get_json(session, "phConfig", None) or DEFAULT_PH_CONFIG
        top = [[k, "", "", str(config.get(k, ""))] for k in ("title", "endContent", "configStatus")]
        items = config.get("phItems") if isinstance(config.get("phItems"), list) else []
        return top + [
            [i.get("key", ""), i.get("name", ""), i.get("format", ""), i.get("value", "")]
            for i in items
            if isinstance(i, dict)
        ]
    raise ImportError_(f"未知的数据种类: {kind}")


def export_file(db: Database, kind_name: str, path: Path) -> dict[str, int]:
    """Write one kind (CSV or XLSX) or every kind (`all`, XLSX: one sheet each); returns rows per kind."""
    names = list(ORDER) if kind_name == "all" else [kind_name]
    for name in names:
        if name not in KINDS:
            raise ImportError_(f"未知的数据种类: {name}（可用: {', '.join(ORDER)}, all）")
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx") or (len(names) > 1 and suffix != ".xlsx"):
        raise ImportError_("导出为 .csv（一种数据）或 .xlsx（可含全部）")
    with db.read() as session:
        tables = {
            n: [[aliases[0] for _k, aliases in KINDS[n].columns], *_export_rows(session, n)] for n in names
        }
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows(tables[names[0]])
    else:
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)
        for name, rows in tables.items():
            sheet = book.create_sheet(KINDS[name].sheet)
            for row in rows:
                sheet.append([str(c) if c is not None else "" for c in row])
        book.save(path)
    return {n: len(rows) - 1 for n, rows in tables.items()}
