"""A clock the test moves by hand, for what counts days (retention) or seconds (grace periods)."""

from __future__ import annotations

import time

from sync.retention import DAY_S

EVERY_OUTBOX_STATE = ("pending", "inflight", "attention", "sent", "refused")


class ManualClock:
    def __init__(self, start: float | None = None) -> None:
        self.t = time.time() if start is None else start

    def __call__(self) -> float:
        return self.t

    def days(self, n: float) -> None:
        self.t += n * DAY_S
