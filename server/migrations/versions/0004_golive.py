"""Go live: a site of its own, the platform's feeds and queries.

- visit.disorder: the change sequence order/sync pages by. The database sets it on every insert
  and update of a visit row, whoever writes it, from one counter (`changecounter`), and a deleted
  visit leaves a `visittombstone` with the next value:
  - PostgreSQL: a deferred constraint trigger, so the counter's row is locked only from COMMIT to
    its end. Transactions that change visits take their numbers in commit order (the next one
    waits on the counter's row lock until the previous commits), so a reader that has seen N has
    seen every change numbered below N. Taking the lock at commit also means no transaction holds
    it while it waits for a visit row another holds (no deadlock).
  - SQLite: writers are serialised (BEGIN IMMEDIATE), so plain AFTER triggers do the same.
  Existing rows are numbered by update_time.
- visit: visitor_open_id, visitor_user_id, be_visitor_open_id (mobile channel backfills).
- person: sex, open_id, update_time; privilegegroup: project_id, product_id, disorder,
  create_time, update_time; visitorfield: project_id, extra (what field/sync sends beyond the
  kiosk's configuration).
- operator: phone, disabled.
- integration: credentials of the systems that call the feeds; verifycode: phone verify codes;
  backlogcallback: to-do results reported by the workflow platform.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION visit_disorder() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE n BIGINT;
BEGIN
  UPDATE changecounter SET value = value + 1 WHERE name = 'visit' RETURNING value INTO n;
  IF TG_OP = 'DELETE' THEN
    INSERT INTO visittombstone (order_id, project_id, disorder, delete_time)
      VALUES (OLD.order_id, OLD.project_id, n, now())
      ON CONFLICT (order_id) DO UPDATE
        SET disorder = EXCLUDED.disorder, project_id = EXCLUDED.project_id, delete_time = EXCLUDED.delete_time;
  ELSE
    UPDATE visit SET disorder = n WHERE order_id = NEW.order_id;
  END IF;
  RETURN NULL;
END $$
"""
PG_TRIGGER = """
CREATE CONSTRAINT TRIGGER visit_disorder AFTER INSERT OR UPDATE OR DELETE ON visit
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (pg_trigger_depth() = 0)
  EXECUTE FUNCTION visit_disorder()
"""
_NEXT = "UPDATE changecounter SET value = value + 1 WHERE name = 'visit';"
_VALUE = "(SELECT value FROM changecounter WHERE name = 'visit')"
SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER visit_disorder_insert AFTER INSERT ON visit BEGIN {_NEXT}
        UPDATE visit SET disorder = {_VALUE} WHERE order_id = NEW.order_id; END""",
    # the update the triggers make changes disorder: the WHEN keeps it from firing again
    f"""CREATE TRIGGER visit_disorder_update AFTER UPDATE ON visit WHEN NEW.disorder IS OLD.disorder
        BEGIN {_NEXT} UPDATE visit SET disorder = {_VALUE} WHERE order_id = NEW.order_id; END""",
    f"""CREATE TRIGGER visit_disorder_delete AFTER DELETE ON visit BEGIN {_NEXT}
        INSERT OR REPLACE INTO visittombstone (order_id, project_id, disorder, delete_time)
        VALUES (OLD.order_id, OLD.project_id, {_VALUE}, CURRENT_TIMESTAMP); END""",
)


def _add(table, *columns) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.add_column(column)


def _text(name):
    return sa.Column(name, sa.String(), nullable=False, server_default="")


def upgrade() -> None:
    conn = op.get_bind()
    _add("visit", _text("visitor_open_id"), _text("visitor_user_id"), _text("be_visitor_open_id"),
         sa.Column("disorder", sa.BigInteger(), nullable=False, server_default="0"))
    _add("person", _text("sex"), _text("open_id"), sa.Column("update_time", sa.DateTime(timezone=True), nullable=True))
    _add("privilegegroup", _text("project_id"), _text("product_id"),
         sa.Column("disorder", sa.Integer(), nullable=False, server_default="0"),
         sa.Column("create_time", sa.DateTime(timezone=True), nullable=True),
         sa.Column("update_time", sa.DateTime(timezone=True), nullable=True))
    _add("visitorfield", _text("project_id"), sa.Column("extra", sa.String(), nullable=False, server_default="{}"))
    _add("operator", _text("phone"), sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()))

    op.create_table(
        "integration",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("project_id", sa.String(), nullable=False),
        sa.Column("token_hash", sa.String(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "verifycode",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("purpose", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("operator_id", sa.String(), nullable=False),
        sa.Column("code_hash", sa.String(), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("checked", sa.Boolean(), nullable=False),
        sa.Column("used", sa.Boolean(), nullable=False),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_verifycode_phone", "verifycode", ["phone"], unique=False)
    op.create_table(
        "backlogcallback",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("backlog_id", sa.String(), nullable=False),
        sa.Column("business_id", sa.String(), nullable=False),
        sa.Column("project_id", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("result", sa.String(), nullable=False),
        sa.Column("applied", sa.String(), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_backlogcallback_backlog_id", "backlogcallback", ["backlog_id"], unique=False)
    op.create_table(
        "visittombstone",
        sa.Column("order_id", sa.String(), nullable=False),
        sa.Column("project_id", sa.String(), nullable=False),
        sa.Column("disorder", sa.BigInteger(), nullable=False),
        sa.Column("delete_time", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("order_id"),
    )
    op.create_index("ix_visittombstone_disorder", "visittombstone", ["disorder"], unique=False)
    op.create_table(
        "changecounter",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )

    # number the visits there are, in the order they last changed
    numbered = sa.text(
        "SELECT order_id, row_number() OVER (ORDER BY update_time, order_id) AS n FROM visit"
    )
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(f"UPDATE visit SET disorder = s.n FROM ({numbered.text}) AS s "
                             "WHERE visit.order_id = s.order_id"))
    else:
        conn.execute(sa.text(f"UPDATE visit SET disorder = (SELECT n FROM ({numbered.text}) AS s "
                             "WHERE s.order_id = visit.order_id)"))
    top = conn.execute(sa.text("SELECT COALESCE(MAX(disorder), 0) FROM visit")).scalar() or 0
    conn.execute(sa.text("INSERT INTO changecounter (name, value) VALUES ('visit', :v)"), {"v": int(top)})
    op.create_index("ix_visit_disorder", "visit", ["disorder"], unique=False)

    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(PG_FUNCTION))
        conn.execute(sa.text(PG_TRIGGER))
    else:
        for statement in SQLITE_TRIGGERS:
            conn.execute(sa.text(statement))


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("DROP TRIGGER IF EXISTS visit_disorder ON visit"))
        conn.execute(sa.text("DROP FUNCTION IF EXISTS visit_disorder()"))
    else:
        for name in ("insert", "update", "delete"):
            conn.execute(sa.text(f"DROP TRIGGER IF EXISTS visit_disorder_{name}"))
    op.drop_index("ix_visit_disorder", table_name="visit")
    for table in ("changecounter", "visittombstone", "backlogcallback", "verifycode", "integration"):
        op.drop_table(table)
    for table, columns in (
        ("operator", ("disabled", "phone")),
        ("visitorfield", ("extra", "project_id")),
        ("privilegegroup", ("update_time", "create_time", "disorder", "product_id", "project_id")),
        ("person", ("update_time", "open_id", "sex")),
        ("visit", ("disorder", "be_visitor_open_id", "visitor_user_id", "visitor_open_id")),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_column(column)
