"""Bad input to every visit endpoint is a 4xx envelope whose message names the problem, never a 500.

Refusals change nothing, so one server (SQLite) serves the whole table: it keeps the run short.
"""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from server import kiosks
from server.app import create_app
from server.settings import Settings
from tests.server.conftest import KIOSK_MAC, seed_visit_site

API = "/webapi/visitorcs/api/v1/clientService/"
UNKNOWN = str(uuid.uuid4())

# (method, endpoint, kwargs for the client call, expected status, words the message contains)
CASES = [
    (
        "post",
        "order/register",
        {"content": b"{not json", "headers": {"content-type": "application/json"}},
        400,
        "JSON",
    ),
    ("post", "order/register", {"json": [1, 2]}, 400, "JSON 对象"),
    (  # Python's json reads NaN; stored, it would break every list showing the record
        "post",
        "order/register",
        {"content": b'{"name": "NaN", "customf": NaN}', "headers": {"content-type": "application/json"}},
        400,
        "JSON",
    ),
    ("post", "order/register", {"json": {}}, 400, "name"),
    ("post", "order/register", {"json": {"name": {"a": 1}}}, 400, "name"),
    (
        "post",
        "order/register",
        {"json": {"name": "张三", "identityNum": "110105194912310021"}},
        400,
        "校验位",
    ),
    ("post", "order/register", {"json": {"name": "张三", "identityId": "999"}}, 400, "证件类型"),
    (
        "post",
        "order/register",
        {"json": {"name": "张三", "identityId": "414", "identityNum": "E1/2"}},
        400,
        "证件号码",
    ),
    ("post", "order/register", {"json": {"name": "张三", "phoneNum": "12345"}}, 400, "手机号"),
    ("post", "order/register", {"json": {"name": "张三", "phoneNum": "12012345678"}}, 400, "手机号"),
    ("post", "order/register", {"json": {"name": "张三", "personNum": "many"}}, 400, "personNum"),
    ("post", "order/register", {"json": {"name": "张三", "personNum": 0}}, 400, "personNum"),
    ("post", "order/register", {"json": {"name": "张三", "personNum": 51}}, 400, "personNum"),
    ("post", "order/register", {"json": {"name": "张三", "registerType": "7"}}, 400, "registerType"),
    ("post", "order/register", {"json": {"name": "张三", "orderId": "abc"}}, 400, "orderId"),
    ("post", "order/register", {"json": {"name": "张三", "endTimeISO": "tomorrow"}}, 400, "endTimeISO"),
    (
        "post",
        "order/register",
        {"json": {"name": "张三", "endTimeISO": "2001-01-01T00:00:00+08:00"}},
        400,
        "endTimeISO",
    ),
    (
        "post",
        "order/register",
        {"json": {"name": "张三", "privilegeGroupIds": "[bad"}},
        400,
        "privilegeGroupIds",
    ),
    (
        "post",
        "order/register",
        {"json": {"name": "张三", "temperatureStatus": "9"}},
        400,
        "temperatureStatus",
    ),
    ("post", "order/register", {"json": {"name": "张三", "companions": "x"}}, 400, "companions"),
    ("post", "order/register", {"json": {"registerType": "2"}}, 400, "orderId"),
    ("post", "order/register", {"json": {"registerType": "2", "orderId": UNKNOWN}}, 404, "预约单"),
    ("post", "signOut", {}, 400, "orderId"),
    ("post", "signOut", {"params": {"orderId": "x" * 65}}, 400, "orderId"),
    ("post", "signOut", {"params": {"orderId": UNKNOWN}}, 404, "未找到"),
    ("post", "visitor/details", {"json": {}}, 400, "code"),
    ("post", "visitor/details", {"json": {"code": "1", "codeType": "9"}}, 400, "codeType"),
    ("post", "visitor/details", {"json": {"code": "12", "codeType": "2"}}, 400, "后四位"),
    ("post", "visitor/details", {"json": {"code": "1", "codeType": "0", "type": "3"}}, 400, "type"),
    (
        "post",
        "visitor/details",
        {"json": {"code": "1", "codeType": "0", "statusList": "9"}},
        400,
        "statusList",
    ),
    (
        "post",
        "visitor/details",
        {"json": {"code": "1", "codeType": "0", "statusList": [{"a": 1}]}},
        400,
        "statusList",
    ),
    (
        "post",
        "visitor/details",
        {"json": {"code": "1", "codeType": "0", "type": "2", "macAddress": "zz"}},
        400,
        "macAddress",
    ),
    (
        "post",
        "visitor/details",
        {"json": {"code": "1", "codeType": "5", "subParamCode": "123"}},
        400,
        "证件类型",
    ),
    ("get", "visitorInfo", {"params": {"pageNo": 1, "pageSize": 10}}, 400, "visitType"),
    ("get", "visitorInfo", {"params": {"pageNo": 0, "pageSize": 10, "visitType": "total"}}, 400, "pageNo"),
    (
        "get",
        "visitorInfo",
        {"params": {"pageNo": 1, "pageSize": 1001, "visitType": "total"}},
        400,
        "pageSize",
    ),
    ("get", "visitorInfo", {"params": {"pageNo": 1, "pageSize": 0, "visitType": "total"}}, 400, "pageSize"),
    ("get", "visitorInfo", {"params": {"pageNo": "x", "pageSize": 10, "visitType": "total"}}, 400, "pageNo"),
    (
        "get",
        "visitorInfo",
        {"params": {"pageNo": 3000000, "pageSize": 1000, "visitType": "total"}},
        400,
        "pageNo",
    ),
    ("get", "visitorInfo", {"params": {"pageNo": 1, "pageSize": 10, "visitType": "later"}}, 400, "visitType"),
    (
        "get",
        "visitorInfo",
        {"params": {"pageNo": 1, "pageSize": 10, "visitType": "total", "type": 5}},
        400,
        "type",
    ),
    (
        "get",
        "visitorInfo",
        {"params": {"pageNo": 1, "pageSize": 10, "visitType": "total", "queryInfo": "q" * 65}},
        400,
        "queryInfo",
    ),
    ("get", "validVisitorInfo/pageInfo", {"params": {"pageNo": 1, "pageSize": 10}}, 400, "personId"),
    (
        "get",
        "validVisitorInfo/pageInfo",
        {"params": {"pageNo": 1, "pageSize": 5000, "personId": "p"}},
        400,
        "pageSize",
    ),
    (
        "get",
        "validVisitorInfo/pageInfo",
        {"params": {"pageNo": 1, "pageSize": 10, "personId": "nobody"}},
        404,
        "被访人",
    ),
    ("get", "lastVisitor/inquiry", {"params": {"identityNum": "1"}}, 400, "identityId"),
    ("get", "lastVisitor/inquiry", {"params": {"identityId": "abc", "identityNum": "1"}}, 400, "identityId"),
    ("get", "lastVisitor/inquiry", {"params": {"identityId": 111, "identityNum": "1" * 20}}, 400, "20"),
    ("get", "lastVisitor/inquiry", {"params": {"identityId": 111, "identityNum": "123"}}, 400, "身份证"),
    ("post", "register/edit", {"json": {"endTimeISO": "2099-01-01T00:00:00+08:00"}}, 400, "orderId"),
    (
        "post",
        "register/edit",
        {"json": {"orderId": UNKNOWN, "endTimeISO": "2099-01-01T00:00:00+08:00"}},
        404,
        "未找到",
    ),
    ("get", "authResult", {}, 400, "orderId"),
    ("get", "authResult", {"params": {"orderId": UNKNOWN}}, 404, "未找到"),
    ("post", "authResult/download", {"params": {"orderId": UNKNOWN}}, 404, "未找到"),
    ("post", "offline/data/synchron", {"json": {"records": "x"}}, 400, "records"),
    (
        "post",
        "offline/data/synchron",
        {"content": b"\xff\xfe", "headers": {"content-type": "application/json"}},
        400,
        "JSON",
    ),
]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    app = create_app(Settings.build(tmp_path_factory.mktemp("bad-inputs"), run_workers=False))
    with TestClient(app) as client:
        token = kiosks.add(app.state.db, mac=KIOSK_MAC, name="大厅访客机")
        seed_visit_site(app.state.db)
        yield client, {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    "method, endpoint, kwargs, status, words", CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)]
)
def test_bad_input_is_a_4xx_with_words(shared, method, endpoint, kwargs, status, words):
    client, auth = shared
    kwargs = dict(kwargs)
    headers = dict(auth) | kwargs.pop("headers", {})
    r = getattr(client, method)(API + endpoint, headers=headers, **kwargs)
    body = r.json()
    assert (r.status_code, body["code"]) == (status, str(status)), body
    assert words in body["msg"] and body["data"] is None, body


@pytest.mark.parametrize("method, endpoint", sorted({(c[0], c[1]) for c in CASES}) + [("get", "ext/qrKeys")])
def test_every_visit_endpoint_needs_a_kiosk_token(shared, method, endpoint):
    client, _auth = shared
    r = getattr(client, method)(API + endpoint, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.json()["code"] == "401"
