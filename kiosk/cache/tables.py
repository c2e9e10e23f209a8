"""The cache's tables (SQLModel on SQLite) and the atomic replace-per-kind writes; reads used by the
directory. Loaded on first use by kiosk.cache.store.CacheStore: SQLAlchemy and SQLModel take about
a second to import, which the kiosk's start-up should not pay."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import delete as sa_delete
from sqlalchemy import update as sa_update
from sqlalchemy.orm import registry
from sqlmodel import Field, Session, SQLModel, col, create_engine, delete, select

from kiosk.cache.store import norm_id, norm_phone
from sync import sqlitedb
from sync.retention import Sweep
from visitorcs.codes import CLOSED, VisitStatus, status_in
from visitorcs.identity import identity_keys
from visitorcs.pinyin import name_matches, pinyin_query

log = logging.getLogger(__name__)

REFERENCE_KINDS = (
    "purposes",
    "workUnits",
    "privilegeGroups",
    "fieldConfiguration",
    "parkNotice",
    "permitTemplate",
    "sceneConfig",
    "qrKeys",
)


class CacheModel(SQLModel, registry=registry()):
    """The cache's own metadata: its tables never leak into the server's (Alembic compares
    SQLModel.metadata with the server's migrations, and a kiosk may run both in one process)."""


class CacheItem(CacheModel, table=True):
    __tablename__ = "cache_item"
    kind: str = Field(primary_key=True)
    position: int = Field(primary_key=True)
    payload: str


class BlacklistEntry(CacheModel, table=True):
    __tablename__ = "cache_blacklist"
    id: int | None = Field(default=None, primary_key=True)
    identity_id: str = ""
    identity_num: str = Field(default="", index=True)
    phone: str = Field(default="", index=True)


class CachedVisit(CacheModel, table=True):
    __tablename__ = "cache_visit"
    order_id: str = Field(primary_key=True)
    status: str = Field(default="", index=True)
    qr_code: str = Field(default="", index=True)
    visitor_code: str = Field(default="", index=True)
    phone_last4: str = Field(default="", index=True)
    identity_num: str = Field(default="", index=True)
    payload: str


class Host(CacheModel, table=True):
    __tablename__ = "cache_host"
    person_id: str = Field(primary_key=True)
    name: str = Field(default="", index=True)
    phone: str = ""
    org_name: str = ""
    payload: str = "{}"
    seen_at: float = 0.0


class CacheMeta(CacheModel, table=True):
    __tablename__ = "cache_meta"
    kind: str = Field(primary_key=True)
    refreshed_at: float = 0.0
    digest: str = ""
    count: int = 0


# What stays of a visit that has left, where the site forgets on sign-out: enough to answer
# "already signed out" to its QR code or visitor code offline; no name, number, phone or photo.
KEPT_AFTER_SIGN_OUT = (
    "orderId",
    "status",
    "qrCode",
    "barCode",
    "visitorCode",
    "registerTime",
    "registerTimeISO",
    "registerTimeUTC",
    "startTime",
    "startTimeISO",
    "startTimeUTC",
    "endTime",
    "endTimeISO",
    "endTimeUTC",
    "realEndTime",
    "realEndTimeISO",
    "realEndTimeUTC",
    "registerPlace",
    "registerFlag",
    "updateTime",
)


SIGNED_OUT = str(int(VisitStatus.SIGNED_OUT))


def without_personal_data(visit: dict[str, Any]) -> dict[str, Any]:
    """A visit reduced to KEPT_AFTER_SIGN_OUT (marked `personalDataRemoved`)."""
    kept = {k: visit[k] for k in KEPT_AFTER_SIGN_OUT if k in visit}
    kept["personalDataRemoved"] = True
    return kept


def _digest(items: Any) -> str:
    text = json.dumps(items, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class SqlCacheStore:
    """One SQLite file. Each kind is replaced whole, in one transaction, only after all of its
    pages arrived: a refresh cut off halfway leaves the previous copy, never half a blacklist.

    `key`: encrypted with SQLCipher (sync.sqlitedb; a plaintext cache is converted, one that the
    key does not open is a replica: dropped and filled again). `forget_signed_out`: visits that
    have left are stored without personal data ([privacy] forget_on_sign_out)."""

    def __init__(self, path: str | Path, key: bytes | None = None, *, forget_signed_out: bool = False):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.forget_signed_out = forget_signed_out

        def connect() -> Any:  # WAL: readers (the UI's lookups) never wait for a refresh
            # synchronous=NORMAL: a replica, losing the last refresh is harmless
            return sqlitedb.connect(path, key, synchronous="NORMAL", timeout=5, check_same_thread=False)

        try:
            connect().close()
        except sqlitedb.DatabaseKeyError as exc:
            log.warning("cache: %s; it is a replica: starting it again empty", exc)
            sqlitedb.remove(path)
        self.engine = create_engine(f"sqlite:///{path}", creator=connect, module=sqlitedb.dbapi(key))
        CacheModel.metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- writes ------------------------------------------------------------------------------
    def _mark(self, s: Session, kind: str, digest: str, count: int) -> None:
        meta = s.get(CacheMeta, kind) or CacheMeta(kind=kind)
        meta.refreshed_at, meta.digest, meta.count = time.time(), digest, count
        s.add(meta)

    def _unchanged(self, s: Session, kind: str, digest: str) -> bool:
        meta = s.get(CacheMeta, kind)
        return meta is not None and meta.digest == digest

    def _replace(self, kind: str, items: list[Any], fill: Callable[[Session], None]) -> bool:
        """Replace one kind whole in one transaction (`fill` deletes and adds its rows); when the
        server's answer is unchanged only the refresh time moves. Returns True if it changed."""
        digest = _digest(items)
        with Session(self.engine) as s:
            unchanged = self._unchanged(s, kind, digest)
            if not unchanged:
                fill(s)
            self._mark(s, kind, digest, len(items))
            s.commit()
        return not unchanged

    def put_reference(self, kind: str, value: Any) -> bool:
        """Store one kind of reference data (a list, or one object). Returns True if it changed."""
        items = value if isinstance(value, list) else [value]

        def fill(s: Session) -> None:
            s.exec(delete(CacheItem).where(CacheItem.kind == kind))
            for i, item in enumerate(items):
                s.add(CacheItem(kind=kind, position=i, payload=json.dumps(item, ensure_ascii=False)))

        return self._replace(kind, items, fill)

    def put_blacklist(self, entries: list[dict[str, Any]]) -> bool:
        def fill(s: Session) -> None:
            s.exec(delete(BlacklistEntry))
            s.add_all(
                BlacklistEntry(
                    identity_id=str(e.get("identityId") or ""),
                    identity_num=norm_id(e.get("identityNum"), e.get("identityId")),
                    phone=norm_phone(e.get("phoneNum")),
                )
                for e in entries
            )

        return self._replace("blacklist", entries, fill)

    def put_visits(self, visits: list[dict[str, Any]]) -> bool:
        """Today's visits (the server's list is today-only: yesterday's rows go with it)."""

        def fill(s: Session) -> None:
            s.exec(delete(CachedVisit))
            for v in visits:
                if not v.get("orderId"):
                    continue
                if self.forget_signed_out and status_in(v.get("status"), CLOSED):
                    v = without_personal_data(v)
                s.merge(_visit_row(v))
            self._remember_hosts(s, _hosts_of_visits(visits))

        return self._replace("visits", visits, fill)

    def remember_hosts(self, people: Iterable[dict[str, Any]]) -> None:
        """Hosts found by an online search (personInfo/query): kept for offline search."""
        with Session(self.engine) as s:
            self._remember_hosts(s, people)
            s.commit()

    @staticmethod
    def _remember_hosts(s: Session, people: Iterable[dict[str, Any]]) -> None:
        now = time.time()
        for p in people:
            pid = str(p.get("personId") or "")
            if not pid:
                continue
            s.merge(
                Host(
                    person_id=pid,
                    name=str(p.get("name") or ""),
                    phone=str(p.get("phone") or ""),
                    org_name=str(p.get("organizationName") or p.get("orgPathName") or ""),
                    payload=json.dumps(p, ensure_ascii=False),
                    seen_at=now,
                )
            )

    # -- retention (sync.retention) -----------------------------------------------------------
    def signed_out_orders(self) -> set[str]:
        """Visits the server lists as left (signed out, or signed out automatically)."""
        closed = [str(int(s)) for s in CLOSED]
        with Session(self.engine) as s:
            return set(s.exec(select(CachedVisit.order_id).where(col(CachedVisit.status).in_(closed))).all())

    def purge(self, sweep: Sweep) -> int:
        """Delete cached visits the kiosk last received before the cut-off (the list is replaced
        at every refresh: they are left only while the server is away), strip the personal data
        of visits in `sweep.forget`, and delete hosts not seen since the cut-off. A visit with a
        record not yet uploaded (`sweep.held`) is left alone. Returns the rows deleted or stripped."""
        changed = 0
        with Session(self.engine) as s:  # statements, not ORM rows: a refresh may replace rows meanwhile
            meta = s.get(CacheMeta, "visits")
            stale = meta is not None and meta.refreshed_at < sweep.cutoff
            drop: list[str] = []
            strip: dict[str, CachedVisit] = {}
            for order_id, payload in s.exec(select(CachedVisit.order_id, CachedVisit.payload)).all():
                if sweep.holds(order_id):
                    continue
                if stale:
                    drop.append(order_id)
                elif order_id in sweep.forget:
                    visit = json.loads(payload)
                    if visit.get("personalDataRemoved"):
                        continue
                    if not status_in(visit.get("status"), CLOSED):  # the server applied its sign-out
                        visit["status"] = SIGNED_OUT
                    strip[order_id] = _visit_row(without_personal_data(visit))
            for i in range(0, len(drop), 500):
                s.execute(sa_delete(CachedVisit).where(col(CachedVisit.order_id).in_(drop[i : i + 500])))
            for order_id, row in strip.items():
                s.execute(
                    sa_update(CachedVisit)
                    .where(col(CachedVisit.order_id) == order_id)
                    .values(payload=row.payload, status=row.status, identity_num="", phone_last4="")
                )
            if drop:  # the next refresh writes the server's list again, unchanged or not
                s.execute(sa_update(CacheMeta).where(col(CacheMeta.kind) == "visits").values(digest=""))
            hosts = s.execute(sa_delete(Host).where(col(Host.seen_at) < sweep.cutoff)).rowcount
            s.commit()
        changed = len(drop) + len(strip) + (hosts or 0)
        if changed:
            with self.engine.connect() as conn:  # the deleted rows leave the WAL file too
                sqlitedb.checkpoint(conn.connection.dbapi_connection)
        return changed

    # -- reads ---------------------------------------------------------------------------------
    def reference(self, kind: str) -> list[Any]:
        with Session(self.engine) as s:
            rows = s.exec(select(CacheItem).where(CacheItem.kind == kind).order_by(CacheItem.position)).all()
            return [json.loads(r.payload) for r in rows]

    def refreshed_at(self, kind: str) -> float | None:
        with Session(self.engine) as s:
            meta = s.get(CacheMeta, kind)
            return meta.refreshed_at if meta else None

    def is_blacklisted(self, identity_num: str | None, phone: str | None) -> bool:
        """Screening offline, with the server's normalisation (visitorcs.identity): the number in
        each form it can be stored in (its document type is not known here), the phone without +86."""
        nums, ph = identity_keys(str(identity_num or "")), norm_phone(phone)
        with Session(self.engine) as s:
            if (
                nums
                and s.exec(
                    select(BlacklistEntry.id).where(col(BlacklistEntry.identity_num).in_(nums))
                ).first()
            ):
                return True
            if ph and s.exec(select(BlacklistEntry.id).where(BlacklistEntry.phone == ph)).first():
                return True
        return False

    def visits_where(self, column: str | None = None, value: str | None = None) -> list[dict[str, Any]]:
        with Session(self.engine) as s:
            q = select(CachedVisit)
            if column:
                q = q.where(getattr(CachedVisit, column) == value)
            return [json.loads(r.payload) for r in s.exec(q).all()]

    def host_names(self, person_ids: Iterable[str]) -> dict[str, str]:
        """personId -> name of the cached hosts among `person_ids`."""
        ids = [i for i in set(person_ids) if i]
        if not ids:
            return {}
        with Session(self.engine) as s:
            rows = s.exec(select(Host).where(Host.person_id.in_(ids))).all()  # type: ignore[attr-defined]
            return {h.person_id: h.name for h in rows}

    def hosts(self, text: str = "", limit: int = 50) -> list[dict[str, Any]]:
        """Cached hosts whose name or phone contains `text`, or whose name it spells in pinyin
        (initials, full or mixed: "wjg", "wangjianguo" -> 王建国), as personInfo/query does."""
        spelled = pinyin_query(text)
        with Session(self.engine) as s:
            q = select(Host)
            if text and not spelled:
                like = f"%{text}%"
                q = q.where((Host.name.like(like)) | (Host.phone.like(like)))  # type: ignore[union-attr]
            rows = (
                s.exec(q.order_by(Host.name)).all()
                if spelled
                else s.exec(q.order_by(Host.name).limit(limit)).all()
            )
        if spelled:  # the cache holds the hosts this kiosk has seen: a scan in memory is cheap
            low = text.lower()
            rows = [h for h in rows if low in h.name.lower() or name_matches(spelled, h.name)][:limit]
        return [json.loads(h.payload) for h in rows]


def _visit_row(v: dict[str, Any]) -> CachedVisit:
    return CachedVisit(
        order_id=str(v["orderId"]),
        status=str(v.get("status") or ""),
        qr_code=str(v.get("qrCode") or v.get("barCode") or ""),
        visitor_code=str(v.get("visitorCode") or ""),
        phone_last4=norm_phone(v.get("phoneNum"))[-4:],
        identity_num=norm_id(v.get("identityNum"), v.get("identityId")),
        payload=json.dumps(v, ensure_ascii=False),
    )


def _hosts_of_visits(visits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "personId": v.get("beVisitPersonId"),
            "name": v.get("beVisitPersonName") or "",
            "phone": v.get("beVisitPhoneNum") or "",
            "organizationName": v.get("beVisitGroupName") or "",
            "organizationId": v.get("beVisitGroupId") or "",
            "orgPathName": v.get("beVisitOrgPathName") or "",
        }
        for v in visits
        if v.get("beVisitPersonId")
    ]
