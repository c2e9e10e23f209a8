"""What a flow is given besides its view and services: a runner for blocking work and a clock for
time and timers. The Qt view supplies both (kiosk.ui: Op off the GUI thread, QTimer); tests supply
synchronous and manual ones. Every callback a flow gets runs on the flow's one thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol


class Runner(Protocol):
    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        *,
        quiet: bool = False,
    ) -> None:
        """Run `work` away from the flow's thread, then `done(result)` or `failed(exc)` on it.
        `quiet`: work nobody waits for (no busy indicator)."""

    def post(self, fn: Callable[[], None]) -> None:
        """Call `fn` on the flow's thread soon; callable from any thread (e.g. a print worker)."""


class Timer(Protocol):
    def start(self, seconds: float) -> None:
        """(Re)start: fire once, `seconds` from now."""

    def stop(self) -> None: ...


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The wall clock, timezone-aware."""

    def monotonic(self) -> float:
        """Seconds for measuring intervals."""

    def timer(self, fire: Callable[[], None]) -> Timer:
        """A stopped single-shot timer that calls `fire` on the flow's thread."""
