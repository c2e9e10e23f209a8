"""Visitor codes (the 预约码 a visitor types) are unique among live visits, also when registrations
run at once in several server processes on one PostgreSQL database: a code being given out by one
transaction is not free for another, and one committed meanwhile is seen."""

from __future__ import annotations

import pytest

from server import migrate
from server.db import Database
from server.models import Visit
from server.services.registration_lookups import code_is_ours, new_visitor_code
from visitorcs.codes import VisitStatus


@pytest.fixture
def two_instances(database_url):
    """Two Databases on one database, as two server processes hold them."""
    first, second = Database(database_url), Database(database_url)
    migrate.upgrade(first)
    yield first, second
    first.dispose()
    second.dispose()


def test_a_code_being_given_out_or_given_is_not_free_elsewhere(backend, two_instances) -> None:
    first, second = two_instances
    if backend == "sqlite":
        # one writer at a time: the second registration starts after the first committed
        with first.write() as a:
            assert code_is_ours(a, "123456")
            a.add(Visit(order_id="o1", name="甲", visitor_code="123456", status=int(VisitStatus.ARRIVED)))
        with second.write() as b:
            assert not code_is_ours(b, "123456") and code_is_ours(b, "654321")
        return
    with first.write() as a:
        assert code_is_ours(a, "123456")  # registration A picks 123456 ...
        with second.write() as b:  # ... while registration B, in another process, runs
            assert not code_is_ours(b, "123456"), "a code another transaction is giving out"
            assert code_is_ours(b, "654321")
        a.add(Visit(order_id="o1", name="甲", visitor_code="123456", status=int(VisitStatus.ARRIVED)))
    with second.write() as b:  # A committed: the lock is gone, the live visit holds the code
        assert not code_is_ours(b, "123456"), "a code a committed visit holds"
        # a visit that ended gives its code back
        b.get(Visit, "o1").status = int(VisitStatus.SIGNED_OUT)
    with second.write() as b:
        assert code_is_ours(b, "123456")
        assert len(new_visitor_code(b)) == 6
