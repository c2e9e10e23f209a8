"""The API client against the real server over HTTP, and its error classification."""

from __future__ import annotations

import socket

import httpx
import pytest

from visitorcs.client import VisitorcsClient
from visitorcs.errors import ApiError, ApiUnreachable


def test_health_over_real_http(api: VisitorcsClient) -> None:
    assert api.health() is True


def test_wrong_token_is_an_api_error_with_the_servers_words(live_server) -> None:
    with VisitorcsClient(live_server.url, "not-a-token") as client:
        with pytest.raises(ApiError) as info:
            client.login(live_server.mac)
    assert info.value.unauthorized
    assert "凭证" in info.value.msg


def test_closed_port_is_unreachable() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with VisitorcsClient(f"http://127.0.0.1:{port}", "t", connect_timeout=0.5) as client:
        with pytest.raises(ApiUnreachable) as info:
            client.login("AA:BB:CC:DD:EE:01")
    assert "无法连接服务器" in str(info.value)


def _client(handler) -> VisitorcsClient:
    return VisitorcsClient("http://visitorcs.test", "tok", transport=httpx.MockTransport(handler))


def test_envelope_data_is_returned_and_bearer_sent() -> None:
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["auth"] = request.headers.get("authorization")
        seen["query"] = dict(request.url.params)
        return httpx.Response(200, json={"code": "0", "msg": "success", "data": {"loginResult": "0"}})

    assert _client(handler).login("AA:BB") == {"loginResult": "0"}
    assert seen == {"auth": "Bearer tok", "query": {"clientMacAddress": "AA:BB"}}


@pytest.mark.parametrize(
    "response, kind",
    [
        (httpx.Response(200, json={"code": "422", "msg": "黑名单人员，禁止登记", "data": None}), ApiError),
        (httpx.Response(403, json={"code": "403", "msg": "授权已过期", "data": None}), ApiError),
        (httpx.Response(404, text="not found"), ApiError),
        (httpx.Response(500, json={"code": "500", "msg": "boom", "data": None}), ApiUnreachable),
        (httpx.Response(502, text="<html>bad gateway</html>"), ApiUnreachable),
        (httpx.Response(200, text="<html>captive portal</html>"), ApiUnreachable),
    ],
)
def test_error_kinds(response: httpx.Response, kind: type[Exception]) -> None:
    with pytest.raises(kind):
        _client(lambda request: response).sign_out("x")


def test_refusal_keeps_the_servers_message() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(422, json={"code": "422", "msg": "黑名单人员，禁止登记", "data": None})

    with pytest.raises(ApiError) as info:
        _client(handler).register({"orderId": "x", "name": "张伟"})
    assert (info.value.code, info.value.msg, info.value.http_status) == ("422", "黑名单人员，禁止登记", 422)


def test_timeout_is_unreachable() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(ApiUnreachable):
        _client(handler).purposes()


def test_register_sends_json_with_array_as_comma_list_and_sign_out_is_a_form() -> None:
    bodies = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append((request.url.path, request.headers["content-type"], request.content.decode()))
        return httpx.Response(200, json={"code": "0", "msg": "success", "data": {}})

    client = _client(handler)
    client.register({"orderId": "o1", "privilegeGroupIds": ["a", "b"]})
    client.sign_out("o1")
    assert bodies[0][0].endswith("/clientService/order/register")
    assert bodies[0][1] == "application/json"
    assert '"privilegeGroupIds":"a,b"' in bodies[0][2].replace(" ", "")
    assert bodies[1][1] == "application/x-www-form-urlencoded"
    assert bodies[1][2] == "orderId=o1"


def test_every_read_endpoint_answers_over_real_http(api: VisitorcsClient, live_server) -> None:
    from server.demo import EMPLOYEE_CARD

    assert api.login(live_server.mac)["loginResult"] == "0"
    assert api.sys_time()["sysTime"]
    assert api.black_list(1, 10)["total"] >= 1
    assert api.note_admission()["status"] in ("0", "1")
    assert "phItems" in api.ph_config()
    assert api.scene_config()
    assert api.purposes()["list"] and api.work_units()["list"] and api.privilege_groups()["list"]
    assert api.field_configuration()
    staff = api.person_by_card(EMPLOYEE_CARD)
    assert staff["name"]
    assert api.person_face(staff["personId"])["personId"] == staff["personId"]
    assert "list" in api.valid_visitors(staff["personId"])
    keys = api.qr_keys()
    assert keys and {"kid", "publicKey"} <= set(keys[0])
    assert api.visitor_info("total", 1, 5)["pageNo"] == 1


def test_operator_login_and_logout_over_real_http(api: VisitorcsClient) -> None:
    from kiosk.services.operators import OperatorService

    operators = OperatorService(api)
    operator = operators.login("admin", "admin123")
    assert operator.token and operator.display_name
    operators.logout()
    with pytest.raises(ApiError) as info:
        OperatorService(api).login("admin", "wrong-password")
    assert "密码" in info.value.msg


def test_auth_results_and_reissue(api: VisitorcsClient) -> None:
    import uuid

    host = api.person_query("王建国")[0]
    visit = api.register(
        {
            "orderId": str(uuid.uuid4()),
            "registerType": "1",
            "name": "凭证测试",
            "phoneNum": "13600005555",
            "purpose": "参观",
            "beVisitPersonId": host["personId"],
        }
    )
    assert api.auth_result(visit["orderId"]) is not None
    api.auth_result_download(visit["orderId"])
    api.sign_out(visit["orderId"])
