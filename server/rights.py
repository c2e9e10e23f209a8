"""Who may change a visit (docs/api-notes.md, "What a kiosk may do alone").

A kiosk's bearer token alone may register, read, and sign out or edit the visits it registered
itself; it may sign out ANY visit whose permit QR the visitor presents (an exit kiosk). Everything
else — signing out or editing a visit another kiosk registered — needs a real operator: online the
eits session token (`X-Operator-Token`), in an offline record the operator's stamp made while that
session was live (`operator: {name, proof}`, proof = HMAC-SHA256 keyed by SHA-256(token) hex over
"visitorcs-operator-v1|<op>|<orderId>"), since the uploader sends records later and without one.

Each change records who did it on the visit (`last_actor`)."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from server.envelope import ApiError
from server.models import Kiosk, Operator, OperatorSession, Visit
from server.services.timefmt import aware

SIGN_OUT, EDIT = "signOut", "edit"
# an offline record's corrected time is the kiosk's clock after the measured offset: allow a little
CLOCK_SLACK = timedelta(minutes=5)
_WORDS = {
    SIGN_OUT: "该访客由其他访客机登记：请扫描其访客单二维码签离，或由操作员登录后办理",
    EDIT: "该访客由其他访客机登记：修改通行权限需要操作员登录",
}


@dataclass(frozen=True)
class Actor:
    """Who asks: the calling kiosk, and the operator behind it when there is one."""

    kiosk: Kiosk
    operator: str | None = None  # the operator's login name (a live session, or a valid stamp)


def proof(token_hash_hex: str, op: str, order_id: str) -> str:
    """An operator's stamp on one offline record, keyed by the session token's SHA-256 (hex)."""
    message = f"visitorcs-operator-v1|{op}|{order_id}".encode()
    return hmac.new(token_hash_hex.encode(), message, hashlib.sha256).hexdigest()


def stamped_operator(session: Session, stamp: Any, op: str, order_id: str, at: datetime) -> str | None:
    """The operator whose session was live at `at` and who stamped this record; None otherwise."""
    if not isinstance(stamp, dict):
        return None
    name, given = str(stamp.get("name") or "").strip(), str(stamp.get("proof") or "").strip().lower()
    if not name or not given or len(given) > 128:
        return None
    operator = session.exec(select(Operator).where(Operator.name == name)).first()
    if operator is None:
        return None
    sessions = session.exec(select(OperatorSession).where(col(OperatorSession.operator_id) == operator.id))
    for row in sessions:
        start = aware(row.create_time) - CLOCK_SLACK
        end = min(aware(row.expires), aware(row.revoked_at) if row.revoked_at else aware(row.expires))
        if start <= at <= end + CLOCK_SLACK and hmac.compare_digest(
            proof(row.token_hash, op, order_id), given
        ):
            return operator.name
    return None


def authorise(visit: Visit, actor: Actor, op: str, qr_code: str | None = None) -> str:
    """Whether `actor` may `op` (SIGN_OUT or EDIT) this visit; the label recorded as last_actor.
    403 in words otherwise."""
    if actor.operator:
        return f"operator:{actor.operator}"
    if op == SIGN_OUT and qr_code and visit.qr_code and qr_code.strip().upper() == visit.qr_code:
        return f"qr:{actor.kiosk.mac}"  # the visitor's own permit, on any kiosk
    if visit.register_kiosk_id and visit.register_kiosk_id == actor.kiosk.id:
        return f"kiosk:{actor.kiosk.mac}"
    raise ApiError(403, _WORDS[op])
