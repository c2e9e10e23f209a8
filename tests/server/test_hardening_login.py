"""Operator login: the decoy salt of unknown names was a public formula of the name (compare the
salts, learn which names exist), and five wrong answers locked any operator out for 15 minutes,
again and again, with a 429 that confirmed the name. Now the decoy is keyed by a server secret
(0600 in the data dir), failures are counted per (client, name) with a backoff, and one client's
attempts are rate-limited whatever the name."""

from __future__ import annotations

import base64
import hashlib
import stat

from fastapi.testclient import TestClient

from server import operators
from server.app import create_app
from server.settings import Settings
from visitorcs import login_proof

EITS = "/webapi/visitorcs/eits/"


def challenge(client, name: str) -> dict:
    r = client.post(EITS + "login/challengeCode", json={"name": name, "type": 0})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def attempt(client, name: str, password: str):
    ch = challenge(client, name)
    proof = login_proof.client_proof(password, ch, name)
    return client.post(
        EITS + "login", json={"name": name, "codeId": ch["codeId"], "password": proof, "type": 0}
    )


def test_the_decoy_salt_is_not_a_public_formula(client, settings, tmp_path, database_url):
    old_formula = hashlib.sha256(b"visitorcs-unknown-operator:ghost").digest()[:16]
    salt = challenge(client, "ghost")["salt"]
    assert salt == challenge(client, "ghost")["salt"]  # stable: asking twice reveals nothing
    assert base64.b64decode(salt) != old_formula
    secret = settings.data_dir / "keys" / "login_decoy.key"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    # another server (another secret) answers another salt for the same unknown name
    other = Settings.build(
        tmp_path / "other-data", f"sqlite:///{tmp_path / 'other.sqlite3'}", run_workers=False
    )
    with TestClient(create_app(other)) as c2:
        assert challenge(c2, "ghost")["salt"] != salt


def test_known_and_unknown_names_answer_alike(app, client):
    operators.add(app.state.db, "frontdesk", "s3cret-Pass")
    known, unknown = challenge(client, "frontdesk"), challenge(client, "ghost")
    assert known["kdf"] == unknown["kdf"] and set(known) == set(unknown)
    assert len(base64.b64decode(known["salt"])) == len(base64.b64decode(unknown["salt"])) == 16
    answers = []
    for name in ("frontdesk", "ghost"):
        statuses = [attempt(client, name, "wrong-guess") for _ in range(operators.FREE_FAILURES + 1)]
        answers.append([(r.status_code, r.json()["msg"].split("请")[0]) for r in statuses])
    assert answers[0] == answers[1]  # the same words and statuses, 429 included: no name is confirmed
    assert answers[0][-1][0] == 429


def test_a_stranger_cannot_lock_the_real_person_out(app, client):
    operators.add(app.state.db, "frontdesk", "s3cret-Pass")
    for _ in range(operators.FREE_FAILURES + 3):
        attempt(client, "frontdesk", "guess")
    assert attempt(client, "frontdesk", "s3cret-Pass").status_code == 429  # the guesser waits
    with TestClient(app, client=("192.0.2.10", 50123)) as desk:  # the real person, at the desk
        assert attempt(desk, "frontdesk", "s3cret-Pass").status_code == 200


def test_one_client_is_rate_limited_whatever_the_names(app):
    with TestClient(app, client=("198.51.100.7", 40000)) as flood:
        codes = [
            flood.post(EITS + "login/challengeCode", json={"name": f"n{i}", "type": 0}).status_code
            for i in range(operators.CLIENT_PER_MINUTE + 1)
        ]
    assert codes[:-1] == [200] * operators.CLIENT_PER_MINUTE and codes[-1] == 429
    with TestClient(app, client=("198.51.100.8", 40000)) as other:
        assert other.post(EITS + "login/challengeCode", json={"name": "n", "type": 0}).status_code == 200


def test_operator_add_lifts_every_backoff_for_the_name(app, client):
    operators.add(app.state.db, "frontdesk", "s3cret-Pass")
    for _ in range(operators.FREE_FAILURES + 1):
        attempt(client, "frontdesk", "guess")
    operators.add(app.state.db, "frontdesk", "n3w-Pass-word")
    assert attempt(client, "frontdesk", "n3w-Pass-word").status_code == 200
