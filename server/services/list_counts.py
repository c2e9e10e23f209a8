"""visitorInfo's totals, counted once per state of the visits and kept between requests.

Counting today's visits of one kind reads every index entry of the day, and on PostgreSQL every
row too (today's rows are freshly written, so the visibility map never spares the heap): 3-8 ms
for a day of ~6,000 visits, most of a list request's time. Every change of a visit, by any writer
in any instance, moves the change counter (`changecounter`, migration 0004's triggers) in the
same commit; so a total counted in one statement with the counter's value stays true until the
counter moves, and a request that finds the counter where it was answers the kept total.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, select

from server.models import ChangeCounter

MAX_KEPT = 1_000  # kinds of list x kiosks x searches; over it, start over rather than grow

_TABLE = ChangeCounter.__table__  # type: ignore[attr-defined]
SEQUENCE = select(_TABLE.c.value).where(_TABLE.c.name == "visit").scalar_subquery().label("seq")
_NOW = select(SEQUENCE)


def total(
    conn: Connection,
    kept: dict[tuple, tuple[int, int]],
    count: Select,
    params: dict[str, Any],
    key: tuple,
    seq: int | None,
) -> int:
    """The number of rows `count` (selecting SEQUENCE and the count) finds with `params`. `seq`:
    the counter as the page's own statement saw it (None: it found no rows, so it is read here)."""
    if seq is None:
        seq = conn.execute(_NOW).scalar()
    hit = kept.get(key)
    if hit is not None and seq is not None and hit[0] == seq:
        return hit[1]
    value, n = conn.execute(count, params).one()
    if value is not None:  # no counter (a database before migration 0004): nothing to key it by
        if len(kept) >= MAX_KEPT:
            kept.clear()
        kept[key] = (int(value), int(n))
    return int(n)
