"""order/register: walk-ins, pre-booked arrivals and companions, with blacklist screening,
host lookup, visitor code, signed QR code, privilege groups and credential records.
Used online by the route and offline by `offline_sync` (with the kiosk's clock stamps)."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import select as select_rows
from sqlmodel import Session, col, func, select

from server.envelope import ApiError
from server.models import Blacklist, Department, Kiosk, Person, PrivilegeGroup, Visit
from server.models._common import utcnow
from server.models.visit import new_row, row_values
from server.services import credentials, timefmt
from server.services import validation as v
from server.services.pinyin import initials
from server.services.visits import (
    APPOINTMENT,
    APPROVING,
    ARRIVED,
    CLOSED,
    EXPIRED,
    ON_SITE,
    OVERDUE,
    RETURNED,
    VISIT,
    SiteContext,
)
from visitorcs import qrtoken
from visitorcs.wire import MAX_PERSONS, CompanionInfo, RegisterInfo

BLACKLISTED = "该访客在黑名单中，禁止登记"
_COMPANION_NS = uuid.UUID("6f1c8d2e-3b7a-4e59-9a0d-5c2b1e7f4a10")


@dataclass(frozen=True)
class OfflineStamp:
    """How an offline registration is dated: the kiosk's clock, corrected by the measured offset."""

    client_time: datetime | None
    corrected_time: datetime
    received_time: datetime
    kiosk_keys: tuple[tuple[int, Any], ...] = ()  # (kid, Ed25519PublicKey) of the uploading kiosk
    lookups: BatchLookups | None = None  # shared by the records of one offline batch


@dataclass
class Registered:
    visit: Visit
    companions: list[Visit]
    replayed: bool = False


class BatchLookups:
    """Look-ups an offline batch shares (offline_sync): the blacklist's numbers and a pool of
    free visitor codes, read once per batch instead of one query per record. Valid only inside
    the one write transaction of the batch (SQLite: BEGIN IMMEDIATE, nobody else writes)."""

    MAX_BLACKLIST = 20_000  # a bigger blacklist is queried per record (an index hit each)

    def __init__(self, session: Session, order_ids: list[str] = ()):  # type: ignore[assignment]
        wanted = set(order_ids)
        for oid in order_ids:  # walk-ins are stored under the canonical UUID spelling
            if qrtoken.is_order_id(oid):
                wanted.add(str(uuid.UUID(oid)))
        wanted.discard("")
        found: set[str] = set()
        for chunk in _chunks(sorted(wanted), 500):
            found.update(session.exec(select(Visit.order_id).where(col(Visit.order_id).in_(chunk))))
        self._absent = wanted - found  # no such visit when the transaction began
        self._ids: set[str] | None = None
        self._phones: set[str] = set()
        total = session.exec(select(func.count()).select_from(Blacklist)).one()
        if total <= self.MAX_BLACKLIST:
            rows = session.exec(select(Blacklist.identity_num, Blacklist.phone_num)).all()
            self._ids = {r[0] for r in rows if r[0]}
            self._phones = {r[1] for r in rows if r[1]}
        self._codes: list[str] = []
        self._taken: set[str] = set()  # codes handed out in this batch (maybe not flushed yet)

    def visit(self, session: Session, order_id: str) -> Visit | None:
        """session.get, without the query for an order known absent (unless this batch added it)."""
        if order_id in self._absent:
            return None
        return session.get(Visit, order_id)

    def created(self, visit: Visit) -> None:
        """`visit` is being inserted: from now on it is looked up (a rolled-back one is not found)."""
        self._absent.discard(visit.order_id)

    def blacklisted(self, session: Session, identity_num: str, phone_num: str) -> bool:
        if self._ids is None:
            return blacklisted(session, identity_num, phone_num)
        return bool(identity_num and identity_num in self._ids) or bool(
            phone_num and phone_num in self._phones
        )

    def visitor_code(self, session: Session) -> str:
        """A code free among live visits: candidates are checked 64 at a time in one query."""
        for _ in range(4):
            while self._codes:
                code = self._codes.pop()
                if code not in self._taken:
                    self._taken.add(code)
                    return code
            candidates = {f"{random.randint(0, 999999):06d}" for _ in range(64)} - self._taken
            clash = _live_codes(session, candidates)
            self._codes = sorted(candidates - clash)
        return new_visitor_code(session)


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


# The statements of a walk-in registration, built once: each request then skips building and
# cache-keying them, and they run on the connection (rows, not ORM instances).
_BLACKLIST = Blacklist.__table__  # type: ignore[attr-defined]
_PERSON = Person.__table__  # type: ignore[attr-defined]
_DEPARTMENT = Department.__table__  # type: ignore[attr-defined]
_GROUP = PrivilegeGroup.__table__  # type: ignore[attr-defined]
_ON_BLACKLIST = (  # NULL (an absent number) equals nothing
    select_rows(_BLACKLIST.c.id)
    .where((_BLACKLIST.c.identity_num == bindparam("num")) | (_BLACKLIST.c.phone_num == bindparam("phone")))
    .limit(1)
)
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


def blacklisted(session: Session, identity_num: str, phone_num: str) -> bool:
    if not identity_num and not phone_num:
        return False
    probe = {"num": identity_num or None, "phone": phone_num or None}
    return session.execute(_ON_BLACKLIST, probe).first() is not None


def _screen(session: Session, identity_num: str, phone_num: str, lookups: BatchLookups | None = None) -> None:
    hit = (
        lookups.blacklisted(session, identity_num, phone_num)
        if lookups
        else blacklisted(session, identity_num, phone_num)
    )
    if hit:
        raise ApiError(422, BLACKLISTED)


LIVE = (APPROVING, *APPOINTMENT, *ON_SITE)


def new_visitor_code(session: Session, taken: Collection[str] = ()) -> str:
    """6 digits, unique among visits still valid or on site (the 预约码 a visitor types);
    `taken`: codes given to this request's visits that are not in the table yet."""
    for _ in range(50):
        code = f"{random.randint(0, 999999):06d}"
        if code not in taken and not _live_codes(session, {code}):
            return code
    raise ApiError(409, "访客验证码暂时分配不出，请重试")


def _live_codes(session: Session, codes: set[str]) -> set[str]:
    """Which of `codes` a live visit holds. Status is filtered here, not in SQL: with it in
    the WHERE clause SQLite walks the status index (ms, growing with the table) instead of
    the visitor_code one (a few index probes)."""
    rows = session.execute(_CODES_HELD, {"codes": list(codes)})
    return {code for code, status in rows if status in LIVE}


def _host(session: Session, visit: Visit, person_id: str | None) -> None:
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


def _get_visit(session: Session, stamp: OfflineStamp | None, order_id: str) -> Visit | None:
    if stamp and stamp.lookups:
        return stamp.lookups.visit(session, order_id)
    if not session.new and session.execute(_VISIT_KNOWN, {"oid": order_id}).first() is None:
        return None  # the usual answer for a new walk-in, without the ORM's get
    return session.get(Visit, order_id)


def _check_card(session: Session, card: str, order_ids: set[str]) -> None:
    if not card:
        return
    holder = session.exec(
        select(Visit).where(
            Visit.temp_card == card,
            col(Visit.status).in_(ON_SITE),
            col(Visit.order_id).not_in(order_ids or {""}),
        )
    ).first()
    if holder is not None:
        raise ApiError(422, f"访客卡 {card} 已发给在场访客 {holder.name}，请先签离或换一张卡")


def _apply_person(
    visit: Visit, info: RegisterInfo | CompanionInfo, kind: str, num: str, phone_num: str
) -> None:
    if info.name:
        visit.name = info.name.strip()[:64]
        visit.pinyin = initials(visit.name)
    if info.sex is not None:
        visit.sex = info.sex
    if num:
        visit.identity_id, visit.identity_num = kind, num
    if phone_num:
        visit.phone_num, visit.phone_last4 = phone_num, phone_num[-4:]
    if info.cardNo:
        visit.temp_card = info.cardNo.strip()
    for attr, key in (("visitor_photo", "visitorPhoto"), ("face_id", "faceId")):
        value = getattr(info, key)
        if value:
            setattr(visit, attr, value)


def _apply_details(visit: Visit, info: RegisterInfo) -> None:
    simple = {
        "birthplace": "birthplace",
        "cert_addr": "certAddr",
        "cert_issuer": "certIssuer",
        "certify_flag": "certifyFlag",
        "identity_photo": "identityPhoto",
        "identity_pid": "identityPid",
        "purpose": "purpose",
        "scanning_photo": "scanningPhoto",
        "visitor_address": "visitorAddress",
        "visitor_type_id": "visitorTypeId",
        "visitor_type_name": "visitorTypeName",
        "visitor_work_unit": "visitorWorkUnit",
        "temperature": "visitorTemperature",
        "project_id": "projectId",
        "product_id": "productId",
        "receptionist_org_code": "receptionistOrgCode",
    }
    for attr, key in simple.items():
        value = getattr(info, key)
        if value is not None and value != "":
            setattr(visit, attr, value.strip())
    if info.carNumber:
        visit.car_number = v.plate(info.carNumber)
    visit.temperature_status = v.int_field(
        info.temperatureStatus, "temperatureStatus", visit.temperature_status, 0, 1
    )
    visit.visitor_allow_times = v.int_field(
        info.visitorAllowTimes, "visitorAllowTimes", visit.visitor_allow_times, 0, 10000
    )
    custom = json.loads(visit.custom or "{}")
    custom.update(info.custom())
    visit.custom = json.dumps(custom, ensure_ascii=False)


def _qr(ctx: SiteContext, visit: Visit, info: RegisterInfo, stamp: OfflineStamp | None) -> str:
    """The kiosk's own offline-signed QR when it verifies for this visit, else a server one."""
    if stamp and info.qrCode:
        for kid, key in stamp.kiosk_keys:
            payload = qrtoken.verify(info.qrCode, key)
            if payload and payload.kid == kid and payload.order_id == visit.order_id:
                return info.qrCode.strip().upper()
    return qrtoken.encode(ctx.qr_key, visit.order_id, timefmt.aware(visit.end_time) or utcnow())


def register(
    session: Session,
    ctx: SiteContext,
    kiosk: Kiosk,
    info: RegisterInfo,
    now: datetime,
    stamp: OfflineStamp | None = None,
) -> Registered:
    """Apply one registration; raises ApiError with the refusal in words."""
    kind = (info.registerType or "1").strip()
    if kind not in ("0", "1", "2"):
        raise ApiError(400, "registerType: 应为 1（未预约登记）或 2（已预约登记）")
    at = stamp.corrected_time if stamp else now  # when it happened at the kiosk
    id_kind, id_num = v.identity(info.identityId, info.identityNum)
    phone_num = v.phone(info.phoneNum)
    persons = v.int_field(info.personNum, "personNum", 1, 1, MAX_PERSONS)
    companions = list(info.companions or [])
    if len(companions) > persons - 1:
        persons = len(companions) + 1
    try:
        end = timefmt.parse_time(info.endTimeISO, ctx.tz, "endTimeISO")
        start = timefmt.parse_time(info.startTimeISO, ctx.tz, "startTimeISO")
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None
    digest = info.payload_hash()
    if kind == "2":
        return _arrive(
            session,
            ctx,
            kiosk,
            info,
            at,
            now,
            stamp,
            digest,
            id_kind,
            id_num,
            phone_num,
            persons,
            companions,
            end,
        )
    order_id = (info.orderId or "").strip() or str(uuid.uuid4())
    if not qrtoken.is_order_id(order_id):
        raise ApiError(400, "orderId: 未预约登记的 orderId 应为 UUID（或不传，由服务端生成）")
    order_id = str(uuid.UUID(order_id))
    existing = _get_visit(session, stamp, order_id)
    if existing is not None:
        return replay_or_conflict(session, existing, kiosk, digest)
    if not (info.name or "").strip():
        raise ApiError(400, "name: 缺少访客姓名")
    if end is not None and end <= at:
        raise ApiError(400, "endTimeISO: 预计离开时间应晚于登记时间")
    _screen(session, id_num, phone_num, stamp.lookups if stamp else None)
    visit = new_row(
        Visit,
        order_id=order_id,
        register_type=1,
        status=ARRIVED,
        person_num=persons,
        start_time=start or at,
        end_time=end or timefmt.end_of_day(at, ctx.tz),
        user_type=v.int_field(info.clientUserType, "clientUserType", 3, 1, 3),
    )
    _host(session, visit, info.beVisitPersonId)
    _apply_person(visit, info, id_kind, id_num, phone_num)
    _apply_details(visit, info)
    groups = resolve_groups(session, info.privilegeGroupIds, info.defaultPrivilegeFlag)
    visit.privilege_group_ids = ",".join(groups)
    _mark_arrived(session, ctx, kiosk, visit, info, at, now, stamp, digest)
    _check_card(session, visit.temp_card, {visit.order_id})
    comps = _companions(session, ctx, kiosk, visit, info, companions, persons - 1, at, now, stamp)
    _store_new(session, [visit, *comps], stamp)
    return Registered(visit, comps)


def _store_new(session: Session, visits: list[Visit], stamp: OfflineStamp | None) -> None:
    """Write the visits a walk-in creates, then their credential records (foreign key order)."""
    if stamp is None:
        # online: one INSERT per table on the connection; the unit of work's flush of the same
        # rows was about a third of a registration's time
        conn = session.connection()
        conn.execute(VISIT.insert(), [row_values(one) for one in visits])
        records = [r for one in visits for r in credentials.new_records(session, one)]
        if records:
            conn.execute(credentials.AUTH_TABLE.insert(), [row_values(r) for r in records])
        return
    # offline batches keep the session: its flush writes the rows of a whole chunk together
    session.add_all(visits)
    if stamp.lookups:
        for one in visits:
            stamp.lookups.created(one)
    if visits[0].privilege_group_ids:
        session.flush()
    for one in visits:
        credentials.create_records(session, one, fresh=True)


def replay_or_conflict(session: Session, existing: Visit, kiosk: Kiosk, digest: str) -> Registered:
    """The same registration again (lost answer, outbox retry) returns what is stored."""
    if existing.register_hash and existing.register_hash == digest:
        comps = batch_companions(session, existing)
        return Registered(existing, comps, replayed=True)
    if existing.register_kiosk_id and existing.register_kiosk_id != kiosk.id:
        raise ApiError(422, "该 orderId 已被另一台访客机用于其他登记，请重新生成 orderId")
    raise ApiError(422, "该 orderId 已用于另一份登记信息（同一单号、内容不同），请重新生成 orderId")


def batch_companions(session: Session, visit: Visit) -> list[Visit]:
    if visit.follow_flag:
        return []
    rows = list(
        session.exec(select(Visit).where(Visit.visit_batch == visit.visit_batch, Visit.follow_flag == 1))
    )
    if len(rows) < 2:  # most visitors come alone: no order to work out
        return rows
    # companions registered here carry their index in their id; booked ones sort after, by name
    index = {str(uuid.uuid5(_COMPANION_NS, f"{visit.order_id}/{i}")): i for i in range(1, MAX_PERSONS + 1)}
    return sorted(rows, key=lambda c: (index.get(c.order_id, MAX_PERSONS + 1), c.name))


def _mark_arrived(
    session: Session,
    ctx: SiteContext,
    kiosk: Kiosk,
    visit: Visit,
    info: RegisterInfo,
    at: datetime,
    now: datetime,
    stamp: OfflineStamp | None,
    digest: str,
    taken_codes: Collection[str] = (),
) -> None:
    visit.status = ARRIVED
    visit.register_time = at
    visit.sort_time = at
    visit.visit_day = timefmt.local_day(at, ctx.tz)
    visit.register_place = (info.registerPlace or visit.register_place or kiosk.name).strip()
    visit.register_mac = kiosk.mac
    visit.register_kiosk_id = kiosk.id
    visit.register_hash = digest
    visit.update_time = now
    if stamp:
        visit.offline, visit.client_time, visit.received_time = True, stamp.client_time, stamp.received_time
    if not visit.visitor_code:
        lookups = stamp.lookups if stamp else None
        visit.visitor_code = (
            lookups.visitor_code(session) if lookups else new_visitor_code(session, taken_codes)
        )
    if not visit.qr_code or (stamp and info.qrCode):
        visit.qr_code = _qr(ctx, visit, info, stamp)


def _companions(
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
    """`count` companions in the main visitor's batch: named ones from `companions`, then unnamed.
    They are not added to the session: the caller stores them."""
    out: list[Visit] = []
    seen_cards = {main.temp_card} - {""}
    for i in range(count):
        data = given[i] if i < len(given) else CompanionInfo()
        index = first_index + i
        kind, num = v.identity(data.identityId, data.identityNum, f"companions[{i}].identityNum")
        phone_num = v.phone(data.phoneNum, f"companions[{i}].phoneNum")
        lookups = stamp.lookups if stamp else None
        if lookups.blacklisted(session, num, phone_num) if lookups else blacklisted(session, num, phone_num):
            raise ApiError(422, f"同行人{data.name or index}：{BLACKLISTED}")
        comp = new_row(
            Visit,
            order_id=str(uuid.uuid5(_COMPANION_NS, f"{main.order_id}/{index}")),
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
        for attr in (
            "be_visit_person_id",
            "be_visit_person_name",
            "be_visit_phone_num",
            "be_visit_group_id",
            "be_visit_group_name",
            "be_visit_org_path_name",
        ):
            setattr(comp, attr, getattr(main, attr))
        _apply_person(comp, data, kind, num, phone_num)
        if comp.temp_card:
            if comp.temp_card in seen_cards:
                raise ApiError(422, f"访客卡 {comp.temp_card} 在本次登记中重复使用")
            seen_cards.add(comp.temp_card)
            _check_card(session, comp.temp_card, {comp.order_id})
        _mark_arrived(
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


def check_appointment(visit: Visit, at: datetime, ctx: SiteContext, *, offline: bool) -> None:
    """Can this appointment turn into an arrival at `at`? Refusals in words (422)."""
    if visit.status == APPROVING:
        raise ApiError(422, "该预约尚在审批中，不能签到")
    if visit.status == RETURNED:
        raise ApiError(422, "该预约已被退回，不能签到")
    if visit.status in ON_SITE:
        raise ApiError(422, "该访客已签到，无需重复登记")
    if visit.status in CLOSED:
        raise ApiError(422, "该访客已签离，本次预约已结束")
    end = timefmt.aware(visit.end_time)
    if visit.status == EXPIRED and not (offline and end and at <= end):
        raise ApiError(422, "该预约已失效")
    if end is not None and at > end:
        raise ApiError(422, f"该预约已过期（预计离开时间 {timefmt.iso(end, ctx.tz)}）")
    start = timefmt.aware(visit.start_time)
    if start is not None and timefmt.local_day(start, ctx.tz) > timefmt.local_day(at, ctx.tz):
        raise ApiError(422, f"预约日期为 {timefmt.local_day(start, ctx.tz)}，不是今天，请在预约当天签到")


def _arrive(
    session: Session,
    ctx: SiteContext,
    kiosk: Kiosk,
    info: RegisterInfo,
    at: datetime,
    now: datetime,
    stamp: OfflineStamp | None,
    digest: str,
    id_kind: str,
    id_num: str,
    phone_num: str,
    persons: int,
    given: list[CompanionInfo],
    end: datetime | None,
) -> Registered:
    order_id = (info.orderId or "").strip()
    if not order_id:
        raise ApiError(400, "orderId: 已预约登记需要预约单号 orderId")
    visit = _get_visit(session, stamp, order_id)
    if visit is None:
        raise ApiError(404, f"未找到该预约单：{order_id}")
    if visit.status in ON_SITE and visit.register_hash == digest:
        return Registered(visit, batch_companions(session, visit), replayed=True)
    check_appointment(visit, at, ctx, offline=stamp is not None)
    lookups = stamp.lookups if stamp else None
    _screen(session, id_num or visit.identity_num, phone_num or visit.phone_num, lookups)
    if end is not None:
        if end <= at:
            raise ApiError(400, "endTimeISO: 预计离开时间应晚于登记时间")
        visit.end_time = end
    if info.beVisitPersonId and info.beVisitPersonId != visit.be_visit_person_id:
        _host(session, visit, info.beVisitPersonId)
    _apply_person(visit, info, id_kind, id_num, phone_num)
    _apply_details(visit, info)
    if info.privilegeGroupIds or (info.defaultPrivilegeFlag or "").strip() == "1":
        old = credentials.group_ids(visit)
        visit.privilege_group_ids = ",".join(
            dict.fromkeys(old + resolve_groups(session, info.privilegeGroupIds, info.defaultPrivilegeFlag))
        )
    visit.person_num = max(persons, visit.person_num)
    _mark_arrived(session, ctx, kiosk, visit, info, at, now, stamp, digest)
    _check_card(session, visit.temp_card, {visit.order_id})
    session.add(visit)
    booked = [c for c in batch_companions(session, visit) if c.status in (*APPOINTMENT, EXPIRED)]
    codes = {visit.visitor_code}  # given in this transaction: not visible to the code check's query
    for comp in booked:  # companions booked with the appointment arrive with it
        comp.end_time = visit.end_time
        _mark_arrived(
            session,
            ctx,
            kiosk,
            comp,
            RegisterInfo(registerPlace=info.registerPlace),
            at,
            now,
            stamp,
            digest,
            taken_codes=codes,
        )
        codes.add(comp.visitor_code)
        session.add(comp)
    existing = len(batch_companions(session, visit))
    extra = max(0, visit.person_num - 1 - existing)
    added = _companions(
        session, ctx, kiosk, visit, info, given[:extra], extra, at, now, stamp, first_index=existing + 1
    )
    session.add_all(added)
    if stamp and stamp.lookups:
        for comp in added:
            stamp.lookups.created(comp)
    comps = booked + added
    session.flush()
    for one in (visit, *comps):
        credentials.create_records(session, one)
    return Registered(visit, comps)


def edit(
    session: Session,
    ctx: SiteContext,
    order_id: str,
    end_iso: str | None,
    groups: list[str] | None,
    register_place: str | None,
    now: datetime,
) -> Visit:
    """register/edit: new end time and privilege groups of a visit that is still live."""
    visit = session.get(Visit, order_id)
    if visit is None:
        raise ApiError(404, "未找到该访客记录")
    if visit.status not in (*APPOINTMENT, *ON_SITE):
        raise ApiError(422, "该访客记录已结束（已签离、失效或退回），不能修改权限")
    try:
        end = timefmt.parse_time(end_iso, ctx.tz, "endTimeISO")
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None
    if end is None:
        raise ApiError(400, "endTimeISO: 缺少必填参数")
    start = timefmt.aware(visit.register_time or visit.start_time)
    if end <= now or (start and end <= start):
        raise ApiError(400, "endTimeISO: 预计离开时间应晚于当前时间")
    changed_end = timefmt.aware(visit.end_time) != end
    visit.end_time = end
    if visit.status == OVERDUE:  # extended before leaving: back on site in time
        visit.status = ARRIVED
    if register_place:
        visit.register_place = register_place.strip()
    if groups is not None:
        new = resolve_groups(session, groups, None)
        old = credentials.group_ids(visit)
        removed = [g for g in old if g not in new]
        if removed:
            credentials.withdraw(session, visit, removed)
        visit.privilege_group_ids = ",".join(new)
    visit.update_time = now
    session.add(visit)
    session.flush()
    if changed_end:
        credentials.reissue_all(session, visit)
    if visit.status in ON_SITE:
        credentials.create_records(session, visit)
    return visit


def sign_out(session: Session, order_id: str, at: datetime, now: datetime) -> tuple[Visit, list[Visit], bool]:
    """Sign a visitor out (the main visitor takes the batch's on-site companions along).

    Returns (visit, companions signed out with it, already_closed).
    """
    visit = session.get(Visit, order_id)
    if visit is None:
        raise ApiError(404, "未找到该访客记录")
    if visit.status in CLOSED:
        return visit, [], True
    if visit.status not in ON_SITE:
        raise ApiError(422, "该访客尚未签到（或预约已失效），无需签离")
    group = [visit] + [c for c in batch_companions(session, visit) if c.status in ON_SITE]
    for one in group:
        one.status = 6
        one.real_end_time = at
        one.update_time = now
        session.add(one)
        credentials.withdraw(session, one)
    return visit, group[1:], False
