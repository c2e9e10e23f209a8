"""offline/data/synchron (docs/api-notes.md): records applied in seq order, each applied or
refused on its own inside a batch transaction cut every 100 ms, idempotent forever by recordId;
the outcome of the first try answers replays. Each cut is one `Database.run` job, so the other
requests' database work takes its turn between them."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from contextlib import nullcontext
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from pydantic import ValidationError
from sqlalchemy import bindparam, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from server.body import describe
from server.db import Database
from server.envelope import ApiError
from server.models import Kiosk, SyncRecord, Visit
from server.models._common import utcnow
from server.models.visit import QrKey
from server.picture_refs import Origin
from server.rights import Actor, stamped_operator
from server.services import timefmt
from server.services.edit_visit import edit
from server.services.offline_context import BatchLookups, OfflineStamp
from server.services.registration import register
from server.services.sign_out import sign_out
from server.services.visits import visitor_info
from server.site import SiteContext
from visitorcs import qrtoken
from visitorcs.codes import ON_SITE
from visitorcs.wire import MAX_RECORDS, SYNC_OPS, EditData, RegisterInfo, SyncBatch, SyncItem

log = logging.getLogger(__name__)

OPS = SYNC_OPS
_OP_WORDS = {"signOut": "签离", "edit": "修改"}
MAX_OFFSET_MS = 366 * 24 * 3600 * 1000
RECORD_FAILED = "服务端处理该记录时出错（已记录日志），本机将稍后自动重试；如持续出现请联系管理员"


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


def store_kiosk_key(db: Database, ctx: SiteContext, kiosk: Kiosk, key_b64: str) -> int:
    """The kiosk's QR public key; its kid. One key per kiosk: a new key replaces the old one under
    the same kid (rotation). Codes the old key signed that the server already stored keep working
    (look-ups match the stored code); codes not uploaded yet are replaced by server-issued ones on
    upload (the answer asks for a reprint); kiosks verifying offline drop the old key at their next
    qrKeys refresh. The server's own key and another kiosk's are refused (422)."""
    try:
        qrtoken.load_public_key(key_b64)
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None
    key_b64 = key_b64.strip()
    if key_b64 == qrtoken.public_key_b64(ctx.qr_key):
        raise ApiError(422, "kioskPublicKey: 这是服务端自己的二维码公钥，访客机应使用自己的密钥")
    for _ in range(2):
        try:
            with db.write() as session:
                row = session.exec(select(QrKey).where(QrKey.public_key == key_b64)).first()
                if row is not None:
                    if row.kiosk_id != kiosk.id:
                        raise ApiError(422, "kioskPublicKey: 该公钥已属于另一台访客机，请为本机生成新的密钥")
                    return int(row.kid or 0)
                row = session.exec(select(QrKey).where(QrKey.kiosk_id == kiosk.id)).first()
                if row is None:
                    row = QrKey(kiosk_id=kiosk.id, public_key=key_b64)
                else:
                    log.warning("kiosk %s replaced its QR key (kid %s)", kiosk.mac, row.kid)
                    row.public_key, row.create_time = key_b64, utcnow()
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


CHUNK_SECONDS = (
    0.1  # a batch's transaction is cut after this long: other requests' database work waits no longer
)


class _Known(NamedTuple):
    """A record already answered (stored, or decided earlier in this transaction)."""

    payload_hash: str
    kiosk_id: str
    result: str  # JSON of the first outcome


async def synchronise(
    db: Database,
    ctx: SiteContext,
    kiosk: Kiosk,
    batch: SyncBatch,
    origin: Origin | None = None,
    operator: str | None = None,
) -> dict[str, Any]:
    """The answer to one upload: `kioskKid` when a key came, and a result per record. `origin`:
    the server as the kiosk reached it (picture URLs, server.picture_refs); `operator`: a live
    operator session sent with the batch (else each record's own stamp counts, server.rights)."""
    out, upload = await db.run(_prepare, db, ctx, kiosk, batch)
    upload.origin, upload.operator = origin, operator
    while not upload.done:
        await db.run(upload.apply_chunk)
    out["results"] = upload.results
    return out


def _prepare(db: Database, ctx: SiteContext, kiosk: Kiosk, batch: SyncBatch) -> tuple[dict[str, Any], _Batch]:
    """Checks of the whole batch, the kiosk's QR key stored, records validated and put in seq order."""
    if batch.clientMacAddress:
        from server.services.lookup import check_mac

        check_mac(kiosk, batch.clientMacAddress)
    if len(batch.records) > MAX_RECORDS:
        raise ApiError(400, f"records: 每批最多 {MAX_RECORDS} 条，本批 {len(batch.records)} 条")
    out: dict[str, Any] = {}
    if batch.kioskPublicKey:
        out["kioskKid"] = store_kiosk_key(db, ctx, kiosk, batch.kioskPublicKey)
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
                _result(
                    str(raw.get("recordId") or ""),
                    seq,
                    str(raw.get("orderId") or ""),
                    "rejected",
                    "400",
                    describe(exc),
                )
            )
            continue
        pending.append((len(results), item, _hash(raw)))
        results.append({})
    return out, _Batch(db, ctx, kiosk, pending, results)


class _Batch:
    """The valid records of one upload, applied in seq order in write transactions ("chunks")
    cut every CHUNK_SECONDS, one `apply_chunk` each; `results` is filled in place."""

    def __init__(
        self,
        db: Database,
        ctx: SiteContext,
        kiosk: Kiosk,
        pending: list[tuple[int, SyncItem, str]],
        results: list[dict[str, Any]],
    ):
        self.db, self.ctx, self.kiosk, self.pending, self.results = db, ctx, kiosk, pending, results
        self._keys: tuple[tuple[int, Any], ...] | None = None  # the kiosk's QR keys, read once
        self._next = 0  # the first pending record not applied yet
        self.origin: Origin | None = None
        self.operator: str | None = None

    @property
    def done(self) -> bool:
        return self._next >= len(self.pending)

    def apply_chunk(self) -> None:
        """The next records in one write transaction (blocking: run it with `Database.run`).

        Each record is applied or rejected on its own, in seq order: in its own SAVEPOINT, except
        records whose refusals all come before they write anything (`_plain`), whose rows (and
        the chunk's SyncRecord rows) are written together. Should that shared write fail (the
        same record or visit stored concurrently), the whole chunk is rolled back and done again
        with a SAVEPOINT each."""
        try:
            self._next = self._run(self._next, safe=False)
        except IntegrityError:
            log.info("offline batch: a shared flush collided; applying the chunk record by record")
            self._next = self._run(self._next, safe=True)
        except Exception:  # a record broke in a way no check foresaw: find it, let the others through
            log.exception("offline batch: a record failed unexpectedly; applying the chunk record by record")
            self._next = self._run(self._next, safe=True)

    def _run(self, start: int, *, safe: bool) -> int:
        deadline = time.monotonic() + CHUNK_SECONDS
        pending, i = self.pending, start
        with self.db.write() as session:
            if self._keys is None:
                self._keys = kiosk_keys(session, self.kiosk)
            items = [item for _, item, _ in pending[start:]]
            chunk = _Chunk(session, self.ctx, self.kiosk, self._keys, items, bulk=not safe)
            chunk.origin, chunk.operator = self.origin, self.operator
            while i < len(pending) and (i == start or time.monotonic() < deadline):
                index, item, digest = pending[i]
                known = chunk.known.get(item.recordId)
                if known is not None:
                    self.results[index] = _replay(known, self.kiosk, digest, item)
                elif not safe and _plain(item):
                    self.results[index] = chunk.try_record(item, digest, savepoint=False)
                else:
                    if not safe:
                        session.flush()  # the plain records' rows: a collision there redoes the chunk
                    self.results[index] = chunk.apply_record(item, digest)
                i += 1
            chunk.insert_rows()
        return i


# the batch's recordIds as one expanding parameter: the statement and its cache key stay the same
_KNOWN = select(SyncRecord.record_id, SyncRecord.payload_hash, SyncRecord.kiosk_id, SyncRecord.result).where(
    col(SyncRecord.record_id).in_(bindparam("ids", expanding=True))
)


class _Chunk:
    """What the records of one write transaction share: the kiosk and its QR keys, the batch
    look-ups (blacklist, free visitor codes, known-absent visits), the records already answered,
    and, in bulk mode, the SyncRecord rows to insert together at the end (one executemany
    instead of an ORM object and flush per record)."""

    def __init__(
        self,
        session: Session,
        ctx: SiteContext,
        kiosk: Kiosk,
        keys: tuple[tuple[int, Any], ...],
        items: list[SyncItem],
        *,
        bulk: bool,
    ):
        self.session, self.ctx, self.kiosk, self.keys, self.bulk = session, ctx, kiosk, keys, bulk
        ids = list({item.recordId for item in items})
        self.known: dict[str, _Known] = {
            r.record_id: _Known(r.payload_hash, r.kiosk_id, r.result)
            for r in session.execute(_KNOWN, {"ids": ids})
        }
        self.lookups = BatchLookups(session, [(item.orderId or "").strip() for item in items])
        self._rows: list[dict[str, Any]] = []
        self._refused_here: dict[str, str] = {}  # orderId -> msg of a register refused in this chunk
        self.origin: Origin | None = None
        self.operator: str | None = None

    def apply_record(self, item: SyncItem, digest: str) -> dict[str, Any]:
        """The record in its own SAVEPOINT; a concurrent copy of it stored meanwhile answers it."""
        for _ in range(2):
            try:
                return self.try_record(item, digest, savepoint=True)
            except IntegrityError:  # the same record (or visit) committed concurrently: answer from it
                again = self.session.get(SyncRecord, item.recordId, populate_existing=True)
                if again is not None:
                    known = _Known(again.payload_hash, again.kiosk_id, again.result)
                    self.known[item.recordId] = known
                    return _replay(known, self.kiosk, digest, item)
            except Exception:
                # Defence in depth: its SAVEPOINT is rolled back, the batch goes on, and the record
                # is not remembered: the kiosk keeps it and sends it again (nothing is lost).
                log.exception("offline record %s (%s %s) failed", item.recordId, item.op, item.orderId)
                return _result(item.recordId, item.seq, item.orderId or "", "retry", "500", RECORD_FAILED)
        return _result(
            item.recordId, item.seq, item.orderId or "", "retry", "409", "记录正在处理，请稍后重试"
        )

    def try_record(self, item: SyncItem, digest: str, *, savepoint: bool) -> dict[str, Any]:
        session = self.session
        try:
            with session.begin_nested() if savepoint else nullcontext():
                result = _apply(self, item)
                if result["result"] == "retry":
                    return result  # not stored: the kiosk sends it again later
                self._remember(item, digest, result["orderId"], result)
        except ApiError as exc:  # refused: nothing of it was written; remember the refusal
            # 409/429 are transient: not an answer to remember
            kind = "retry" if exc.status in (409, 429) else "rejected"
            result = _result(item.recordId, item.seq, item.orderId or "", kind, str(exc.status), exc.msg)
            if kind == "retry":
                return result
            with session.begin_nested() if savepoint else nullcontext():
                self._remember(item, digest, item.orderId or "", result)
        return result

    def _remember(self, item: SyncItem, digest: str, order_id: str, result: dict[str, Any]) -> None:
        """The record's outcome, stored with the chunk (bulk) or now, inside its SAVEPOINT."""
        row = {
            "record_id": item.recordId,
            "kiosk_id": self.kiosk.id,
            "payload_hash": digest,
            "op": item.op,
            "order_id": order_id,
            "result": json.dumps(result, ensure_ascii=False),
            "create_time": utcnow(),
        }
        self.known[item.recordId] = _Known(digest, self.kiosk.id, row["result"])  # a repeat is a replay
        if item.op == "register" and result["result"] == "rejected":
            self._refused_here[order_id] = result["msg"]
        if self.bulk:
            self._rows.append(row)
        else:
            self.session.execute(insert(SyncRecord), [row])

    def insert_rows(self) -> None:
        if self._rows:
            self.session.execute(insert(SyncRecord), self._rows)
            self._rows = []

    def refused_register(self, order_id: str) -> str | None:
        """The msg of this visit's register if it was refused for good (here or before), else None."""
        if order_id in self._refused_here:
            return self._refused_here[order_id]
        rows = self.session.exec(
            select(SyncRecord.result).where(SyncRecord.order_id == order_id, SyncRecord.op == "register")
        )
        for stored in rows:
            first = json.loads(stored)
            if first.get("result") == "rejected":
                return str(first.get("msg", ""))
        return None


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


def _replay(stored: _Known, kiosk: Kiosk, digest: str, item: SyncItem) -> dict[str, Any]:
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
    client = timefmt.read_time(item.clientTime, ctx.tz, "clientTime")
    if abs(item.clockOffsetMs) > MAX_OFFSET_MS:
        raise ApiError(400, "clockOffsetMs: 时钟偏差超出合理范围")
    corrected = (client + timedelta(milliseconds=item.clockOffsetMs)) if client else now
    corrected = min(corrected, now)  # a kiosk clock ahead of ours cannot date a visit in the future
    if corrected < timefmt.EARLIEST:
        raise ApiError(400, "clientTime: 校正时钟偏差后的时间超出范围（早于 2000 年）")
    return OfflineStamp(client_time=client, corrected_time=corrected, received_time=now)


def _missing(chunk: _Chunk, item: SyncItem, order_id: str) -> dict[str, Any]:
    """A sign-out/edit for a visit the server does not have: wait for its register, unless that
    register was refused for good (then waiting would block the kiosk's queue forever)."""
    refused = chunk.refused_register(order_id)
    if refused is not None:
        return _result(
            item.recordId,
            item.seq,
            order_id,
            "rejected",
            "422",
            f"该访客的登记已被拒绝（{refused}），无法{_OP_WORDS.get(item.op, '处理')}",
        )
    return _result(
        item.recordId,
        item.seq,
        order_id,
        "retry",
        "404",
        "服务端尚无该访客记录（登记记录可能还未上传），稍后重试",
    )


def _actor(chunk: _Chunk, item: SyncItem, order_id: str, at: datetime) -> Actor:
    """Who did an offline sign-out or edit: the uploading kiosk, and the operator who stamped the
    record while their session was live (or the live session sent with the batch)."""
    operator = chunk.operator or stamped_operator(
        chunk.session, item.data.get("operator"), item.op, order_id, at
    )
    return Actor(chunk.kiosk, operator)


def _apply(chunk: _Chunk, item: SyncItem) -> dict[str, Any]:
    session, ctx, kiosk, lookups = chunk.session, chunk.ctx, chunk.kiosk, chunk.lookups
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
        stamp = OfflineStamp(
            stamp.client_time, stamp.corrected_time, stamp.received_time, chunk.keys, lookups
        )
        existing = lookups.visit(session, order_id)
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
        done = register(session, ctx, kiosk, info, now, stamp, chunk.origin)
        data_out = visitor_info(done.visit, ctx.tz)
        data_out["companions"] = [visitor_info(c, ctx.tz) for c in done.companions]
        if done.replayed:
            return _result(item.recordId, item.seq, order_id, "duplicate", "0", "该登记已上传过", data_out)
        msg = "success"
        if info.qrCode and done.visit.qr_code != info.qrCode.strip().upper():
            msg = "离线二维码校验失败，已由服务端重新生成，请重新打印访客单"
        return _result(item.recordId, item.seq, order_id, "applied", "0", msg, data_out)
    if item.op == "signOut":
        if lookups.visit(session, order_id) is None:
            return _missing(chunk, item, order_id)
        qr = item.data.get("qrCode")
        actor = _actor(chunk, item, order_id, stamp.corrected_time)
        visit, comps, closed = sign_out(
            session, order_id, stamp.corrected_time, now, actor, qr if isinstance(qr, str) else None
        )
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
        return _missing(chunk, item, order_id)
    try:
        change = EditData.model_validate(item.data)
    except ValidationError as exc:
        raise ApiError(400, describe(exc)) from None
    actor = _actor(chunk, item, order_id, stamp.corrected_time)
    visit = edit(
        session, ctx, order_id, change.endTimeISO, change.privilegeGroupIds, change.registerPlace, now, actor
    )
    return _result(item.recordId, item.seq, order_id, "applied", "0", "success", visitor_info(visit, ctx.tz))
