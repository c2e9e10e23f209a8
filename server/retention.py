"""Retention of personal data on the server (PIPL art. 19 and 28: ID numbers and faces are
sensitive, kept no longer than needed): `Settings.retention` after a visit closed (signed out,
auto signed out, expired, refused or cancelled), it loses its pictures (the rows and the files)
and its identity document's data; what the site's statistics count stays (name, sex, the ID
number's region, host, purpose, unit, times, status). Open visits are never touched.

One of the background rounds (server.workers.tick), so it runs in one instance at a time."""

from __future__ import annotations

import json
import logging
import threading
import weakref
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, or_
from sqlmodel import Session, col, select

from server.db import Database
from server.models import Person, Picture, Visit
from server.picture_refs import PICTURE_PREFIX, face_id_of
from server.services.visits import ints
from visitorcs.codes import RESIDENT_ID, VisitStatus

log = logging.getLogger(__name__)

EVERY = timedelta(hours=1)  # between passes: each reads the whole visit table, and days are the unit
# per worker round: a site that turns retention on with years of visits drains them over many
# rounds, and the status keeper and the dispatcher still get theirs every few seconds
ROUND_BATCHES = 10
BATCH = 200  # visits per transaction: short locks, and a big backlog drains over several rounds
S = VisitStatus
# statuses a visit never leaves: its personal data has served its purpose
FINISHED = (
    S.EXPIRED,
    S.RETURNED,
    S.AUTO_SIGNED_OUT,
    S.SIGNED_OUT,
    S.APPROVAL_OVERDUE,
    S.INVITATION_OVERDUE,
    S.INVITATION_CANCELLED_BY_HOST,
    S.INVITATION_CANCELLED_BY_VISITOR,
    S.CANCELLED_BY_HOST,
    S.CANCELLED_BY_VISITOR,
)
PHOTOS = ("visitor_photo", "identity_photo", "scanning_photo", "face_id")
CLEARED = ("identity_pid", "cert_addr", "cert_issuer")  # the rest of the ID card's data
MASK = "*"
REGION = 6  # digits of a resident ID number that name the county: kept for the statistics

# a visit still holding something this job removes (so a pass never rewrites a visit twice)
_HOLDS = or_(
    *(col(getattr(Visit, name)) != "" for name in (*PHOTOS, *CLEARED)),
    (col(Visit.identity_num) != "") & ~col(Visit.identity_num).contains(MASK),
    col(Visit.custom).contains(PICTURE_PREFIX),
)


def masked_number(kind: str, number: str) -> str:
    """An ID number without what identifies the person: a resident ID keeps its region (the
    first six digits, what visitor statistics by origin count), any other document nothing."""
    number = number.strip()
    if not number or MASK in number:
        return number
    keep = REGION if kind == RESIDENT_ID and len(number) > REGION else 0
    return number[:keep] + MASK * (len(number) - keep)


def _strip(visit: Visit, now: datetime) -> set[str]:
    """Clear one visit's personal data in place; the faceIds of the pictures it named."""
    pictures: set[str] = set()
    for name in PHOTOS:
        value = getattr(visit, name)
        if value:
            face_id = face_id_of(value, None)
            if face_id:
                pictures.add(face_id)
            setattr(visit, name, "")
    for name in CLEARED:
        setattr(visit, name, "")
    visit.identity_num = masked_number(visit.identity_id, visit.identity_num)
    if PICTURE_PREFIX in (visit.custom or ""):
        visit.custom, found = _custom_without_pictures(visit.custom)
        pictures |= found
    visit.update_time = now  # lists render the row again (server/services/list_rows.py)
    return pictures


def _custom_without_pictures(custom: str) -> tuple[str, set[str]]:
    try:
        values: Any = json.loads(custom)
    except ValueError:
        return "{}", set()  # unreadable and holding a picture link: dropped whole
    if not isinstance(values, dict):
        return "{}", set()
    found: set[str] = set()
    for key, value in list(values.items()):
        if isinstance(value, str) and PICTURE_PREFIX in value:
            face_id = face_id_of(value, None)
            if face_id:
                found.add(face_id)
            values[key] = ""
    return json.dumps(values, ensure_ascii=False), found


def _still_used(session: Session, face_ids: set[str], done: set[str]) -> set[str]:
    """Of `face_ids`, those another visit (not among `done`) or a host's face still names: a
    returning visitor's new visit may reuse last visit's photo."""
    if not face_ids:
        return set()
    paths = {PICTURE_PREFIX + f"{face_id}.jpg": face_id for face_id in face_ids}
    used: set[str] = set()
    photo_cols = [col(getattr(Visit, name)) for name in PHOTOS[:3]]
    rows = session.exec(
        select(Visit.order_id, *photo_cols, Visit.face_id).where(
            or_(*(c.in_(list(paths)) for c in photo_cols), col(Visit.face_id).in_(list(face_ids)))
        )
    )
    for order_id, *values in rows:
        if order_id not in done:
            used |= {paths.get(v) or v for v in values} & face_ids
    for order_id, custom in session.exec(
        select(Visit.order_id, Visit.custom).where(col(Visit.custom).contains(PICTURE_PREFIX))
    ):
        if order_id not in done:
            used |= {face_id for face_id in face_ids if face_id in custom}
    hosts = session.exec(select(Person.face_path).where(Person.face_path != ""))
    used |= {Path(p).stem for p in hosts} & face_ids
    return used


_last_pass: weakref.WeakKeyDictionary[Database, datetime] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def run_if_due(db: Database, data_dir: Path, days: int, now: datetime) -> dict[str, int]:
    """`forget_closed_visits` when this process has not run it for EVERY on `db` (the worker
    rounds come every few seconds; a clock set back runs it again)."""
    with _lock:
        last = _last_pass.get(db)
        if days < 1 or (last is not None and last <= now < last + EVERY):
            return {}
        _last_pass[db] = now
    counts = forget_closed_visits(db, data_dir, days, now, max_batches=ROUND_BATCHES)
    if counts["visitsForgotten"] >= ROUND_BATCHES * BATCH:  # a backlog: the next round goes on
        with _lock:
            _last_pass.pop(db, None)
    return counts


def forget_closed_visits(
    db: Database, data_dir: Path, days: int, now: datetime, max_batches: int | None = None
) -> dict[str, int]:
    """Visits closed more than `days` days ago lose their personal data (`days` < 1: retention is
    off), at most `max_batches` batches of them. Returns {"visitsForgotten": n, "picturesDeleted": m}."""
    counts = {"visitsForgotten": 0, "picturesDeleted": 0}
    if days < 1:
        return counts
    batches = 0
    cutoff = now - timedelta(days=days)
    closed_at = func.coalesce(Visit.real_end_time, Visit.end_time, Visit.update_time)
    while True:
        files: list[str] = []
        with db.write() as session:
            visits = session.exec(
                select(Visit)
                .where(col(Visit.status).in_(ints(FINISHED)), closed_at < cutoff, _HOLDS)
                .limit(BATCH)
                # PostgreSQL: a row another transaction holds waits for the next pass; a row that
                # changed meanwhile is read again before it is written
                .with_for_update(skip_locked=True)
            ).all()
            pictures: set[str] = set()
            for visit in visits:
                pictures |= _strip(visit, now)
                session.add(visit)
            session.flush()
            gone = pictures - _still_used(session, pictures, {v.order_id for v in visits})
            if gone:
                files = list(
                    session.exec(select(Picture.path).where(col(Picture.face_id).in_(list(gone)))).all()
                )
                session.exec(delete(Picture).where(col(Picture.face_id).in_(list(gone))))  # type: ignore[call-overload]
        # after the commit: a failed transaction leaves every file its rows still name
        for rel in files:
            _unlink(data_dir, rel)
        counts["visitsForgotten"] += len(visits)
        counts["picturesDeleted"] += len(files)
        batches += 1
        if len(visits) < BATCH or (max_batches is not None and batches >= max_batches):
            return counts


def _unlink(data_dir: Path, rel: str) -> None:
    path = (data_dir / rel).resolve()
    if not path.is_relative_to(data_dir.resolve()):  # a row naming a file elsewhere: not ours
        log.warning("retention: picture path outside the data dir left alone: %s", rel)
        return
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:  # the row is gone, so the file is unreachable; say so for a cleanup
        log.warning("retention: could not delete %s: %s", path, exc)
