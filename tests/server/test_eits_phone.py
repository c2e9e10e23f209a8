"""The rest of the eits login group: phone verify codes through the pluggable SMS sender, password
reset by phone code, password change and phone binding while logged in, phone status; operators
disabled from the CLI cannot log in."""

from __future__ import annotations

import re

import pytest

from server import operators
from visitorcs.login_proof import client_proof, new_verifier

EITS = "/webapi/visitorcs/eits"
NAME, PASSWORD, PHONE = "desk", "Desk-pass-1", "13812345678"
CHEAP = {"name": "argon2id", "timeCost": 1, "memoryCost": 1024, "parallelism": 1, "length": 32}


class Captured:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        self.sent.append((phone, text))

    def code(self) -> str:
        return re.search(r"\d{6}", self.sent[-1][1]).group(0)


@pytest.fixture
def sms(app, client) -> Captured:
    app.state.sms_sender = Captured()
    operators.add(app.state.db, NAME, PASSWORD, phone=PHONE)
    return app.state.sms_sender


def _post(client, path: str, body: dict, token: str | None = None, status: int = 200) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    r = client.post(EITS + path, json=body, headers=headers)
    assert r.status_code == status, (path, r.status_code, r.text)
    return r.json()


def _login(client, password: str = PASSWORD, status: int = 200) -> dict:
    ch = _post(client, "/login/challengeCode", {"name": NAME, "type": 0})["data"]
    return _post(
        client,
        "/login",
        {"name": NAME, "codeId": ch["codeId"], "password": client_proof(password, ch, NAME), "type": 0},
        status=status,
    )


def test_password_reset_by_phone_code(client, sms) -> None:
    sent = _post(client, "/login/phone/verifyCode", {"phone": "+86 138-1234-5678", "type": 0})["data"]
    assert sms.sent and sms.sent[-1][0] == PHONE and set(sent) == {"verifyCodeId", "expiresIn"}
    _post(client, "/login/phone/checkCode", {"phone": PHONE, "code": "000000", "type": 0}, status=400)
    checked = _post(client, "/login/phone/checkCode", {"phone": PHONE, "code": sms.code(), "type": 0})["data"]
    assert checked == {"verifyCodeId": sent["verifyCodeId"], "valid": True}
    new = new_verifier("Brand-new-2", CHEAP | {"timeCost": 2, "memoryCost": 19456})
    _post(client, "/login/changePwd", {"codeId": sent["verifyCodeId"], "verifyCode": sms.code(), **new})
    assert _login(client, "Brand-new-2")["data"]["token"]
    _login(client, PASSWORD, status=401)
    # one-time: the same code again is refused
    _post(
        client,
        "/login/changePwd",
        {"codeId": sent["verifyCodeId"], "verifyCode": sms.code(), **new},
        status=400,
    )


def test_unknown_phones_and_names_look_the_same_and_nothing_is_sent(client, sms) -> None:
    a = _post(client, "/login/phone/verifyCode", {"phone": "13900000001", "type": 0})["data"]
    b = _post(client, "/login/verifyCode", {"name": "nobody", "type": 0})["data"]
    assert set(a) == set(b) == {"verifyCodeId", "expiresIn"} and sms.sent == []
    _post(client, "/login/phone/checkCode", {"phone": "13900000001", "code": "123456", "type": 0}, status=400)
    _post(client, "/login/verifyCode", {"name": NAME, "type": 0})
    assert sms.sent[-1][0] == PHONE
    # one code per phone a minute
    _post(client, "/login/phone/verifyCode", {"phone": PHONE, "type": 0}, status=429)


def test_wrong_codes_are_counted(client, sms) -> None:
    sent = _post(client, "/login/phone/verifyCode", {"phone": PHONE, "type": 0})["data"]
    for _ in range(5):
        _post(client, "/login/phone/checkCode", {"phone": PHONE, "code": "999999", "type": 0}, status=400)
    new = new_verifier("Another-pass-3")
    _post(
        client,
        "/login/changePwd",
        {"codeId": sent["verifyCodeId"], "verifyCode": sms.code(), **new},
        status=400,
    )


def test_logged_in_change_password_bind_phone_and_status(client, sms) -> None:
    token = _login(client)["data"]["token"]
    assert _post(client, "/login/phone/status", {"phoneNo": PHONE}, token)["data"] == {
        "phoneNo": "138****5678",
        "bound": "1",
        "matches": "1",
    }
    _post(client, "/login/user/phone/verifyCode", {"phoneNo": "13700001111"}, token)
    assert sms.sent[-1][0] == "13700001111"
    ch = _post(client, "/login/challengeCode", {"name": NAME, "type": 0})["data"]
    _post(
        client,
        "/login/user/phone/checkCode",
        {
            "codeId": ch["codeId"],
            "oldPwd": client_proof(PASSWORD, ch, NAME),
            "phoneNo": "13700001111",
            "verifyCode": sms.code(),
        },
        token,
    )
    assert _post(client, "/login/phone/status", {}, token)["data"]["phoneNo"] == "137****1111"
    ch = _post(client, "/login/challengeCode", {"name": NAME, "type": 0})["data"]
    new = new_verifier("Changed-pass-4")
    _post(
        client,
        "/login/user/pwd/update",
        {"codeId": ch["codeId"], "oldPwd": "00" * 32, "newPwd": new["password"], "salt": new["salt"]},
        token,
        status=401,
    )
    ch = _post(client, "/login/challengeCode", {"name": NAME, "type": 0})["data"]
    _post(
        client,
        "/login/user/pwd/update",
        {
            "codeId": ch["codeId"],
            "oldPwd": client_proof(PASSWORD, ch, NAME),
            "newPwd": new["password"],
            "salt": new["salt"],
        },
        token,
    )
    _post(client, "/login/phone/status", {}, token, status=401)  # every session ended
    assert _login(client, "Changed-pass-4")["data"]["token"]


def test_disabled_operators_cannot_log_in(app, client, sms) -> None:
    token = _login(client)["data"]["token"]
    operators.set_disabled(app.state.db, NAME, True)
    _post(client, "/login/phone/status", {}, token, status=401)
    _login(client, status=403)
    operators.set_disabled(app.state.db, NAME, False)
    assert _login(client)["data"]["token"]


def test_the_bundled_sender_writes_to_the_log(app, client, caplog) -> None:
    operators.add(app.state.db, "logged", PASSWORD, phone="13811112222")
    with caplog.at_level("WARNING", logger="server.verify_codes"):
        _post(client, "/login/verifyCode", {"name": "logged", "type": 0})
    assert re.search(r"SMS to 138\*+2222: .*\d{6}", caplog.text)
