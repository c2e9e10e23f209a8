"""The uploader thread: sends waiting outbox records in seq order, in batches, through
`offline/data/synchron`, with exponential backoff and full jitter; records per-record results."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial
from typing import Any, Protocol

from sync.loop import StepLoop
from sync.outbox import BLOB_PREFIX, Outbox, Record
from visitorcs.client import VisitorcsClient
from visitorcs.errors import ApiError, ApiUnreachable

log = logging.getLogger(__name__)

MAX_BATCH = 500  # the server's limit (docs/api-notes.md)
MIN_BATCH = 10  # the smallest batch after timeouts halved it
# 100, not 500: the server applies records one by one anyway, and decoding a 500-visit answer
# holds the GIL long enough to be felt by a person's enqueue on the GUI side.
DEFAULT_BATCH = 100


TRANSIENT_STATUSES = (409, 429)  # the server is busy with this record or batch: try again later


def upload_client(base_url: str, token: str, mac: str) -> VisitorcsClient:
    """The uploader's own client (its own connection, so a long batch never holds up a screen)."""
    return VisitorcsClient(
        base_url, token or None, mac=mac, read_timeout=10.0, transient_statuses=TRANSIENT_STATUSES
    )


class SyncTransport(Protocol):
    def synchron(self, records: list[dict[str, Any]], kiosk_public_key: str | None = None) -> dict[str, Any]:
        """POST offline/data/synchron; returns its `data` ({"results": [...], "kioskKid"?})."""

    def save_pic(self, pic_b64: str, check_quality: bool = True) -> dict[str, Any]: ...

    def qr_keys(self) -> list[dict[str, Any]]: ...


def full_jitter(attempt: int, base: float, cap: float) -> float:
    """AWS "full jitter": a uniform sleep in [0, min(cap, base * 2**attempt)]."""
    return random.uniform(0.0, min(cap, base * (2 ** min(attempt, 30))))


class Uploader:
    """One thread; safe to stop at any moment (a batch cut off is sent again, the server dedupes)."""

    def __init__(
        self,
        outbox: Outbox,
        transport: SyncTransport,
        *,
        batch_size: int = DEFAULT_BATCH,
        backoff_base: float = 0.5,
        backoff_cap: float = 60.0,
        idle_wait: float = 30.0,
        is_online: Callable[[], bool] = lambda: True,
        on_unreachable: Callable[[Exception], None] | None = None,
        on_reachable: Callable[[], None] | None = None,
        kiosk_public_key: str | None = None,
        after_send: Callable[[list[Record], list[dict[str, Any]]], None] | None = None,
        clock: Any = None,
        clock_every: float = 300.0,
        pipeline: bool = True,
    ):
        self.outbox = outbox
        self.transport = transport
        self.batch_size = max(1, min(batch_size, MAX_BATCH))
        self._batch_now = self.batch_size
        self.backoff_base, self.backoff_cap, self.idle_wait = backoff_base, backoff_cap, idle_wait
        self.is_online = is_online
        self.on_unreachable = on_unreachable
        self.on_reachable = on_reachable
        self.kiosk_public_key = kiosk_public_key
        self.after_send = after_send  # test hook: runs after the server answered, before we record it
        self.clock = clock  # sync.clock.ClockSync, re-measured every clock_every s
        self.clock_every = clock_every
        self._clock_tried = -1e18
        self.failures = 0
        self._announced = False
        self.last_error: str | None = None
        # pipelining: the next batch goes out while the last one's answers are written down
        self.pipeline = pipeline
        self._ahead: tuple[list[Record], Future[dict[str, Any]]] | None = None
        self._loop = StepLoop("outbox-uploader", self._step)

    # -- lifecycle ---------------------------------------------------------------------
    def start(self) -> None:
        self._loop.start()

    def stop(self, timeout: float = 5.0) -> None:
        if self._loop.stop(timeout):  # else the thread is still in a batch and owns it
            self._settle_ahead(timeout)

    def kick(self) -> None:
        """Something new to send, or the server is back: try now. The backoff count is kept
        until a batch succeeds, so a server that answers health but fails uploads is not
        hammered by every wake-up."""
        self._loop.kick()

    # -- the loop ------------------------------------------------------------------------
    def _step(self) -> float:
        """One batch; returns how long to wait before the next (0 while there is work)."""
        if not self.is_online():
            return self.idle_wait
        try:
            sent = self.flush_once()
            self.failures = 0
            self.last_error = None
            if sent:
                return 0.0  # keep draining while there is work
            due = self.outbox.next_due()
            return self.idle_wait if due is None else max(0.0, min(self.idle_wait, due - time.time()))
        except ApiUnreachable as exc:
            self.failures += 1
            self.last_error = str(exc)
            wait = full_jitter(self.failures, self.backoff_base, self.backoff_cap)
            log.info("upload failed (%s); next try in %.1f s", exc, wait)
            if self.on_unreachable:
                self.on_unreachable(exc)
            return wait
        except Exception as exc:  # a bug must not kill the thread: log, back off, go on
            self.failures += 1
            self.last_error = repr(exc)
            wait = full_jitter(self.failures, self.backoff_base, self.backoff_cap)
            log.exception("uploader error; next try in %.1f s", wait)
            return wait

    def flush_once(self) -> int:
        """Send one batch. Returns how many records got a final answer or were sent; raises
        ApiUnreachable when the server could not be reached (the batch is put back)."""
        announce = (
            self.kiosk_public_key
            if self.kiosk_public_key and not self._announced and not self.outbox.get_meta("qr_kid")
            else None
        )
        if self.clock is not None and time.monotonic() - self._clock_tried > self.clock_every:
            self._clock_tried = time.monotonic()
            try:  # also while idle: records made after the next loss carry a recent offset
                self.clock.measure()
            except (ApiError, ApiUnreachable) as exc:
                log.info("clock offset not measured: %s", exc)
        if self._ahead is not None:  # sent while the last batch's answers were written down
            records, sent_ahead = self._ahead
            self._ahead = None
            answer_of = sent_ahead.result
            announce = None
        else:
            records = self.outbox.claim(self._batch_now)
            if not records and not announce:
                return 0
            try:
                wire = list(self._wire(records).values())
            except ApiUnreachable:
                self.outbox.release(records)
                raise
            answer_of = partial(self.transport.synchron, wire, kiosk_public_key=announce)
        asked = self._batch_now
        answer: dict[str, Any] = {}
        try:
            answer = answer_of()
            results = list(answer.get("results") or [])
        except ApiUnreachable:
            self.outbox.release(records)
            # A batch the server could not finish in time would time out forever: send less.
            self._batch_now = max(MIN_BATCH, len(records) // 2)
            raise
        except ApiError as exc:
            if not records:  # only the key announcement, and it was refused
                self._announced = True
                log.warning("server refused this kiosk's QR key: %s", exc.msg)
                return 0
            if exc.unauthorized or len(records) <= 1:
                if exc.unauthorized:  # our token, not the record: keep it and back off
                    self.outbox.release(records)
                    raise ApiUnreachable(f"server refused the kiosk: {exc.msg}") from exc
                results = [
                    {"recordId": records[0].record_id, "result": "rejected", "code": exc.code, "msg": exc.msg}
                ]
            else:
                # The whole batch was refused (malformed?): send one by one so only the bad
                # record is parked and the rest go through.
                self.outbox.release(records)
                return self._one_by_one(records)
        self._batch_now = min(self.batch_size, self._batch_now * 2)
        if self.on_reachable:
            self.on_reachable()
        if self.after_send:
            self.after_send(records, results)
        if self.pipeline and len(records) >= asked and not self._loop.stopping:
            self._send_ahead(records, results)
        self.outbox.apply_results(records, results, retry_delay=self._retry_delay)
        if announce:
            self._announced = True  # once per run, even if the server did not list our key
            if answer.get("kioskKid") is not None:
                self._set_kid(int(answer["kioskKid"]))
            else:
                self._learn_kid()
        return max(len(records), 1 if announce else 0)

    def _retry_delay(self, attempt: int) -> float:
        return full_jitter(attempt, self.backoff_base, self.backoff_cap)

    def _send_ahead(self, records: list[Record], results: list[dict[str, Any]]) -> None:
        """Claim and send the next batch now, so the server works on it while this kiosk writes
        down the last batch's answers. The server has applied the last batch already, so the
        order holds; a visit whose record did not end for good (refused, retry, unanswered) is
        held back as it will be once the answers are written down."""
        final = {r.get("recordId") for r in results if r.get("result") in ("applied", "duplicate")}
        settled = {r.order_id for r in records} - {r.order_id for r in records if r.record_id not in final}
        ahead = self.outbox.claim(self._batch_now, settled=settled)
        if not ahead:
            return
        try:
            wire = list(self._wire(ahead).values())
        except ApiUnreachable:  # a photo could not go up: the next flush says so
            self.outbox.release(ahead)
            return
        answer: Future[dict[str, Any]] = Future()

        def send() -> None:
            try:
                answer.set_result(self.transport.synchron(wire))
            except BaseException as exc:  # handed to flush_once, which handles it as its own
                answer.set_exception(exc)

        threading.Thread(target=send, name="outbox-send-ahead", daemon=True).start()
        self._ahead = (ahead, answer)

    def _settle_ahead(self, timeout: float) -> None:
        """On stop: write down the answer of a batch sent ahead, or put it back (sent again
        later, the server answers `duplicate` if it did apply it)."""
        if self._ahead is None:
            return
        records, answer = self._ahead
        self._ahead = None
        try:
            results = list(answer.result(timeout).get("results") or [])
        except Exception:  # no answer in time, or a failure
            self.outbox.release(records)
            return
        self.outbox.apply_results(records, results, retry_delay=self._retry_delay)

    def _one_by_one(self, records: list[Record]) -> int:
        done = 0
        for rec in records:
            if self.outbox.records(("attention",), order_id=rec.order_id):
                continue  # an earlier record of this visit is parked: keep order
            claimed = self.outbox.claim_seqs([rec.seq])
            if not claimed:
                continue
            try:
                answer = self.transport.synchron(list(self._wire(claimed).values()))
                results = list(answer.get("results") or [])
            except ApiUnreachable:
                self.outbox.release(claimed)
                raise
            except ApiError as exc:
                results = [
                    {"recordId": rec.record_id, "result": "rejected", "code": exc.code, "msg": exc.msg}
                ]
            self.outbox.apply_results(claimed, results)
            done += 1
        return done

    def _wire(self, records: list[Record]) -> dict[int, dict[str, Any]]:
        """Records as sent, with photos taken offline uploaded first and replaced by their URL."""
        out: dict[int, dict[str, Any]] = {}
        for rec in records:
            w = rec.wire()
            w["data"] = self._resolve(w["data"])
            out[rec.seq] = w
        return out

    def _resolve(self, data: dict[str, Any]) -> dict[str, Any]:
        out = dict(data)
        for field, value in data.items():
            if isinstance(value, str) and value.startswith(BLOB_PREFIX):
                out[field] = self._blob_url(value[len(BLOB_PREFIX) :])
        if isinstance(out.get("companions"), list):
            out["companions"] = [self._resolve(c) if isinstance(c, dict) else c for c in out["companions"]]
        return out

    def _blob_url(self, blob_id: str) -> str:
        stored = self.outbox.blob(blob_id)
        if stored is None:
            return ""
        b64, url = stored
        if url:
            return url
        try:
            answer = self.transport.save_pic(b64, check_quality=False)  # the visit already happened
        except ApiError as exc:  # the server will not take this photo: send the visit without it
            log.warning("photo %s refused by the server (%s); the visit goes without it", blob_id, exc.msg)
            url = ""
        else:
            url = str((answer or {}).get("faceUrl") or "")
        self.outbox.set_blob_url(blob_id, url)
        return url

    def _set_kid(self, kid: int) -> None:
        self.outbox.set_meta("qr_kid", str(kid))
        log.info("the server knows this kiosk's QR key as kid %s", kid)

    def _learn_kid(self) -> None:
        try:
            keys = self.transport.qr_keys()
        except (ApiError, ApiUnreachable) as exc:
            log.info("could not read qrKeys yet: %s", exc)
            return
        for k in keys:
            if k.get("publicKey") == self.kiosk_public_key:
                self._set_kid(int(k["kid"]))
                return
        log.warning("the server did not list this kiosk's QR key; offline codes keep the unassigned kid")
