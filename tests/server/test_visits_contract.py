"""Every visit endpoint's 200 answer carries each field the spec documents for it
(/work/shared/spec/endpoints.json `response200`), with a JSON type a client can use."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.server.conftest import VALID_ID, VALID_ID_2
from tests.server.hardening_helpers import upload_picture

API = "/webapi/visitorcs/api/v1/clientService/"
SPEC = Path(os.environ.get("VISITORCS_SPEC_DIR", "/work/shared/spec")) / "endpoints.json"
pytestmark = pytest.mark.skipif(not SPEC.exists(), reason=f"the spec index {SPEC} is not on this machine")


@cache
def _endpoints() -> dict[str, dict[str, Any]]:
    return {
        e["path"].split("clientService/")[-1]: e
        for e in json.loads(SPEC.read_text("utf-8"))
        if "clientService/" in e["path"]
    }


def data_fields(endpoint: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(name, type, children) of the fields documented under `data` (children: depth-2 fields)."""
    out: list[tuple[str, str, list[tuple[str, str]]]] = []
    inside = False
    for f in _endpoints()[endpoint]["response200"]:
        if f["depth"] == 0:
            inside = f["name"] == "data"
            continue
        if not inside:
            continue
        if f["depth"] == 1:
            out.append((f["name"], f["type"], []))
        elif f["depth"] == 2 and out:
            out[-1][2].append((f["name"], f["type"]))
    return out


def _type_ok(value: Any, spec_type: str) -> bool:
    if value is None:
        return False  # every documented field has a value ("" when empty)
    if spec_type.startswith("integer"):
        return isinstance(value, int) and not isinstance(value, bool)
    if spec_type.startswith("string"):
        return isinstance(value, str)
    if spec_type == "array":
        return isinstance(value, list)
    return isinstance(value, (str, int, float, list, dict))  # "object": the spec's any


def check_object(obj: dict[str, Any], fields: list[tuple[str, str]], where: str) -> None:
    assert isinstance(obj, dict), f"{where}: expected an object, got {obj!r}"
    missing = [n for n, _ in fields if n not in obj]
    assert not missing, f"{where}: missing documented fields {missing}"
    wrong = [(n, t, obj[n]) for n, t in fields if not _type_ok(obj[n], t)]
    assert not wrong, f"{where}: fields of the wrong JSON type {wrong[:5]}"


def check_contract(endpoint: str, body: dict[str, Any], shape: str = "object") -> None:
    """shape: "object" (data is the documented object), "map" (data maps keys to it), "list"."""
    assert body["code"] == "0" and isinstance(body["msg"], str), body
    fields = data_fields(endpoint)
    flat = [(n, t) for n, t, _ in fields]
    data = body["data"]
    if shape == "map":
        assert data, "empty map: nothing to check"
        for key, value in data.items():
            check_object(value, flat, f"{endpoint} data[{key}]")
    elif shape == "list":
        assert data, "empty list: nothing to check"
        for i, item in enumerate(data):
            check_object(item, flat, f"{endpoint} data[{i}]")
    else:
        check_object(data, flat, f"{endpoint} data")
        for name, _t, children in fields:
            if children:
                assert data[name], f"{endpoint}: {name} is empty, nothing to check"
                for i, item in enumerate(data[name]):
                    check_object(item, children, f"{endpoint} data.{name}[{i}]")


def test_spec_lists_68_visitor_info_fields():  # 71 rows with code, data and msg
    assert len(data_fields("order/register")) == 68


@pytest.fixture
def registered(client, auth, visit_site) -> dict[str, Any]:
    r = client.post(
        API + "order/register",
        headers=auth,
        json={
            "name": "张三",
            "identityNum": VALID_ID,
            "phoneNum": "13912345678",
            "beVisitPersonId": visit_site.host_id,
            "defaultPrivilegeFlag": "1",
            "cardNo": "C-01",
            "visitorPhoto": upload_picture(client, auth)["faceUrl"],
            "carNumber": "浙A 12345",
        },
    )
    assert r.status_code == 200, r.text
    return r.json()


def test_register_answers_a_full_visitor_info(registered):
    check_contract("order/register", registered)


def test_details_visitor_info_page_valid_page_last_visitor(client, auth, visit_site, registered):
    oid = registered["data"]["orderId"]
    r = client.post(API + "visitor/details", headers=auth, json={"code": oid, "codeType": "0"})
    check_contract("visitor/details", r.json(), shape="map")
    r = client.get(
        API + "visitorInfo", headers=auth, params={"pageNo": 1, "pageSize": 20, "visitType": "total"}
    )
    check_contract("visitorInfo", r.json())
    r = client.get(
        API + "validVisitorInfo/pageInfo",
        headers=auth,
        params={"pageNo": 1, "pageSize": 20, "personId": visit_site.host_id},
    )
    check_contract("validVisitorInfo/pageInfo", r.json())
    r = client.get(
        API + "lastVisitor/inquiry", headers=auth, params={"identityId": 111, "identityNum": VALID_ID}
    )
    check_contract("lastVisitor/inquiry", r.json())


def test_auth_result_and_plain_object_endpoints(client, auth, registered):
    oid = registered["data"]["orderId"]
    check_contract(
        "authResult",
        client.get(API + "authResult", headers=auth, params={"orderId": oid}).json(),
        shape="list",
    )
    for endpoint, response in [
        (
            "authResult/download",
            client.post(API + "authResult/download", headers=auth, params={"orderId": oid}),
        ),
        (
            "register/edit",
            client.post(
                API + "register/edit",
                headers=auth,
                # within the longest visit (30 days) of the registration
                json={"orderId": oid, "endTimeISO": (datetime.now(UTC) + timedelta(days=2)).isoformat()},
            ),
        ),
        ("signOut", client.post(API + "signOut", headers=auth, params={"orderId": oid})),
        (
            "offline/data/synchron",
            client.post(API + "offline/data/synchron", headers=auth, json={"records": []}),
        ),
    ]:
        assert response.status_code == 200, response.text
        check_contract(endpoint, response.json())


def test_last_visitor_of_an_unknown_document_is_null(client, auth, visit_site):
    r = client.get(
        API + "lastVisitor/inquiry", headers=auth, params={"identityId": 111, "identityNum": VALID_ID_2}
    )
    assert r.status_code == 200 and r.json()["code"] == "0" and r.json()["data"] is None
