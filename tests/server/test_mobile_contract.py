"""The mobile channels (76 endpoints) against the spec index (/work/shared/spec/endpoints.json): every endpoint of
groups 09, 10, 11, 12, 13 and 15_企微* is served with its method and path, takes every request field
the spec names (body or query), and answers {code, msg, data} with every documented response field
in a JSON type a client can use, played by the callers the endpoint is for (a visitor's or a host's
session from the bundled message login)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from server import demo
from tests.server.conftest import seed_visit_site
from tests.server.mobile_helpers import (
    KIOSK,
    MA_HOST,
    MA_VISITOR,
    MP_HOST,
    OTHER_PHONE,
    WECHAT,
    bearer,
    host_session,
    login,
    minute,
    ok,
    visitor_session,
    window,
)

SPEC = Path("/work/shared/spec/endpoints.json")
STILLS = Path(__file__).resolve().parents[1] / "data" / "camera" / "stills"
GROUPS = ("09_", "10_", "11_", "12_", "13_", "15_企微")
COMPANION_PHONE = "13655556666"

pytestmark = pytest.mark.skipif(not SPEC.exists(), reason="the shared spec index is not on this machine")


@cache
def mobile_endpoints() -> tuple[dict[str, Any], ...]:
    if not SPEC.exists():
        return ()
    return tuple(e for e in json.loads(SPEC.read_text("utf-8")) if e["group"].startswith(GROUPS))


@dataclass
class Node:
    name: str
    type: str
    children: list[Node] = field(default_factory=list)


def tree(rows: list[dict[str, Any]]) -> list[Node]:
    roots: list[Node] = []
    stack: list[tuple[int, Node]] = []
    for f in rows:
        node = Node(f["name"], f["type"])
        while stack and stack[-1][0] >= f["depth"]:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((f["depth"], node))
    return roots


def assert_shape(value: Any, node: Node, where: str) -> None:
    assert value is not None, f"{where}: null (a documented field has a value, '' when empty)"
    if node.children:
        items = value if isinstance(value, list) else [value]
        if where in ("$.data", "$.data[0].list"):  # what the case is about: it must have some
            assert items, f"{where}: empty list, nothing to check (the case should produce one)"
        for i, item in enumerate(items):
            assert isinstance(item, dict), f"{where}[{i}] should be an object, got {item!r}"
            for child in node.children:
                assert child.name in item, f"{where}[{i}]: missing documented field {child.name!r}"
                assert_shape(item[child.name], child, f"{where}[{i}].{child.name}")
        return
    t = node.type
    if t.startswith("integer"):
        assert isinstance(value, int) and not isinstance(value, bool), (
            f"{where} should be an integer: {value!r}"
        )
    elif t.startswith("boolean"):
        assert isinstance(value, bool), f"{where} should be a boolean: {value!r}"
    elif t == "array":
        assert isinstance(value, list), f"{where} should be an array: {value!r}"
    elif t.startswith("string"):
        assert isinstance(value, str), f"{where} should be a string: {value!r}"
    # "object" and the DTO names without children: the spec's any


def check_answer(entry: dict[str, Any], body: dict[str, Any]) -> None:
    assert set(body) == {"code", "msg", "data"}, f"not the {{code, msg, data}} envelope: {sorted(body)}"
    assert body["code"] == "0" and isinstance(body["msg"], str), body
    for node in tree(entry["response200"]):
        assert node.name in body
        if node.name == "data":
            assert_shape(body["data"], node, "$.data")


def request_names(entry: dict[str, Any]) -> set[str]:
    """The field names a client sends: query and path parameters, and the body DTO's fields."""
    names = set()
    for f in entry["request"]:
        if f["depth"] == 0 and f["in"] in ("query", "path"):
            names.add(f["name"])
        elif f["depth"] == 1:
            names.add(f["name"])
    return names


@cache
def api_document() -> dict[str, Any]:
    """The server's OpenAPI document, built once (it depends on the routes, not on a database)."""
    import tempfile

    from server.app import create_app
    from server.settings import Settings

    return create_app(
        Settings.build(Path(tempfile.mkdtemp(prefix="visitorcs-doc-")), run_workers=False)
    ).openapi()


def accepted_names(doc: dict[str, Any], entry: dict[str, Any]) -> set[str]:
    operation = doc["paths"][entry["path"]][entry["method"].lower()]
    names = {p["name"] for p in operation.get("parameters", [])}
    for content in operation.get("requestBody", {}).get("content", {}).values():
        schema = content["schema"]
        if "$ref" in schema:
            schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
        names |= set(schema.get("properties", {}))
    return names


# ---- served, with every request field -------------------------------------------------------


def test_the_index_lists_76_mobile_endpoints():
    assert len(mobile_endpoints()) == 76


@pytest.mark.parametrize("entry", mobile_endpoints(), ids=lambda e: e["path"].split("/wechat")[-1])
def test_served_with_method_path_and_every_request_field(entry):
    doc = api_document()
    paths = doc["paths"]
    assert entry["path"] in paths, f"{entry['path']} is not served"
    assert entry["method"].lower() in paths[entry["path"]], f"{entry['path']}: {entry['method']} not served"
    missing = request_names(entry) - accepted_names(doc, entry)
    assert not missing, (
        f"{entry['path']}: request fields the spec names but the route does not take: {missing}"
    )


# ---- every response field, played by its callers ---------------------------------------------


class World:
    """A site with a visitor, a host, and appointments in the states the endpoints work on."""

    def __init__(self, app: Any, client: Any, settings: Any, kiosk: dict[str, str]) -> None:
        self.app, self.client = app, client
        demo.seed_if_empty(app.state.db, settings)
        self.site = seed_visit_site(app.state.db)
        self.kiosk = kiosk
        self.visitor = visitor_session(client, app)
        self.host = host_session(client, app, self.site.host_id)
        self.pending = self.book("商务洽谈")
        self.approved = self.book("技术交流")
        ok(self.post(MP_HOST + "/approval/order", self.host, json={"orderId": self.approved["orderId"]}))
        self.done = self.book("参观")  # approved, checked in, signed out: history
        ok(self.post(MP_HOST + "/approval/order", self.host, json={"orderId": self.done["orderId"]}))
        ok(
            client.post(
                KIOSK + "order/register",
                headers=kiosk,
                json={"registerType": "2", "orderId": self.done["orderId"], "defaultPrivilegeFlag": "1"},
            )
        )
        ok(client.post(KIOSK + "signOut", headers=kiosk, params={"orderId": self.done["orderId"]}))
        start, end = window(timedelta(hours=1))
        self.invitation = ok(
            self.post(
                MA_HOST + "/order/invitation/founding",
                self.host,
                json={
                    "visitorName": "赵六",
                    "visitorPhoneNum": OTHER_PHONE,
                    "startTime": minute(start),
                    "endTime": minute(end),
                    "visitorPurpose": "面试",
                },
            )
        )
        self.invited = bearer(login(client, app, orderId=self.invitation["orderId"]))

    def post(self, path: str, headers: dict[str, str], **kwargs: Any) -> Any:
        return self.client.post(path, headers=headers, **kwargs)

    def book(self, purpose: str) -> dict[str, Any]:
        start, end = window()
        return ok(
            self.post(
                MA_VISITOR + "/order/founding",
                self.visitor,
                json={
                    "beVisitorUserId": self.site.host_id,
                    "startTime": minute(start),
                    "endTime": minute(end),
                    "visitorPurpose": purpose,
                    "visitorName": "王五",
                    "visitorPersonNum": "2",  # room for a companion
                },
            )
        )

    def age_messages(self, by: timedelta = timedelta(minutes=2)) -> None:
        """As if the codes and messages of the set-up were sent `by` ago (their resend throttles)."""
        from sqlalchemy import update

        from server.models import MobileCode, Notification

        with self.app.state.db.write() as s:
            for table in (MobileCode, Notification):
                for row in s.exec(select(table)).all():
                    s.exec(update(table).where(table.id == row.id).values(create_time=row.create_time - by))

    def set_status(self, order_id: str, status: int) -> None:
        from server.models import Visit

        with self.app.state.db.write() as s:
            visit = s.get(Visit, order_id)
            visit.status = status
            s.add(visit)


def _jpeg() -> str:
    return base64.b64encode((STILLS / "good.jpg").read_bytes()).decode()


def _iso(w: World, hours: float) -> str:
    start, _ = window(timedelta(hours=hours))
    return start.isoformat(timespec="seconds")


# (path after /wechat, who: "visitor" | "host" | "invited" | "companion", request kwargs from the world)
Case = tuple[str, str, Callable[[World], dict[str, Any]]]
PAGE = {"json": {"pageNo": 1, "pageSize": 10}}
CASES: list[Case] = [
    # 09 公众号 被访人
    (
        "/beVisitor/approval/order",
        "host",
        lambda w: {"json": {"orderId": w.pending["orderId"], "remark": "欢迎"}},
    ),
    (
        "/beVisitor/batch/approval/order",
        "host",
        lambda w: {"json": {"orderIds": [w.pending["orderId"]], "type": "approval", "remark": "好"}},
    ),
    (
        "/beVisitor/reject/order",
        "host",
        lambda w: {"json": {"orderId": w.pending["orderId"], "remark": "改天"}},
    ),
    (
        "/beVisitor/invitation/founding",
        "host",
        lambda w: {
            "json": {
                "visitorName": "孙七",
                "visitorPhoneNum": "13544443333",
                "visitorStartTime": _iso(w, 2),
                "visitorEndTime": _iso(w, 5),
                "visitorPurpose": "会议",
            }
        },
    ),
    ("/beVisitor/invitation/cancel", "host", lambda w: {"json": {"orderId": w.invitation["orderId"]}}),
    (
        "/beVisitor/invitation/wechat/{orderId}/preview",
        "invited",
        lambda w: {"path": {"orderId": w.invitation["orderId"]}, "json": {"sceneshow": "1"}},
    ),
    (
        "/beVisitor/invitation/accepting",
        "invited",
        lambda w: {"json": {"orderId": w.invitation["orderId"], "visitorCarNumber": "浙A12345"}},
    ),
    ("/beVisitor/order/cancel", "host", lambda w: {"params": {"orderId": w.approved["orderId"]}}),
    ("/beVisitor/record/detail", "host", lambda w: {"params": {"orderId": w.approved["orderId"]}}),
    ("/beVisitor/record/orderDay", "host", lambda w: {"json": {}}),
    ("/beVisitor/record/page", "host", lambda w: PAGE),
    # 10 公众号 访客
    ("/visitor/check/beVisitor", "visitor", lambda w: {"params": {"openId": "", "phoneNo": "13800000001"}}),
    ("/visitor/field/info", "visitor", lambda w: {"params": {"appId": "", "type": "0"}}),
    ("/visitor/image/upload", "visitor", lambda w: {"json": {"imageData": _jpeg(), "type": "visitor"}}),
    (
        "/visitor/order",
        "visitor",
        lambda w: {
            "json": {
                "beVisitorPersonId": w.site.host_id,
                "visitStartTime": _iso(w, 1),
                "visitEndTime": _iso(w, 3),
                "visitorPurpose": "送货",
                "visitorName": "王五",
            }
        },
    ),
    (
        "/visitor/order/update",
        "visitor",
        lambda w: {"json": {"orderId": w.pending["orderId"], "visitorCarNumber": "浙B54321"}},
    ),
    ("/visitor/order/cancel", "visitor", lambda w: {"params": {"orderId": w.pending["orderId"]}}),
    ("/visitor/order/detail", "visitor", lambda w: {"params": {"orderId": w.approved["orderId"]}}),
    ("/visitor/order/page", "visitor", lambda w: PAGE),
    ("/visitor/orderModel/config", "visitor", lambda w: {}),
    ("/visitor/phConfig/info", "visitor", lambda w: {}),
    ("/visitor/privilege/info", "visitor", lambda w: {"params": {"openId": "", "type": "0"}}),
    ("/visitor/promise/info", "visitor", lambda w: {}),
    ("/visitor/qrCode", "visitor", lambda w: {"params": {"orderId": w.approved["orderId"]}}),
    ("/visitor/visitor/msg/login", "nobody", lambda w: {"json": {"phoneNum": "13500001111"}}),
    # 11 小程序 个人中心
    ("/miniapp/my/enterprise/list", "visitor", lambda w: {"json": {"enterpriseName": ""}}),
    ("/miniapp/my/privilege/group", "visitor", lambda w: {}),
    ("/miniapp/my/purpose", "visitor", lambda w: {"json": {}}),
    ("/miniapp/my/timeDisplay", "visitor", lambda w: {}),
    ("/miniapp/my/visitor/type", "visitor", lambda w: {}),
    # 12 小程序 访客预约端
    ("/miniapp/visitor/field/info", "visitor", lambda w: {"params": {"projectId": "", "type": "0"}}),
    (
        "/miniapp/visitor/image/upload",
        "visitor",
        lambda w: {"json": {"imageData": _jpeg(), "type": "visitor"}},
    ),
    (
        "/miniapp/visitor/order/bevisitor/matching",
        "visitor",
        lambda w: {"json": {"beVisitorPhoneNum": "13800000001"}},
    ),
    ("/miniapp/visitor/order/cancel", "visitor", lambda w: {"json": {"orderId": w.approved["orderId"]}}),
    ("/miniapp/visitor/order/detail", "visitor", lambda w: {"json": {"orderId": w.approved["orderId"]}}),
    (
        "/miniapp/visitor/order/founding",
        "visitor",
        lambda w: {
            "json": {
                "beVisitorPhoneNum": "13800000001",
                "startTime": minute(window(timedelta(hours=1))[0]),
                "endTime": minute(window(timedelta(hours=3))[0]),
                "visitorPurpose": "送货",
            }
        },
    ),
    ("/miniapp/visitor/order/go/log/doing", "visitor", lambda w: PAGE),
    (
        "/miniapp/visitor/order/go/log/history",
        "visitor",
        lambda w: {"json": {"pageNo": 1, "pageSize": 10, "tabKey": "0"}},
    ),
    (
        "/miniapp/visitor/order/invitation/accepting",
        "invited",
        lambda w: {"json": {"visitorBatch": w.invitation["visitorBatch"], "visitorWorkUnit": "某公司"}},
    ),
    (
        "/miniapp/visitor/order/invitation/preview",
        "invited",
        lambda w: {"json": {"visitorBatch": w.invitation["visitorBatch"]}},
    ),
    (
        "/miniapp/visitor/order/qrcode/refresh",
        "visitor",
        lambda w: {"json": {"orderId": w.approved["orderId"]}},
    ),
    (
        "/miniapp/visitor/order/retinue/confirm",
        "companion",
        lambda w: {"json": {"visitorBatch": w.approved["visitorBatch"], "visitorName": "同行甲"}},
    ),
    (
        "/miniapp/visitor/order/retinue/preview",
        "companion",
        lambda w: {"json": {"visitorBatch": w.approved["visitorBatch"]}},
    ),
    ("/miniapp/visitor/order/submit", "visitor", lambda w: {"json": {"orderId": w.pending["orderId"]}}),
    (
        "/miniapp/visitor/order/update",
        "visitor",
        lambda w: {"json": {"orderId": w.pending["orderId"], "visitorPurpose": "技术交流"}},
    ),
    ("/miniapp/visitor/orderModel/config", "visitor", lambda w: {"params": {"projectId": ""}}),
    ("/miniapp/visitor/phConfig/info", "visitor", lambda w: {"json": {}}),
    ("/miniapp/visitor/promise/info", "visitor", lambda w: {"json": {}}),
    # 13 小程序 访客审核端
    (
        "/miniapp/bevisitor/invitation/again/send/sms",
        "host",
        lambda w: {"json": {"visitorBatch": w.invitation["visitorBatch"]}},
    ),
    (
        "/miniapp/bevisitor/order/cancel",
        "host",
        lambda w: {"json": {"visitorBatch": w.approved["visitorBatch"]}},
    ),
    (
        "/miniapp/bevisitor/order/detail",
        "host",
        lambda w: {"json": {"visitorBatch": w.approved["visitorBatch"]}},
    ),
    ("/miniapp/bevisitor/order/examine/log/doing", "host", lambda w: PAGE),
    ("/miniapp/bevisitor/order/examine/log/expires", "host", lambda w: PAGE),
    (
        "/miniapp/bevisitor/order/invitation/cancel",
        "host",
        lambda w: {"json": {"visitorBatch": w.invitation["visitorBatch"]}},
    ),
    (
        "/miniapp/bevisitor/order/invitation/founding",
        "host",
        lambda w: {
            "json": {
                "visitorName": "孙七",
                "visitorPhoneNum": "13544443333",
                "startTime": minute(window(timedelta(hours=2))[0]),
                "endTime": minute(window(timedelta(hours=4))[0]),
            }
        },
    ),
    ("/miniapp/bevisitor/order/reception/log/doing", "host", lambda w: PAGE),
    ("/miniapp/bevisitor/order/reception/log/history", "host", lambda w: PAGE),
    (
        "/miniapp/bevisitor/order/share/log",
        "host",
        lambda w: {"json": {"pageNo": 1, "pageSize": 10, "invitationState": "inviting"}},
    ),
    (
        "/miniapp/bevisitor/order/share/update",
        "host",
        lambda w: {"json": {"visitorBatch": w.invitation["visitorBatch"], "shareStatus": "0"}},
    ),
    # 15 企微 员工端
    (
        "/wecom/bevisitor/invitation/accepting",
        "invited",
        lambda w: {"json": {"orderId": w.invitation["orderId"], "visitorCarNumber": "浙A12345"}},
    ),
    ("/wecom/bevisitor/invitation/cancel", "host", lambda w: {"json": {"orderId": w.invitation["orderId"]}}),
    (
        "/wecom/bevisitor/invitation/wechat/{orderId}/preview",
        "invited",
        lambda w: {"path": {"orderId": w.invitation["orderId"]}, "json": {}},
    ),
    (
        "/wecom/bevisitor/order/cancel",
        "host",
        lambda w: {"json": {"visitorBatch": w.approved["visitorBatch"]}},
    ),
    (
        "/wecom/bevisitor/order/detail",
        "host",
        lambda w: {"json": {"visitorBatch": w.approved["visitorBatch"]}},
    ),
    (
        "/wecom/bevisitor/order/invitation/founding",
        "host",
        lambda w: {
            "json": {
                "visitorName": "孙七",
                "visitorPhoneNum": "13544443333",
                "startTime": minute(window(timedelta(hours=2))[0]),
                "endTime": minute(window(timedelta(hours=4))[0]),
            }
        },
    ),
    ("/wecom/bevisitor/order/reception/log/doing", "host", lambda w: PAGE),
    ("/wecom/bevisitor/order/reception/log/history", "host", lambda w: PAGE),
    # 15 企微 基础数据, 访客预约
    ("/wecom/image/upload", "host", lambda w: {"json": {"imageData": _jpeg(), "type": "diy"}}),
    ("/wecom/my/privilege/group", "host", lambda w: {}),
    ("/wecom/my/purpose", "host", lambda w: {}),
    ("/wecom/my/timeDisplay", "host", lambda w: {}),
    ("/wecom/my/visitor/type", "host", lambda w: {}),
    ("/wecom/visitor/facePic/upload", "visitor", lambda w: {"json": {"faceData": _jpeg()}}),
    ("/wecom/visitor/field/info", "visitor", lambda w: {}),
    ("/wecom/visitor/qrCode", "visitor", lambda w: {"params": {"orderId": w.approved["orderId"]}}),
    ("/wecom/visitor/visitor/msg/login", "nobody", lambda w: {"json": {"orderId": w.approved["orderId"]}}),
]


def test_every_mobile_endpoint_has_a_case():
    spec = {e["path"].split("/wechat", 1)[1] for e in mobile_endpoints()}
    assert spec == {c[0] for c in CASES}


@pytest.fixture
def world(app, client, settings, auth) -> World:
    return World(app, client, settings, auth)


@pytest.mark.parametrize(("suffix", "who", "make"), CASES, ids=[c[0] for c in CASES])
def test_answers_every_documented_field(world, suffix, who, make):
    entry = next(e for e in mobile_endpoints() if e["path"] == WECHAT + suffix)
    kwargs = make(world)
    path = WECHAT + suffix.format(**kwargs.pop("path", {}))
    if who == "companion":
        headers = visitor_session(world.client, world.app, COMPANION_PHONE)
    else:
        headers = {"visitor": world.visitor, "host": world.host, "invited": world.invited, "nobody": {}}[who]
    world.age_messages()
    if suffix.endswith("/examine/log/expires"):
        world.set_status(
            world.pending["orderId"], 9
        )  # approval overdue (the worker's move, tested elsewhere)
    r = world.client.post(path, headers=headers, **kwargs)
    assert r.status_code == 200, r.text
    check_answer(entry, r.json())
