"""The migrations (0001 and later) create exactly the tables, columns and indexes the models declare."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import server.models  # noqa: F401  registers every table
from server.models.visit import QrKey  # noqa: F401


def test_migrations_match_the_models(db):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == [], (
        f"models and server/migrations diverge; add a revision under server/migrations/versions: {diff[:5]}"
    )


def test_visit_list_indexes_exist(db):
    indexes = {ix["name"] for ix in inspect(db.engine).get_indexes("visit")}
    assert {
        "ix_visit_day_sort",
        "ix_visit_host_status",
        "ix_visit_qr_code",
        "ix_visit_visitor_code",
    } <= indexes


def test_todays_list_and_code_lookups_use_indexes_not_scans(tmp_path):
    """With 100k orders a full scan per visitorInfo page would cost ~100 ms; an index search stays ~ms."""
    from sqlalchemy import text

    from server import migrate
    from server.db import Database

    db = Database(f"sqlite:///{tmp_path / 'plan.sqlite3'}")
    migrate.upgrade(db)
    queries = [
        "SELECT * FROM visit WHERE visit_day = '2026-11-28' AND status IN (8) "
        "ORDER BY sort_time DESC LIMIT 50",
        "SELECT * FROM visit WHERE be_visit_person_id = 'p' AND status IN (1, 2, 8)",
        "SELECT * FROM visit WHERE qr_code = 'VC1X'",
        "SELECT * FROM visit WHERE phone_last4 = '1234' AND visit_day = '2026-11-28'",
        "SELECT * FROM visit WHERE identity_num = 'x' AND identity_id = '111' "
        "ORDER BY create_time DESC LIMIT 1",
    ]
    with db.engine.connect() as conn:
        for sql in queries:
            plan = " ".join(str(row[-1]) for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
            assert "USING INDEX" in plan and "SCAN visit" not in plan, (sql, plan)
    db.dispose()
