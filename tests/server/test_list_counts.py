"""visitorInfo keeps each list's total per value of the change counter (server/services/list_counts.py):
after every kind of write to a visit — a route, a worker, another server instance, plain SQL — the
total must be what counting the rows gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, text

from server import workers
from server.db import Database
from server.services.visits import VISIT
from tests.server.test_visits import API, appointment, walk_in

KINDS = ("total", "visiting", "unRegister", "signOut")


def totals(client, auth) -> dict[str, int]:
    out = {}
    for kind in KINDS:
        r = client.get(
            API + "visitorInfo", headers=auth, params={"pageNo": 1, "pageSize": 2, "visitType": kind}
        )
        assert r.status_code == 200, r.text
        out[kind] = r.json()["data"]["total"]
    return out


def counted(db, site_day: str) -> dict[str, int]:
    from server.services.lookup import VISIT_TYPES

    out = {}
    with db.rows() as conn:
        for kind, statuses in VISIT_TYPES.items():
            q = select(func.count()).select_from(VISIT).where(VISIT.c.visit_day == site_day)
            if statuses:
                q = q.where(VISIT.c.status.in_(list(statuses)))
            out[kind] = conn.execute(q).scalar()
    return out


def test_the_totals_follow_every_writer(client, auth, visit_site, db, app, database_url):
    day = app.state.site.today(datetime.now(UTC))
    assert totals(client, auth) == counted(db, day) == dict.fromkeys(KINDS, 0)
    v = walk_in(client, auth, visit_site, personNum="2")  # a route (and a companion)
    appointment(db, visit_site, name="预约甲")  # the ORM, as the feeds write
    first = totals(client, auth)
    assert first == counted(db, day) and first["total"] == 3 and first["unRegister"] == 1
    assert totals(client, auth) == first  # nothing changed: the kept totals answer

    r = client.post(API + "signOut", headers=auth, params={"orderId": v["orderId"]})
    assert r.status_code == 200, r.text
    assert totals(client, auth) == counted(db, day)  # signed out with the companion

    workers.keep_status(db, datetime.now(UTC) + timedelta(days=1))  # a worker: the appointment expires
    assert totals(client, auth) == counted(db, day)

    other = Database(database_url)  # another server instance on the same database
    try:
        with other.write() as session:
            session.execute(
                text("UPDATE visit SET status = 8 WHERE status = 3")  # plain SQL, no update_time
            )
    finally:
        other.dispose()
    now = totals(client, auth)
    assert now == counted(db, day) and now["visiting"] == 1

    walk_in(client, auth, visit_site, name="李四", identityNum="", phoneNum="13912340000")
    assert totals(client, auth) == counted(db, day)


def test_a_page_past_the_end_still_has_the_total(client, auth, visit_site):
    walk_in(client, auth, visit_site)
    r = client.get(
        API + "visitorInfo", headers=auth, params={"pageNo": 9, "pageSize": 10, "visitType": "total"}
    )
    assert r.status_code == 200 and r.json()["data"]["total"] == 1 and r.json()["data"]["list"] == []
