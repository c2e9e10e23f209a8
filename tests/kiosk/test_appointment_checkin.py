"""The kiosk's pre-booked check-in of appointments made through the mobile channels (a visitor's
booking approved by the host on their phone), through the kiosk's own wiring
(kiosk.context.build_context) against a live server, without Qt: online, and offline for an
appointment approved after the kiosk lost the server, checked in from its signed QR code alone."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlmodel import select

from kiosk.cache.directory import SIGNED_ONLY
from kiosk.config import Config
from kiosk.context import AppContext, build_context
from tests.kiosk.test_privacy import close, go_offline, upload
from tests.server.mobile_helpers import (
    MA_VISITOR,
    MP_HOST,
    MP_VISITOR,
    deliver,
    issued_sessions,
    minute,
    ok,
    visitor_session,
    window,
)

ARRIVED = 8


@pytest.fixture
def kiosk(tmp_path: Path, live_server: Any) -> Iterator[AppContext]:
    config = Config.for_tests(
        tmp_path / "kiosk",
        server_url=live_server.url,
        token=live_server.token,
        mac=live_server.mac,
        simulate="no",
        encrypt="off",
    )
    context = build_context(config, with_devices=False)
    yield context
    close(context)


class Phones:
    """The visitor's and the host's phones talking to the mobile channels of the live server."""

    def __init__(self, server: Any) -> None:
        from server.models import Person

        self.server = server
        self.http = httpx.Client(base_url=server.url, timeout=10)
        with server.db.read() as s:
            self.host_id = s.exec(select(Person.person_id).where(Person.name == "王建国")).first()
        self.phone = "139" + "".join(secrets.choice("0123456789") for _ in range(8))  # this test's own
        self.visitor = visitor_session(self.http, server.app, self.phone)  # SMS code login
        self.host = issued_sessions(server.app, self.host_id)["host"]  # `visitorcs-server mobile session`

    def approved_appointment(self, name: str) -> dict[str, str]:
        start, end = window()
        booked = ok(
            self.http.post(
                MA_VISITOR + "/order/founding",
                headers=self.visitor,
                json={
                    "beVisitorUserId": self.host_id,
                    "startTime": minute(start),
                    "endTime": minute(end),
                    "visitorPurpose": "商务洽谈",
                    "visitorName": name,
                },
            )
        )
        ok(
            self.http.post(
                MP_HOST + "/approval/order", headers=self.host, json={"orderId": booked["orderId"]}
            )
        )
        qr = ok(
            self.http.post(
                MA_VISITOR + "/order/qrcode/refresh",
                headers=self.visitor,
                json={"orderId": booked["orderId"]},
            )
        )["authBarCode"]
        return {"orderId": booked["orderId"], "qrCode": qr, "name": name}

    def status(self, order_id: str) -> int:
        return ok(
            self.http.post(MP_VISITOR + "/order/detail", headers=self.visitor, params={"orderId": order_id})
        )["status"]

    def host_messages(self, kind: str = "arrival") -> list[str]:
        return [m.text for m in deliver(self.server.app) if m.recipient == self.host_id and m.kind == kind]


@pytest.fixture
def phones(live_server: Any) -> Iterator[Phones]:
    p = Phones(live_server)
    yield p
    p.http.close()


def test_an_appointment_made_on_the_phones_checks_in_online_by_its_qr(
    kiosk: AppContext, phones: Phones
) -> None:
    kiosk.sync.start()  # the kiosk's sync threads, as a running kiosk has them
    kiosk.sync.monitor.report_success()  # ... and it reaches the server
    name = "预约到访" + uuid.uuid4().hex[:4]
    appointment = phones.approved_appointment(name)
    told_before = len(phones.host_messages())

    visit = kiosk.services.lookup.find_scanned(appointment["qrCode"])  # the scanner reads the phone
    assert visit["orderId"] == appointment["orderId"] and visit["name"] == name
    draft = kiosk.services.registration.draft_from_visit(visit, source="scan")
    [result] = kiosk.services.registration.submit(draft)

    assert not result.queued and str(result.visit["status"]) == str(ARRIVED)
    assert phones.status(appointment["orderId"]) == ARRIVED  # the visitor's phone shows the arrival
    arrivals = phones.host_messages()[told_before:]
    assert len(arrivals) == 1 and "签到" in arrivals[0]


def test_an_appointment_approved_while_the_kiosk_is_offline_checks_in_from_its_signed_qr(
    kiosk: AppContext, phones: Phones
) -> None:
    kiosk.cache.refresher.refresh_all()  # the kiosk's last copy (the server's QR key among it)
    go_offline(kiosk)
    name = "离线预约" + uuid.uuid4().hex[:4]
    appointment = phones.approved_appointment(name)  # booked and approved after the copy was taken
    told_before = len(phones.host_messages())

    visit = kiosk.services.lookup.find_scanned(appointment["qrCode"])
    assert visit["orderId"] == appointment["orderId"]
    assert visit[SIGNED_ONLY] == "1" and visit["name"] == ""  # the code carries no personal data
    draft = kiosk.services.registration.draft_from_visit(visit, source="scan")
    # what the form asks, from the ID card and the visitor (offline the kiosk cannot know them)
    draft.fields.update(
        {
            "name": name,
            "identityId": "111",
            "identityNum": "11010519491231002X",
            "phoneNum": phones.phone,
            "purpose": "商务洽谈",
        }
    )
    [result] = kiosk.services.registration.submit(draft)
    assert result.queued
    assert phones.status(appointment["orderId"]) == 1  # the server does not know yet
    assert phones.host_messages()[told_before:] == []

    upload(kiosk)  # the server is back: the outbox drains

    assert phones.status(appointment["orderId"]) == ARRIVED
    arrivals = phones.host_messages()[told_before:]
    assert len(arrivals) == 1 and name[0] in arrivals[0]


def test_a_forged_or_kiosk_signed_code_is_no_appointment_offline(kiosk: AppContext, phones: Phones) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from visitorcs import qrtoken
    from visitorcs.errors import ApiError

    kiosk.cache.refresher.refresh_all()
    go_offline(kiosk)
    stranger = qrtoken.encode(Ed25519PrivateKey.generate(), str(uuid.uuid4()), window()[1])
    with pytest.raises(ApiError) as info:
        kiosk.services.lookup.find_scanned(stranger)
    assert info.value.code == "404"


def test_an_appointment_cancelled_while_the_kiosk_is_offline_is_refused_on_upload(
    kiosk: AppContext, phones: Phones
) -> None:
    kiosk.cache.refresher.refresh_all()
    go_offline(kiosk)
    name = "离线取消" + uuid.uuid4().hex[:4]
    appointment = phones.approved_appointment(name)
    ok(
        phones.http.post(
            MP_VISITOR + "/order/cancel", headers=phones.visitor, params={"orderId": appointment["orderId"]}
        )
    )
    # offline, the kiosk cannot know of the cancellation: the signed code still checks out
    visit = kiosk.services.lookup.find_scanned(appointment["qrCode"])
    draft = kiosk.services.registration.draft_from_visit(visit, source="scan")
    draft.fields.update({"name": name, "phoneNum": phones.phone, "purpose": "商务洽谈"})
    [result] = kiosk.services.registration.submit(draft)
    assert result.queued

    kiosk.sync.monitor.report_success()
    while kiosk.sync.uploader.flush_once():
        pass
    [record] = kiosk.sync.outbox.records(("attention", "refused"), order_id=appointment["orderId"])
    assert "取消" in (record.msg or "")  # parked for a person, in the server's words
    assert phones.status(appointment["orderId"]) == 15  # still cancelled: nobody checked in
