"""What a registration looks up besides the blacklist: the visit itself, the host, the privilege
groups, a free visitor code, whether a visitor card is free. The statements are built once: each
request then skips building and cache-keying them, and they return rows, not ORM instances."""

from __future__ import annotations

import random
from collections.abc import Collection
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, text
from sqlalchemy import select as select_rows
from sqlmodel import Session, col, select

from server.envelope import ApiError
from server.models import Department, Person, PrivilegeGroup, Visit
from server.services.visits import VISIT, ints
from visitorcs.codes import APPOINTMENT, ON_SITE, VisitStatus

if TYPE_CHECKING:
    from server.services.offline_context import OfflineStamp

# visits holding a visitor code: it must not be handed out again while they live
LIVE = ints((VisitStatus.APPROVING, *APPOINTMENT, *ON_SITE))

_PERSON = Person.__table__  # type: ignore[attr-defined]
_DEPARTMENT = Department.__table__  # type: ignore[attr-defined]
_GROUP = PrivilegeGroup.__table__  # type: ignore[attr-defined]
_VISIT_KNOWN = select_rows(VISIT.c.order_id).where(VISIT.c.order_id == bindparam("oid"))
_HOST = (
    select_rows(
        _PERSON.c.person_id,
        _PERSON.c.name,
        _PERSON.c.phone,
        _PERSON.c.organization_id,
        _DEPARTMENT.c.name.label("dept_name"),
        _DEPARTMENT.c.path_name,
    )
    .select_from(_PERSON.outerjoin(_DEPARTMENT, _DEPARTMENT.c.id == _PERSON.c.organization_id))
    .where(_PERSON.c.person_id == bindparam("pid"))
)
_GROUPS_FOUND = select_rows(_GROUP.c.privilege_group_id).where(
    _GROUP.c.privilege_group_id.in_(bindparam("ids", expanding=True))
)
_DEFAULT_GROUPS = select_rows(_GROUP.c.privilege_group_id).where(_GROUP.c.is_default.is_(True))
_CODES_HELD = select_rows(VISIT.c.visitor_code, VISIT.c.status).where(
    VISIT.c.visitor_code.in_(bindparam("codes", expanding=True))
)


def find_visit(session: Session, stamp: OfflineStamp | None, order_id: str) -> Visit | None:
    """The visit of `order_id`, or None; an offline batch knows which ones it need not look for."""
    if stamp and stamp.lookups:
        return stamp.lookups.visit(session, order_id)
    if not session.new and session.execute(_VISIT_KNOWN, {"oid": order_id}).first() is None:
        return None  # the usual answer for a new walk-in, without the ORM's get
    return session.get(Visit, order_id)


def apply_host(session: Session, visit: Visit, person_id: str | None) -> None:
    """The host's names, phone and department copied onto the visit (a visit is a historical record)."""
    if not person_id:
        return
    host = session.execute(_HOST, {"pid": person_id}).first()
    if host is None:
        raise ApiError(404, f"被访人不存在：{person_id}")
    visit.be_visit_person_id = host.person_id
    visit.be_visit_person_name = host.name
    visit.be_visit_phone_num = host.phone
    visit.be_visit_group_id = host.organization_id or ""
    visit.be_visit_group_name = host.dept_name or ""
    visit.be_visit_org_path_name = host.path_name or host.dept_name or ""
    visit.receptionist_org_code = visit.receptionist_org_code or visit.be_visit_group_id


def resolve_groups(session: Session, ids: list[str] | None, default_flag: str | None) -> list[str]:
    """Requested privilege groups (must exist) plus the default ones when asked for."""
    out: list[str] = []
    if ids:
        found = set(session.execute(_GROUPS_FOUND, {"ids": ids}).scalars())
        missing = [g for g in ids if g not in found]
        if missing:
            raise ApiError(404, f"权限组不存在：{','.join(missing[:5])}")
        out.extend(ids)
    if (default_flag or "").strip() == "1":
        out.extend(session.execute(_DEFAULT_GROUPS).scalars())
    return list(dict.fromkeys(out))


def new_visitor_code(session: Session, taken: Collection[str] = ()) -> str:
    """6 digits, unique among visits still valid or on site (the 预约码 a visitor types);
    `taken`: codes given to this request's visits that are not in the table yet."""
    for _ in range(50):
        code = f"{random.randint(0, 999999):06d}"
        if code not in taken and code_is_ours(session, code):
            return code
    raise ApiError(409, "访客验证码暂时分配不出，请重试")


_CODE_LOCK = 0x76_69_73_63  # "visc": the advisory locks of visitor codes (server/leader.py keys the others)


def code_is_ours(session: Session, code: str, checked: bool = False) -> bool:
    """Whether this transaction may give out `code`. On PostgreSQL, registrations on one instance or
    several run at once: two could both find a code free and both write it. The code is held by a
    transaction advisory lock (tried, never waited for: a held one counts as taken) and checked once
    it is held, so a registration that committed it meanwhile is seen. SQLite's writers take turns.
    `checked`: the caller already found it free; on SQLite nothing more is needed."""
    if session.get_bind().dialect.name == "postgresql":
        held = session.execute(
            text("SELECT pg_try_advisory_xact_lock(:key, :code)"), {"key": _CODE_LOCK, "code": int(code)}
        ).scalar()
        if not held:
            return False
    elif checked:
        return True
    return not live_codes(session, {code})


def live_codes(session: Session, codes: set[str]) -> set[str]:
    """Which of `codes` a live visit holds. Status is filtered here, not in SQL: with it in
    the WHERE clause SQLite walks the status index (ms, growing with the table) instead of
    the visitor_code one (a few index probes)."""
    rows = session.execute(_CODES_HELD, {"codes": list(codes)})
    return {code for code, status in rows if status in LIVE}


def check_card_free(session: Session, card: str, order_ids: set[str]) -> None:
    """A visitor card is held by one visitor on site at a time (`order_ids`: the ones taking it now)."""
    if not card:
        return
    holder = session.exec(
        select(Visit).where(
            Visit.temp_card == card,
            col(Visit.status).in_(ints(ON_SITE)),
            col(Visit.order_id).not_in(order_ids or {""}),
        )
    ).first()
    if holder is not None:
        raise ApiError(422, f"访客卡 {card} 已发给在场访客 {holder.name}，请先签离或换一张卡")
