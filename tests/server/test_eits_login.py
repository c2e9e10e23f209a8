"""Operator login over eits: challenge and proof (no password on the wire), one-time
challenges, lockout after five failures, sessions stored hashed and revoked by logout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from server import operators
from server.models import Operator, OperatorChallenge, OperatorSession
from visitorcs import login_proof

EITS = "/webapi/visitorcs/eits/"
NAME, PASSWORD = "frontdesk", "s3cret-Pass"


@pytest.fixture
def operator(app, client):
    operators.add(app.state.db, NAME, PASSWORD, display_name="前台小王")
    return app.state.db


def challenge(client, name: str = NAME) -> dict:
    r = client.post(EITS + "login/challengeCode", json={"name": name, "type": 0})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def attempt(client, password: str, name: str = NAME, ch: dict | None = None):
    ch = ch or challenge(client, name)
    proof = login_proof.client_proof(password, ch, name)
    return client.post(
        EITS + "login", json={"name": name, "codeId": ch["codeId"], "password": proof, "type": 0}
    ), ch


def test_login_succeeds_with_the_right_password(operator, client):
    r, ch = attempt(client, PASSWORD)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["displayName"] == "前台小王" and len(data["token"]) >= 32
    # Mutual authentication: only a server holding the verifier can produce this.
    assert data["serverSignature"] == login_proof.expected_server_signature(PASSWORD, ch, NAME)
    assert operators.session_operator(operator, data["token"]).name == NAME
    with operator.read() as s:
        stored = [row.token_hash for row in s.exec(select(OperatorSession)).all()]
    assert data["token"] not in stored and len(stored) == 1


def test_the_password_never_travels_and_is_not_stored(operator, client):
    ch1, ch2 = challenge(client), challenge(client)
    p1, p2 = login_proof.client_proof(PASSWORD, ch1, NAME), login_proof.client_proof(PASSWORD, ch2, NAME)
    assert PASSWORD not in p1 and p1 != p2  # a proof is bound to its nonce
    with operator.read() as s:
        op = s.exec(select(Operator).where(Operator.name == NAME)).one()
    assert PASSWORD not in op.password_hash and op.password_hash.startswith("SCRAM-ARGON2ID$")


def test_form_encoded_login(operator, client):
    ch = challenge(client)
    r = client.post(
        EITS + "login",
        data={
            "name": NAME,
            "codeId": ch["codeId"],
            "type": "0",
            "password": login_proof.client_proof(PASSWORD, ch, NAME),
        },
    )
    assert r.status_code == 200, r.text


def test_wrong_password_is_401(operator, client):
    r, _ = attempt(client, "wrong-password")
    assert r.status_code == 401 and r.json()["msg"] == "用户名或密码错误"


def test_a_challenge_answers_once(operator, client):
    r, ch = attempt(client, PASSWORD)
    assert r.status_code == 200
    replay = client.post(
        EITS + "login",
        json={
            "name": NAME,
            "codeId": ch["codeId"],
            "type": 0,
            "password": login_proof.client_proof(PASSWORD, ch, NAME),
        },
    )
    assert replay.status_code == 401 and "已使用" in replay.json()["msg"]


def test_a_failed_attempt_also_burns_the_challenge(operator, client):
    r, ch = attempt(client, "wrong-password")
    retry = client.post(
        EITS + "login",
        json={
            "name": NAME,
            "codeId": ch["codeId"],
            "type": 0,
            "password": login_proof.client_proof(PASSWORD, ch, NAME),
        },
    )
    assert retry.status_code == 401


def test_expired_challenge_is_refused(operator, client):
    ch = challenge(client)
    with operator.write() as s:
        row = s.get(OperatorChallenge, ch["codeId"])
        row.expires = datetime.now(UTC) - timedelta(seconds=1)
        s.add(row)
    r, _ = attempt(client, PASSWORD, ch=ch)
    assert r.status_code == 401 and "过期" in r.json()["msg"]


def test_challenge_is_bound_to_the_name(operator, client):
    operators.add(operator, "other", "other-pass")
    ch = challenge(client, "other")
    r = client.post(
        EITS + "login",
        json={
            "name": NAME,
            "codeId": ch["codeId"],
            "type": 0,
            "password": login_proof.client_proof(PASSWORD, ch, NAME),
        },
    )
    assert r.status_code == 401


def test_five_failures_make_this_client_wait_not_the_operator(app, operator, client):
    """Per (client, name): the guesser backs off, the real person at another desk logs in."""
    for i in range(operators.FREE_FAILURES - 1):
        assert attempt(client, f"bad-{i}")[0].status_code == 401
    fifth, _ = attempt(client, "bad-5")
    assert fifth.status_code == 401
    waiting, _ = attempt(client, PASSWORD)  # this client now waits, even with the right password
    assert waiting.status_code == 429 and "秒后再试" in waiting.json()["msg"]
    from fastapi.testclient import TestClient

    with TestClient(app, client=("10.0.0.9", 40000)) as desk:
        assert attempt(desk, PASSWORD)[0].status_code == 200
    from server.models import LoginThrottle

    with operator.write() as s:
        row = s.exec(select(LoginThrottle)).one()
        row.blocked_until = datetime.now(UTC) - timedelta(seconds=1)
        s.add(row)
    assert attempt(client, PASSWORD)[0].status_code == 200


def test_the_backoff_grows_and_is_capped():
    assert operators.backoff(operators.FREE_FAILURES - 1) == timedelta(0)
    assert operators.backoff(operators.FREE_FAILURES) == timedelta(seconds=30)
    assert operators.backoff(operators.FREE_FAILURES + 2) == timedelta(minutes=2)
    assert operators.backoff(100) == operators.MAX_BACKOFF == timedelta(minutes=15)


def test_success_resets_the_failure_count(operator, client):
    for i in range(operators.FREE_FAILURES - 1):
        attempt(client, f"bad-{i}")
    assert attempt(client, PASSWORD)[0].status_code == 200
    for i in range(operators.FREE_FAILURES - 1):
        assert attempt(client, f"bad-{i}")[0].status_code == 401


def test_unknown_names_look_like_known_ones(operator, client):
    a, b = challenge(client, "nobody"), challenge(client, "nobody")
    assert a["salt"] == b["salt"] and a["kdf"] == challenge(client)["kdf"]
    r, _ = attempt(client, "whatever", name="nobody")
    assert r.status_code == 401 and r.json()["msg"] == "用户名或密码错误"


def test_logout_revokes_the_session(operator, client):
    token = attempt(client, PASSWORD)[0].json()["data"]["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post(EITS + "logout", headers=headers).json()["code"] == "0"
    assert operators.session_operator(operator, token) is None
    assert client.post(EITS + "logout", headers=headers).status_code == 401
    assert client.post(EITS + "logout").status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": NAME},
        {"name": NAME, "codeId": "x"},
        {"name": NAME, "codeId": "x", "password": "zz"},
        {"name": 3, "type": 0},
    ],
)
def test_malformed_login_is_4xx(operator, client, body):
    r = client.post(EITS + "login", json=body)
    assert r.status_code in (400, 401) and r.json()["code"] == str(r.status_code)


def test_non_hex_proof_counts_as_a_failure(operator, client):
    ch = challenge(client)
    r = client.post(
        EITS + "login", json={"name": NAME, "codeId": ch["codeId"], "password": "not-hex", "type": 0}
    )
    assert r.status_code == 401


def test_challenge_needs_a_name(client):
    assert client.post(EITS + "login/challengeCode", json={"type": 0}).status_code == 400
    assert (
        client.post(
            EITS + "login/challengeCode", content=b"nope", headers={"Content-Type": "application/json"}
        ).status_code
        == 400
    )


def test_simultaneous_answers_to_one_challenge_log_in_once(operator, client):
    """The same proof sent twice at once (a replay racing the original): one session."""
    import threading

    ch = challenge(client)
    proof = login_proof.client_proof(PASSWORD, ch, NAME)
    barrier, outcomes = threading.Barrier(4), []

    def answer() -> None:
        barrier.wait()
        try:
            operators.login(operator, NAME, ch["codeId"], proof, b"k" * 32)
            outcomes.append("ok")
        except Exception as exc:  # noqa: BLE001
            outcomes.append(getattr(exc, "status", repr(exc)))

    threads = [threading.Thread(target=answer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes, key=str) == [401, 401, 401, "ok"]
