"""`visitorcs-server`'s subcommands act on the database the top-level options name: a token
printed by `--data-dir X kiosk add` belongs to X's database, whichever side of the subcommand
the option stands on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from server import cli, kiosks, licence, operators
from server.db import Database, resolve_url
from visitorcs import login_proof

MAC = "AA:BB:CC:00:00:77"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main(list(argv)) == 0
    return capsys.readouterr().out.strip()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return tmp_path / "site"


def _db(site: Path) -> Database:
    return Database(resolve_url(None, site))


@pytest.mark.parametrize("before", [True, False])
def test_kiosk_add_and_revoke_use_the_data_dir_given(site, capsys, before: bool) -> None:
    where = ["--data-dir", str(site)]
    args = (
        [*where, "kiosk", "add", "--mac", MAC, "--name", "大厅"]
        if before
        else ["kiosk", "add", *where, "--mac", MAC, "--name", "大厅"]
    )
    token = run(capsys, *args).splitlines()[-1]
    db = _db(site)
    try:
        assert kiosks.token_valid(db, MAC, token)
        run(capsys, *where, "kiosk", "revoke", "--mac", MAC)
        assert not kiosks.token_valid(db, MAC, token)
    finally:
        db.dispose()


def test_operator_add_uses_the_data_dir_given(site, capsys) -> None:
    run(capsys, "--data-dir", str(site), "operator", "add", "--name", "前台", "--password", "s3cret-Pass")
    db = _db(site)
    try:
        ch = operators.challenge(db, "前台", b"k" * 32)
        proof = login_proof.client_proof("s3cret-Pass", ch, "前台")
        assert operators.login(db, "前台", ch["codeId"], proof, b"k" * 32)["token"]
    finally:
        db.dispose()


def test_licence_set_and_show_use_the_data_dir_given(site, tmp_path, capsys) -> None:
    shown = json.loads(
        run(capsys, "--data-dir", str(site), "licence", "set", "--max-kiosks", "3", "--expires", "2030-01-31")
    )
    assert shown == {"maxKiosks": 3, "expires": "2030-01-31"}
    db = _db(site)
    try:
        assert licence.read(db) == shown
    finally:
        db.dispose()
    other = tmp_path / "elsewhere"
    assert json.loads(run(capsys, "--data-dir", str(other), "licence", "show")) != shown


def test_migrate_brings_the_schema_up_and_says_so(site, capsys) -> None:
    where = ["--data-dir", str(site)]
    first = run(capsys, *where, "migrate")
    assert first.startswith("schema (empty database) -> ")
    head = first.rsplit("-> ", 1)[1]
    assert run(capsys, *where, "migrate") == f"schema {head}: up to date"
    db = _db(site)
    try:
        from server import migrate

        assert migrate.applied_revisions(db) == migrate.script_heads() == {head}
    finally:
        db.dispose()


def test_mobile_session_prints_a_host_session_the_server_accepts(site, capsys) -> None:
    """docs/api-notes.md: a host without a phone gets a session from an administrator."""
    from fastapi.testclient import TestClient

    from server.app import create_app
    from server.models import Department, Person
    from server.settings import Settings

    app = create_app(Settings.build(site, run_workers=False))
    with TestClient(app) as client:
        with app.state.db.write() as s:
            s.add(Department(id="d1", name="行政部", path_name="行政部"))
            s.flush()
            s.add(Person(person_id="p-no-phone", name="无手机员工", pinyin="wsjyg", organization_id="d1"))
        token = run(capsys, "--data-dir", str(site), "mobile", "session", "--person-id", "p-no-phone")
        headers = {"Authorization": f"Bearer {token.splitlines()[-1]}"}
        r = client.post(
            "/webapi/visitorcs/ui/v1/wechat/miniapp/bevisitor/order/examine/log/doing",
            headers=headers,
            json={"pageNo": 1, "pageSize": 10},
        )
        assert r.status_code == 200 and r.json()["data"]["total"] == 0, r.text
    assert cli.main(["--data-dir", str(site), "mobile", "session", "--person-id", "nobody"]) == 2
    assert "员工不存在" in capsys.readouterr().err
