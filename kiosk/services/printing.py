"""Printing permits: one job per registration (keyed by orderId) unless a reprint is asked for, a print
history on disk (SQLite) with each job's state and words, retry, a fallback printer, and a worker thread.
Qt-free; state-change callbacks run on the worker thread.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import logging
import queue
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PIL import Image

from kiosk.sitetime import SiteTime
from sync import sqlitedb
from visitorcs.masking import Field, Place, mask

if TYPE_CHECKING:  # kiosk.permit loads the printer driver's raster code (numpy): at first print
    from kiosk.permit import PermitTemplate
    from sync.retention import Sweep

log = logging.getLogger(__name__)


class PermitPrinterPort(Protocol):
    """What printing needs from a printer (drivers.printer.PermitPrinter fits)."""

    def print_permit(self, image: Image.Image) -> int: ...


class JobState(str, enum.Enum):
    WAITING = "waiting"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"


class JobKind(str, enum.Enum):
    PERMIT = "permit"  # the one permit of a registration
    REPRINT = "reprint"  # asked for by a person
    TEST = "test"  # device page test print


@dataclass(frozen=True)
class PrintJob:
    job_id: str
    order_id: str
    kind: JobKind
    state: JobState
    attempts: int = 0
    error: str = ""  # words for the operator when failed
    printer: str = ""  # which printer printed it (primary or fallback)
    created: str = ""
    updated: str = ""
    visitor: str = ""  # the visitor's name, masked, for the history list


JobCallback = Callable[[PrintJob], None]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS print_job (
    job_id   TEXT PRIMARY KEY,
    order_id TEXT NOT NULL,
    kind     TEXT NOT NULL,
    state    TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    error    TEXT NOT NULL DEFAULT '',
    printer  TEXT NOT NULL DEFAULT '',
    visitor  TEXT NOT NULL DEFAULT '',
    image    BLOB,              -- the rendered permit; dropped once printed (it holds personal data)
    created  TEXT NOT NULL,
    updated  TEXT NOT NULL
);
-- the idempotency rule itself: one permit job per registration, however often it is asked for
CREATE UNIQUE INDEX IF NOT EXISTS one_permit_per_order ON print_job(order_id) WHERE kind = 'permit';
CREATE INDEX IF NOT EXISTS print_job_created ON print_job(created);
"""


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class PrintService:
    """Queue permits for printing. Start with `start()`, stop with `stop()`.

    `printers` are tried in order for each job: the first that prints wins, so the second is the fallback.
    `template` returns the current phConfig template (the caller caches it); `paper` is 58 or 80.
    `key`: the history is encrypted at rest (sync.sqlitedb); a history the key does not open is
    started again (it is a log of prints, not the records themselves).
    """

    def __init__(
        self,
        printers: Sequence[tuple[str, PermitPrinterPort]],
        db_path: str | Path,
        *,
        template: Callable[[], PermitTemplate | None] = lambda: None,
        paper: int = 80,
        site_time: SiteTime | None = None,
        bilingual: bool = False,
        key: bytes | None = None,
    ) -> None:
        self.bilingual = bilingual
        self.printers = list(printers)
        self.template = template
        self.paper = paper
        self.site_time = site_time or SiteTime()
        self._db_path = Path(db_path)
        self._db_path.parent.mkdir(parents=True, exist_ok=True)
        self._db = self._open(key)
        self._db.executescript(_SCHEMA)
        self._closed = False
        self._lock = threading.RLock()
        self._listeners: list[JobCallback] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._idle = threading.Condition(self._lock)
        self._busy = 0
        self._thread: threading.Thread | None = None
        self._recover()

    def _open(self, key: bytes | None) -> sqlitedb.Connection:
        def connect() -> sqlitedb.Connection:
            return sqlitedb.connect(
                self._db_path, key, synchronous="FULL", check_same_thread=False, isolation_level=None
            )

        try:
            return connect()
        except sqlitedb.DatabaseKeyError as exc:
            log.warning("print history: %s; starting a new one", exc)
            sqlitedb.remove(self._db_path)
            return connect()

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._thread = threading.Thread(target=self._run, name="print-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None
        with self._lock:
            self._closed = True
            self._db.close()

    def subscribe(self, callback: JobCallback) -> None:
        self._listeners.append(callback)

    def set_printers(self, printers: Sequence[tuple[str, PermitPrinterPort]]) -> None:
        with self._lock:
            self.printers = list(printers)

    # -- asking for prints --------------------------------------------------------------------
    def print_permit(
        self,
        visit: Mapping[str, Any],
        photo: bytes | None = None,
        *,
        reprint: bool = False,
        image: Image.Image | None = None,
    ) -> PrintJob:
        """Queue the permit of a registration. Without `reprint`, a registration prints once: asking
        again (a QR scanned twice, a double tap) returns the existing job and prints nothing.
        `image`: the permit already rendered by `render()` for the screen (rendered once, not twice)."""
        order_id = str(visit.get("orderId") or "")
        if not order_id:
            raise ValueError("visit has no orderId")
        if not reprint:
            existing = self.permit_job(order_id)
            if existing is not None:
                log.info("permit for %s already %s; not printing again", order_id, existing.state.value)
                return existing
        image = image if image is not None else self.render(visit, photo)
        kind = JobKind.REPRINT if reprint else JobKind.PERMIT
        job = self._insert(order_id, kind, image, mask(visit.get("name"), Field.NAME, Place.LOG))
        if job.kind is JobKind.PERMIT and job.state is not JobState.WAITING:
            return job  # lost a race with another caller: theirs stands
        self._queue.put(job.job_id)
        self._notify(job)
        return job

    def render(self, visit: Mapping[str, Any], photo: bytes | None = None) -> Image.Image:
        """The permit exactly as it prints (the screen shows this same image)."""
        from kiosk.permit import render_permit

        return render_permit(
            visit,
            self.template(),
            paper=self.paper,
            photo=photo,
            tz=self.site_time.tz,
            bilingual=self.bilingual,
        )

    def print_image(
        self, image: Image.Image, *, kind: JobKind = JobKind.TEST, label: str = "test"
    ) -> PrintJob:
        """Queue a ready image (the device page's test permit)."""
        job = self._insert(f"{label}-{uuid.uuid4().hex[:8]}", kind, image, "")
        self._queue.put(job.job_id)
        self._notify(job)
        return job

    def retry(self, job_id: str) -> PrintJob:
        """Put a failed job back in the queue (a person fixed the paper, or a fallback is now online)."""
        with self._lock:
            job = self.job(job_id)
            if job is None:
                raise KeyError(job_id)
            if job.state is not JobState.FAILED:
                return job
            self._db.execute(
                "UPDATE print_job SET state=?, error='', updated=? WHERE job_id=?",
                (JobState.WAITING.value, _now(), job_id),
            )
            self._busy += 1
        self._queue.put(job_id)
        job = self._require(job_id)
        self._notify(job)
        return job

    # -- reading the history ------------------------------------------------------------------
    def job(self, job_id: str) -> PrintJob | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLS} FROM print_job WHERE job_id=?", (job_id,)).fetchone()
        return _job(row) if row else None

    def permit_job(self, order_id: str) -> PrintJob | None:
        with self._lock:
            row = self._db.execute(
                f"SELECT {_COLS} FROM print_job WHERE order_id=? AND kind='permit'", (order_id,)
            ).fetchone()
        return _job(row) if row else None

    def history(self, limit: int = 100) -> list[PrintJob]:
        """Newest first."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_COLS} FROM print_job ORDER BY created DESC, rowid DESC LIMIT ?", (limit,)
            ).fetchall()
        return [_job(r) for r in rows]

    # -- retention (sync.retention, on its thread) -------------------------------------------
    def purge(self, sweep: Sweep) -> int:
        """Delete jobs made before the cut-off, and strip the permit image and the (masked) name
        from jobs of visits in `sweep.forget` (signed out): a waiting one of those fails with words
        instead of printing. Jobs of visits not yet uploaded (`sweep.held`) stay. Returns the jobs
        deleted or stripped."""
        with self._lock:
            if self._closed:
                return 0
            rows = self._db.execute(
                "SELECT job_id, order_id, created, image IS NOT NULL OR visitor != '' FROM print_job"
            ).fetchall()
            old, forget = [], []
            for job_id, order_id, created, personal in rows:
                if sweep.holds(order_id):
                    continue
                if _epoch(created) < sweep.cutoff:
                    old.append(job_id)
                elif order_id in sweep.forget and personal:
                    forget.append(job_id)
            for i in range(0, len(old), 200):
                part = old[i : i + 200]
                self._db.execute(f"DELETE FROM print_job WHERE job_id IN ({','.join('?' * len(part))})", part)
            now = _now()
            for job_id in forget:
                self._db.execute(
                    "UPDATE print_job SET image=NULL, visitor='', updated=?,"
                    " state=CASE WHEN state='waiting' THEN 'failed' ELSE state END,"
                    " error=CASE WHEN state='waiting' THEN ? ELSE error END WHERE job_id=?",
                    (now, "访客已签离，打印内容已清除", job_id),
                )
            if old or forget:
                sqlitedb.checkpoint(self._db)
        return len(old) + len(forget)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """True once every queued job has finished (for tests and orderly shutdown)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._busy == 0 and self._queue.empty(), timeout)

    # -- internals ----------------------------------------------------------------------------
    def _insert(self, order_id: str, kind: JobKind, image: Image.Image, visitor: str) -> PrintJob:
        from kiosk.permit import png_bytes

        job_id = uuid.uuid4().hex
        now = _now()
        with self._lock:
            try:
                self._db.execute(
                    "INSERT INTO print_job(job_id, order_id, kind, state, visitor, image, created, updated) "
                    "VALUES (?,?,?,?,?,?,?,?)",
                    (
                        job_id,
                        order_id,
                        kind.value,
                        JobState.WAITING.value,
                        visitor,
                        png_bytes(image),
                        now,
                        now,
                    ),
                )
                self._busy += 1
            except sqlitedb.integrity_errors():
                existing = self.permit_job(order_id)
                assert existing is not None
                return existing
        return self._require(job_id)

    def _require(self, job_id: str) -> PrintJob:
        job = self.job(job_id)
        assert job is not None
        return job

    def _recover(self) -> None:
        """After a crash: a job left 'printing' may or may not have printed; ask a person (failed + words)
        rather than print a second permit by ourselves. Waiting jobs are queued again."""
        with self._lock:
            self._db.execute(
                "UPDATE print_job SET state='failed', error=?, updated=? WHERE state='printing'",
                ("打印中断（程序重启），请确认是否已出纸，必要时重打", _now()),
            )
            waiting = [
                r[0]
                for r in self._db.execute(
                    "SELECT job_id FROM print_job WHERE state='waiting' ORDER BY created"
                ).fetchall()
            ]
            self._busy += len(waiting)
        for job_id in waiting:
            self._queue.put(job_id)

    def _set(self, job_id: str, state: JobState, **fields: Any) -> PrintJob:
        sets = ", ".join(f"{k}=?" for k in fields)
        with self._lock:
            extra = f", {sets}" if sets else ""
            self._db.execute(
                f"UPDATE print_job SET state=?, updated=?{extra} WHERE job_id=?",
                (state.value, _now(), *fields.values(), job_id),
            )
        job = self._require(job_id)
        self._notify(job)
        return job

    def _run(self) -> None:
        while True:
            job_id = self._queue.get()
            if job_id is None:
                return
            try:
                self._print_one(job_id)
            except Exception as exc:  # never let the worker die: the job fails with words
                log.exception("print job %s crashed", job_id)
                self._set(job_id, JobState.FAILED, error=f"打印出错：{exc}")
            finally:
                with self._idle:
                    self._busy = max(0, self._busy - 1)
                    self._idle.notify_all()

    def _print_one(self, job_id: str) -> None:
        with self._lock:
            row = self._db.execute(
                "SELECT state, image, attempts FROM print_job WHERE job_id=?", (job_id,)
            ).fetchone()
        if row is None or row[0] != JobState.WAITING.value:
            return
        if row[1] is None:
            self._set(job_id, JobState.FAILED, error="打印内容已清除，无法重打，请重新登记后打印")
            return
        image = Image.open(io.BytesIO(row[1]))
        image.load()
        self._set(job_id, JobState.PRINTING, attempts=row[2] + 1)
        printers = list(self.printers)
        if not printers:
            self._set(job_id, JobState.FAILED, error="没有配置打印机")
            return
        errors: list[str] = []
        for name, printer in printers:
            try:
                printer.print_permit(image)
            except Exception as exc:  # DeviceError carries words; anything else is a driver bug
                log.warning("printer %s failed: %s", name, exc)
                errors.append(f"{name}：{exc}")
                continue
            # printed: keep the row as history, drop the picture (personal data) now
            self._set(job_id, JobState.DONE, printer=name, error="", image=None)
            return
        self._set(job_id, JobState.FAILED, error="；".join(errors))

    def _notify(self, job: PrintJob) -> None:
        for callback in list(self._listeners):
            try:
                callback(job)
            except Exception:  # a listener's bug must not stop printing
                log.exception("print job listener failed")


def _epoch(iso: str) -> float:
    try:
        return dt.datetime.fromisoformat(iso).timestamp()
    except ValueError:  # not a time: as old as can be
        return 0.0


_COLS = "job_id, order_id, kind, state, attempts, error, printer, created, updated, visitor"


def _job(row: tuple[Any, ...]) -> PrintJob:
    return PrintJob(
        job_id=row[0],
        order_id=row[1],
        kind=JobKind(row[2]),
        state=JobState(row[3]),
        attempts=row[4],
        error=row[5],
        printer=row[6],
        created=row[7],
        updated=row[8],
        visitor=row[9],
    )
