"""Connectivity monitor: probes the server's health every ~1 s with a 1 s timeout and listens to
failures seen on real calls, so a lost server is noticed within 5 s and its return at once."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sync.loop import StepLoop

log = logging.getLogger(__name__)


class ConnectivityMonitor:
    """`online` flips to False after `fail_threshold` failed probes in a row (a failure on a real
    call triggers an immediate probe, so it counts fast) and to True on the first good probe.

    Callbacks run on the monitor's thread: `on_change(online: bool)`.
    Worst case to notice a loss: fail_threshold * (interval + timeout) = 2 * (1 + 1) = 4 s.
    """

    def __init__(
        self,
        probe: Callable[[float], bool],
        *,
        interval: float = 1.0,
        timeout: float = 1.0,
        fail_threshold: int = 2,
        initially_online: bool = True,
    ):
        self._probe = probe
        self.interval, self.timeout, self.fail_threshold = interval, timeout, fail_threshold
        self._online = initially_online
        self._fails = 0
        self.changed_at = time.time()
        self._listeners: list[Callable[[bool], None]] = []
        self._loop = StepLoop("connectivity", self._step)
        self._lock = threading.Lock()

    @property
    def online(self) -> bool:
        return self._online

    def on_change(self, callback: Callable[[bool], None]) -> None:
        self._listeners.append(callback)

    def start(self) -> None:
        self._loop.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._loop.stop(timeout)

    def report_failure(self, _exc: object = None) -> None:
        """A real call could not reach the server: count it and probe again now."""
        self._note(False)
        self._loop.kick()

    def report_success(self) -> None:
        self._note(True)

    def prime(self) -> bool:
        """At start: take one probe's word for it, so a kiosk starting without a server is
        offline at once instead of after `fail_threshold` probes."""
        ok = self._safe_probe()
        if ok:
            self._note(True)
        else:
            with self._lock:
                self._fails = self.fail_threshold - 1
            self._note(False)
        return self._online

    def check_now(self) -> bool:
        self._note(self._safe_probe())
        return self._online

    def _safe_probe(self) -> bool:
        try:
            return bool(self._probe(self.timeout))
        except Exception:  # any probe failure means "not reachable", never a dead monitor
            log.debug("probe raised", exc_info=True)
            return False

    def _note(self, ok: bool) -> None:
        with self._lock:
            if ok:
                self._fails = 0
                flip = not self._online
                self._online = True
            else:
                self._fails += 1
                flip = self._online and self._fails >= self.fail_threshold
                if flip:
                    self._online = False
            if flip:
                self.changed_at = time.time()
        if flip:
            log.info("server is %s", "reachable again" if ok else "unreachable")
            for cb in list(self._listeners):
                try:
                    cb(ok)
                except Exception:
                    log.exception("connectivity listener failed")

    def _step(self) -> float:
        self._note(self._safe_probe())
        return self.interval
