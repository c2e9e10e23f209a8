"""Hosts (employees) and the blacklist: card look-up, fuzzy search, face, blacklist
paging and the blacklist judgement of one visitor."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from server.db import Database
from server.envelope import ApiError
from server.models import Blacklist, Department, Person
from server.reference.common import page_window
from visitorcs.masking import Field, Place, mask

SEARCH_LIMIT = 200  # the spec: 最多返回200人


def normalise_card(card_no: str) -> str:
    """Card UIDs arrive as "04a22b6a", "04:A2:2B:6A" or with spaces; stored upper hex."""
    return re.sub(r"[\s:\-]", "", card_no or "").upper()


def _org(session: Session, org_id: str) -> Department | None:
    return session.get(Department, org_id) if org_id else None


def person_dto(session: Session, p: Person, masked: bool = False) -> dict[str, str]:
    org = _org(session, p.organization_id)
    return {
        "name": p.name,
        "orgPathName": org.path_name if org else "",
        "organizationId": p.organization_id,
        "organizationName": org.name if org else "",
        "personId": p.person_id,
        "phone": mask(p.phone, Field.PHONE, Place.PUBLIC) if masked else p.phone,
    }


def by_card(db: Database, card_no: str) -> dict[str, str]:
    card = normalise_card(card_no)
    if not card or len(card) > 32:
        raise ApiError(400, "cardNo: 卡号格式错误")
    with db.read() as s:
        person = s.exec(select(Person).where(Person.card_no == card)).first()
        if person is None:
            raise ApiError(404, f"未找到卡号 {card} 对应的员工")
        return person_dto(s, person)


def search(db: Database, query: str | None) -> list[dict[str, str]]:
    """Fuzzy name / pinyin initials / phone search; an empty query finds nobody (the spec)."""
    text = (query or "").strip()
    if not text:
        return []
    if len(text) > 50:
        raise ApiError(400, "queryInfo: 不能超过 50 个字")
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = f"%{escaped}%"
    conditions = [
        col(Person.name).like(like, escape="\\"),
        col(Person.pinyin).like(f"{escaped.lower()}%", escape="\\"),
    ]
    if text.isdigit() and len(text) >= 3:  # fewer digits would match half the company
        conditions.append(col(Person.phone).like(like, escape="\\"))
    with db.read() as s:
        rows = s.exec(
            select(Person)
            .where(or_(*conditions))
            .order_by(col(Person.pinyin), col(Person.name))
            .limit(SEARCH_LIMIT)
        ).all()
        # Shown on the visitor-facing screen: never the host's full phone number.
        return [person_dto(s, p, masked=True) for p in rows]


def face_of(db: Database, person_id: str | None, org_code: str | None) -> tuple[dict[str, str], str | None]:
    """The host and the face_id of their picture (None when they have none)."""
    if not person_id or not person_id.strip():
        raise ApiError(400, "personId: 缺少必填参数")
    with db.read() as s:
        person = s.get(Person, person_id.strip())
        if person is None or (org_code and org_code.strip() and person.organization_id != org_code.strip()):
            raise ApiError(404, f"未找到被访人: {person_id}")
        dto = person_dto(s, person)
    face_id = None
    if person.face_path:
        # Host faces are stored like uploads: pictures/<faceId>.jpg
        face_id = person.face_path.rsplit("/", 1)[-1].removesuffix(".jpg")
    return dto, face_id


def blacklist_page(db: Database, page_no: int, page_size: int) -> tuple[list[dict[str, str]], int]:
    offset = page_window(page_no, page_size)
    with db.read() as s:
        total = s.exec(select(func.count()).select_from(Blacklist)).one()
        rows = s.exec(
            select(Blacklist)
            .order_by(col(Blacklist.create_time), col(Blacklist.id))
            .offset(offset)
            .limit(page_size)
        ).all()
    # Kiosks cache this list to screen visitors offline, so the numbers are sent in full.
    items = [
        {"identityId": b.identity_id, "identityNum": b.identity_num, "phoneNum": b.phone_num} for b in rows
    ]
    return items, int(total)


def judge(
    db: Database, identity_id: str | None, identity_num: str | None, phone: str | None
) -> dict[str, Any]:
    num = (identity_num or "").strip().upper()
    tel = (phone or "").strip()
    if not num and not tel:
        raise ApiError(400, "identityNum 和 phoneNum 至少填写一个")
    if len(num) > 32 or len(tel) > 20:
        raise ApiError(400, "证件号码或手机号过长")
    conditions = []
    if num:
        conditions.append(col(Blacklist.identity_num) == num)
    if tel:
        conditions.append(col(Blacklist.phone_num) == tel)
    with db.read() as s:
        hit = s.exec(select(Blacklist).where(or_(*conditions))).first()
    return {
        "identityId": (identity_id or (hit.identity_id if hit else "111") or "111").strip(),
        "identityNum": num,
        "isRefuseRegister": "1" if hit else "0",
        "name": hit.name if hit else "",
        "phoneNum": tel,
    }
