"""`OfflineDirectory`: the Qt-free answers services need when the server is away — visits by
code, blacklist screening, reference data, hosts, who is on site now — from cache + outbox."""

from __future__ import annotations

import time
import unicodedata
from typing import Any, Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk.cache.store import CacheStore, norm_id, norm_phone
from visitorcs import qrtoken
from visitorcs.codes import ON_SITE, CodeType, VisitStatus, status_in

SIGNED_OUT = str(int(VisitStatus.SIGNED_OUT))
SIGNED_ONLY = "signedOnly"  # a visit known only from the server's signed QR code (docs/offline.md)  # how a sign-out made here shows until the server says


class OutboxView(Protocol):
    """What the directory reads from sync.outbox.Outbox."""

    def records(
        self, states: tuple[str, ...] = ..., op: str | None = None, order_id: str | None = None
    ) -> list[Any]: ...


LOCAL_STATES = ("pending", "inflight", "attention", "sent")  # not "refused": the person saw it fail


def _local_writes(outbox: OutboxView | None) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """Registrations (orderId -> data, later edits merged) and signed-out orderIds done on this kiosk."""
    if outbox is None:
        return {}, set()
    regs: dict[str, dict[str, Any]] = {}
    outs: set[str] = set()
    group: dict[str, list[str]] = {}  # main orderId -> its companions' ids (they leave with it)
    for rec in outbox.records(LOCAL_STATES):
        if rec.op == "register":
            server = (rec.result or {}).get("data") if rec.state == "sent" else None
            visit = {**rec.data, **server} if isinstance(server, dict) else dict(rec.data)
            visit.setdefault("status", "8")
            visit["registerTimeISO"] = visit.get("registerTimeISO") or rec.client_time
            visit["offline"] = rec.state != "sent"
            comps = visit.pop("companions", None) or []
            regs[rec.order_id] = visit
            ids = []
            for i, comp in enumerate(c for c in comps if isinstance(c, dict)):
                # uploaded: the server's companion visits (their own orderIds); not yet: stand-ins
                cid = str(comp.get("orderId") or f"{rec.order_id}:{i + 1}")
                regs[cid] = {
                    **comp,
                    "orderId": cid,
                    "companionOf": rec.order_id,
                    "status": "8",
                    "registerTimeISO": visit["registerTimeISO"],
                    "offline": visit["offline"],
                }
                ids.append(cid)
            group[rec.order_id] = ids
        elif rec.op == "edit" and rec.order_id in regs:
            regs[rec.order_id].update({k: v for k, v in rec.data.items() if k != "orderId"})
        elif rec.op == "signOut":
            outs.add(rec.order_id)
            outs.update(group.get(rec.order_id, ()))
    return regs, outs


def present_visitors(cache: CacheStore, outbox: OutboxView | None) -> list[dict[str, Any]]:
    """On site now = cached arrived visits + this kiosk's registrations − this kiosk's sign-outs.
    Keyed by orderId, so a registration already uploaded and refreshed into the cache counts once."""
    regs, outs = _local_writes(outbox)
    present: dict[str, dict[str, Any]] = {}
    for v in cache.visits_where():
        if status_in(v.get("status"), ON_SITE):
            present[str(v["orderId"])] = v
    # A checked-in appointment was cached before arrival (not on site then): keep its cached details.
    waiting = [oid for oid in regs if oid not in present]
    before = {str(v["orderId"]): v for oid in waiting for v in cache.visits_where("order_id", oid)}
    names = cache.host_names(
        str(v.get("beVisitPersonId") or "") for v in regs.values() if not v.get("beVisitPersonName")
    )
    for order_id, v in regs.items():
        cached = present.get(order_id) or before.get(order_id) or {}
        merged = {**cached, **{k: x for k, x in v.items() if x not in ("", None) or k not in cached}}
        if not merged.get("beVisitPersonName"):  # RegisterInfo carries only the host's id
            merged["beVisitPersonName"] = names.get(str(merged.get("beVisitPersonId") or ""), "")
        present[order_id] = {**merged, "status": "8"}
    for order_id in outs:
        present.pop(order_id, None)
    return sorted(present.values(), key=lambda v: str(v.get("registerTimeISO") or ""), reverse=True)


class OfflineDirectory:
    """Reads for the services when offline. `own_qr_key` lets this kiosk read back the codes it
    signed itself even before the server assigned it a kid."""

    def __init__(
        self,
        cache: CacheStore,
        outbox: OutboxView | None = None,
        own_qr_key: Ed25519PublicKey | None = None,
        own_kid: Any = None,
    ):
        self.cache = cache
        self.outbox = outbox
        self.own_qr_key = own_qr_key
        self._own_kid = own_kid  # callable -> int, the kid this kiosk's key has (or unassigned)

    # -- visits ----------------------------------------------------------------------------
    def find_visits(self, code_type: int, code: str) -> list[dict[str, Any]]:
        """Like visitor/details: 0 orderId, 1 visitor code, 2 last four phone digits, 3 QR text,
        5 ID number. Local registrations and sign-outs are applied on top of the cache."""
        code = (code or "").strip()
        if not code:
            return []
        regs, outs = _local_writes(self.outbox)
        found: dict[str, dict[str, Any]] = {}
        if code_type == CodeType.ORDER_ID:
            hits = self.cache.visits_where("order_id", code)
            local = [v for oid, v in regs.items() if oid == code]
        elif code_type == CodeType.VISITOR_CODE:
            hits = self.cache.visits_where("visitor_code", code)
            local = [v for v in regs.values() if v.get("visitorCode") and v.get("visitorCode") == code]
        elif code_type == CodeType.PHONE_LAST4:
            # the digits as typed: four digits are not a phone number ("0001" would read as +01)
            digits = "".join(ch for ch in unicodedata.normalize("NFKC", code) if ch.isdigit())[-4:]
            hits = self.cache.visits_where("phone_last4", digits) if len(digits) == 4 else []
            local = [
                v
                for v in regs.values()
                if len(digits) == 4 and norm_phone(v.get("phoneNum")).endswith(digits)
            ]
        elif code_type == CodeType.QR:
            hits = self.cache.visits_where("qr_code", code)
            local = [v for v in regs.values() if v.get("qrCode") == code]
            if not hits and not local:
                payload = self.qr_payload(code)
                if payload is not None:
                    order_id = payload.order_id
                    hits = self.cache.visits_where("order_id", order_id)
                    local = [v for oid, v in regs.items() if oid == order_id]
                    if not hits and not local and payload.kid == qrtoken.SERVER_KID:
                        hits = [signed_appointment(payload, code)]
        elif code_type == CodeType.IDENTITY:
            num = norm_id(code)
            hits = self.cache.visits_where("identity_num", num)
            local = [v for v in regs.values() if norm_id(v.get("identityNum")) == num]
        else:
            return []
        for v in hits:
            found[str(v["orderId"])] = v
        for v in local:
            found[str(v["orderId"])] = {**found.get(str(v["orderId"]), {}), **v}
        for order_id in outs & found.keys():
            found[order_id] = {**found[order_id], "status": SIGNED_OUT}
        return list(found.values())

    def order_id_from_qr(self, text: str) -> str | None:
        """orderId of a VC1 code whose signature checks out against a known key, and still valid."""
        payload = self.qr_payload(text)
        return payload.order_id if payload is not None else None

    def qr_payload(self, text: str) -> qrtoken.QrPayload | None:
        """What a VC1 code says, if its signature checks out against a known key and it is still valid."""
        keys: dict[int, Ed25519PublicKey] = {}
        for k in self.qr_keys():
            try:
                keys[int(k["kid"])] = qrtoken.load_public_key(k["publicKey"])
            except (KeyError, ValueError, TypeError):
                continue
        if self.own_qr_key is not None:
            keys[qrtoken.UNASSIGNED_KID] = self.own_qr_key
            if self._own_kid is not None:
                keys[int(self._own_kid())] = self.own_qr_key
        payload = qrtoken.verify_any(text, keys)
        if payload is None or payload.valid_until.timestamp() < time.time():
            return None
        return payload

    def present_visitors(self) -> list[dict[str, Any]]:
        return present_visitors(self.cache, self.outbox)

    # -- screening, reference data, hosts ----------------------------------------------------
    def is_blacklisted(self, identity_num: str | None = None, phone: str | None = None) -> bool:
        return self.cache.is_blacklisted(identity_num, phone)

    def purposes(self) -> list[Any]:
        return self.cache.reference("purposes")

    def work_units(self) -> list[Any]:
        return self.cache.reference("workUnits")

    def privilege_groups(self) -> list[Any]:
        return self.cache.reference("privilegeGroups")

    def field_configuration(self) -> Any:
        return _one(self.cache.reference("fieldConfiguration"))

    def park_notice(self) -> Any:
        return _one(self.cache.reference("parkNotice"))

    def permit_template(self) -> Any:
        return _one(self.cache.reference("permitTemplate"))

    def scene_config(self) -> Any:
        return _one(self.cache.reference("sceneConfig"))

    def qr_keys(self) -> list[dict[str, Any]]:
        return self.cache.reference("qrKeys")

    def find_hosts(self, text: str = "") -> list[dict[str, Any]]:
        return self.cache.hosts(text)

    # -- freshness -------------------------------------------------------------------------
    def age_seconds(self, kind: str = "visits") -> float | None:
        """How old the cached copy of `kind` is (visits, blacklist, purposes, ...); None = never fetched."""
        at = self.cache.refreshed_at(kind)
        return None if at is None else max(0.0, time.time() - at)

    def oldest_age_seconds(self) -> float | None:
        ages = [self.age_seconds(k) for k in ("visits", "blacklist", "purposes")]
        return None if any(a is None for a in ages) else max(a for a in ages if a is not None)


def _one(items: list[Any]) -> Any:
    return items[0] if len(items) == 1 else (items or None)


def signed_appointment(payload: qrtoken.QrPayload, code: str) -> dict[str, Any]:
    """An appointment this kiosk has no copy of (approved after its last refresh), as far as the
    server's signed QR code tells: its orderId and how long it is valid, nothing about the person
    (the code carries no personal data: the desk reads the ID card). Only the server signs such
    codes (kid 0); the check-in is uploaded as a pre-booked registration, which the server checks
    against the appointment as it stands then (a cancellation made meanwhile refuses it there)."""
    return {
        "orderId": payload.order_id,
        "registerType": "2",
        "status": str(int(VisitStatus.VALID)),
        "approvalResult": "审批通过",
        "endTimeISO": payload.valid_until.isoformat(),
        "qrCode": code,
        "name": "",
        SIGNED_ONLY: "1",
    }
