"""Retention of personal data on the kiosk: one job, at start and then periodically on its own
thread (never the GUI's), over every store that keeps ID numbers, photos or names.

What is uploaded goes `keep_days` after it was uploaded (`[privacy] keep_days`, default 7), and,
where the site chose `forget_on_sign_out`, as soon as the visit has signed out. What is not yet
uploaded is never deleted: a visit with a record pending, in flight or needing attention in the
outbox keeps everything, in every store, whatever its age.

The outbox is this job's own store; the kiosk adds its others (the read cache, the print jobs,
remembered operators) with `add`, and places that learn of sign-outs (the cache, from the
server's lists) with `add_signed_out_source`. Each pass gets one `Sweep`: the clock's now, the
cut-off, the visits held back and the visits to forget now.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from sync.loop import StepLoop

log = logging.getLogger(__name__)

DAY_S = 24 * 3600.0


@dataclass(frozen=True)
class RetentionPolicy:
    keep_days: int = 7  # uploaded personal data is deleted this long after upload (>= 1)
    forget_on_sign_out: bool = False  # ... or as soon as the visit has signed out (uploaded too)
    every_s: float = 3600.0  # between passes
    forget_every_s: float = 60.0  # between passes when forgetting on sign-out ("as soon as")

    def __post_init__(self) -> None:
        if self.keep_days < 1:
            raise ValueError("keep_days must be at least 1")

    @property
    def period_s(self) -> float:
        return min(self.every_s, self.forget_every_s) if self.forget_on_sign_out else self.every_s


@dataclass(frozen=True)
class Sweep:
    """One retention pass's facts, handed to every store."""

    now: float  # epoch seconds (the job's clock)
    cutoff: float  # uploaded data last changed before this goes
    held: frozenset[str]  # orderIds with a record not yet uploaded: nothing of theirs is deleted
    forget: frozenset[str]  # orderIds signed out and uploaded, to forget now (empty unless the site chose it)

    def holds(self, order_id: str) -> bool:
        """True if `order_id` (or the registration it is a companion stand-in of: `<main>:<n>`) waits."""
        return order_id in self.held or order_id.split(":", 1)[0] in self.held


class OutboxRetention(Protocol):
    """What the job needs of sync.outbox.Outbox."""

    def held_orders(self) -> set[str]: ...

    def signed_out_orders(self) -> set[str]: ...

    def purge(self, cutoff: float, forget: set[str] | frozenset[str] = ...) -> int: ...


Purge = Callable[[Sweep], int]


class RetentionJob:
    def __init__(
        self,
        outbox: OutboxRetention,
        policy: RetentionPolicy | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.outbox = outbox
        self.policy = policy or RetentionPolicy()
        self.clock = clock
        self._stores: list[tuple[str, Purge]] = []
        self._sources: list[Callable[[], Iterable[str]]] = []
        self._loop = StepLoop("retention", self._step)
        self.last: dict[str, int] = {}  # what the last pass deleted, per store

    def add(self, name: str, purge: Purge) -> None:
        """Another store to sweep: `purge(sweep)` deletes what the sweep allows, returns how much."""
        self._stores.append((name, purge))

    def add_signed_out_source(self, source: Callable[[], Iterable[str]]) -> None:
        """Another place that knows which visits have signed out (and are on the server)."""
        self._sources.append(source)

    def sweep(self) -> Sweep:
        now = self.clock()
        held = frozenset(self.outbox.held_orders())
        forget: set[str] = set()
        if self.policy.forget_on_sign_out:
            forget |= self.outbox.signed_out_orders()
            for source in self._sources:
                try:
                    forget.update(source())
                except Exception:
                    log.exception("retention: reading signed-out visits failed")
        cutoff = now - self.policy.keep_days * DAY_S
        waiting = Sweep(now, cutoff, held, frozenset())
        return Sweep(now, cutoff, held, frozenset(o for o in forget if o and not waiting.holds(o)))

    def run_once(self) -> dict[str, int]:
        """One pass over every store; a store that fails is logged and the others still run."""
        sweep = self.sweep()
        done: dict[str, int] = {}
        for name, purge in [("outbox", lambda s: self.outbox.purge(s.cutoff, s.forget)), *self._stores]:
            if self._loop.stopping:
                break
            try:
                done[name] = purge(sweep)
            except Exception:
                log.exception("retention of %s failed", name)
        self.last = done
        if any(done.values()):
            log.info(
                "retention (%d days%s): deleted %s",
                self.policy.keep_days,
                ", forget on sign-out" if self.policy.forget_on_sign_out else "",
                ", ".join(f"{n} {c}" for n, c in done.items() if c),
            )
        return done

    # -- background ------------------------------------------------------------------------
    def start(self) -> None:
        """A pass now (on the job's thread), then one every `policy.period_s`."""
        self._loop.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._loop.stop(timeout)

    def kick(self) -> None:
        self._loop.kick()

    def _step(self) -> float:
        try:
            self.run_once()
        except Exception:
            log.exception("retention failed")
        return self.policy.period_s
