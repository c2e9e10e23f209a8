"""The endpoints of issue 13 against the spec (/work/shared/spec/endpoints.json): every one of the
groups 14_对外接口, 01_访客信息查询, 04_权限组管理, 18_图片上传等, the eits login groups and the
operations groups (k8s, actuator) is routed for each method the spec lists, and its 200 answer
carries every field the spec documents for it (`response200`), with a JSON type a client can use.
The Spring artefacts no client uses (docs/api-notes.md) are not: 404 with the envelope."""

from __future__ import annotations

import json
import os
import uuid
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from server import integrations, operators, site_setup
from tests.server.conftest import id_with_check
from tests.server.hardening_helpers import tiny_jpeg_b64
from visitorcs.login_proof import client_proof

SPEC = Path(os.environ.get("VISITORCS_SPEC_DIR", "/work/shared/spec")) / "endpoints.json"
pytestmark = pytest.mark.skipif(not SPEC.exists(), reason=f"the spec index {SPEC} is not on this machine")

ROOT = "/webapi/visitorcs"
PROJECT = "PJC"
GROUPS = {
    "14_对外接口",
    "01_访客信息查询",
    "04_权限组管理",
    "18_图片上传等",
    "eits-login-controller",
    "eits-specical-login-controller",
    "k8s测试类",
    "operation-handler",
    "web-mvc-links-handler",
}
LEFT_OUT = {  # Spring artefacts (docs/api-notes.md, "Left out")
    ("basic-error-controller", None),
    ("hello-world", None),
    ("test", None),
    ("eits-specical-login-controller", f"{ROOT}/eits/test"),
    ("TRACE", None),  # the k8s probes' TRACE: it echoes requests back (cross-site tracing)
}


@cache
def _endpoints() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(SPEC.read_text("utf-8")))


def _left_out(e: dict[str, Any]) -> bool:
    return any(k in LEFT_OUT for k in ((e["group"], None), (e["group"], e["path"]), (e["method"], None)))


def _ours() -> list[dict[str, Any]]:
    return [e for e in _endpoints() if e["group"] in GROUPS and not _left_out(e)]


class Node:
    def __init__(self, name: str, kind: str):
        self.name, self.kind, self.children = name, kind, []


def _tree(entry: dict[str, Any]) -> list[Node]:
    roots: list[Node] = []
    stack: list[tuple[int, Node]] = []
    for f in entry["response200"]:
        node = Node(f["name"], f["type"])
        while stack and stack[-1][0] >= f["depth"]:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((f["depth"], node))
    return roots


def _check(value: Any, node: Node, where: str) -> None:
    assert value is not None, f"{where}: null"
    if node.children:
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            assert isinstance(item, dict), f"{where}[{i}] should be an object: {item!r}"
            for child in node.children:
                assert child.name in item, f"{where}: missing documented field {child.name!r}"
                _check(item[child.name], child, f"{where}.{child.name}")
        return
    kind = node.kind
    if kind.startswith("integer"):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "boolean":
        ok = isinstance(value, bool)
    elif kind == "array":
        ok = isinstance(value, list)
    elif kind.startswith("string"):
        ok = isinstance(value, str)
    else:  # "object" and the spec's named types: any JSON value
        ok = True
    assert ok, f"{where} should be {kind}: {value!r}"


def check_contract(method: str, path: str, body: dict[str, Any]) -> None:
    entry = next(e for e in _endpoints() if e["method"] == method and e["path"] == path)
    assert body["code"] == "0", body
    for node in _tree(entry):
        assert node.name in body, f"{path}: missing {node.name}"
        _check(body[node.name], node, f"$.{node.name}")


@pytest.fixture
def callers(app, client, db, auth) -> dict[str, dict[str, str]]:  # noqa: ANN001
    with db.write() as s:
        from server.reference.common import put_json

        put_json(s, site_setup.KEY, {"name": "契约园区", "timezone": "Asia/Shanghai", "projectId": PROJECT})
    platform = integrations.add(db, "platform", PROJECT)
    operators.add(db, "clerk", "Clerk-pass-2026", phone="13900001111")
    challenge = client.post(f"{ROOT}/eits/login/challengeCode", json={"name": "clerk", "type": 1}).json()[
        "data"
    ]
    proof = client_proof("Clerk-pass-2026", challenge, "clerk")
    login = client.post(
        f"{ROOT}/eits/login",
        json={"name": "clerk", "password": proof, "codeId": challenge["codeId"], "type": 1},
    ).json()
    return {
        "kiosk": auth,
        "platform": {"Authorization": f"Bearer {platform}", "projectId": PROJECT},
        "operator": {"Authorization": f"Bearer {login['data']['token']}"},
    }


def _register(client, auth) -> str:  # noqa: ANN001
    order_id = str(uuid.uuid4())
    r = client.post(
        f"{ROOT}/api/v1/clientService/order/register",
        json={
            "orderId": order_id,
            "registerType": "1",
            "name": "契约访客",
            "identityNum": id_with_check("33010619900101123"),
            "phoneNum": "13600001111",
            "purpose": "参观",
        },
        headers=auth,
    )
    assert r.status_code == 200, r.text
    return order_id


def test_every_issue_13_endpoint_is_routed_and_the_spring_artefacts_are_not(client, callers) -> None:
    assert len(_ours()) == 52, len(_ours())  # 6 + 8 + 1 + 1 + 9 + 2 + (24 - 3 TRACE) + 3 + 1
    for e in _ours():
        path = e["path"].replace("/**", "/db")
        r = client.request(e["method"], path, headers=callers["platform"])
        assert r.status_code not in (404, 405), (e["method"], e["path"], r.status_code, r.text[:200])
        assert r.status_code < 500, (e["method"], e["path"], r.text[:200])
    left = [e for e in _endpoints() if _left_out(e)]
    assert {e["path"].removeprefix(ROOT) for e in left} == {
        "/error",
        "/hello/world",
        "/ui/v1/test/cal",
        "/eits/test",
        "/application/health",
        "/services",
        "/getServiceDetail",
    }
    for e in left:
        r = client.request(e["method"], e["path"])
        if e["group"] == "k8s测试类":  # TRACE of a probe
            assert r.status_code == 405, (e["path"], r.status_code)
            continue
        assert r.status_code == 404, (e["method"], e["path"], r.status_code)
        if e["method"] != "HEAD":
            assert r.json() == {"code": "404", "msg": "接口不存在", "data": None}


def test_the_feeds_answer_every_documented_field(client, callers) -> None:
    platform, kiosk = callers["platform"], callers["kiosk"]
    api = f"{ROOT}/api/v1"
    cases: list[tuple[str, Any]] = [
        (
            "/person/syncPersonInfos",
            [{"personIndexCode": "P1", "personName": "契约员工", "orgName": "集团/部"}],
        ),
        ("/privilege/sync", [{"groupId": "g1", "groupName": "访客组", "isDefault": "0"}]),
        ("/field/sync", [{"paraId": "f1", "paraKey": "customa", "paraName": "车间", "showType": "1"}]),
        ("/config/park/notice/sync", {"parkStatus": "1", "parkTitle": "须知", "parkNotice": "请登记"}),
    ]
    for path, body in cases:
        r = client.post(api + path, json=body, headers=platform)
        assert r.status_code == 200, (path, r.text)
        check_contract("POST", api + path, r.json())
    order_id = _register(client, kiosk)
    r = client.post(api + "/order/sync", json={"disorder": 0, "pageNo": 1, "pageSize": 10}, headers=platform)
    check_contract("POST", api + "/order/sync", r.json())
    assert [i["orderId"] for i in r.json()["data"]["list"]] == [order_id]
    r = client.post(api + "/order/status/sync", json=[{"orderId": order_id, "status": 6}], headers=platform)
    check_contract("POST", api + "/order/status/sync", r.json())
    assert r.json()["data"]["applied"] == 1


def test_the_queries_answer_every_documented_field(client, callers) -> None:
    platform, kiosk = callers["platform"], callers["kiosk"]
    order_id = _register(client, kiosk)
    host = [{"personIndexCode": "H1", "personName": "被访人", "phone": "13900001111"}]
    client.post(f"{ROOT}/api/v1/person/syncPersonInfos", json=host, headers=platform)
    client.post(
        f"{ROOT}/rpc/v1/visitor/order/update",
        json={"projectId": PROJECT, "visitorPhone": "13600001111", "visitorOpenId": "oid-c"},
        headers=platform,
    )
    body = {"projectId": PROJECT}
    cases: list[tuple[str, dict[str, Any]]] = [
        ("/rpc/v1/client/login/info/num", body),
        ("/rpc/v1/visitor/expected/count", body),
        ("/rpc/v1/visitor/register/count", body),
        ("/rpc/v1/visitor/info", {**body, "visitorOpenId": "oid-c"}),
        ("/rpc/v1/mobile/visitor/info", body),
        ("/rpc/v1/visitor/order/update", {**body, "visitorPhone": "13600001111", "visitorUserId": "u-c"}),
        ("/rpc/v1/visitor/second/order/update", {**body, "beVisitorOpenId": "bo-c", "phone": "13900001111"}),
        ("/api/v1/visitor/backlog/callBack", {**body, "backlogTypeBusinessId": order_id, "operateType": "1"}),
    ]
    for path, payload in cases:
        r = client.post(ROOT + path, json=payload, headers=platform)
        assert r.status_code == 200, (path, r.text)
        check_contract("POST", ROOT + path, r.json())
    found = client.post(
        f"{ROOT}/rpc/v1/visitor/info", json={**body, "visitorOpenId": "oid-c"}, headers=platform
    )
    assert found.json()["data"][0]["visitorOpenId"] == "oid-c"


def test_privilege_info_and_image_upload_answer_every_documented_field(client, callers) -> None:
    platform = callers["platform"]
    client.post(
        f"{ROOT}/api/v1/privilege/sync",
        json=[{"groupId": "g1", "groupName": "访客组", "isDefault": "0"}],
        headers=platform,
    )
    for who in ("platform", "operator"):
        r = client.post(f"{ROOT}/ui/v1/privilege/info", headers=callers[who])
        assert r.status_code == 200, r.text
        check_contract("POST", f"{ROOT}/ui/v1/privilege/info", r.json())
        assert r.json()["data"][0]["select"] is True
        r = client.post(
            f"{ROOT}/ui/v1/base/image/upload",
            json={"imageData": tiny_jpeg_b64(), "type": "visitor", "projectId": PROJECT},
            headers=callers[who],
        )
        assert r.status_code == 200, r.text
        check_contract("POST", f"{ROOT}/ui/v1/base/image/upload", r.json())
        assert r.json()["data"]["imageUrl"]


def test_operations_answer_every_documented_field(client) -> None:
    for e in _ours():
        if e["group"] != "k8s测试类" or not e["response200"] or e["method"] in ("HEAD", "OPTIONS", "TRACE"):
            continue
        r = client.request(e["method"], e["path"])
        assert r.status_code == 200, (e["method"], e["path"], r.text)
        check_contract(e["method"], e["path"], r.json())
    assert client.get(f"{ROOT}/actuator/health").json()["status"] == "UP"
    assert "visitorcs_http_requests_total" in client.get(f"{ROOT}/actuator/prometheus").text
    assert "_links" in client.get(f"{ROOT}/actuator").json()
