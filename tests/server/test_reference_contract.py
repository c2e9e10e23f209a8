"""Every reference endpoint answers with every response field the spec documents
(endpoints.json response200), with sensible JSON types, on the demo site."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from server import demo

SPEC = Path("/work/shared/spec/endpoints.json")
BASE = "/webapi/visitorcs/api/v1/clientService/"
STILLS = Path(__file__).resolve().parents[1] / "data" / "camera" / "stills"
MAC = "AA:BB:CC:00:00:01"

pytestmark = pytest.mark.skipif(not SPEC.exists(), reason="the shared spec index is not on this machine")


@dataclass
class FieldSpec:
    name: str
    type: str
    children: list[FieldSpec] = field(default_factory=list)


@cache
def _endpoints() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(SPEC.read_text(encoding="utf-8")))


def response_fields(method: str, path: str) -> list[FieldSpec]:
    """The documented 200 response of an endpoint as a tree (from the flat depth list)."""
    entry = next(e for e in _endpoints() if e["method"] == method and e["path"] == path)
    roots: list[FieldSpec] = []
    stack: list[tuple[int, FieldSpec]] = []
    for f in entry["response200"]:
        node = FieldSpec(f["name"], f["type"])
        while stack and stack[-1][0] >= f["depth"]:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((f["depth"], node))
    return roots


def assert_shape(value: Any, spec: FieldSpec, where: str) -> None:
    if spec.children:
        # A documented object may come as a list of such objects where we chose the list shape
        # (docs/server.md: configuration, sceneConfig, personInfo/query).
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            assert isinstance(item, dict), f"{where}[{i}] should be an object, got {item!r}"
            for child in spec.children:
                assert child.name in item, f"{where}: missing documented field {child.name!r}"
                assert_shape(item[child.name], child, f"{where}.{child.name}")
        return
    t = spec.type
    if t.startswith("integer"):
        assert isinstance(value, int) and not isinstance(value, bool), (
            f"{where} should be an integer: {value!r}"
        )
    elif t == "array":
        # dataValue: a JSON array sent as text, as the spec's example shows
        assert isinstance(value, list) or (isinstance(value, str) and isinstance(json.loads(value), list)), (
            where
        )
    elif where == "$.data":
        assert isinstance(value, dict), f"{where} should be an object"
    else:  # "string", "string(date-time)" and the spec's "object" scalars are strings (api-notes)
        assert isinstance(value, str), f"{where} should be a string: {value!r}"


def check_contract(method: str, path: str, body: dict[str, Any]) -> None:
    assert body["code"] == "0", body
    for spec in response_fields(method, path):
        assert spec.name in body, f"missing {spec.name}"
        assert_shape(body[spec.name], spec, f"$.{spec.name}")


@pytest.fixture
def site(app, client, settings):
    demo.seed_if_empty(app.state.db, settings)
    return app.state.db


def _host_id(client, auth) -> str:
    return client.get(BASE + "person", params={"cardNo": demo.EMPLOYEE_CARD}, headers=auth).json()["data"][
        "personId"
    ]


CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", "login", {"params": {"clientMacAddress": MAC}}),
    ("GET", "logOut", {"params": {"clientMacAddress": MAC}}),
    ("POST", "getSysTime", {}),
    ("GET", "purpose", {"params": {"pageNo": 1, "pageSize": 20}}),
    ("POST", "purpose/add", {"json": {"purposeDesc": "培训"}}),
    ("GET", "workUnit", {"params": {"pageNo": 1, "pageSize": 20}}),
    ("POST", "save", {"data": {"unitDesc": "温州新华贸易有限公司"}}),
    ("GET", "privilegeGroup", {"params": {"pageNo": 1, "pageSize": 20}}),
    ("GET", "visitorInfo/configuration", {}),
    ("GET", "getNoteAdmission", {}),
    ("GET", "phConfig/info", {}),
    ("GET", "sceneConfig", {}),
    ("GET", "person", {"params": {"cardNo": demo.EMPLOYEE_CARD}}),
    ("GET", "personInfo/query", {"params": {"queryInfo": "张"}}),
    ("GET", "personFace/query", {"params": {"personId": "HOST"}}),
    ("GET", "blackList", {"params": {"pageNo": 1, "pageSize": 20}}),
    ("GET", "visitorGroup/judge", {"params": {"identityNum": demo.BLACKLIST_TEST_ID}}),
    ("POST", "savePicForApp", {"json": {"checkQuality": "0", "picData": "GOOD"}}),
]


@pytest.mark.parametrize(("method", "suffix", "kwargs"), CASES, ids=[c[1] for c in CASES])
def test_response_has_every_documented_field(site, client, auth, method, suffix, kwargs):
    kwargs = json.loads(json.dumps(kwargs))
    if kwargs.get("params", {}).get("personId") == "HOST":
        kwargs["params"]["personId"] = _host_id(client, auth)
    if kwargs.get("json", {}).get("picData") == "GOOD":
        kwargs["json"]["picData"] = base64.b64encode((STILLS / "good.jpg").read_bytes()).decode()
    r = client.request(method, BASE + suffix, headers=auth, **kwargs)
    assert r.status_code == 200, r.text
    check_contract(method, "/webapi/visitorcs/api/v1/clientService/" + suffix, r.json())


def test_lists_are_not_empty_on_the_demo_site(site, client, auth):
    for suffix in ("purpose", "workUnit", "privilegeGroup", "blackList"):
        data = client.get(BASE + suffix, params={"pageNo": 1, "pageSize": 5}, headers=auth).json()["data"]
        assert data["total"] >= 3 and 1 <= len(data["list"]) <= 5, suffix


def test_phconfig_lists_every_permit_key_as_an_array(site, client, auth):
    data = client.get(BASE + "phConfig/info", headers=auth).json()["data"]
    keys = [item["key"] for item in data["phItems"]]
    for key in (
        "visitorPhoto",
        "visitorName",
        "visitorPhoneNum",
        "visitorCarNumber",
        "visitorIdentityNum",
        "visitorPurpose",
        "visitorWorkUnit",
        "beVisitorPersonName",
        "beVisitorGroupName",
        "beVisitorPhoneNum",
        "startTime",
        "endTime",
        "approvalResult",
        "registerTime",
        "authBarCode",
        "separator",
        "blankLine",
    ):
        assert key in keys
    formats = {item["key"]: item["format"] for item in data["phItems"]}
    assert formats["registerTime"] == "yyyy-MM-dd HH:mm:ss" and formats["startTime"]


def test_scene_config_has_auto_sign_out(site, client, auth):
    data = client.get(BASE + "sceneConfig", headers=auth).json()["data"]
    auto = [p for p in data if p["paramName"] == "autoSignOut"]
    assert auto and auto[0]["content"] in ("0", "1")


def test_sys_time_is_site_time_with_offset(client, auth):
    data = client.post(BASE + "getSysTime", headers=auth).json()["data"]
    assert data["sysTime"].endswith("+08:00") and data["sysTimeDifference"] == "+08:00"
    from datetime import datetime

    parsed = datetime.fromisoformat(data["sysTime"])
    assert abs(parsed.timestamp() * 1000 - int(data["sysTimeUTC"])) < 1500
