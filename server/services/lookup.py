"""Read side of visits: visitor/details by the seven code types, today's paged list,
a host's valid visits, the last visit of a document, credential issuance results and the QR
verification keys. Each takes the Database and opens its own read (run it with `Database.run`).

The visit reads select the table's rows, not ORM objects: a row reads like a Visit
(same attribute names) for `visitor_info`, without the identity map and instance set-up
that made up most of a list request's time."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Row, Select, bindparam, func
from sqlalchemy import select as select_rows
from sqlmodel import col, or_, select

from server.db import Database
from server.envelope import ApiError
from server.models import AuthRecord, Kiosk, Person, Visit
from server.models.visit import QrKey
from server.schemas.client_visits import DetailsQuery
from server.services import list_counts, list_rows
from server.services import validation as v
from server.services.visits import INFO, VISIT, base_info, ints, simple_info
from server.site import SiteContext
from visitorcs import qrtoken
from visitorcs.codes import APPOINTMENT, CLOSED, HOST_VALID, ON_SITE, VisitStatus
from visitorcs.identity import normalise_card

MAX_DETAILS = 50
VISIT_TYPES = {
    "total": None,
    "visiting": ints((VisitStatus.ARRIVED,)),
    "unRegister": ints(APPOINTMENT),
    "signOut": ints(CLOSED),
}
_LIVE_TODAY = ints((*APPOINTMENT, *ON_SITE))  # what four phone digits may find


def _statuses(values: list[str] | None) -> list[int] | None:
    if not values:
        return None
    out = []
    for value in values:
        if not value.lstrip("-").isdigit() or not 0 <= int(value) <= 8:
            raise ApiError(400, f"statusList: 无效的状态值 {value}（应为 0-8）")
        out.append(int(value))
    return out


def check_mac(kiosk: Kiosk, mac: str | None) -> None:
    """A kiosk asking in machine mode sees its own records only (object-level authorization)."""
    if not mac:
        return
    from server.kiosks import normalise_mac

    try:
        if normalise_mac(mac) != kiosk.mac:
            raise ApiError(403, "只能查询本访客机的记录（macAddress 与本机不符）")
    except ValueError as exc:
        raise ApiError(400, f"macAddress: {exc}") from None


def server_and_kiosk_keys(conn: Connection, ctx: SiteContext) -> dict[int, Any]:
    keys: dict[int, Any] = {qrtoken.SERVER_KID: ctx.qr_key.public_key()}
    for row in conn.execute(select_rows(QrKey.kid, QrKey.public_key)):
        try:
            keys[int(row.kid or 0)] = qrtoken.load_public_key(row.public_key)
        except ValueError:
            continue
    return keys


_KEY_BY_KID = select_rows(QrKey.public_key).where(col(QrKey.kid) == bindparam("kid"))


def key_of(conn: Connection, ctx: SiteContext, kid: int) -> Any:
    """The public key of one kid (0: the server's), or None: one indexed row, not every key."""
    if kid == qrtoken.SERVER_KID:
        return ctx.qr_key.public_key()
    row = conn.execute(_KEY_BY_KID, {"kid": kid}).first()
    if row is None:
        return None
    try:
        return qrtoken.load_public_key(row.public_key)
    except ValueError:
        return None


def details(db: Database, ctx: SiteContext, kiosk: Kiosk, q: DetailsQuery, now: datetime) -> list[Row]:
    """visitor/details: the visits `q` finds, newest first (at most MAX_DETAILS)."""
    with db.rows() as conn:
        return _details(conn, ctx, kiosk, q, now)


def _details(conn: Connection, ctx: SiteContext, kiosk: Kiosk, q: DetailsQuery, now: datetime) -> list[Row]:
    if len(q.code or "") > 256:
        raise ApiError(400, "code: 过长")
    # full-width digits and letters typed or scanned are the same code (visitorcs.identity)
    code = unicodedata.normalize("NFKC", q.code or "").strip()
    if not code:
        raise ApiError(400, "code: 缺少必填参数")
    code_type = (q.codeType or "0").strip()
    if code_type not in {"0", "1", "2", "3", "4", "5", "6"}:
        raise ApiError(
            400, "codeType: 应为 0-6（0预约单号 1预约码 2手机号后四位 3二维码 4访客卡 5证件号码 6车牌号码）"
        )
    mode = (q.type or "1").strip()
    if mode not in ("1", "2"):
        raise ApiError(400, "type: 应为 1（被访人模式）或 2（机器模式）")
    statuses = _statuses(q.statusList)
    params: dict[str, Any] = {"code": code}
    if code_type == "2":
        if not (len(code) == 4 and code.isdigit()):
            raise ApiError(400, "code: 手机号后四位应为 4 位数字")
        params["day"] = ctx.today(now)
    elif code_type == "3":
        payload = qrtoken.parse(code)
        key = key_of(conn, ctx, payload.kid) if payload else None
        if payload is None or key is None or qrtoken.verify(code, key) is None:
            raise ApiError(400, "二维码无效：不是本系统签发的访客二维码，或已被篡改")
        params["code"] = code.strip().upper()
    elif code_type == "4":
        params["code"] = normalise_card(code)
        if statuses is None:
            statuses = list(ints(ON_SITE))
    elif code_type == "5":
        params["kind"], params["code"] = v.identity(q.subParamCode, code, "code")
    elif code_type == "6":
        params["code"] = v.plate(code)
    if statuses is not None:
        params["statuses"] = statuses
    if mode == "2":
        check_mac(kiosk, q.macAddress)
        params["mac"] = kiosk.mac
    return list(conn.execute(_details_statement(code_type, statuses is not None, mode == "2"), params))


@cache
def _details_statement(code_type: str, by_status: bool, by_mac: bool) -> Select:
    """visitor/details of one shape, built once: building it per request cost more than running it."""
    c = VISIT.c
    code = bindparam("code")
    conds = {
        "0": [c.order_id == code],
        "1": [c.visitor_code == code],
        # four digits match many people: only today's live visits answer (limits exposure)
        "2": [c.phone_last4 == code, c.visit_day == bindparam("day"), c.status.in_(_LIVE_TODAY)],
        "3": [c.qr_code == code],
        "4": [c.temp_card == code],
        "5": [c.identity_num == code, c.identity_id == bindparam("kind")],
        "6": [c.car_number == code],
    }[code_type]
    if by_status:
        conds.append(c.status.in_(bindparam("statuses", expanding=True)))
    if by_mac:
        conds.append(c.register_mac == bindparam("mac"))
    return select_rows(*INFO).where(*conds).order_by(c.sort_time.desc()).limit(MAX_DETAILS)


def page_args(page_no: int, page_size: int) -> tuple[int, int]:
    if page_no < 1:
        raise ApiError(400, "pageNo: 应大于 0")
    if not 1 <= page_size <= 1000:
        raise ApiError(400, "pageSize: 应在 1 到 1000 之间")
    if (page_no - 1) * page_size >= 2147483647:
        raise ApiError(400, "pageNo: 记录起始数必须小于 2147483647")
    return page_no, page_size


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def visitor_page(
    db: Database,
    ctx: SiteContext,
    kiosk: Kiosk,
    visit_type: str,
    page_no: int,
    page_size: int,
    query_info: str | None,
    mode: int | None,
    mac: str | None,
    now: datetime,
) -> tuple[list[bytes], int]:
    """visitorInfo: today's visits of one kind, newest first, searchable by initials, name, phone;
    each visit as its VisitorInfo's JSON (masked)."""
    if visit_type not in VISIT_TYPES:
        raise ApiError(400, "visitType: 应为 total、visiting、unRegister 或 signOut")
    page_args(page_no, page_size)
    params: dict[str, Any] = {"day": ctx.today(now), "offset": (page_no - 1) * page_size, "limit": page_size}
    statuses = VISIT_TYPES[visit_type]
    if statuses:
        params["statuses"] = list(statuses)
    if mode not in (None, 1, 2):
        raise ApiError(400, "type: 应为 1（被访人模式）或 2（机器模式）")
    if mode == 2:
        check_mac(kiosk, mac)
        params["mac"] = kiosk.mac
    text = unicodedata.normalize("NFKC", query_info or "").strip()
    if text:
        if len(text) > 64:
            raise ApiError(400, "queryInfo: 最长 64 个字符")
        pat = _like(text)
        params["initials"], params["contains"] = f"{pat.lower()}%", f"%{pat}%"
    count, page = _page_statements(bool(statuses), mode == 2, bool(text))
    key = (visit_type, params["day"], params.get("mac"), params.get("initials"), params.get("contains"))
    with db.rows() as conn:
        keys = conn.execute(page, params).all()
        total = list_counts.total(conn, ctx.list_counts, count, params, key, keys[0].seq if keys else None)
        return list_rows.page_json(conn, ctx, keys), total


@cache
def _page_statements(by_status: bool, by_mac: bool, by_text: bool) -> tuple[Select, Select]:
    """visitorInfo's count and page of one shape, built once (see `_details_statement`)."""
    c = VISIT.c
    conds = [c.visit_day == bindparam("day")]
    if by_status:
        conds.append(c.status.in_(bindparam("statuses", expanding=True)))
    if by_mac:
        conds.append(c.register_mac == bindparam("mac"))
    if by_text:
        contains = bindparam("contains")
        conds.append(
            or_(
                c.pinyin.like(bindparam("initials"), escape="\\"),
                c.name.like(contains, escape="\\"),
                c.phone_num.like(contains, escape="\\"),
            )
        )
    # each with the change counter's value, read in the same snapshot (services/list_counts.py)
    count = select_rows(list_counts.SEQUENCE, func.count()).select_from(VISIT).where(*conds)
    page = (  # the page's keys: list_rows renders each version of a row once
        select_rows(VISIT.c.order_id, VISIT.c.update_time, list_counts.SEQUENCE)
        .where(*conds)
        .order_by(c.sort_time.desc(), c.order_id)
        .offset(bindparam("offset"))
        .limit(bindparam("limit"))
    )
    return count, page


def valid_page(
    db: Database, ctx: SiteContext, person_id: str, page_no: int, page_size: int
) -> tuple[list[dict[str, Any]], int]:
    page_args(page_no, page_size)
    if not person_id.strip():
        raise ApiError(400, "personId: 缺少必填参数")
    conds = [Visit.be_visit_person_id == person_id, col(Visit.status).in_(ints(HOST_VALID))]
    with db.read() as session:
        if session.get(Person, person_id) is None:
            raise ApiError(404, f"被访人不存在：{person_id}")
        total = session.exec(select(func.count()).select_from(Visit).where(*conds)).one()
        rows = session.execute(
            select_rows(VISIT)
            .where(*conds)
            .order_by(col(Visit.sort_time).desc(), col(Visit.order_id))
            .offset((page_no - 1) * page_size)
            .limit(page_size)
        ).all()
    return [simple_info(r, ctx.tz) for r in rows], int(total)


def last_visitor(
    db: Database, ctx: SiteContext, identity_id: int, identity_num: str
) -> dict[str, Any] | None:
    num = identity_num.strip().upper()
    if not num:
        raise ApiError(400, "identityNum: 缺少必填参数")
    if len(num) >= 20:
        raise ApiError(400, "identityNum: 证件号码应小于 20 位")
    kind, num = v.identity(str(identity_id), num)
    with db.read() as session:
        row = session.execute(
            select_rows(VISIT)
            .where(Visit.identity_num == num, Visit.identity_id == kind)
            .order_by(col(Visit.create_time).desc())
            .limit(1)
        ).first()
    return base_info(row, ctx.tz) if row else None


def auth_results(db: Database, order_id: str) -> list[dict[str, str]]:
    with db.read() as session:
        if session.get(Visit, order_id) is None:
            raise ApiError(404, "未找到该访客记录")
        rows = session.exec(
            select(AuthRecord)
            .where(AuthRecord.order_id == order_id)
            .order_by(AuthRecord.device_desc, AuthRecord.card_type)
        ).all()
    return [
        {
            "authStatus": str(r.auth_status),
            "cardType": str(r.card_type),
            "deviceDesc": r.device_desc,
            "orderId": r.order_id,
            "message": r.message,
        }
        for r in rows
    ]


def qr_keys(db: Database, ctx: SiteContext, kiosk: Kiosk) -> list[dict[str, Any]]:
    """ext/qrKeys: the server's public key and those of live kiosks (their offline QR codes)."""
    keys: list[dict[str, Any]] = [
        {"kid": qrtoken.SERVER_KID, "publicKey": qrtoken.public_key_b64(ctx.qr_key)}
    ]
    with db.read() as session:
        live = {k.id for k in session.exec(select(Kiosk).where(col(Kiosk.revoked).is_(False)))}
        for row in session.exec(select(QrKey).order_by(QrKey.kid)):  # type: ignore[arg-type]
            if row.kiosk_id in live:
                keys.append(
                    {"kid": int(row.kid or 0), "publicKey": row.public_key, "self": row.kiosk_id == kiosk.id}
                )
    return keys
