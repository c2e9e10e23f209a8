"""Hosts (employees) and the blacklist: card look-up, fuzzy search, face, blacklist
paging and the blacklist judgement of one visitor."""

from __future__ import annotations

import threading
import weakref
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from server.db import Database
from server.envelope import ApiError
from server.models import Blacklist, Department, Person
from server.reference.common import page_window
from server.services import validation as v
from visitorcs import identity
from visitorcs.masking import Field, Place, mask
from visitorcs.pinyin import pinyin_matches, pinyin_query, syllables

SEARCH_LIMIT = 200  # the spec: 最多返回200人


def normalise_card(card_no: str) -> str:
    """Card UIDs arrive as "04a22b6a", "04:A2:2B:6A", with spaces or in full-width characters;
    stored upper hex (visitorcs.identity.normalise_card, as visitor cards are)."""
    return identity.normalise_card(card_no)


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


# --- pinyin: the rule is the contract's (visitorcs.pinyin), shared with the kiosk's offline search


class _PinyinIndex:
    """Per database: every person's syllables, computed once and again only when the people change
    (count, total name length, the largest id and the last update move), so a search costs one aggregate query and
    a scan of tuples in memory, not a pinyin conversion per person."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._rows: list[tuple[str, tuple[str, ...]]] = []

    def matching(self, s: Session, query: str, limit: int) -> list[str]:
        # the people's last change (feeds and imports stamp update_time) tells a rename apart
        key = tuple(
            s.exec(
                select(
                    func.count(),
                    func.sum(func.length(Person.name)),
                    func.max(Person.person_id),
                    func.max(Person.update_time),
                )
            ).one()
        )
        with self._lock:
            if key != self._key:
                people = s.exec(select(Person.person_id, Person.name)).all()
                self._rows = [(pid, syllables(name)) for pid, name in people]
                self._key = key
            rows = self._rows
        return [pid for pid, sounds in rows if pinyin_matches(query, sounds)][:limit]


_indexes: weakref.WeakKeyDictionary[Database, _PinyinIndex] = weakref.WeakKeyDictionary()
_indexes_lock = threading.Lock()


def _pinyin_index(db: Database) -> _PinyinIndex:
    with _indexes_lock:
        index = _indexes.get(db)
        if index is None:
            index = _indexes[db] = _PinyinIndex()
        return index


def search(db: Database, query: str | None) -> list[dict[str, str]]:
    """Fuzzy name / pinyin (initials, full or mixed) / phone search; an empty query finds nobody
    (the spec). Pinyin lets a kiosk without a Chinese input method find 王建国 by "wjg"."""
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
    spelled = pinyin_query(text)
    with db.read() as s:
        if spelled:
            ids = _pinyin_index(db).matching(s, spelled, SEARCH_LIMIT)
            if ids:
                conditions.append(col(Person.person_id).in_(ids))
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
    """Whether this visitor may register: numbers normalised as registration stores them
    (validation.identity / .phone: visitorcs.identity), then compared with the blacklist's
    (normalised when stored, and by migration 0003 for older rows)."""
    if len(identity_num or "") > 32 or len(phone or "") > 20:
        raise ApiError(400, "证件号码或手机号过长")
    kind, num = v.identity(identity_id, identity_num)
    tel = v.phone(phone)
    if not num and not tel:
        raise ApiError(400, "identityNum 和 phoneNum 至少填写一个")
    conditions = []
    if num:
        conditions.append(col(Blacklist.identity_num) == num)
    if tel:
        conditions.append(col(Blacklist.phone_num) == tel)
    with db.read() as s:
        hit = s.exec(select(Blacklist).where(or_(*conditions))).first()
    return {
        "identityId": kind
        if num
        else ((identity_id or (hit.identity_id if hit else "111") or "111").strip()),
        "identityNum": num,
        "isRefuseRegister": "1" if hit else "0",
        "name": hit.name if hit else "",
        "phoneNum": tel,
    }
