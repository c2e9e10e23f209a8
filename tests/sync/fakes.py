"""An in-memory stand-in for the server's offline/data/synchron semantics (docs/api-notes.md), for
unit tests of the outbox and uploader; the integration tests use the real bundled server."""

from __future__ import annotations

import threading
from typing import Any

from visitorcs.errors import ApiError, ApiUnreachable


class FakeSyncServer:
    def __init__(self) -> None:
        self.down = False
        self.visits: dict[str, dict[str, Any]] = {}
        self.applied: dict[str, dict[str, Any]] = {}  # recordId -> first outcome
        self.apply_count: dict[str, int] = {}  # recordId -> times applied (must stay 1)
        self.blacklist: set[str] = set()
        self.batches: list[list[dict[str, Any]]] = []
        self.pictures: list[str] = []
        self.keys: list[dict[str, Any]] = [{"kid": 0, "publicKey": "c2VydmVy"}]
        self.refuse_batch: ApiError | None = None
        self.lock = threading.Lock()

    # -- transport --------------------------------------------------------------------------
    def synchron(self, records: list[dict[str, Any]], kiosk_public_key: str | None = None) -> dict[str, Any]:
        if self.down:
            raise ApiUnreachable("server down")
        if self.refuse_batch is not None and len(records) > 1:
            raise self.refuse_batch
        assert len(records) <= 500
        with self.lock:
            self.batches.append(records)
            out: dict[str, Any] = {"results": [self._one(r) for r in sorted(records, key=lambda r: r["seq"])]}
            if kiosk_public_key:
                kid = next((k["kid"] for k in self.keys if k["publicKey"] == kiosk_public_key), None)
                if kid is None:
                    kid = len(self.keys)
                    self.keys.append({"kid": kid, "publicKey": kiosk_public_key})
                out["kioskKid"] = kid
            return out

    def save_pic(self, pic_b64: str, check_quality: bool = False) -> dict[str, Any]:
        if self.down:
            raise ApiUnreachable("server down")
        self.pictures.append(pic_b64)
        return {"faceUrl": f"/pictures/{len(self.pictures)}.jpg"}

    def qr_keys(self) -> list[dict[str, Any]]:
        return list(self.keys)

    def sys_time(self) -> dict[str, Any]:
        if self.down:
            raise ApiUnreachable("server down")
        return {"sysTime": "2026-11-28T12:00:00+08:00", "sysTimeUTC": "1795838400000"}

    # -- semantics --------------------------------------------------------------------------
    def _one(self, r: dict[str, Any]) -> dict[str, Any]:
        rid, oid = r["recordId"], r["orderId"]
        if rid in self.applied:
            first = self.applied[rid]
            return first if first["result"] == "rejected" else {**first, "result": "duplicate"}
        base = {"recordId": rid, "seq": r["seq"], "orderId": oid}
        if r["op"] == "register":
            if r["data"].get("identityNum") in self.blacklist:
                res = {**base, "result": "rejected", "code": "422", "msg": "该访客在黑名单中，禁止登记"}
            else:
                self.visits[oid] = {**r["data"], "orderId": oid, "status": "8", "visitorCode": "1234"}
                res = {**base, "result": "applied", "code": "0", "msg": "success", "data": self.visits[oid]}
        elif r["op"] == "signOut":
            if oid not in self.visits:
                return {**base, "result": "retry", "code": "404", "msg": "服务端尚无该访客记录"}
            self.visits[oid]["status"] = "6"
            res = {**base, "result": "applied", "code": "0", "msg": "success", "data": {"orderId": oid}}
        else:
            if oid not in self.visits:
                return {**base, "result": "retry", "code": "404", "msg": "服务端尚无该访客记录"}
            self.visits[oid].update(r["data"])
            res = {**base, "result": "applied", "code": "0", "msg": "success", "data": self.visits[oid]}
        self.applied[rid] = res
        self.apply_count[rid] = self.apply_count.get(rid, 0) + 1
        return res
