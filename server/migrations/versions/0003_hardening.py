"""Hardening: identities stored in their one normal form, picture references only our own,
one QR key per kiosk, login throttling, who did a visit's last staff action.

- blacklist, visit: identity numbers and phones normalised as registration now stores them
  (visitorcs.identity: NFKC, no separators, 15-digit resident IDs in their 18-digit form, +86
  dropped), so screening and look-ups compare like with like; visitor cards and employee cards
  normalised too (an employee card that would collide with another after normalising is left).
- visit: picture references that are not this server's picture path are blanked (a foreign
  URL would be fetched with the kiosk's credentials); ours are stored as the bare path.
- visit.last_actor: who did the last staff action (sign-out, edit): "operator:<name>",
  "kiosk:<mac>" or "qr" (the visitor's own permit).
- qrkey: one key per kiosk (the newest kept; kid stays the kiosk's on rotation).
- loginthrottle: failed operator logins per (client, name), for backoff without lockout.

Revision ID: 0003
Revises: 0002
"""
import re
import uuid
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

from visitorcs.identity import normalise_card, normalise_document, normalise_phone

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_PICTURE = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)?"
                      r"(/webapi/visitorcs/api/v1/clientService/ext/pictures/)([0-9A-Fa-f-]{32,36})\.jpg")
BATCH = 2000


def _uuid(text):
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def _picture_path(value):
    """Our picture path for a stored reference of ours; "" for a foreign or unreadable one. A URL
    on any host counts when its path is ours: only the path is kept, so no host is contacted."""
    match = _PICTURE.fullmatch((value or "").strip())
    face_id = _uuid(match.group(2)) if match else None
    return f"{match.group(1)}{face_id}.jpg" if face_id else ""


def _rows(conn, table, columns):
    key = table.c[columns[0]]
    last = None
    while True:
        query = sa.select(*(table.c[c] for c in columns)).order_by(key).limit(BATCH)
        if last is not None:
            query = query.where(key > last)
        rows = conn.execute(query).all()
        if not rows:
            return
        yield from rows
        last = rows[-1][0]


def _normalise_data(conn) -> None:
    meta = sa.MetaData()
    blacklist = sa.Table("blacklist", meta, autoload_with=conn)
    visit = sa.Table("visit", meta, autoload_with=conn)
    person = sa.Table("person", meta, autoload_with=conn)

    changes = []
    for bid, kind, num, phone in _rows(conn, blacklist, ("id", "identity_id", "identity_num", "phone_num")):
        new = (normalise_document(kind, num) if num else "", normalise_phone(phone) if phone else "")
        if new != (num, phone):
            changes.append({"b_id": bid, "b_num": new[0], "b_phone": new[1]})
    if changes:
        conn.execute(blacklist.update().where(blacklist.c.id == sa.bindparam("b_id")).values(
            identity_num=sa.bindparam("b_num"), phone_num=sa.bindparam("b_phone")), changes)

    now = datetime.now(timezone.utc)
    columns = ("order_id", "identity_id", "identity_num", "phone_num", "phone_last4", "temp_card",
               "visitor_photo", "identity_photo", "scanning_photo", "face_id")
    changes = []
    for oid, kind, num, phone, last4, card, photo, id_photo, scan, face in _rows(conn, visit, columns):
        new_phone = normalise_phone(phone) if phone else ""
        new = {
            "v_num": normalise_document(kind, num) if num else "",
            "v_phone": new_phone,
            "v_last4": new_phone[-4:] if new_phone else last4,
            "v_card": normalise_card(card) if card else "",
            "v_photo": _picture_path(photo),
            "v_id_photo": _picture_path(id_photo),
            "v_scan": _picture_path(scan),
            "v_face": _uuid(face or "") or "",
        }
        if tuple(new.values()) != (num, phone, last4, card, photo, id_photo, scan, face):
            changes.append({"v_oid": oid, "v_now": now, **new})
        if len(changes) >= BATCH:
            _update_visits(conn, visit, changes)
            changes = []
    _update_visits(conn, visit, changes)

    taken = {c for (c,) in conn.execute(sa.select(person.c.card_no).where(person.c.card_no.is_not(None)))}
    for pid, card in _rows(conn, person, ("person_id", "card_no")):
        new = normalise_card(card) if card else card
        if card and new != card and new not in taken:
            conn.execute(person.update().where(person.c.person_id == pid).values(card_no=new))
            taken.add(new)


def _update_visits(conn, visit, changes) -> None:
    if changes:
        conn.execute(visit.update().where(visit.c.order_id == sa.bindparam("v_oid")).values(
            identity_num=sa.bindparam("v_num"), phone_num=sa.bindparam("v_phone"),
            phone_last4=sa.bindparam("v_last4"), temp_card=sa.bindparam("v_card"),
            visitor_photo=sa.bindparam("v_photo"), identity_photo=sa.bindparam("v_id_photo"),
            scanning_photo=sa.bindparam("v_scan"), face_id=sa.bindparam("v_face"),
            update_time=sa.bindparam("v_now")), changes)  # every write to a visit sets update_time


def _one_key_per_kiosk(conn) -> None:
    """Keep each kiosk's current key (the one its row names, else its newest)."""
    meta = sa.MetaData()
    qrkey = sa.Table("qrkey", meta, autoload_with=conn)
    kiosk = sa.Table("kiosk", meta, autoload_with=conn)
    current = dict(conn.execute(sa.select(kiosk.c.id, kiosk.c.qr_public_key)).all())
    keep: dict = {}
    for kid, kiosk_id, public_key in conn.execute(
        sa.select(qrkey.c.kid, qrkey.c.kiosk_id, qrkey.c.public_key).order_by(qrkey.c.kid)
    ):
        if kiosk_id not in keep or current.get(kiosk_id) != keep[kiosk_id][1]:
            keep[kiosk_id] = (kid, public_key)
    kept = [kid for kid, _key in keep.values()]
    conn.execute(qrkey.delete().where(qrkey.c.kid.not_in(kept or [-1])))


def upgrade() -> None:
    conn = op.get_bind()
    _normalise_data(conn)
    _one_key_per_kiosk(conn)
    with op.batch_alter_table("qrkey", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_qrkey_kiosk_id"))
        batch_op.create_index(batch_op.f("ix_qrkey_kiosk_id"), ["kiosk_id"], unique=True)
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_actor", sa.String(), nullable=False, server_default=""))
    with op.batch_alter_table("operatorsession", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "loginthrottle",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("client", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failure", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("loginthrottle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_loginthrottle_client"), ["client"], unique=False)
        batch_op.create_index(batch_op.f("ix_loginthrottle_name"), ["name"], unique=False)


def downgrade() -> None:  # normalised values stay normalised, and removed keys stay removed
    op.drop_table("loginthrottle")
    with op.batch_alter_table("operatorsession", schema=None) as batch_op:
        batch_op.drop_column("revoked_at")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_column("last_actor")
    with op.batch_alter_table("qrkey", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_qrkey_kiosk_id"))
        batch_op.create_index(batch_op.f("ix_qrkey_kiosk_id"), ["kiosk_id"], unique=False)
