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


def upgrade() -> None:
    _normalise_data(op.get_bind())


def downgrade() -> None:
    pass  # normalised values stay normalised
