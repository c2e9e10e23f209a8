"""Background workers of the server: the status keeper (overdue / auto sign-out / expired
appointments) and the credential dispatcher (AuthRecord 1 → 2 → 3/4 through an AccessGateway).
`tick(db, settings, now)` does one round and is what tests call; `start` runs it on a thread,
each round through `run_round`, which lets one instance of several on one PostgreSQL database
run it (server.leader). A new periodic job belongs in `tick`: it then runs once across instances
too."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import col, select

from server import leader, retention
from server.db import Database
from server.models import AuthRecord, Setting, Visit
from server.models._common import utcnow
from server.services import credentials
from server.services.appointment_states import Action, sources
from server.services.credentials import AccessGateway, GatewayError, Grant, SimulatedAccessGateway
from server.services.visits import ints
from server.settings import Settings
from visitorcs.codes import AuthStatus, VisitStatus

log = logging.getLogger(__name__)

BATCH = 200  # rows per transaction: short write locks on SQLite
STUCK_AFTER = timedelta(minutes=2)  # an "issuing" record older than this lost its worker


def auto_sign_out(db: Database) -> bool:
    """sceneConfig's `autoSignOut` = "1": overdue visitors are signed out automatically (status 5)."""
    with db.read() as session:
        row = session.get(Setting, "sceneConfig")
    if row is None:
        return False
    try:
        value: Any = json.loads(row.value or "[]")
    except ValueError:
        return False
    if isinstance(value, dict):  # tolerate {"list": [...]} or {"autoSignOut": "1"}
        value = value.get("list", [value])
    if not isinstance(value, list):
        return False
    for item in value:
        if isinstance(item, dict):
            if item.get("paramName") == "autoSignOut":
                return str(item.get("content", "")).strip() == "1"
            if "autoSignOut" in item:
                return str(item["autoSignOut"]).strip() == "1"
    return False


def keep_status(db: Database, now: datetime) -> dict[str, int]:
    """Arrived visitors past their end time → 7 (or 5 with realEndTime when auto sign-out is on);
    appointments whose end time passed → 3, awaiting approval → 9, invitations not accepted → 11;
    approved appointments whose start passed → 2 (late)."""
    auto = auto_sign_out(db)
    counts = {
        "overdue": 0,
        "autoSignedOut": 0,
        "expired": 0,
        "approvalOverdue": 0,
        "invitationOverdue": 0,
        "late": 0,
    }
    while True:
        with db.write() as session:
            rows = session.exec(
                select(Visit)
                .where(
                    col(Visit.status).in_(
                        ints((VisitStatus.ARRIVED, VisitStatus.OVERDUE) if auto else (VisitStatus.ARRIVED,))
                    ),
                    col(Visit.end_time) < now,
                )
                .limit(BATCH)
                # PostgreSQL: a row a sign-out holds is left for the next round, and a row signed out
                # meanwhile no longer matches (FOR UPDATE re-reads it): never written over
                .with_for_update(skip_locked=True)
            ).all()
            for visit in rows:
                if auto:
                    visit.status, visit.real_end_time = int(VisitStatus.AUTO_SIGNED_OUT), visit.end_time
                    credentials.withdraw(session, visit)
                    counts["autoSignedOut"] += 1
                else:
                    visit.status = int(VisitStatus.OVERDUE)
                    counts["overdue"] += 1
                visit.update_time = now
                session.add(visit)
        if len(rows) < BATCH:
            break
    # appointments whose time passed, by the state machine's table (services/appointment_states.py)
    for key, action, target in (
        ("expired", Action.EXPIRE, VisitStatus.EXPIRED),
        ("approvalOverdue", Action.APPROVAL_OVERDUE, VisitStatus.APPROVAL_OVERDUE),
        ("invitationOverdue", Action.INVITATION_OVERDUE, VisitStatus.INVITATION_OVERDUE),
    ):
        with db.write() as session:
            result = session.exec(
                update(Visit)
                .where(
                    col(Visit.status).in_(sources(action)),  # type: ignore[call-overload]
                    col(Visit.end_time) < now,
                )
                .values(status=int(target), update_time=now)
            )
            counts[key] = int(result.rowcount or 0)
    with db.write() as session:  # approved, not arrived, and the start has passed: late (迟到)
        result = session.exec(
            update(Visit)
            .where(
                col(Visit.status).in_(sources(Action.LATE)),  # type: ignore[call-overload]
                col(Visit.start_time) < now,
                col(Visit.end_time) >= now,
            )
            .values(status=int(VisitStatus.LATE), update_time=now)
        )
        counts["late"] = int(result.rowcount or 0)
    return counts


def _claim(db: Database, record_id: str, from_status: int, to_status: int, now: datetime) -> bool:
    """Atomically take a record (several server instances may dispatch at once on PostgreSQL)."""
    with db.write() as session:
        result = session.exec(
            update(AuthRecord)
            .where(
                AuthRecord.id == record_id,  # type: ignore[call-overload]
                AuthRecord.auth_status == from_status,
            )
            .values(auth_status=to_status, update_time=now)
        )
        return bool(result.rowcount)


def dispatch(db: Database, gateway: AccessGateway, now: datetime) -> dict[str, int]:
    """Push pending issues (1) and deletions (-1) through the gateway."""
    counts = {"issued": 0, "failed": 0, "revoked": 0, "revokeFailed": 0}
    with db.write() as session:  # a worker that died mid-push left records in 2/-2
        session.exec(
            update(AuthRecord)
            .where(
                AuthRecord.auth_status == int(AuthStatus.ISSUING),  # type: ignore[call-overload]
                col(AuthRecord.update_time) < now - STUCK_AFTER,
            )
            .values(auth_status=int(AuthStatus.PENDING))
        )
        session.exec(
            update(AuthRecord)
            .where(
                AuthRecord.auth_status == int(AuthStatus.DELETING),  # type: ignore[call-overload]
                col(AuthRecord.update_time) < now - STUCK_AFTER,
            )
            .values(auth_status=int(AuthStatus.DELETE_PENDING))
        )
    with db.read() as session:
        todo = session.exec(
            select(AuthRecord, Visit)
            .join(Visit, Visit.order_id == AuthRecord.order_id)
            .where(col(AuthRecord.auth_status).in_(ints((AuthStatus.PENDING, AuthStatus.DELETE_PENDING))))
            .order_by(AuthRecord.update_time)
            .limit(BATCH)
        ).all()
    for record, visit in todo:
        issuing = record.auth_status == AuthStatus.PENDING
        busy = int(AuthStatus.ISSUING if issuing else AuthStatus.DELETING)
        if not _claim(db, record.id, record.auth_status, busy, now):
            continue
        grant = Grant(
            record.device_id,
            record.device_desc,
            record.card_type,
            credentials.credential_of(visit, record.card_type),
            visit.order_id,
            visit.register_time or visit.start_time,
            visit.end_time,
        )
        try:
            (gateway.issue if issuing else gateway.revoke)(grant)
            status, message = int(AuthStatus.ISSUED if issuing else AuthStatus.DELETED), ""
            counts["issued" if issuing else "revoked"] += 1
        except GatewayError as exc:
            status, message = int(AuthStatus.FAILED if issuing else AuthStatus.DELETE_FAILED), str(exc)[:200]
            counts["failed" if issuing else "revokeFailed"] += 1
        except Exception as exc:  # a broken gateway must not stop the worker; the record says why
            log.exception("access gateway failed on %s", record.id)
            status, message = (
                int(AuthStatus.FAILED if issuing else AuthStatus.DELETE_FAILED),
                f"网关异常：{exc}"[:200],
            )
            counts["failed" if issuing else "revokeFailed"] += 1
        with db.write() as session:
            row = session.get(AuthRecord, record.id)
            if row is not None and row.auth_status == busy:
                row.auth_status, row.message, row.update_time = status, message, utcnow()
                row.attempts += 1
                session.add(row)
    return counts


def gateway_from(settings: Settings) -> AccessGateway:
    """The configured gateway; the bundled server ships the simulated one."""
    gw = settings.extra.get("access_gateway")
    if gw is not None:
        return gw
    return SimulatedAccessGateway(fail_devices=settings.extra.get("gateway_fail_devices", ()))


def tick(
    db: Database, settings: Settings, now: datetime | None = None, gateway: AccessGateway | None = None
) -> dict[str, int]:
    """One round of every worker; returns what it changed."""
    now = now or utcnow()
    counts = keep_status(db, now)
    counts.update(dispatch(db, gateway or gateway_from(settings), now))
    counts.update(retention.run_if_due(db, settings.data_dir, settings.retention, now))
    return counts


def run_round(
    db: Database, settings: Settings, now: datetime | None = None, gateway: AccessGateway | None = None
) -> dict[str, int] | None:
    """One round of `tick` if this instance holds the workers' lock; None when another instance
    is running it now (it does the work for all: the next round here tries again)."""
    with leader.only_one(db) as mine:
        if not mine:
            return None
        return tick(db, settings, now, gateway)


@dataclass
class WorkerStatus:
    """What the health check and the metrics say of the workers: rounds run and failed, the last
    good round, what they changed."""

    enabled: bool = True
    interval_s: float = 5.0
    runs: int = 0
    skipped: int = 0  # rounds another instance ran (PostgreSQL, several servers)
    failures: int = 0
    last_ok: float | None = None  # time.monotonic() of the last round that finished
    last_error: str = ""
    thread: threading.Thread | None = None
    changed: dict[str, int] = field(default_factory=dict)

    def healthy(self, now: float | None = None) -> tuple[bool, str]:
        if not self.enabled:
            return True, "disabled"
        if self.thread is None or not self.thread.is_alive():
            return False, "not running"
        now = time.monotonic() if now is None else now
        if self.last_ok is None:
            return (
                self.runs == 0 and self.failures == 0,
                "starting" if self.failures == 0 else self.last_error,
            )
        late = now - self.last_ok > max(3 * self.interval_s, 30.0)
        return (not late, f"no round finished for {now - self.last_ok:.0f} s" if late else "ok")


def start(db: Database, settings: Settings, status: WorkerStatus | None = None) -> Callable[[], None]:
    """Start the workers on a daemon thread; returns the function that stops them (and waits)."""
    stop_event = threading.Event()
    gateway = gateway_from(settings)
    status = status or WorkerStatus()
    status.enabled, status.interval_s = True, settings.worker_interval_s

    def run() -> None:
        while not stop_event.is_set():
            try:
                changed = run_round(db, settings, utcnow(), gateway)
                status.last_ok = time.monotonic()
                if changed is None:
                    status.skipped += 1
                    stop_event.wait(settings.worker_interval_s)
                    continue
                status.runs += 1
                for key, n in changed.items():
                    status.changed[key] = status.changed.get(key, 0) + n
                if any(changed.values()):
                    log.info("workers: %s", {k: n for k, n in changed.items() if n})
            except Exception as exc:  # keep running: the next round may succeed (database back, etc.)
                status.failures += 1
                status.last_error = str(exc)[:200]
                log.exception("worker round failed")
            stop_event.wait(settings.worker_interval_s)

    thread = threading.Thread(target=run, name="visitorcs-workers", daemon=True)
    status.thread = thread
    thread.start()

    def stop() -> None:
        stop_event.set()
        thread.join(timeout=max(5.0, settings.worker_interval_s))

    return stop
