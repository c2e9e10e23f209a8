"""Registration use case: a draft from an ID card (prefilled from the last visit), a QR
scan or a found appointment; blacklist screening; validation against the site's field
configuration; submit (with companions) through the injected WriteGateway."""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kiosk.services.lookup import LookupService
from kiosk.services.models import FieldDef, Screening
from kiosk.services.offline_reads import OfflineReads
from kiosk.services.reference import ReferenceService
from sync.ports import WriteGateway, WriteResult
from visitorcs.client import VisitorcsClient
from visitorcs.codes import ON_SITE, CodeType, status_in
from visitorcs.errors import ApiError, ApiUnreachable

log = logging.getLogger(__name__)

# The ID-card types of drivers.idcard.card.CardType -> the spec's identityId
CARD_IDENTITY_IDS = {"resident": "111", "hmt_residence": "111", "foreign_permanent": "990"}
PHONE_RE = re.compile(r"^1[3-9]\d{9}$")


class RegistrationRefused(Exception):
    """Screening refused this visitor (blacklist); `reason` is fit to show."""

    def __init__(self, reason: str, who: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.who = who


class DraftInvalid(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


@dataclass
class Companion:
    name: str
    identity_num: str = ""
    phone: str = ""
    identity_id: str = "111"


@dataclass
class Draft:
    """What the register form edits; `fields` are RegisterInfo keys with string values."""

    order_id: str
    fields: dict[str, str] = field(default_factory=dict)
    register_type: int = 1  # 1 walk-in, 2 pre-booked
    source: str = "manual"  # manual / idcard / qr / lookup
    screening: Screening | None = None
    prefilled_from: str = ""  # orderId of the last visit used to prefill
    host: dict[str, Any] | None = None  # PersonInfo of the host
    privilege_group_ids: list[str] = field(default_factory=list)
    end_time: dt.datetime | None = None
    companions: list[Companion] = field(default_factory=list)
    face: dict[str, Any] | None = None  # savePicForApp answer: faceId, faceUrl, score, level
    photo_jpeg: bytes | None = None  # the captured face, for the permit
    card_no: str = ""  # visitor card issued by a contactless tap
    notice_accepted: bool = False
    appointment: dict[str, Any] | None = None
    # The visitor is on site already (this visit): offer a reprint or the sign-out, not a second
    # registration that would count them twice on the evacuation list.
    open_visit: dict[str, Any] | None = None

    @property
    def name(self) -> str:
        return self.fields.get("name", "")


def local_iso(when: dt.datetime) -> str:
    """The spec's ISO with offset, e.g. 2018-10-29T15:33:07+08:00."""
    if when.tzinfo is None:
        when = when.astimezone()
    return when.isoformat(timespec="seconds")


def default_end_time(now: dt.datetime) -> dt.datetime:
    """Leave by 18:00 today, or four hours from now when that is later (late visitors)."""
    evening = now.replace(hour=18, minute=0, second=0, microsecond=0)
    return max(evening, (now + dt.timedelta(hours=4)).replace(second=0, microsecond=0))


class RegistrationService:
    def __init__(
        self,
        client: VisitorcsClient,
        gateway: WriteGateway,
        reference: ReferenceService,
        *,
        register_place: str = "",
        clock: Callable[[], dt.datetime] | None = None,
        offline: OfflineReads | None = None,
        lookup: LookupService | None = None,
        operators: Any = None,
    ) -> None:
        self.client = client
        self.lookup = lookup
        self.operators = operators  # kiosk.services.operators.OperatorService: the desk's stamp
        self.offline = offline or OfflineReads()
        self.gateway = gateway
        self.reference = reference
        self.register_place = register_place
        self.clock = clock or (lambda: dt.datetime.now().astimezone())

    # --- drafts ----------------------------------------------------------------------
    def new_draft(self, *, fetch: bool = True) -> Draft:
        """An empty walk-in with a fresh orderId, leave time and the default privilege
        groups. `fetch=False` never touches the network (the GUI thread may call it)."""
        draft = Draft(order_id=str(uuid.uuid4()), end_time=default_end_time(self.clock()))
        try:
            groups = self.reference.privilege_groups() if fetch else self.reference.cached("groups") or []
            draft.privilege_group_ids = self.default_groups(groups)
        except (ApiError, ApiUnreachable) as exc:
            log.warning("privilege groups unavailable: %s", exc)
        draft.fields["personNum"] = "1"
        return draft

    def default_groups(self, groups: list[dict[str, Any]]) -> list[str]:
        return [str(g["privilegeGroupId"]) for g in groups if self.reference.is_default_group(g)]

    def draft_from_idcard(self, card: Any) -> Draft:
        """A walk-in draft from a drivers.idcard IdCard: card fields, the last visit's
        phone/unit/purpose/host/car, and the screening result (not yet enforced)."""
        draft = self.new_draft()
        draft.source = "idcard"
        kind = getattr(getattr(card, "card_type", None), "value", "resident")
        draft.fields.update(
            {
                "name": card.name,
                "sex": str(card.sex_code) if str(card.sex_code) in ("1", "2") else "",
                "identityId": CARD_IDENTITY_IDS.get(kind, "111"),
                "identityNum": card.id_number,
                "certAddr": getattr(card, "address", "") or "",
                "certIssuer": getattr(card, "issuer", "") or "",
                "visitorAddress": getattr(card, "address", "") or "",
            }
        )
        self._prefill_from_last_visit(draft)
        draft.open_visit = self.open_visit(draft.fields["identityId"], card.id_number)
        draft.screening = self.screen(
            identity_num=card.id_number,
            identity_id=draft.fields["identityId"],
            phone=draft.fields.get("phoneNum") or None,
        )
        return draft

    def open_visit(self, identity_id: str, identity_num: str) -> dict[str, Any] | None:
        """The visit this person is on site with now, if any (the newest)."""
        if self.lookup is None or not identity_num:
            return None
        try:
            visits = self.lookup.open_visits(identity_num, identity_id)
        except ApiUnreachable:
            return None
        except ApiError as exc:
            if exc.code != "404":
                log.info("open visit lookup refused: %s", exc.msg)
            return None
        return visits[0] if visits else None

    def _prefill_from_last_visit(self, draft: Draft) -> None:
        try:
            last = self.client.last_visitor(
                draft.fields["identityNum"], draft.fields.get("identityId", "111")
            )
        except ApiError as exc:
            if exc.code != "404":
                log.info("last visitor lookup refused: %s", exc.msg)
            return
        except ApiUnreachable:
            return
        if not last:
            return
        for key in ("phoneNum", "visitorWorkUnit", "purpose", "carNumber", "visitorTypeId", "birthplace"):
            value = last.get(key)
            if value not in (None, "") and not draft.fields.get(key):
                draft.fields[key] = str(value)
        host_id = str(last.get("beVisitPersonId") or "")
        if host_id:
            name = str(last.get("beVisitPersonName") or "") or self._host_name_of(
                str(last.get("orderId") or "")
            )
            if name:  # a host whose name cannot be learnt is not offered: staff would not know whom
                draft.host = {"personId": host_id, "name": name}
        draft.prefilled_from = str(last.get("orderId") or "")

    def _host_name_of(self, order_id: str) -> str:
        """The spec's VisitorBaseInfo carries the host's id only; the visit it came from names them."""
        if not order_id:
            return ""
        try:
            found = self.client.visitor_details(order_id, CodeType.ORDER_ID)
        except (ApiError, ApiUnreachable):
            return ""
        visit = found.get(order_id) if isinstance(found, dict) else None
        return str((visit or {}).get("beVisitPersonName") or "")

    def draft_from_visit(self, visit: dict[str, Any], source: str = "lookup") -> Draft:
        """A pre-booked check-in (registerType 2) under the appointment's orderId."""
        draft = Draft(order_id=str(visit["orderId"]), register_type=2, source=source, appointment=visit)
        if status_in(visit.get("status"), ON_SITE):  # checked in already: a second permit is a reprint
            draft.open_visit = visit
        for key in (
            "name",
            "sex",
            "phoneNum",
            "identityId",
            "identityNum",
            "visitorWorkUnit",
            "purpose",
            "carNumber",
            "personNum",
            "visitorTypeId",
            "certAddr",
            "certIssuer",
            "visitorAddress",
            "customf",
            "customg",
            "customh",
            "customi",
            "customj",
        ):
            value = visit.get(key)
            # Lists mask ID and phone numbers ("3301**********0215"): the server keeps the real
            # ones under this orderId, so a masked value is left out rather than sent back.
            if value not in (None, "") and "*" not in str(value):
                draft.fields[key] = str(value)
        if visit.get("beVisitPersonId"):
            draft.host = {
                "personId": str(visit["beVisitPersonId"]),
                "name": str(visit.get("beVisitPersonName") or ""),
                "organizationName": str(visit.get("beVisitGroupName") or ""),
            }
        groups = visit.get("privilegeGroupIds")
        if isinstance(groups, str):
            groups = [g for g in groups.split(",") if g]
        draft.privilege_group_ids = [str(g) for g in groups or []]
        end = visit.get("endTimeISO") or visit.get("endTime")
        draft.end_time = _parse_time(end) or default_end_time(self.clock())
        if draft.fields.get("identityNum") or draft.fields.get("phoneNum"):
            draft.screening = self.screen(
                identity_num=draft.fields.get("identityNum") or None,
                identity_id=draft.fields.get("identityId", "111"),
                phone=draft.fields.get("phoneNum") or None,
            )
        return draft

    # --- screening and validation ----------------------------------------------------
    def screen(
        self, *, identity_num: str | None = None, identity_id: str = "111", phone: str | None = None
    ) -> Screening:
        """visitorGroup/judge: isRefuseRegister 1 = blacklisted. Unreachable -> not checked
        (the submit re-screens; the server also refuses blacklisted registrations)."""
        if not identity_num and not phone:
            return Screening(refused=False, checked=False)

        def judge() -> Screening:
            try:
                data = self.client.visitor_group_judge(
                    identity_num=identity_num, identity_id=identity_id, phone=phone
                )
            except ApiError as exc:
                if exc.code == "404":
                    return Screening(refused=False)
                if exc.code == "422":
                    return Screening(refused=True, reason=exc.msg)
                raise
            if str((data or {}).get("isRefuseRegister", "0")) == "1":
                return Screening(refused=True, reason="该访客在黑名单中，禁止登记")
            return Screening(refused=False)

        def from_cache(directory: Any) -> Screening:
            if directory.is_blacklisted(identity_num, phone):
                return Screening(refused=True, reason="该访客在黑名单中，禁止登记（离线数据）", offline=True)
            return Screening(refused=False, offline=True)

        if not self.offline.enabled:
            try:
                return judge()
            except ApiUnreachable:
                return Screening(refused=False, checked=False)
        return self.offline.value(judge, from_cache)

    def validate(self, draft: Draft, fields: list[FieldDef] | None = None) -> list[str]:
        """Problems a person can fix, in the form's words (required, regex, phone, host)."""
        fields = fields if fields is not None else self.reference.fields()
        problems = []
        for f in fields:
            if not f.display or f.show_type == 6:
                continue
            value = draft.fields.get(f.key, "").strip()
            if f.required and not value:
                problems.append(f"请填写{f.label}")
            elif value and f.regular:
                try:
                    if not re.fullmatch(f.regular, value):
                        problems.append(f"{f.label}格式不正确")
                except re.error:
                    log.warning("field %s has an invalid regex %r", f.key, f.regular)
        phone = draft.fields.get("phoneNum", "")
        if phone and not PHONE_RE.match(phone) and not any(p.startswith("手机号") for p in problems):
            problems.append("手机号格式不正确")
        if not draft.fields.get("name", "").strip() and "请填写姓名" not in problems:
            problems.append("请填写姓名")
        if not draft.host and draft.register_type == 1:
            problems.append("请选择被访人")
        if draft.end_time is not None and draft.end_time <= self.clock():
            problems.append("预计离开时间应晚于现在")
        for i, c in enumerate(draft.companions, 1):
            if not c.name.strip():
                problems.append(f"同行人{i}：请填写姓名")
            if c.phone and not PHONE_RE.match(c.phone):
                problems.append(f"同行人{i}：手机号格式不正确")
        return problems

    # --- submit ----------------------------------------------------------------------
    def register_info(self, draft: Draft) -> dict[str, Any]:
        info: dict[str, Any] = {k: v for k, v in draft.fields.items() if v not in (None, "")}
        info.update(
            {
                "orderId": draft.order_id,
                "registerType": str(draft.register_type),
                "personNum": str(1 + len(draft.companions)),
                "registerPlace": self.register_place,
                "clientUserType": "2",
            }
        )
        if draft.host:
            info["beVisitPersonId"] = draft.host.get("personId", "")
            if draft.host.get("organizationId"):
                info["receptionistOrgCode"] = draft.host["organizationId"]
        if draft.end_time:
            info["endTimeISO"] = local_iso(draft.end_time)
        if draft.privilege_group_ids:
            info["privilegeGroupIds"] = list(draft.privilege_group_ids)
        else:
            info["defaultPrivilegeFlag"] = "1"
        if draft.face:
            info["faceId"] = str(draft.face.get("faceId") or "")
            info["visitorPhoto"] = str(draft.face.get("faceUrl") or "")
            info["certifyFlag"] = "1"
        if draft.card_no:
            info["cardNo"] = draft.card_no
        if draft.companions:
            info["companions"] = [
                {
                    k: v
                    for k, v in (
                        ("name", c.name.strip()),
                        ("identityId", c.identity_id),
                        ("identityNum", c.identity_num),
                        ("phoneNum", c.phone),
                    )
                    if v
                }
                for c in draft.companions
            ]
        return info

    def submit(self, draft: Draft) -> list[WriteResult]:
        """Screen everyone, then register the visitor with the companions through the
        gateway. Returns [the visit's WriteResult] (its visit lists `companions`). Raises
        RegistrationRefused, DraftInvalid, ApiError, ApiUnreachable."""
        if draft.open_visit is not None:
            raise DraftInvalid(["该访客已在场，请补打访客单或办理签离，不要重复登记"])
        problems = self.validate(draft)
        if problems:
            raise DraftInvalid(problems)
        screening = self.screen(
            identity_num=draft.fields.get("identityNum") or None,
            identity_id=draft.fields.get("identityId", "111"),
            phone=draft.fields.get("phoneNum") or None,
        )
        draft.screening = screening
        if screening.refused:
            log.info("registration refused by screening (order %s)", draft.order_id)
            raise RegistrationRefused(screening.reason, draft.name)
        for c in draft.companions:
            s = self.screen(
                identity_num=c.identity_num or None, identity_id=c.identity_id, phone=c.phone or None
            )
            if s.refused:
                raise RegistrationRefused(f"同行人{c.name}：{s.reason}", c.name)
        # Companions ride inside the one registration (RegisterInfo extension `companions`), so
        # the server creates them in the visitor's batch in the same transaction: a replay
        # or an outbox retry can never leave half a group registered.
        main = self.gateway.register(self.register_info(draft))
        return [main]

    def edit(self, order_id: str, end_time: dt.datetime, privilege_group_ids: list[str]) -> WriteResult:
        """register/edit, stamped by the logged-in operator (a visit another kiosk registered needs
        one). The answer's visit carries the re-issued QR code when the end time changed: print
        the permit again from it."""
        info: dict[str, Any] = {
            "orderId": order_id,
            "endTimeISO": local_iso(end_time),
            "privilegeGroupIds": list(privilege_group_ids),
            "registerPlace": self.register_place,
        }
        if self.operators is not None:
            info.update(self.operators.stamp("edit", order_id))
        return self.gateway.edit(info)


def _parse_time(value: Any) -> dt.datetime | None:
    if not value:
        return None
    text = str(value).strip().replace("Z", "+00:00")
    for candidate in (text, text.replace(" ", "T")):
        try:
            parsed = dt.datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return parsed if parsed.tzinfo else parsed.astimezone()
    return None
