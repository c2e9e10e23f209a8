"""offline/data/synchron (docs/api-notes.md): records applied in seq order, each in its own
SAVEPOINT of a batch transaction (applied or rejected on its own), idempotent forever by
recordId; the outcome of the first try answers replays."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from contextlib import nullcontext
from datetime import timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from server.body import describe
from server.db import Database
from server.envelope import ApiError
from server.models import Kiosk, SyncRecord, Visit
from server.models._common import utcnow
from server.models.visit import QrKey, new_row
from server.services import qrtoken, register, timefmt
from server.services.register import BatchLookups, OfflineStamp, RegisterInfo
from server.services.validation import Str, StrList
from server.services.visits import ON_SITE, SiteContext, visitor_info

log = logging.getLogger(__name__)

MAX_RECORDS = 500
OPS = ("register", "signOut", "edit")
_OP_WORDS = {"signOut": "签离", "edit": "修改"}
MAX_OFFSET_MS = 366 * 24 * 3600 * 1000


class SyncBatch(BaseModel):
    model_config = ConfigDict(extra="ignore")
    clientMacAddress: Str = None
    kioskPublicKey: Str = None
    records: list[dict[str, Any]] = Field(default_factory=list)


class SyncItem(BaseModel):
    model_config = ConfigDict(extra="ignore")
    recordId: str = Field(min_length=1, max_length=64)
    seq: int = 0
    op: str
    orderId: Str = None
    clientTime: Str = None
    clockOffsetMs: int = 0
    data: dict[str, Any] = Field(default_factory=dict)


class EditData(BaseModel):
    model_config = ConfigDict(extra="ignore")
    endTimeISO: Str = None
    privilegeGroupIds: StrList = None
    registerPlace: Str = None


def _hash(record: dict[str, Any]) -> str:
    body = {k: record.get(k) for k in ("op", "orderId", "clientTime", "clockOffsetMs", "data")}
    return hashlib.sha256(
        json.dumps(body, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


def _result(
    record_id: str,
    seq: int,
    order_id: str,
    result: str,
    code: str = "0",
    msg: str = "success",
    data: Any = None,
) -> dict[str, Any]:
    return {
        "recordId": record_id,
        "seq": seq,
        "orderId": order_id,
        "result": result,
        "code": code,
        "msg": msg,
        "data": data,
    }


def store_kiosk_key(db: Database, kiosk: Kiosk, key_b64: str) -> int:
    """Keep the kiosk's QR public key (old ones stay: permits already printed must verify); its kid."""
    try:
        qrtoken.load_public_key(key_b64)
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None
    key_b64 = key_b64.strip()
    for _ in range(2):
        try:
            with db.write() as session:
                row = session.exec(select(QrKey).where(QrKey.public_key == key_b64)).first()
                if row is not None:
                    if row.kiosk_id != kiosk.id:
                        raise ApiError(409, "该公钥已属于另一台访客机")
                    return int(row.kid or 0)
                row = QrKey(kiosk_id=kiosk.id, public_key=key_b64)
                session.add(row)
                k = session.get(Kiosk, kiosk.id)
                if k is not None:
                    k.qr_public_key = key_b64
                    session.add(k)
                session.flush()
                return int(row.kid or 0)
        except IntegrityError:
            continue  # the same key stored concurrently: read it back
    raise ApiError(409, "公钥登记冲突，请重试")


def kiosk_keys(session: Session, kiosk: Kiosk) -> tuple[tuple[int, Any], ...]:
    out = []
    for row in session.exec(select(QrKey).where(QrKey.kiosk_id == kiosk.id)):
        try:
            out.append((int(row.kid or 0), qrtoken.load_public_key(row.public_key)))
        except ValueError:
            continue
    return tuple(out)


CHUNK_SECONDS = 0.1  # a batch's transaction is cut after this long: online writers wait no longer


def synchronise(db: Database, ctx: SiteContext, kiosk: Kiosk, batch: SyncBatch) -> dict[str, Any]:
    if batch.clientMacAddress:
        from server.services.lookup import check_mac

        check_mac(kiosk, batch.clientMacAddress)
    if len(batch.records) > MAX_RECORDS:
        raise ApiError(400, f"records: 每批最多 {MAX_RECORDS} 条，本批 {len(batch.records)} 条")
    out: dict[str, Any] = {}
    if batch.kioskPublicKey:
        out["kioskKid"] = store_kiosk_key(db, kiosk, batch.kioskPublicKey)
    ordered = sorted(batch.records, key=lambda r: r.get("seq") if isinstance(r.get("seq"), int) else 0)
    results: list[dict[str, Any]] = []
    pending: list[tuple[int, SyncItem, str]] = []
    for raw in ordered:
        if not isinstance(raw, dict):
            results.append(_result("", 0, "", "rejected", "400", "记录应为 JSON 对象"))
            continue
        seq = raw.get("seq") if isinstance(raw.get("seq"), int) else 0
        try:
            item = SyncItem.model_validate(raw)
        except ValidationError as exc:  # malformed: answered, not remembered (as before)
            results.append(
                _result(str(raw.get("recordId") or ""), seq, str(raw.get("orderId") or ""), "rejected",
                        "400", describe(exc))
            )
            continue
        pending.append((len(results), item, _hash(raw)))
        results.append({})
    start = 0
    while start < len(pending):
        start = _apply_chunk(db, ctx, kiosk, pending, start, results)
    out["results"] = results
    return out


def _apply_chunk(
    db: Database,
    ctx: SiteContext,
    kiosk: Kiosk,
    pending: list[tuple[int, SyncItem, str]],
    start: int,
    results: list[dict[str, Any]],
) -> int:
    """Records from `start` in one write transaction; returns where the next one starts.

    Each record is applied or rejected on its own, in seq order: in its own SAVEPOINT, except
    records whose refusals all come before they write anything (`_plain`), whose rows are
    flushed together. Should that shared flush fail (the same record or visit stored
    concurrently), the whole chunk is rolled back and done again with a SAVEPOINT each."""
    try:
        return _run_chunk(db, ctx, kiosk, pending, start, results, safe=False)
    except IntegrityError:
        log.info("offline batch: a shared flush collided; applying the chunk record by record")
        return _run_chunk(db, ctx, kiosk, pending, start, results, safe=True)


def _run_chunk(
    db: Database,
    ctx: SiteContext,
    kiosk: Kiosk,
    pending: list[tuple[int, SyncItem, str]],
    start: int,
    results: list[dict[str, Any]],
    *,
    safe: bool,
) -> int:
    # the kiosk's keys, the blacklist, stored records and known visits are read once per chunk
    deadline = time.monotonic() + CHUNK_SECONDS
    i = start
    with db.write() as session:
        ids = list({item.recordId for _, item, _ in pending[start:]})
        stored: dict[str, SyncRecord] = {
            r.record_id: r
            for r in session.exec(select(SyncRecord).where(col(SyncRecord.record_id).in_(ids)))
        }
        keys = kiosk_keys(session, kiosk)
        lookups = BatchLookups(session, [(item.orderId or "").strip() for _, item, _ in pending[start:]])
        while i < len(pending) and (i == start or time.monotonic() < deadline):
            index, item, digest = pending[i]
            known = stored.get(item.recordId)
            if known is not None:
                results[index] = _replay(known, kiosk, digest, item)
            elif not safe and _plain(item):
                results[index] = _try_record(session, ctx, kiosk, item, digest, stored, keys, lookups, False)
            else:
                if not safe:
                    session.flush()  # the plain records' rows: a collision there redoes the chunk
                results[index] = _apply_record(session, ctx, kiosk, item, digest, stored, keys, lookups)
            i += 1
    return i


def _plain(item: SyncItem) -> bool:
    """A walk-in registration without companions, or a sign-out: every refusal of these is
    raised before the record writes or changes anything, so it needs no SAVEPOINT."""
    if item.op == "signOut":
        return True
    if item.op != "register":
        return False
    data = item.data
    return (
        str(data.get("registerType") or "1").strip() in ("0", "1")
        and not data.get("companions")
        and str(data.get("personNum") or "1").strip() == "1"
    )


def _apply_record(
    session: Session,
    ctx: SiteContext,
    kiosk: Kiosk,
    item: SyncItem,
    digest: str,
    stored: dict[str, SyncRecord],
    keys: tuple[tuple[int, Any], ...],
    lookups: BatchLookups,
) -> dict[str, Any]:
    for _ in range(2):
        try:
            return _try_record(session, ctx, kiosk, item, digest, stored, keys, lookups, True)
        except IntegrityError:  # the same record (or visit) committed concurrently: answer from it
            again = session.get(SyncRecord, item.recordId, populate_existing=True)
            if again is not None:
                stored[item.recordId] = again
                return _replay(again, kiosk, digest, item)
    return _result(item.recordId, item.seq, item.orderId or "", "retry", "409", "记录正在处理，请稍后重试")


def _try_record(
    session: Session,
    ctx: SiteContext,
    kiosk: Kiosk,
    item: SyncItem,
    digest: str,
    stored: dict[str, SyncRecord],
    keys: tuple[tuple[int, Any], ...],
    lookups: BatchLookups,
    savepoint: bool,
) -> dict[str, Any]:
    try:
        with session.begin_nested() if savepoint else nullcontext():
            result = _apply(session, ctx, kiosk, item, keys, lookups)
            if result["result"] == "retry":
                return result  # not stored: the kiosk sends it again later
            row = _sync_row(kiosk, item, digest, result["orderId"], result)
            session.add(row)  # flushed as the savepoint is released (or with the chunk)
    except ApiError as exc:  # refused: nothing of it was written; remember the refusal
        if exc.status in (409, 429):  # transient: not an answer to remember
            return _result(item.recordId, item.seq, item.orderId or "", "retry", str(exc.status), exc.msg)
        result = _result(item.recordId, item.seq, item.orderId or "", "rejected", str(exc.status), exc.msg)
        with session.begin_nested() if savepoint else nullcontext():
            row = _sync_row(kiosk, item, digest, item.orderId or "", result)
            session.add(row)
    stored[item.recordId] = row  # a repeat of it later in the batch is a replay
    return result


def _sync_row(kiosk: Kiosk, item: SyncItem, digest: str, order_id: str, result: dict[str, Any]) -> SyncRecord:
    return new_row(
        SyncRecord,
        record_id=item.recordId,
        kiosk_id=kiosk.id,
        payload_hash=digest,
        op=item.op,
        order_id=order_id,
        result=json.dumps(result, ensure_ascii=False),
    )


def _replay(stored: SyncRecord, kiosk: Kiosk, digest: str, item: SyncItem) -> dict[str, Any]:
    if stored.payload_hash != digest or stored.kiosk_id != kiosk.id:
        return _result(
            item.recordId,
            item.seq,
            item.orderId or "",
            "rejected",
            "422",
            "同一 recordId 的内容与已上传的记录不一致，已拒绝",
        )
    first = json.loads(stored.result)
    if first.get("result") == "rejected":
        return first | {"seq": item.seq}
    return first | {"result": "duplicate", "seq": item.seq}


def _times(item: SyncItem, ctx: SiteContext) -> OfflineStamp:
    now = utcnow()
    try:
        client = timefmt.parse_time(item.clientTime, ctx.tz, "clientTime")
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None
    if abs(item.clockOffsetMs) > MAX_OFFSET_MS:
        raise ApiError(400, "clockOffsetMs: 时钟偏差超出合理范围")
    corrected = (client + timedelta(milliseconds=item.clockOffsetMs)) if client else now
    corrected = min(corrected, now)  # a kiosk clock ahead of ours cannot date a visit in the future
    return OfflineStamp(client_time=client, corrected_time=corrected, received_time=now)


def _missing(session: Session, item: SyncItem, order_id: str) -> dict[str, Any]:
    """A sign-out/edit for a visit the server does not have: wait for its register, unless that
    register was refused for good (then waiting would block the kiosk's queue forever)."""
    refused = session.exec(
        select(SyncRecord).where(SyncRecord.order_id == order_id, SyncRecord.op == "register")
    ).all()
    for row in refused:
        first = json.loads(row.result)
        if first.get("result") == "rejected":
            return _result(
                item.recordId,
                item.seq,
                order_id,
                "rejected",
                "422",
                f"该访客的登记已被拒绝（{first.get('msg', '')}），无法{_OP_WORDS.get(item.op, '处理')}",
            )
    return _result(
        item.recordId,
        item.seq,
        order_id,
        "retry",
        "404",
        "服务端尚无该访客记录（登记记录可能还未上传），稍后重试",
    )


def _apply(
    session: Session,
    ctx: SiteContext,
    kiosk: Kiosk,
    item: SyncItem,
    keys: tuple[tuple[int, Any], ...],
    lookups: BatchLookups | None = None,
) -> dict[str, Any]:
    if item.op not in OPS:
        raise ApiError(400, f"op: 应为 {' / '.join(OPS)}")
    order_id = (item.orderId or "").strip()
    if not order_id:
        raise ApiError(400, "orderId: 缺少必填参数")
    stamp = _times(item, ctx)
    now = stamp.received_time
    if item.op == "register":
        data = dict(item.data)
        data["orderId"] = order_id
        try:
            info = RegisterInfo.model_validate(data)
        except ValidationError as exc:
            raise ApiError(400, describe(exc)) from None
        stamp = OfflineStamp(stamp.client_time, stamp.corrected_time, stamp.received_time, keys, lookups)
        existing = lookups.visit(session, order_id) if lookups else session.get(Visit, order_id)
        if (
            existing is not None
            and (info.registerType or "").strip() == "2"
            and existing.status in ON_SITE
            and existing.register_hash != info.payload_hash()
        ):
            # the same appointment checked in at two kiosks while offline: the visitor arrived once
            words = "已在其他访客机签到" if existing.register_kiosk_id != kiosk.id else "该预约已签到"
            return _result(
                item.recordId, item.seq, order_id, "duplicate", "0", words, visitor_info(existing, ctx.tz)
            )
        done = register.register(session, ctx, kiosk, info, now, stamp)
        data_out = visitor_info(done.visit, ctx.tz)
        data_out["companions"] = [visitor_info(c, ctx.tz) for c in done.companions]
        if done.replayed:
            return _result(item.recordId, item.seq, order_id, "duplicate", "0", "该登记已上传过", data_out)
        msg = "success"
        if info.qrCode and done.visit.qr_code != info.qrCode.strip().upper():
            msg = "离线二维码校验失败，已由服务端重新生成，请重新打印访客单"
        return _result(item.recordId, item.seq, order_id, "applied", "0", msg, data_out)
    if item.op == "signOut":
        if (lookups.visit(session, order_id) if lookups else session.get(Visit, order_id)) is None:
            return _missing(session, item, order_id)
        visit, comps, closed = register.sign_out(session, order_id, stamp.corrected_time, now)
        msg = "该访客已签离，无需重复签离" if closed else "success"
        return _result(
            item.recordId,
            item.seq,
            order_id,
            "applied",
            "0",
            msg,
            {"orderId": visit.order_id, "companions": [c.order_id for c in comps]},
        )
    if session.get(Visit, order_id) is None:
        return _missing(session, item, order_id)
    try:
        edit = EditData.model_validate(item.data)
    except ValidationError as exc:
        raise ApiError(400, describe(exc)) from None
    visit = register.edit(
        session, ctx, order_id, edit.endTimeISO, edit.privilegeGroupIds, edit.registerPlace, now
    )
    return _result(item.recordId, item.seq, order_id, "applied", "0", "success", visitor_info(visit, ctx.tz))
