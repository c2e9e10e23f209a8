"""Background work for screens, in Anki's shape:

    Op(self, lambda: service.find(code)).success(self.show).failure(self.oops).run()

`fn` runs on a thread pool; `success`/`failure`/`finally_` run on the GUI thread, and only
while `parent` is alive. Without a failure callback the error goes to the one error
display in plain words. Ops running longer than 200 ms light the busy indicator."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal

from kiosk.ui.common.errors import reporter

log = logging.getLogger(__name__)
BUSY_AFTER_MS = 200
SLOW_CALLBACK_MS = 30


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call to this thread."""

    done = Signal(object, object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result, error = self.fn(), None
        except BaseException as exc:  # every failure is reported, never lost on a worker thread
            result, error = None, exc
        if not shiboken6.isValid(self.relay):  # its screen closed while we worked: nobody to tell
            if error is not None and not isinstance(error, Exception):
                raise error
            return
        self.relay.done.emit(result, error)


class BusyTracker(QObject):
    """Counts running ops; `busy_changed(True)` once one has run for BUSY_AFTER_MS."""

    busy_changed = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.running = 0
        self.busy = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BUSY_AFTER_MS)
        self._timer.timeout.connect(self._light)

    def begin(self, show_busy: bool) -> None:
        self.running += 1
        if show_busy and not self._timer.isActive() and not self.busy:
            self._timer.start()

    def end(self) -> None:
        self.running = max(0, self.running - 1)
        if self.running == 0:
            self._timer.stop()
            if self.busy:
                self.busy = False
                self.busy_changed.emit(False)

    def _light(self) -> None:
        if self.running and not self.busy:
            self.busy = True
            self.busy_changed.emit(True)


_tracker: BusyTracker | None = None
_pool: QThreadPool | None = None
_alive: set[Op] = set()


def tracker() -> BusyTracker:
    global _tracker
    if _tracker is None:
        _tracker = BusyTracker()
    return _tracker


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(6)  # HTTP waits, not CPU: a few more threads than cores
    return _pool


def wait_all(timeout_ms: int = 5000) -> bool:
    """For shutdown and tests: wait until the pool's workers are done."""
    return pool().waitForDone(timeout_ms)


class Op:
    def __init__(self, parent: QObject | None, fn: Callable[[], Any], *, label: str = "") -> None:
        self.parent = parent
        self.fn = fn
        self.label = label or getattr(fn, "__qualname__", "op")
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._finally: Callable[[], None] | None = None
        self._busy = True
        self._started = 0.0
        self._relay: _Relay | None = None

    def success(self, fn: Callable[[Any], None]) -> Op:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> Op:
        self._failure = fn
        return self

    def finally_(self, fn: Callable[[], None]) -> Op:
        self._finally = fn
        return self

    def quiet(self) -> Op:
        """No busy indicator (background refreshes)."""
        self._busy = False
        return self

    def run(self) -> Op:
        self._relay = _Relay()
        self._relay.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        _alive.add(self)
        tracker().begin(self._busy)
        self._started = time.perf_counter()
        pool().start(_Runnable(self.fn, self._relay))
        return self

    run_in_background = run

    def _parent_alive(self) -> bool:
        return self.parent is None or shiboken6.isValid(self.parent)

    def _done(self, result: Any, exc: BaseException | None) -> None:
        _alive.discard(self)
        tracker().end()
        log.debug("op %s took %.0f ms", self.label, (time.perf_counter() - self._started) * 1000)
        if not self._parent_alive():
            return
        callback_started = time.perf_counter()
        try:
            if exc is None:
                if self._success:
                    self._success(result)
            elif self._failure:
                self._failure(exc)
            else:
                reporter().report(exc, self.label)
        except Exception as callback_exc:  # a screen's callback bug reaches the display too
            reporter().report(callback_exc, f"{self.label} callback")
        finally:
            if self._finally:
                try:
                    self._finally()
                except Exception as final_exc:
                    reporter().report(final_exc, f"{self.label} finally")
            spent = (time.perf_counter() - callback_started) * 1000
            if spent > SLOW_CALLBACK_MS:
                # GUI-thread time: the event loop was stuck this long; worth knowing in the field.
                log.warning("slow GUI callback of %s: %.0f ms", self.label, spent)
