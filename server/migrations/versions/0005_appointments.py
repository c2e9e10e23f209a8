"""Appointments through the mobile channels: who booked or invited, how, and the host's remark on
the visit; the message login's one-time codes; the notification outbox.

- visit: an index on visitor_open_id (0004 added the column: a gateway-vouched openId), channel (mp / miniapp / wecom), order_model,
  invited (an employee's invitation), share_status (an invitation's link open or stopped),
  process_remark (the approval remark or the reason for returning it); an index on phone_num,
  by which a visitor finds their own appointments (0002 dropped it when only LIKE used it).
- mobilecode: SMS login codes, hashed, with their attempts (server/services/mobile_login.py).
- notification: every message to a visitor or a host, delivered by a background worker
  (server/notify.py).

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE (no batch copy): on SQLite a copied table would lose 0004's triggers
    for column in (
        sa.Column("channel", sa.String(), nullable=False, server_default=""),
        sa.Column("order_model", sa.String(), nullable=False, server_default=""),
        sa.Column("invited", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("share_status", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("process_remark", sa.String(), nullable=False, server_default=""),
    ):
        op.add_column("visit", column)
    op.create_index("ix_visit_visitor_open_id", "visit", ["visitor_open_id"], unique=False)
    op.create_index("ix_visit_phone_num", "visit", ["phone_num"], unique=False)
    op.create_table(
        "mobilecode",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("code_hash", sa.String(), nullable=False),
        sa.Column("client", sa.String(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("used", sa.Boolean(), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mobilecode", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mobilecode_client"), ["client"], unique=False)
        batch_op.create_index("ix_mobilecode_phone_time", ["phone", "create_time"], unique=False)
    op.create_table(
        "notification",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("recipient", sa.String(), nullable=False),
        sa.Column("order_id", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_try", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.String(), nullable=False),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_time", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notification_recipient"), ["recipient"], unique=False)
        batch_op.create_index(batch_op.f("ix_notification_order_id"), ["order_id"], unique=False)
        batch_op.create_index("ix_notification_status_due", ["status", "next_try"], unique=False)


def downgrade() -> None:
    op.drop_table("notification")
    op.drop_table("mobilecode")
    op.drop_index("ix_visit_phone_num", table_name="visit")
    op.drop_index("ix_visit_visitor_open_id", table_name="visit")
    for column in ("process_remark", "share_status", "invited", "order_model", "channel"):
        op.drop_column("visit", column)  # SQLite 3.35+: ALTER TABLE DROP COLUMN, triggers kept
