"""The kiosk's side of the new rules, against the real app: a visit found by its permit QR is
signed out by another kiosk; found otherwise it needs the desk's operator; the operator's stamp
on an outbox record is the one the server checks; the edit's answer carries the new QR code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.services.lookup import LookupService
from kiosk.services.online_gateway import OnlineGateway
from kiosk.services.operators import OperatorService, record_stamp
from kiosk.services.signout import SignOutService
from server import operators
from server.deps import hash_token
from server.rights import proof
from tests.server.conftest import VALID_ID
from visitorcs.client import VisitorcsClient
from visitorcs.codes import CodeType
from visitorcs.errors import ApiError

API = "/webapi/visitorcs/api/v1/clientService/"
CHEAP_KDF = {"name": "argon2id", "timeCost": 1, "memoryCost": 8, "parallelism": 1, "length": 32}


def kiosk_client(client, headers: dict[str, str], mac: str) -> VisitorcsClient:
    token = headers["Authorization"].split(" ", 1)[1]
    return VisitorcsClient("http://testserver", token, mac=mac, transport=client._transport)


@pytest.fixture
def visit(client, auth, visit_site):
    body = {"name": "张三", "identityNum": VALID_ID, "defaultPrivilegeFlag": "1"}
    return client.post(API + "order/register", headers=auth, json=body).json()["data"]


def test_another_kiosk_signs_out_by_the_scanned_permit_only(client, other_auth, visit):
    http = kiosk_client(client, other_auth, "AA:BB:CC:00:00:02")
    lookup = LookupService(http, "AA:BB:CC:00:00:02")
    signout = SignOutService(lookup, OnlineGateway(http))
    by_id = lookup.find(CodeType.ORDER_ID, visit["orderId"])
    with pytest.raises(ApiError) as refused:
        signout.sign_out(by_id)
    assert refused.value.code == "403"
    found, _result = signout.sign_out_scanned(visit["qrCode"])
    assert found["orderId"] == visit["orderId"]
    assert lookup.find(CodeType.ORDER_ID, visit["orderId"])["status"] == "6"


def test_the_desk_operator_signs_out_and_edits_another_kiosks_visit(app, client, other_auth, visit):
    operators.add(app.state.db, "desk", "secret-123", kdf=CHEAP_KDF)
    http = kiosk_client(client, other_auth, "AA:BB:CC:00:00:02")
    ops = OperatorService(http)
    ops.login("desk", "secret-123")
    from kiosk.services.reference import ReferenceService
    from kiosk.services.registration import RegistrationService

    registration = RegistrationService(http, OnlineGateway(http), ReferenceService(http), operators=ops)
    edited = registration.edit(visit["orderId"], datetime.now(UTC) + timedelta(hours=6), [])
    assert edited.visit["qrCode"] and edited.visit["qrCode"] != visit["qrCode"]  # the permit to print again
    lookup = LookupService(http, "AA:BB:CC:00:00:02")
    SignOutService(lookup, OnlineGateway(http), ops).sign_out(
        lookup.find(CodeType.ORDER_ID, visit["orderId"])
    )
    assert lookup.find(CodeType.ORDER_ID, visit["orderId"])["status"] == "6"


def test_the_kiosks_stamp_is_the_one_the_server_checks():
    token = "a-session-token"
    stamp = record_stamp("desk", token, "signOut", "order-1")
    assert stamp == {"name": "desk", "proof": proof(hash_token(token), "signOut", "order-1")}
