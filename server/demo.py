"""Demo site data for `visitorcs-server --demo`: departments and hosts (cards, faces),
purposes, units, privilege groups and devices, field configuration, notices, permit
template, scene config, blacklist, licence, an operator and today's appointments.

Idempotent: the site is seeded once (marker Setting "demo.seeded"); today's appointments
are added once per day under ids derived from the date, so restarts never duplicate."""

from __future__ import annotations

import io
import json
import logging
import random
import uuid
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from server import operators
from server.db import Database
from server.demo_login import DEMO_OPERATOR
from server.models import (
    AccessDevice,
    Blacklist,
    Department,
    Person,
    Picture,
    PrivilegeGroup,
    Purpose,
    Setting,
    Visit,
    VisitorField,
    WorkUnit,
)
from server.pictures import write_file
from server.reference.catalog import DEFAULT_PH_CONFIG
from server.reference.common import put_json
from server.services.pinyin import initials
from server.settings import Settings
from visitorcs.codes import VisitStatus

log = logging.getLogger(__name__)

MARKER = "demo.seeded"
NS = uuid.UUID("6f1c2a8e-5b7d-4c1e-9a3f-2d4b6c8e0a11")  # stable ids: uuid5(NS, name)

EMPLOYEE_CARD = "04A22B6A"  # the demo's employee card (staff card tap finds 王建国)
FREE_VISITOR_CARD = "04B1C2D3"  # kept unassigned: the kiosk demo hands it out as a visitor card
BLACKLIST_TEST_NAME = "黑名单测试"
BLACKLIST_TEST_ID = "110105199001011232"  # valid GB 11643 check digit
BLACKLIST_TEST_PHONE = "13900000000"

DEPARTMENTS = [
    "总部",
    "总部/行政部",
    "总部/研发中心",
    "总部/研发中心/平台组",
    "总部/研发中心/硬件组",
    "总部/生产部",
    "总部/财务部",
    "总部/市场部",
]
HOSTS: list[tuple[str, str]] = [
    ("王建国", "总部/行政部"),
    ("李娜", "总部/行政部"),
    ("张伟", "总部/研发中心/平台组"),
    ("刘洋", "总部/研发中心/平台组"),
    ("陈静", "总部/研发中心/平台组"),
    ("杨磊", "总部/研发中心/平台组"),
    ("赵敏", "总部/研发中心/硬件组"),
    ("黄勇", "总部/研发中心/硬件组"),
    ("周婷", "总部/研发中心/硬件组"),
    ("吴刚", "总部/研发中心/硬件组"),
    ("徐丽", "总部/生产部"),
    ("孙强", "总部/生产部"),
    ("胡军", "总部/生产部"),
    ("朱红", "总部/生产部"),
    ("高峰", "总部/生产部"),
    ("林芳", "总部/财务部"),
    ("何平", "总部/财务部"),
    ("郭涛", "总部/财务部"),
    ("马超", "总部/市场部"),
    ("罗霞", "总部/市场部"),
    ("梁斌", "总部/市场部"),
    ("宋佳", "总部/市场部"),
    ("郑凯", "总部/研发中心"),
    ("谢琳", "总部/研发中心"),
    ("韩冰", "总部/行政部"),
    ("唐亮", "总部/生产部"),
    ("冯雪", "总部/财务部"),
    ("于洋", "总部/研发中心/平台组"),
    ("董华", "总部/研发中心/硬件组"),
    ("萧然", "总部"),
]
PURPOSES = ["参观", "面试", "商务洽谈", "送货", "维修", "会议"]
UNITS = [
    "杭州海纳科技有限公司",
    "上海启明物流有限公司",
    "宁波华越电子有限公司",
    "苏州联创设备维修服务部",
    "北京博远咨询有限公司",
    "个人",
]
GROUPS: list[dict[str, Any]] = [
    {
        "name": "访客基本权限组",
        "remark": "访客仅可进入大厅与会客区",
        "default": True,
        "devices": [("大厅门禁一体机", "3,5"), ("一号闸机", "2,3,5")],
    },
    {
        "name": "研发楼访客权限组",
        "remark": "研发中心三楼会议室，需被访人陪同",
        "default": False,
        "devices": [("研发楼门禁一体机", "2,3,5"), ("二号闸机", "2,3")],
    },
    {
        "name": "车辆访客权限组",
        "remark": "送货与维修车辆，地下车库",
        "default": False,
        "devices": [("一号闸机", "2,3,5"), ("地下车库道闸(离线)", "4")],
    },
]
FIELDS: list[dict[str, Any]] = [
    {"key": "name", "name": "姓名", "show": 1, "required": True},
    {"key": "sex", "name": "性别", "show": 2, "options": ["男", "女"]},
    {"key": "identityNum", "name": "证件号码", "show": 1, "regular": r"^[0-9A-Za-z]{6,20}$"},
    {"key": "phoneNum", "name": "手机号", "show": 1, "required": True, "regular": r"^1[3-9]\d{9}$"},
    {"key": "carNumber", "name": "车牌号", "show": 1},
    {"key": "visitorWorkUnit", "name": "来访单位", "show": 1},
    {"key": "purpose", "name": "来访事由", "show": 1, "required": True},
    {
        "key": "personNum",
        "name": "来访人数",
        "show": 1,
        "field_type": "Integer",
        "regular": r"^[1-9]\d{0,2}$",
    },
    {"key": "endTimeISO", "name": "预计离开时间", "show": 3, "field_type": "Date"},
    {"key": "visitorPhoto", "name": "访客照片", "show": 6},
    {"key": "customf", "name": "随身物品", "show": 1},
    {"key": "customg", "name": "访客类型", "show": 2, "options": ["贵宾", "普通", "供应商"]},
]
NOTE = {
    "status": "1",
    "title": "示例科技园入园须知",
    "content": "1. 请佩戴访客证，在被访人陪同下进入办公区域。\n2. 园区内禁止吸烟，请勿拍照。\n"
    "3. 离开时请在访客机签离并交回访客卡。",
}
SCENE = [
    {"paramName": "autoSignOut", "content": "0", "subContent": ""},
    {"paramName": "isSmsForVisitor", "content": "0", "subContent": ""},
]


def _id(name: str) -> str:
    return str(uuid.uuid5(NS, name))


def identity_check_digit(first17: str) -> str:
    """GB 11643-1999 check character of a resident ID number."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return "10X98765432"[total % 11]


def seed_if_empty(db: Database, settings: Settings) -> None:
    """Seed a realistic demo site on first start; later starts keep what is there."""
    with db.read() as s:
        seeded = s.get(Setting, MARKER) is not None
    try:
        if not seeded:
            _seed_site(db, settings)
        _seed_today(db, settings)
    except IntegrityError:
        # Several instances starting together on one PostgreSQL: the first one seeds,
        # the others' identical rows collide on the stable ids and roll back.
        log.info("demo data was seeded by another instance meanwhile")


def _seed_site(db: Database, settings: Settings) -> None:
    rng = random.Random(20261128)
    faces = _write_host_faces(settings.data_dir, count=6)
    today = datetime.now(settings.timezone).date()
    with db.write() as s:
        if s.get(Setting, MARKER) is not None:  # another instance seeded meanwhile
            return
        dept_ids: dict[str, str] = {}
        for path in DEPARTMENTS:
            parent, _, name = path.rpartition("/")
            dept_ids[path] = _id("dept:" + path)
            s.add(Department(id=dept_ids[path], name=name, parent_id=dept_ids.get(parent), path_name=path))
        s.flush()  # PostgreSQL checks the host -> department foreign key at insert
        for i, (name, dept) in enumerate(HOSTS):
            card = EMPLOYEE_CARD if i == 0 else f"{rng.getrandbits(32):08X}"
            if card == FREE_VISITOR_CARD:
                card = f"{rng.getrandbits(32):08X}"
            person_id = _id("host:" + name)
            face_path = None
            if i < len(faces):
                face_id, rel = faces[i]
                s.add(Picture(face_id=face_id, path=rel, score=100, level="高", uploader_mac="demo"))
                face_path = rel
            s.add(
                Person(
                    person_id=person_id,
                    name=name,
                    pinyin=initials(name),
                    phone=f"1380013{i:04d}",
                    card_no=card,
                    organization_id=dept_ids[dept],
                    face_path=face_path,
                )
            )
        for i, desc in enumerate(PURPOSES):
            s.add(Purpose(purpose_id=_id("purpose:" + desc), purpose_desc=desc, disorder=i + 1))
        for desc in UNITS:
            s.add(WorkUnit(unit_id=_id("unit:" + desc), unit_desc=desc))
        for g in GROUPS:
            gid = _id("group:" + g["name"])
            s.add(
                PrivilegeGroup(
                    privilege_group_id=gid,
                    privilege_group_name=g["name"],
                    remark=g["remark"],
                    is_default=g["default"],
                )
            )
            s.flush()
            for desc, types in g["devices"]:
                s.add(
                    AccessDevice(
                        device_id=_id(f"device:{g['name']}:{desc}"),
                        privilege_group_id=gid,
                        device_desc=desc,
                        card_types=types,
                    )
                )
        for order, f in enumerate(FIELDS, start=1):
            options = [
                {"text": t, "value": n, "selected": n == 1} for n, t in enumerate(f.get("options", []), 1)
            ]
            s.add(
                VisitorField(
                    para_id=_id("field:" + f["key"]),
                    para_key=f["key"],
                    para_name=f["name"],
                    show_type=f["show"],
                    field_type=f.get("field_type", "String"),
                    required=f.get("required", False),
                    regular=f.get("regular", ""),
                    dis_order=order,
                    data_value=json.dumps(options, ensure_ascii=False),
                )
            )
        _blacklist(s, rng)
        put_json(s, "noteAdmission", NOTE)
        put_json(
            s,
            "phConfig",
            dict(
                DEFAULT_PH_CONFIG,
                title="示例科技园访客通行证",
                phConfigId=_id("phConfig"),
                endContent="欢迎来到示例科技园，离开时请交回访客卡",
            ),
        )
        put_json(s, "sceneConfig", SCENE)
        put_json(s, "licence", {"maxKiosks": 5, "expires": (today + timedelta(days=365)).isoformat()})
        if s.get(Setting, "site") is None:  # the demo's own site (server/site_setup.py); zone as started
            put_json(s, "site", {"name": "示例科技园", "projectId": "default", "productId": ""})
        put_json(s, MARKER, {"at": datetime.now(UTC).isoformat()})
    operators.add(db, DEMO_OPERATOR[0], DEMO_OPERATOR[1], display_name="演示管理员")
    log.warning(
        "DEMO data seeded: operator %r has the published password %r — demo only, change it "
        "(visitorcs-server operator add --name admin --password ...) before real use",
        DEMO_OPERATOR[0],
        DEMO_OPERATOR[1],
    )


def _blacklist(s: Session, rng: random.Random) -> None:
    people = [(BLACKLIST_TEST_NAME, BLACKLIST_TEST_ID, BLACKLIST_TEST_PHONE, "演示用黑名单人员")]
    others = (("钱某", "330106", "19850317"), ("孙某", "320102", "19791102"), ("周某", "440305", "19920620"))
    for name, area, born in others:
        first17 = f"{area}{born}{rng.randint(100, 999)}"
        people.append(
            (
                name,
                first17 + identity_check_digit(first17),
                f"137{rng.randint(10000000, 99999999)}",
                "曾多次违反园区安全规定",
            )
        )
    for name, num, phone, reason in people:
        s.add(Blacklist(id=_id("black:" + num), name=name, identity_num=num, phone_num=phone, reason=reason))


def _seed_today(db: Database, settings: Settings) -> None:
    """Today's appointments in every state a front desk meets, once per day."""
    tz = settings.timezone
    today = datetime.now(tz).date()
    first_id = _id(f"appt:{today.isoformat()}:0")
    with db.read() as s:
        if s.get(Visit, first_id) is not None or s.get(Setting, MARKER) is None:
            return
        hosts = {p.name: p for p in s.exec(select(Person)).all()}
        depts = {d.id: d for d in s.exec(select(Department)).all()}
    sign = _qr_signer(settings.data_dir)

    def at(hour: int, minute: int = 0) -> datetime:
        return datetime.combine(today, time(hour, minute), tz).astimezone(UTC)

    # (name, host, status, approval, start, end, extra)
    plan: list[tuple[str, str, VisitStatus, str, datetime, datetime, dict[str, Any]]] = [
        (
            "赵子龙",
            "王建国",
            VisitStatus.VALID,
            "审批通过",
            at(8),
            at(20),
            {"purpose": "商务洽谈", "car_number": "浙A12345"},
        ),
        ("钱多多", "张伟", VisitStatus.VALID, "审批通过", at(9), at(18), {"purpose": "面试"}),
        (
            "孙悦",
            "赵敏",
            VisitStatus.ARRIVED,
            "审批通过",
            at(8),
            at(18),
            {"purpose": "会议", "register_time": at(9, 5)},
        ),
        (
            "李明",
            "徐丽",
            VisitStatus.SIGNED_OUT,
            "审批通过",
            at(7),
            at(12),
            {"purpose": "送货", "register_time": at(7, 30), "real_end_time": at(8, 10)},
        ),
        ("周杰", "马超", VisitStatus.EXPIRED, "审批通过", at(6), at(8), {"purpose": "维修"}),
        ("吴倩", "林芳", VisitStatus.APPROVING, "审批中", at(13), at(17), {"purpose": "参观"}),
    ]
    with db.write() as s:
        if s.get(Visit, first_id) is not None:
            return
        for i, (name, host_name, status, approval, start, end, extra) in enumerate(plan):
            order_id = _id(f"appt:{today.isoformat()}:{i}")
            host = hosts.get(host_name)
            phone = f"1860571{i:04d}"
            first17 = f"330106199{i}0{i + 1}0{i + 1}{i + 1:02d}{i}"
            visit = Visit(
                order_id=order_id,
                register_type=2,
                status=int(status),
                approval_result=approval,
                name=name,
                pinyin=initials(name),
                identity_num=first17 + identity_check_digit(first17),
                phone_num=phone,
                phone_last4=phone[-4:],
                visitor_work_unit=UNITS[i % len(UNITS)],
                be_visit_person_id=host.person_id if host else "",
                receptionist_org_code=host.organization_id if host else "",
                privilege_group_ids=_id("group:访客基本权限组"),
                visitor_code=f"{_code(order_id)}",
                start_time=start,
                end_time=end,
                register_place="预约",
                **extra,
            )
            dept = depts.get(host.organization_id) if host else None
            # The visit carries its host's names (the visits service denormalises them the same way).
            for attr, value in (
                ("be_visit_person_name", host.name if host else ""),
                ("be_visit_phone_num", host.phone if host else ""),
                ("be_visit_group_id", dept.id if dept else ""),
                ("be_visit_group_name", dept.name if dept else ""),
                ("be_visit_org_path_name", dept.path_name if dept else ""),
                ("visit_day", today.isoformat()),
                ("sort_time", extra.get("register_time") or start),
            ):
                if hasattr(visit, attr):
                    setattr(visit, attr, value)
            if status in (VisitStatus.VALID, VisitStatus.ARRIVED):
                visit.qr_code = sign(order_id, end)
            s.add(visit)
    log.info("demo: %d appointments for %s", len(plan), today)


def _code(order_id: str) -> str:
    return f"{uuid.UUID(order_id).int % 1_000_000:06d}"


def _qr_signer(data_dir: Path):  # type: ignore[no-untyped-def]
    """Signs the demo appointments' QR codes with the site's key."""
    from server.keys import load_or_create_qr_key
    from visitorcs import qrtoken

    key = load_or_create_qr_key(data_dir)
    return lambda order_id, until: qrtoken.encode(key, order_id, until)


def _write_host_faces(data_dir: Path, count: int) -> list[tuple[str, str]]:
    """Simple drawn portraits for the first hosts (pictures/<faceId>.jpg, stable ids)."""
    out = []
    rng = random.Random(7)
    for i in range(count):
        face_id = _id(f"face:{i}")
        rel = f"pictures/{face_id}.jpg"
        if not (data_dir / rel).exists():
            write_file(data_dir / rel, _portrait(rng))
        out.append((face_id, rel))
    return out


def _portrait(rng: random.Random) -> bytes:
    """A 200x240 drawn head and shoulders (Pillow; colours RGB) as a JPEG."""
    img = Image.new("RGB", (200, 240), (220, 228, 235))
    draw = ImageDraw.Draw(img)
    skin = (rng.randint(190, 229), rng.randint(150, 189), rng.randint(120, 159))
    hair = (rng.randint(10, 59), rng.randint(10, 59), rng.randint(10, 59))

    def box(cx: int, cy: int, rx: int, ry: int) -> tuple[int, int, int, int]:  # centre and half-axes
        return (cx - rx, cy - ry, cx + rx, cy + ry)

    draw.pieslice(box(100, 240, 90, 60), 180, 360, fill=(50, 70, 90))  # shoulders
    draw.pieslice(box(100, 95, 62, 70), 180, 360, fill=hair)  # hair
    draw.ellipse(box(100, 115, 52, 66), fill=skin)  # face
    for x in (80, 120):
        draw.ellipse(box(x, 105, 9, 5), fill=(250, 250, 250))
        draw.ellipse(box(x, 105, 4, 4), fill=(20, 30, 40))
        draw.line([(x - 10, 94), (x + 10, 94)], fill=hair, width=3)
    draw.line([(100, 110), (96, 132)], fill=tuple(int(c * 0.75) for c in skin), width=2)
    draw.arc(box(100, 150, 16, 6), 0, 180, fill=(150, 60, 60), width=3)  # mouth
    out = io.BytesIO()
    img.save(out, "JPEG", quality=88)
    return out.getvalue()
