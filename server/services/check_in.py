"""What every visitor who arrives gets, whether walk-in, pre-booked or companion: status "arrived",
register time and place, the kiosk, a visitor code and a signed QR code; and `Registered`, what
a registration answers."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from server.models import Kiosk, Visit
from server.models._common import utcnow
from server.services import timefmt
from server.services.offline_context import OfflineStamp
from server.services.registration_lookups import new_visitor_code
from server.site import SiteContext
from visitorcs import qrtoken
from visitorcs.codes import VisitStatus
from visitorcs.wire import RegisterInfo


@dataclass
class Registered:
    """A registration's outcome: the main visit, its companions, and whether it was a replay."""

    visit: Visit
    companions: list[Visit]
    replayed: bool = False


def mark_arrived(
    session: Session,
    ctx: SiteContext,
    kiosk: Kiosk,
    visit: Visit,
    info: RegisterInfo,
    at: datetime,
    now: datetime,
    stamp: OfflineStamp | None,
    digest: str,
    taken_codes: Collection[str] = (),
) -> None:
    """`visit` arrives at `at` (the kiosk's time of it) through `kiosk`; `digest` identifies the
    registration (replays); `taken_codes`: visitor codes given in this transaction already."""
    visit.status = int(VisitStatus.ARRIVED)  # rows hold plain ints (services/visits.ints)
    visit.register_time = at
    visit.sort_time = at
    visit.visit_day = timefmt.local_day(at, ctx.tz)
    visit.register_place = (info.registerPlace or visit.register_place or kiosk.name).strip()
    visit.register_mac = kiosk.mac
    visit.register_kiosk_id = kiosk.id
    visit.register_hash = digest
    visit.update_time = now
    if stamp:
        visit.offline, visit.client_time, visit.received_time = True, stamp.client_time, stamp.received_time
    if not visit.visitor_code:
        lookups = stamp.lookups if stamp else None
        visit.visitor_code = (
            lookups.visitor_code(session) if lookups else new_visitor_code(session, taken_codes)
        )
    if not visit.qr_code or (stamp and info.qrCode):
        visit.qr_code = qr_code_for(ctx, visit, info, stamp)


# a kiosk signs its offline codes valid until the visit's end + 1 h (sync.gateway.make_qr)
KIOSK_QR_MARGIN = timedelta(minutes=90)
# without an endTimeISO the visit ends at the end of its day in the site's zone, and the kiosk
# signed the end of the day in its own zone: zones differ by up to 14 h from the site's
KIOSK_QR_MARGIN_NO_END = timedelta(hours=14) + KIOSK_QR_MARGIN


def qr_code_for(ctx: SiteContext, visit: Visit, info: RegisterInfo, stamp: OfflineStamp | None) -> str:
    """The kiosk's own offline-signed QR when it verifies for this visit and its validity fits the
    visit (not expired at registration, not past its end + KIOSK_QR_MARGIN: a code valid until
    2106 would open doors for ever), else a server one."""
    if stamp and info.qrCode:
        start = timefmt.aware(visit.register_time)
        end = timefmt.aware(visit.end_time)
        margin = KIOSK_QR_MARGIN if (info.endTimeISO or "").strip() else KIOSK_QR_MARGIN_NO_END
        for kid, key in stamp.kiosk_keys:
            payload = qrtoken.verify(info.qrCode, key)
            if payload and payload.kid == kid and payload.order_id == visit.order_id:
                if (start and payload.valid_until < start) or (end and payload.valid_until > end + margin):
                    break
                return info.qrCode.strip().upper()
    return qrtoken.encode(ctx.qr_key, visit.order_id, timefmt.aware(visit.end_time) or utcnow())
