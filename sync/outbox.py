"""The durable outbox: every kiosk write as a row in the kiosk's own SQLite, sent later.

States: pending -> inflight -> sent | attention (parked for a person) | refused (the person
at the screen saw the server's refusal at once). Nothing unsent is ever deleted.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sync import sqlitedb
from sync.sqlitedb import Connection

log = logging.getLogger(__name__)

OPS = ("register", "signOut", "edit")
BLOB_PREFIX = "outbox-blob:"  # a photo field whose value is a local blob, uploaded before its record

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id      TEXT NOT NULL UNIQUE,
    op             TEXT NOT NULL,
    order_id       TEXT NOT NULL,
    data           TEXT NOT NULL,
    client_time    TEXT NOT NULL,
    clock_offset_ms INTEGER NOT NULL DEFAULT 0,
    monotonic_ns   INTEGER NOT NULL DEFAULT 0,
    state          TEXT NOT NULL DEFAULT 'pending',
    attempts       INTEGER NOT NULL DEFAULT 0,
    not_before     REAL NOT NULL DEFAULT 0,
    result         TEXT,
    code           TEXT,
    msg            TEXT,
    created_at     REAL NOT NULL,
    updated_at     REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_state_seq ON outbox(state, seq);
CREATE INDEX IF NOT EXISTS outbox_order ON outbox(order_id, seq);
CREATE TABLE IF NOT EXISTS blobs (
    blob_id    TEXT PRIMARY KEY,
    data       TEXT NOT NULL,
    url        TEXT,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

UNSENT = ("pending", "inflight", "attention")
SETTLED = ("sent", "refused")  # the only states retention ever deletes
CHUNK = 50  # rows per uploader bookkeeping transaction: keeps each lock hold to a few ms
_BLOB_REF = re.compile(re.escape(BLOB_PREFIX) + r"([0-9A-Za-z-]+)")


@dataclass(frozen=True)
class Record:
    seq: int
    record_id: str
    op: str
    order_id: str
    data: dict[str, Any]
    client_time: str
    clock_offset_ms: int
    state: str
    attempts: int = 0
    result: dict[str, Any] | None = None
    code: str | None = None
    msg: str | None = None
    created_at: float = 0.0
    updated_at: float = 0.0

    def wire(self) -> dict[str, Any]:
        """The record as `offline/data/synchron` carries it (docs/api-notes.md)."""
        return {
            "recordId": self.record_id,
            "seq": self.seq,
            "op": self.op,
            "orderId": self.order_id,
            "clientTime": self.client_time,
            "clockOffsetMs": self.clock_offset_ms,
            "data": self.data,
        }


class OutboxBusy(RuntimeError):
    """Another process has this outbox open (a second kiosk instance on the same data dir)."""


def _lock_exclusively(path: Path) -> Any:
    try:
        return sqlitedb.lock_exclusively(path)
    except OSError as exc:
        raise OutboxBusy(f"{path}: another kiosk process is using this outbox") from exc


def local_iso_now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Outbox:
    """One SQLite file, WAL + synchronous=FULL; every write transaction is BEGIN IMMEDIATE.
    With `key` the file is encrypted (SQLCipher, sync.sqlitedb), a plaintext one converted first.

    Thread-safe: one connection guarded by a lock (writes are sub-millisecond; HTTP never
    runs under the lock). `changed` is called after every change with the unsent count.
    """

    def __init__(self, path: str | Path, key: bytes | None = None):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One kiosk process per outbox: a second one would reset the first's in-flight records
        # and send them twice (harmless for the server, but two relays is a known relay bug).
        self._lockfile = _lock_exclusively(self.path.with_name(self.path.name + ".lock"))
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._listeners: list[Callable[[int], None]] = []
        try:
            # WAL + synchronous=FULL: a commit survives power loss, not just a crash
            self._db = sqlitedb.connect(
                self.path,
                key,
                synchronous="FULL",
                timeout=10,
                rows=True,
                isolation_level=None,
                check_same_thread=False,
            )
        except BaseException:
            self._lockfile.close()
            raise
        self._db.executescript(_SCHEMA)
        # A crash may have left records claimed by a batch whose answer never came: send
        # them again; the server answers a replayed recordId with `duplicate`.
        with self._tx() as db:
            n = db.execute("UPDATE outbox SET state='pending' WHERE state='inflight'").rowcount
        if n:
            log.info("outbox: %d in-flight record(s) from the last run will be sent again", n)

    # -- plumbing ---------------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            else:
                self._db.execute("COMMIT")
                self._cond.notify_all()

    def on_change(self, callback) -> None:
        """`callback(unsent_count)` after every change (called on the writer's thread)."""
        self._listeners.append(callback)

    def _changed(self) -> None:
        if not self._listeners:
            return
        n = self.unsent_count()
        for cb in list(self._listeners):
            try:
                cb(n)
            except Exception:  # a listener's bug must not lose a write
                log.exception("outbox listener failed")

    def close(self) -> None:
        with self._lock:
            self._db.close()
            if self._lockfile is not None:
                self._lockfile.close()  # releases the process lock
                self._lockfile = None

    @staticmethod
    def _record(row: Any) -> Record:
        return Record(
            seq=row["seq"],
            record_id=row["record_id"],
            op=row["op"],
            order_id=row["order_id"],
            data=json.loads(row["data"]),
            client_time=row["client_time"],
            clock_offset_ms=row["clock_offset_ms"],
            state=row["state"],
            attempts=row["attempts"],
            result=json.loads(row["result"]) if row["result"] else None,
            code=row["code"],
            msg=row["msg"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )

    # -- writing ------------------------------------------------------------------------
    @staticmethod
    def _insert(
        db: Connection,
        op: str,
        order_id: str,
        data: dict[str, Any],
        client_time: str,
        offset: int,
        now: float,
    ) -> Record:
        if op not in OPS:
            raise ValueError(f"unknown outbox op {op!r}")
        record_id = str(uuid.uuid4())
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        cur = db.execute(
            "INSERT INTO outbox(record_id, op, order_id, data, client_time, clock_offset_ms, monotonic_ns,"
            " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (record_id, op, order_id, payload, client_time, offset, time.monotonic_ns(), now, now),
        )
        return Record(
            seq=int(cur.lastrowid or 0),
            record_id=record_id,
            op=op,
            order_id=order_id,
            data=data,
            client_time=client_time,
            clock_offset_ms=offset,
            state="pending",
            created_at=now,
            updated_at=now,
        )

    @staticmethod
    def _offset(db: Connection) -> int:
        row = db.execute("SELECT value FROM meta WHERE key='clock_offset_ms'").fetchone()
        return int(row[0]) if row else 0

    def enqueue(
        self,
        op: str,
        order_id: str,
        data: dict[str, Any],
        *,
        clock_offset_ms: int | None = None,
        blobs: dict[str, str] | None = None,
    ) -> Record:
        """Make one write durable. Returns once the commit is on disk (fsync'd)."""
        if op not in OPS:
            raise ValueError(f"unknown outbox op {op!r}")
        now = time.time()
        with self._tx() as db:
            offset = self._offset(db) if clock_offset_ms is None else clock_offset_ms
            for blob_id, b64 in (blobs or {}).items():
                db.execute(
                    "INSERT OR IGNORE INTO blobs(blob_id, data, created_at) VALUES (?,?,?)",
                    (blob_id, b64, now),
                )
            rec = self._insert(db, op, order_id, data, local_iso_now(), offset, now)
        self._changed()
        return rec

    def enqueue_many(self, items: list[tuple[str, str, dict[str, Any]]]) -> list[Record]:
        """Several writes in one transaction (a group with companions; bulk loads): all or none."""
        now = time.time()
        client_time = local_iso_now()
        with self._tx() as db:
            offset = self._offset(db)
            out = [
                self._insert(db, op, order_id, data, client_time, offset, now) for op, order_id, data in items
            ]
        self._changed()
        return out

    def claim(
        self, limit: int, now: float | None = None, settled: set[str] | frozenset[str] = frozenset()
    ) -> list[Record]:
        """Take up to `limit` sendable records in seq order and mark them in flight.

        A visit's records go in order: once one record of an orderId cannot go now (parked,
        backing off, in flight), its later records wait too; other visits are not held up.
        `settled`: visits whose in-flight records the server has applied, answers not yet
        written down (the uploader sending its next batch ahead): they are not held.
        """
        now = time.time() if now is None else now
        with self._lock:  # a read: pick what goes
            db = self._db
            held = {
                order_id
                for order_id, state in db.execute(
                    "SELECT DISTINCT order_id, state FROM outbox WHERE state IN ('attention','inflight')"
                )
                if state == "attention" or order_id not in settled
            }
            picked: list[int] = []
            last_seq = 0
            while len(picked) < limit:
                rows = db.execute(
                    "SELECT seq, order_id, not_before FROM outbox"
                    " WHERE state='pending' AND seq>? ORDER BY seq LIMIT ?",
                    (last_seq, max(limit * 2, 100)),
                ).fetchall()
                if not rows:
                    break
                for seq, order_id, not_before in rows:
                    last_seq = seq
                    if order_id in held:
                        continue
                    if not_before > now:
                        held.add(order_id)
                        continue
                    picked.append(seq)
                    if len(picked) >= limit:
                        break
        # Mark them in short transactions so an enqueue (a person waiting) never queues behind
        # a 500-row write; only this thread moves records out of `pending`, so the pick stays valid.
        rows = []
        for i in range(0, len(picked), CHUNK):
            part = picked[i : i + CHUNK]
            marks = ",".join("?" * len(part))
            with self._tx() as db:
                # UPDATE ... RETURNING: only rows this transaction moved, an atomic claim
                rows.extend(
                    db.execute(
                        f"UPDATE outbox SET state='inflight', updated_at=?"
                        f" WHERE seq IN ({marks}) AND state='pending' RETURNING *",
                        (now, *part),
                    ).fetchall()
                )
            time.sleep(0)  # let a waiting writer take the lock between chunks
        rows.sort(key=lambda r: r["seq"])
        return [self._record(r) for r in rows]

    def claim_seqs(self, seqs: list[int]) -> list[Record]:
        """Mark exactly these pending records in flight (one-by-one sending)."""
        now = time.time()
        with self._tx() as db:
            rows = [
                db.execute("SELECT * FROM outbox WHERE seq=? AND state='pending'", (q,)).fetchone()
                for q in seqs
            ]
            out = [self._record(r) for r in rows if r is not None]
            db.executemany(
                "UPDATE outbox SET state='inflight', updated_at=? WHERE seq=?", [(now, r.seq) for r in out]
            )
        return out

    def release(self, records: list[Record]) -> None:
        """The batch did not get an answer (network, 5xx): put it back, nothing lost."""
        now = time.time()
        with self._tx() as db:
            db.executemany(
                "UPDATE outbox SET state='pending', updated_at=? WHERE seq=? AND state='inflight'",
                [(now, r.seq) for r in records],
            )
        self._changed()

    def apply_results(
        self,
        records: list[Record],
        results: list[dict[str, Any]],
        retry_delay: Callable[[int], float] | None = None,
    ) -> dict[int, str]:
        """Record the server's per-record answers in one transaction. Returns seq -> outcome.

        A record the server did not mention stays pending (sent again next batch).
        """
        now = time.time()
        by_id = {r.get("recordId"): r for r in results}
        outcomes: dict[int, str] = {}
        sent, parked, retry = [], [], []
        for rec in records:  # encode outside the write lock: enqueues never wait on JSON
            res = by_id.get(rec.record_id)
            kind = (res or {}).get("result")
            code, msg = (res or {}).get("code"), (res or {}).get("msg")
            if kind in ("applied", "duplicate"):
                sent.append((json.dumps(res, ensure_ascii=False), code, msg, now, rec.seq))
                outcomes[rec.seq] = "sent"
            elif kind == "rejected":
                parked.append((json.dumps(res, ensure_ascii=False), code, msg, now, rec.seq))
                outcomes[rec.seq] = "attention"
                log.warning(
                    "outbox: record %s (%s %s) refused by the server: %s %s",
                    rec.seq,
                    rec.op,
                    rec.order_id,
                    code,
                    msg,
                )
            else:  # retry, or missing from the answer
                delay = retry_delay(rec.attempts + 1) if retry_delay else 0.0
                retry.append((code, msg, now + delay, now, rec.seq))
                outcomes[rec.seq] = "retry"
        for i in range(0, max(len(sent), len(parked), len(retry)), CHUNK):  # short transactions, as in claim
            with self._tx() as db:
                db.executemany(
                    "UPDATE outbox SET state='sent', result=?, code=?, msg=?, updated_at=? WHERE seq=?",
                    sent[i : i + CHUNK],
                )
                db.executemany(
                    "UPDATE outbox SET state='attention', result=?, code=?, msg=?,"
                    " attempts=attempts+1, updated_at=? WHERE seq=?",
                    parked[i : i + CHUNK],
                )
                db.executemany(
                    "UPDATE outbox SET state='pending', code=?, msg=?, attempts=attempts+1,"
                    " not_before=?, updated_at=? WHERE seq=?",
                    retry[i : i + CHUNK],
                )
            time.sleep(0)
        self._changed()
        return outcomes

    def refuse(self, seq: int, code: str, msg: str) -> None:
        """The person at the screen saw this refusal at once (online write): not waiting."""
        with self._tx() as db:
            db.execute(
                "UPDATE outbox SET state='refused', code=?, msg=?, updated_at=? WHERE seq=?",
                (code, msg, time.time(), seq),
            )
        self._changed()

    def resend(self, seq: int, data: dict[str, Any] | None = None) -> Record:
        """Send a parked record again (after the cause was fixed), optionally with corrected data.

        Always under a new recordId: the server remembers its refusal of the old one forever
        and would answer a replay with the same refusal (or refuse a changed payload under it).
        Resending a registration also re-queues that visit's later parked records (a sign-out
        refused only because its registration was).
        """
        now = time.time()
        with self._tx() as db:
            row = db.execute("SELECT * FROM outbox WHERE seq=?", (seq,)).fetchone()
            if row is None or row["state"] not in ("attention", "refused"):
                raise ValueError(f"record {seq} is not parked")
            payload = json.dumps(data, ensure_ascii=False) if data is not None else row["data"]
            db.execute(
                "UPDATE outbox SET state='pending', data=?, record_id=?, not_before=0, updated_at=?"
                " WHERE seq=?",
                (payload, str(uuid.uuid4()), now, seq),
            )
            if row["op"] == "register":
                followers = db.execute(
                    "SELECT seq FROM outbox WHERE order_id=? AND seq>? AND state='attention'",
                    (row["order_id"], seq),
                ).fetchall()
                db.executemany(
                    "UPDATE outbox SET state='pending', record_id=?, not_before=0, updated_at=? WHERE seq=?",
                    [(str(uuid.uuid4()), now, f[0]) for f in followers],
                )
            row = db.execute("SELECT * FROM outbox WHERE seq=?", (seq,)).fetchone()
        self._changed()
        return self._record(row)

    # -- retention (sync.retention) --------------------------------------------------------
    def held_orders(self) -> set[str]:
        """Visits with a record not yet uploaded (pending, in flight, needs attention): retention
        deletes nothing of theirs, here or in any other kiosk store, whatever their age."""
        with self._lock:
            return {
                r[0]
                for r in self._db.execute(
                    "SELECT DISTINCT order_id FROM outbox WHERE state IN ('pending','inflight','attention')"
                )
            }

    def signed_out_orders(self) -> set[str]:
        """Visits whose sign-out this kiosk uploaded (the server confirmed it), with the companions
        who left with them (the server's orderIds from the registration's answer, or stand-ins)."""
        with self._lock:
            outs = {
                r[0]
                for r in self._db.execute(
                    "SELECT DISTINCT order_id FROM outbox WHERE op='signOut' AND state='sent'"
                )
            }
            regs = (
                self._db.execute(
                    "SELECT order_id, data, result FROM outbox WHERE op='register'"
                    " AND order_id IN (SELECT value FROM json_each(?))",
                    (json.dumps(sorted(outs)),),
                ).fetchall()
                if outs
                else []
            )
        for order_id, data, result in regs:
            answer = (json.loads(result) if result else {}).get("data") or {}
            comps = answer.get("companions") or json.loads(data).get("companions") or []
            for i, comp in enumerate(c for c in comps if isinstance(c, dict)):
                outs.add(str(comp.get("orderId") or f"{order_id}:{i + 1}"))
        return outs

    def purge(self, cutoff: float, forget: set[str] | frozenset[str] = frozenset()) -> int:
        """Retention: delete the uploaded records (`sent`, or `refused` in front of the person) last
        changed before `cutoff` (epoch s), and those of the visits in `forget` (signed out) at once,
        then the photos no remaining record refers to. A visit with any record not yet uploaded
        keeps all of its records, whatever their age. Returns the number of records deleted.
        Short transactions (CHUNK rows), so an enqueue never waits long behind it."""
        gone = 0
        forget_json = json.dumps(sorted(forget))
        while True:
            with self._tx() as db:
                n = db.execute(
                    "DELETE FROM outbox WHERE seq IN (SELECT o.seq FROM outbox o"
                    " WHERE o.state IN ('sent','refused')"
                    " AND (o.updated_at < ? OR o.order_id IN (SELECT value FROM json_each(?)))"
                    " AND NOT EXISTS (SELECT 1 FROM outbox u WHERE u.order_id = o.order_id"
                    "  AND u.state IN ('pending','inflight','attention'))"
                    " LIMIT ?)",
                    (cutoff, forget_json, CHUNK),
                ).rowcount
            gone += n
            if n < CHUNK:
                break
            time.sleep(0)
        with self._lock:  # photos go with the last record that refers to them
            used: set[str] = set()
            for (data,) in self._db.execute("SELECT data FROM outbox WHERE data LIKE '%outbox-blob:%'"):
                used.update(_BLOB_REF.findall(data))
            unused = [b for (b,) in self._db.execute("SELECT blob_id FROM blobs") if b not in used]
        for i in range(0, len(unused), CHUNK):
            part = unused[i : i + CHUNK]
            with self._tx() as db:
                db.execute(f"DELETE FROM blobs WHERE blob_id IN ({','.join('?' * len(part))})", part)
        if gone or unused:
            with self._lock:
                sqlitedb.checkpoint(self._db)  # the deleted rows leave the WAL file too
        return gone

    def purge_sent(self, older_than_s: float) -> int:
        """Retention by age alone: `purge(now - older_than_s)`."""
        return self.purge(time.time() - older_than_s)

    def blob_count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM blobs").fetchone()[0]

    # -- blobs (photos taken offline) -------------------------------------------------
    def blob(self, blob_id: str) -> tuple[str, str | None] | None:
        with self._lock:
            row = self._db.execute("SELECT data, url FROM blobs WHERE blob_id=?", (blob_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def set_blob_url(self, blob_id: str, url: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE blobs SET url=? WHERE blob_id=?", (url, blob_id))

    # -- meta -----------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO meta(key, value) VALUES (?,?)"
                " ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (key, value),
            )

    # -- reading --------------------------------------------------------------------------
    def unsent_count(self) -> int:
        with self._lock:
            return self._db.execute(
                "SELECT COUNT(*) FROM outbox WHERE state IN ('pending','inflight','attention')"
            ).fetchone()[0]

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {r[0]: r[1] for r in self._db.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state")}

    def get(self, seq: int) -> Record | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM outbox WHERE seq=?", (seq,)).fetchone()
        return self._record(row) if row else None

    def records(
        self, states: tuple[str, ...] = UNSENT, op: str | None = None, order_id: str | None = None
    ) -> list[Record]:
        sql = f"SELECT * FROM outbox WHERE state IN ({','.join('?' * len(states))})"
        args: list[Any] = list(states)
        if op:
            sql += " AND op=?"
            args.append(op)
        if order_id:
            sql += " AND order_id=?"
            args.append(order_id)
        with self._lock:
            return [self._record(r) for r in self._db.execute(sql + " ORDER BY seq", args)]

    def attention(self) -> list[Record]:
        """The "needs attention" list: records the server refused for good, with its message."""
        return self.records(("attention",))

    def wait_settled(self, seq: int, timeout: float) -> Record | None:
        """Block until record `seq` leaves pending/inflight, or the timeout passes."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                rec = self.get(seq)
                if rec is None or rec.state not in ("pending", "inflight"):
                    return rec
                left = deadline - time.monotonic()
                if left <= 0:
                    return rec
                self._cond.wait(left)

    def next_due(self) -> float | None:
        """When the earliest backed-off pending record may go (epoch seconds), if any."""
        with self._lock:
            row = self._db.execute("SELECT MIN(not_before) FROM outbox WHERE state='pending'").fetchone()
        return row[0] if row and row[0] is not None else None
