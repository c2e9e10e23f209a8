"""One background thread that runs a step, waits the time the step asked for, and runs it again,
until stopped; `kick()` cuts the wait short. The uploader, the connectivity monitor and the
cache refresher are each one of these."""

from __future__ import annotations

import threading
from collections.abc import Callable


class StepLoop:
    """`step()` returns how many seconds to wait before the next step (an exception in it is
    the step's own business: catch it there, or the thread ends)."""

    def __init__(self, name: str, step: Callable[[], float]):
        self.name = name
        self._step = step
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float) -> bool:
        """Ask the thread to end and wait for it; False if it was still running after `timeout`."""
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def kick(self) -> None:
        """Run the next step now instead of after the wait."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            wait = self._step()
            if self._stop.is_set():
                return
            self._wake.wait(max(0.0, wait))
            self._wake.clear()
