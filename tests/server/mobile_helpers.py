"""Playing the mobile channels over HTTP as their clients do: sessions from the bundled identity
layer's message login (the SMS code read from the bundled notification sender, where a real site's
SMS gateway would deliver it), times in the forms' formats, and the kiosk's side of a visit."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from fastapi.testclient import TestClient

WECHAT = "/webapi/visitorcs/ui/v1/wechat"
MP_VISITOR = WECHAT + "/visitor"
MP_HOST = WECHAT + "/beVisitor"
MA_MY = WECHAT + "/miniapp/my"
MA_VISITOR = WECHAT + "/miniapp/visitor"
MA_HOST = WECHAT + "/miniapp/bevisitor"
WC = WECHAT + "/wecom"
WC_HOST = WECHAT + "/wecom/bevisitor"
WC_VISITOR = WECHAT + "/wecom/visitor"
KIOSK = "/webapi/visitorcs/api/v1/clientService/"
SITE_TZ = ZoneInfo("Asia/Shanghai")
VISITOR_PHONE = "13912345678"
OTHER_PHONE = "13711112222"
_CODE = re.compile(r"验证码为 (\d{6})")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def deliver(app: FastAPI) -> list[Any]:
    """Run the notification worker once (tests run without background workers); what it sent."""
    app.state.notifier.run_once()
    return list(app.state.notifier.sender.sent)


def sms_code(app: FastAPI, phone: str) -> str:
    """The newest login code the bundled sender delivered to `phone`."""
    texts = [m.text for m in deliver(app) if m.recipient == phone and m.kind == "sms_code"]
    assert texts, f"no login code was sent to {phone}"
    found = _CODE.search(texts[-1])
    assert found, texts[-1]
    return found.group(1)


def login(client: TestClient, app: FastAPI, path: str = MP_VISITOR + "/visitor/msg/login", **who: str) -> str:
    """The message login's two steps: ask for a code, then trade the code for a session."""
    first = client.post(path, json=who)
    assert first.status_code == 200, first.text
    assert first.json()["data"]["isAllowLogin"] == "0", first.json()
    phone = who.get("phoneNum") or ""
    if not phone:  # the code went to the appointment's or the employee's phone
        phone = app.state.notifier.sender.sent[-1].recipient if app.state.notifier.sender.sent else ""
        deliver(app)
        phone = app.state.notifier.sender.sent[-1].recipient
    second = client.post(path, json={**who, "smsCode": sms_code(app, phone)})
    assert second.status_code == 200, second.text
    data = second.json()["data"]
    assert data["isAllowLogin"] == "1" and data["token"], data
    return data["token"]


def visitor_session(client: TestClient, app: FastAPI, phone: str = VISITOR_PHONE) -> dict[str, str]:
    return bearer(login(client, app, phoneNum=phone))


def host_session(client: TestClient, app: FastAPI, person_id: str) -> dict[str, str]:
    return bearer(login(client, app, type="person", personId=person_id))


def minute(dt: datetime) -> str:
    """ "yyyy-MM-dd HH:mm" in the site's zone, as the mini-program's time picker sends."""
    return dt.astimezone(SITE_TZ).strftime("%Y-%m-%d %H:%M")


def window(start_in: timedelta = timedelta(minutes=-5), hours: float = 4) -> tuple[datetime, datetime]:
    now = datetime.now(UTC)
    return now + start_in, now + start_in + timedelta(hours=hours)


def ok(response: Any) -> Any:
    """The data of a 200 {code "0"} answer (the test fails with the server's words otherwise)."""
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["code"] == "0", body
    return body["data"]


def refused(response: Any, status: int | None = None) -> str:
    """A refusal: 4xx with a non-"0" code and words; its words."""
    assert 400 <= response.status_code < 500, response.text
    if status is not None:
        assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] != "0" and body["msg"], body
    return body["msg"]


def issued_sessions(
    app: FastAPI, host_id: str | None = None, phone: str = VISITOR_PHONE
) -> dict[str, dict[str, str]]:
    """A visitor's and a host's session as an administrator issues them (`visitorcs-server mobile
    session`), for tests that call many routes (no SMS round, no login throttle)."""
    from sqlmodel import select

    from server.models import Person
    from server.services import mobile_login

    db, sessions = app.state.db, app.state.callers.sessions
    if host_id is None:
        with db.read() as s:
            host_id = s.exec(select(Person.person_id).limit(1)).one()
    return {
        "visitor": bearer(mobile_login.issue_session(db, sessions, phone=phone)),
        "host": bearer(mobile_login.issue_session(db, sessions, person_id=host_id)),
    }


def mobile_caller(path: str) -> str | None:
    """Who calls a mobile route: "host" (the approval side), "visitor", or None (not a mobile route)."""
    if "/ui/v1/wechat/" not in path:
        return None
    visitor_side = path.endswith(("/invitation/accepting", "/preview", "/msg/login"))
    if ("/beVisitor/" in path or "/bevisitor/" in path or "/wecom/my/" in path) and not visitor_side:
        return "host"
    return "visitor"
