"""The change sequence of visits (`disorder`, order/sync): every insert, update and delete of a
visit takes the next number when its transaction commits, whoever writes it (an ORM unit of work,
a Core statement, a worker, a migration), so a consumer that keeps the last number it saw and asks
for the rows above it misses and repeats nothing, under concurrent writers and across processes
(the counter is in the database). On SQLite and PostgreSQL."""

from __future__ import annotations

import random
import threading
import time
import uuid

import pytest
from sqlalchemy import select, text, update

from server import migrate, workers
from server.db import Database
from server.models import ChangeCounter, Visit
from server.models._common import utcnow
from server.services.order_feed import TOMB, VISIT
from visitorcs.codes import VisitStatus


@pytest.fixture
def store(database_url):
    db = Database(database_url)
    migrate.upgrade(db)
    yield db
    db.dispose()


def _disorders(db: Database) -> dict[str, int]:
    with db.rows() as conn:
        return dict(conn.execute(select(VISIT.c.order_id, VISIT.c.disorder)).all())


def test_every_kind_of_writer_bumps_it(store, settings) -> None:
    with store.write() as s:
        s.add(Visit(order_id="a", name="甲", status=int(VisitStatus.ARRIVED)))
    first = _disorders(store)["a"]
    assert first > 0
    with store.write() as s:  # a Core statement, as walk-in registration and the workers use
        s.execute(update(Visit).where(Visit.order_id == "a").values(name="乙", update_time=utcnow()))
    second = _disorders(store)["a"]
    assert second > first
    with store.write() as s:  # the ORM unit of work
        v = s.get(Visit, "a")
        v.end_time = utcnow()
        s.add(v)
    third = _disorders(store)["a"]
    assert third > second
    workers.keep_status(store, utcnow())  # overdue: the status keeper writes too
    assert _disorders(store)["a"] > third
    with store.write() as s:
        s.delete(s.get(Visit, "a"))
    with store.rows() as conn:
        tomb = conn.execute(select(TOMB)).one()
    assert tomb.order_id == "a" and tomb.disorder > third
    with store.read() as s:
        assert s.get(ChangeCounter, "visit").value == tomb.disorder


def test_a_consumer_misses_and_repeats_nothing_under_concurrent_writers(store, backend) -> None:
    ids = [str(uuid.uuid4()) for _ in range(40)]
    with store.write() as s:
        for oid in ids:
            s.add(Visit(order_id=oid, name="v0"))
    stop = threading.Event()
    errors: list[BaseException] = []
    expected: dict[str, str] = {}
    lock = threading.Lock()

    def writer(n: int) -> None:
        rng = random.Random(n)
        try:
            for i in range(25):
                oid = rng.choice(ids)
                name = f"w{n}-{i}"
                with store.write() as s:
                    s.execute(
                        update(Visit).where(Visit.order_id == oid).values(name=name, update_time=utcnow())
                    )
                    if backend == "postgres":
                        time.sleep(rng.random() * 0.01)  # commit later than a neighbour that began after
                    with lock:
                        expected[oid] = name  # the last committed write wins: recorded under the lock
                    # (the commit happens after the lock is released: a later writer of the same row
                    # waits on the row lock, so the order of names follows the order of commits)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    seen: dict[str, tuple[int, str]] = {}
    last = 0
    violations: list[str] = []

    def pull() -> int:
        nonlocal last
        with store.rows() as conn:
            rows = conn.execute(
                select(VISIT.c.order_id, VISIT.c.disorder, VISIT.c.name)
                .where(VISIT.c.disorder > last)
                .order_by(VISIT.c.disorder)
                .limit(17)
            ).all()
        for oid, number, name in rows:
            if number <= last:
                violations.append(f"{oid} {number} <= {last}")
            previous = seen.get(oid)
            if previous and previous[0] >= number:
                violations.append(f"{oid} repeated {number}")
            seen[oid] = (number, name)
            last = number
        return len(rows)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        pull()
    for t in threads:
        t.join()
    stop.set()
    while pull():
        pass
    assert not errors, errors
    assert not violations, violations[:5]
    # what the consumer holds is what the database holds: no change was missed
    final = _disorders(store)
    assert {oid: n for oid, (n, _name) in seen.items()} == final
    with store.rows() as conn:
        names = dict(conn.execute(select(VISIT.c.order_id, VISIT.c.name)).all())
    assert {oid: name for oid, (_n, name) in seen.items()} == names
    for oid, name in expected.items():
        assert names[oid] == name


def test_a_rolled_back_transaction_leaves_no_gap_that_matters(store) -> None:
    with store.write() as s:
        s.add(Visit(order_id="x", name="x"))
    before = _disorders(store)["x"]
    with pytest.raises(RuntimeError), store.write() as s:
        s.execute(update(Visit).where(Visit.order_id == "x").values(name="y"))
        raise RuntimeError("abandoned")
    assert _disorders(store)["x"] == before
    with store.write() as s:
        s.execute(update(Visit).where(Visit.order_id == "x").values(name="z"))
    assert _disorders(store)["x"] > before
    with store.rows() as conn:
        assert conn.execute(text("select name from visit where order_id = 'x'")).scalar() == "z"


def test_a_pages_total_counts_visits_and_tombstones_after_the_cursor(store) -> None:
    """`total` of order/sync: the rows after the cursor, whether the page holds them all (no count
    is made then) or not, with and without tombstones, on any page."""
    from zoneinfo import ZoneInfo

    from server.services.order_feed import order_page

    tz = ZoneInfo("Asia/Shanghai")
    with store.write() as s:
        for n in range(7):
            s.add(Visit(order_id=f"v{n}", name=f"访客{n}", status=int(VisitStatus.ARRIVED)))
    with store.write() as s:
        s.delete(s.get(Visit, "v1"))
        s.delete(s.get(Visit, "v4"))
    numbers = sorted(_disorders(store).values())
    for after, size, page_no in (
        (0, 100, 1),
        (0, 3, 1),
        (0, 3, 2),
        (0, 3, 3),
        (numbers[2], 2, 1),
        (numbers[-1], 5, 1),
    ):
        items, total = order_page(store, "P", after, page_no, size, tz)
        everything, _ = order_page(store, "P", after, 1, 1000, tz)
        assert total == len(everything), (after, size, page_no)
        assert items == everything[(page_no - 1) * size : page_no * size]
    assert len(order_page(store, "P", 0, 1, 1000, tz)[0]) == 7  # 5 visits and 2 tombstones
