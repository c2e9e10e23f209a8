"""Companions (同行人) of a registration: visits of their own in the main visitor's batch
(`visit_batch`, followFlag 1), named from the `companions` extension of RegisterInfo or
"同行人N", with ids derived from the main orderId so a replay yields the same ones in order."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Session, select

from server.envelope import ApiError
from server.models import Kiosk, Visit
from server.models.visit import new_row
from server.services import validation as v
from server.services.check_in import mark_arrived
from server.services.offline_context import OfflineStamp
from server.services.pinyin import initials
from server.services.registration_lookups import check_card_free
from server.services.screening import BLACKLISTED, on_blacklist
from server.services.visitor_fields import apply_person
from server.site import SiteContext
from visitorcs.wire import MAX_PERSONS, CompanionInfo, RegisterInfo

_COMPANION_NS = uuid.UUID("6f1c8d2e-3b7a-4e59-9a0d-5c2b1e7f4a10")
# what a companion shares with the main visitor: whom they visit
_HOST_FIELDS = (
    "be_visit_person_id",
    "be_visit_person_name",
    "be_visit_phone_num",
    "be_visit_group_id",
    "be_visit_group_name",
    "be_visit_org_path_name",
)


def companion_id(main_order_id: str, index: int) -> str:
    return str(uuid.uuid5(_COMPANION_NS, f"{main_order_id}/{index}"))


def batch_companions(session: Session, visit: Visit) -> list[Visit]:
    """The companions of a main visit: registered ones in the order given, then booked ones by name."""
    if visit.follow_flag:
        return []
    rows = list(
        session.exec(select(Visit).where(Visit.visit_batch == visit.visit_batch, Visit.follow_flag == 1))
    )
    if len(rows) < 2:  # most visitors come alone: no order to work out
        return rows
    # companions registered here carry their index in their id; booked ones sort after, by name
    index = {companion_id(visit.order_id, i): i for i in range(1, MAX_PERSONS + 1)}
    return sorted(rows, key=lambda c: (index.get(c.order_id, MAX_PERSONS + 1), c.name))


def add_companions(
    session: Session,
    ctx: SiteContext,
    kiosk: Kiosk,
    main: Visit,
    info: RegisterInfo,
    given: list[CompanionInfo],
    count: int,
    at: datetime,
    now: datetime,
    stamp: OfflineStamp | None,
    first_index: int = 1,
) -> list[Visit]:
    """`count` companions arriving with `main`: named ones from `given`, then unnamed.
    They are not added to the session: the caller stores them."""
    out: list[Visit] = []
    seen_cards = {main.temp_card} - {""}
    lookups = stamp.lookups if stamp else None
    for i in range(count):
        data = given[i] if i < len(given) else CompanionInfo()
        index = first_index + i
        kind, num = v.identity(data.identityId, data.identityNum, f"companions[{i}].identityNum")
        phone_num = v.phone(data.phoneNum, f"companions[{i}].phoneNum")
        if on_blacklist(session, num, phone_num, lookups):
            raise ApiError(422, f"同行人{data.name or index}：{BLACKLISTED}")
        comp = new_row(
            Visit,
            order_id=companion_id(main.order_id, index),
            visit_batch=main.visit_batch,
            follow_flag=1,
            register_type=main.register_type,
            person_num=1,
            name=f"同行人{index}",
            pinyin=initials(f"同行人{index}"),
            start_time=main.start_time,
            end_time=main.end_time,
            user_type=main.user_type,
            privilege_group_ids=main.privilege_group_ids,
            purpose=main.purpose,
            visitor_work_unit=main.visitor_work_unit,
            receptionist_org_code=main.receptionist_org_code,
        )
        for attr in _HOST_FIELDS:
            setattr(comp, attr, getattr(main, attr))
        apply_person(comp, data, kind, num, phone_num)
        if comp.temp_card:
            if comp.temp_card in seen_cards:
                raise ApiError(422, f"访客卡 {comp.temp_card} 在本次登记中重复使用")
            seen_cards.add(comp.temp_card)
            check_card_free(session, comp.temp_card, {comp.order_id})
        mark_arrived(
            session,
            ctx,
            kiosk,
            comp,
            RegisterInfo(registerPlace=info.registerPlace),
            at,
            now,
            stamp,
            main.register_hash,
            taken_codes={main.visitor_code, *(c.visitor_code for c in out)},
        )
        out.append(comp)
    return out
