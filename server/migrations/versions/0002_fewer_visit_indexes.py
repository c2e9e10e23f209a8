"""Drop the visit indexes no query uses: each one was one more B-tree page written per
registration and sign-out (19 indexes per visit row before, 13 after).

- pinyin, phone_num: visitorInfo matches them with LIKE inside an OR (a prefix LIKE on
  pinyin and contains-LIKEs on name and phone), which no index serves; the day's rows
  come from ix_visit_day_sort / ix_visit_day_status_sort.
- visit_day: the leading column of ix_visit_day_sort and ix_visit_day_status_sort.
- be_visit_person_id: the leading column of ix_visit_host_status.
- register_time, create_time: never filtered on; lastVisitor sorts the few rows of one
  identity number by create_time.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

DROPPED = (("ix_visit_pinyin", "pinyin"), ("ix_visit_phone_num", "phone_num"), ("ix_visit_visit_day", "visit_day"),
           ("ix_visit_be_visit_person_id", "be_visit_person_id"), ("ix_visit_register_time", "register_time"),
           ("ix_visit_create_time", "create_time"))


def upgrade() -> None:
    for name, _column in DROPPED:
        op.drop_index(name, table_name="visit")


def downgrade() -> None:
    for name, column in DROPPED:
        op.create_index(name, "visit", [column], unique=False)
