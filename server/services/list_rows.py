"""visitorInfo's rows, rendered once per version of the visit row and kept between requests.

A list request reads its page as (order_id, update_time) keys and fetches and renders
(visitor_info, masked, JSON-encoded) only the rows not seen in that version: fetching and
rendering the page's full rows was most of a request's time.

Sound only while every write to a visit row sets update_time: registration and arrival,
edit, sign-out (services/check_in.py, edit_visit.py, sign_out.py) and the workers' status sweeps
(workers.py) do.
A writer that does not would leave lists showing the old row (tests/server/test_list_rows.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Row, bindparam, select

from server.envelope import to_json
from server.services.visits import INFO, VISIT, visitor_info
from server.site import SiteContext

MAX_KEPT = 10_000  # about 25 MB of rendered rows; over it, start over rather than grow

_BY_ORDER_IDS = select(*INFO).where(VISIT.c.order_id.in_(bindparam("ids", expanding=True)))


def page_json(conn: Connection, ctx: SiteContext, keys: list[Row]) -> list[bytes]:
    """The JSON of each visit in `keys` (rows of order_id, update_time), in their order."""
    kept: dict[tuple[str, datetime], bytes] = ctx.list_rows
    missing = [k.order_id for k in keys if (k.order_id, k.update_time) not in kept]
    fresh: dict[str, bytes] = {}
    if missing:
        if len(kept) + len(missing) > MAX_KEPT:
            kept.clear()
        for row in conn.execute(_BY_ORDER_IDS, {"ids": missing}):
            fresh[row.order_id] = kept[(row.order_id, row.update_time)] = to_json(
                visitor_info(row, ctx.tz, masked=True)
            )
    # fresh first: on PostgreSQL a row may have changed between the two statements (then it
    # answers as it is now); a row gone meanwhile is left out
    out = []
    for k in keys:
        one = fresh.get(k.order_id) or kept.get((k.order_id, k.update_time))
        if one is not None:
            out.append(one)
    return out
