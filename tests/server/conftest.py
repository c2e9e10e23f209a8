"""Shared fixtures of the server tests: an app on a fresh database (SQLite always,
PostgreSQL too when VISITORCS_TEST_POSTGRES_URL is set), a TestClient, a kiosk token."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from server import kiosks
from server.app import create_app
from server.settings import Settings

POSTGRES_ENV = "VISITORCS_TEST_POSTGRES_URL"
KIOSK_MAC = "AA:BB:CC:00:00:01"
KIOSK_NAME = "大厅访客机"


def _postgres_url_with_fresh_schema(base: str) -> tuple[str, str]:
    """A new PostgreSQL schema per test, so parallel runs (and engineers) never share tables."""
    schema = "t_" + uuid.uuid4().hex[:16]
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}", schema


def _drop_schema(base: str, schema: str) -> None:
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the test runs on; the PostgreSQL half needs VISITORCS_TEST_POSTGRES_URL."""
    if request.param == "postgres" and not os.environ.get(POSTGRES_ENV):
        pytest.skip("set VISITORCS_TEST_POSTGRES_URL to run on PostgreSQL")
    return request.param


@pytest.fixture
def database_url(backend: str, tmp_path) -> Iterator[str]:
    """A fresh, empty database for this test (migrated when the app starts)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'visitorcs.sqlite3'}"
        return
    base = os.environ[POSTGRES_ENV]
    url, schema = _postgres_url_with_fresh_schema(base)
    try:
        yield url
    finally:
        _drop_schema(base, schema)


@pytest.fixture
def settings(tmp_path, database_url: str) -> Settings:
    return Settings.build(tmp_path / "data", database_url, run_workers=False)


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    """The server on a fresh database, workers off (tests call worker ticks themselves)."""
    return create_app(settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A TestClient inside the app's lifespan (schema migrated, disposed afterwards)."""
    with TestClient(app) as c:
        yield c


@pytest.fixture
def db(app: FastAPI, client: TestClient):
    """The app's Database (after migration), for seeding and asserting."""
    return app.state.db


@pytest.fixture
def kiosk_token(app: FastAPI, client: TestClient) -> str:
    return kiosks.add(app.state.db, mac=KIOSK_MAC, name=KIOSK_NAME)


@pytest.fixture
def auth(kiosk_token: str) -> dict[str, str]:
    """Headers of the calling kiosk (KIOSK_MAC)."""
    return {"Authorization": f"Bearer {kiosk_token}"}


@pytest.fixture
def other_auth(app: FastAPI, client: TestClient) -> dict[str, str]:
    """Headers of a second kiosk (another MAC), for cross-kiosk cases."""
    token = kiosks.add(app.state.db, mac="AA:BB:CC:00:00:02", name="二号访客机")
    return {"Authorization": f"Bearer {token}"}


# --- seed data of the visit tests -------------------------------------------------------------
VALID_ID = "11010519491231002X"  # a check-digit-correct resident ID number
VALID_ID_2 = "440524198001010013"


def id_with_check(first17: str) -> str:
    """A resident ID number with the correct ISO 7064 check digit for `first17`."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


class VisitSite:
    """What `visit_site` seeded: ids the tests refer to."""

    dept_id = "dept-rd"
    host_id = "person-zhang"
    host2_id = "person-li"
    default_group = "group-default"
    lab_group = "group-lab"
    offline_group = "group-offline"
    black_id = id_with_check("11010119900307777")
    black_phone = "13900000000"


@pytest.fixture
def visit_site(db) -> VisitSite:
    """A department with two hosts, privilege groups with access devices (one offline), a blacklist."""
    return seed_visit_site(db)


def seed_visit_site(db) -> VisitSite:
    from server.models import AccessDevice, Blacklist, Department, Person, PrivilegeGroup

    s = VisitSite()
    with db.write() as session:
        session.add(Department(id=s.dept_id, name="研发中心", path_name="总部/研发中心"))
        session.flush()
        session.add(
            Person(
                person_id=s.host_id, name="张伟", pinyin="zw", phone="13800000001", organization_id=s.dept_id
            )
        )
        session.add(
            Person(
                person_id=s.host2_id, name="李娜", pinyin="ln", phone="13800000002", organization_id=s.dept_id
            )
        )
        session.add(
            PrivilegeGroup(
                privilege_group_id=s.default_group, privilege_group_name="访客基本权限组", is_default=True
            )
        )
        session.add(PrivilegeGroup(privilege_group_id=s.lab_group, privilege_group_name="实验室"))
        session.add(PrivilegeGroup(privilege_group_id=s.offline_group, privilege_group_name="地下车库"))
        session.flush()
        session.add(
            AccessDevice(
                device_id="dev-gate",
                privilege_group_id=s.default_group,
                device_desc="大门闸机",
                card_types="2,3,5",
            )
        )
        session.add(
            AccessDevice(
                device_id="dev-lab", privilege_group_id=s.lab_group, device_desc="实验室门禁", card_types="3"
            )
        )
        session.add(
            AccessDevice(
                device_id="dev-garage",
                privilege_group_id=s.offline_group,
                device_desc="车库门禁（离线）",
                card_types="3",
            )
        )
        session.add(
            Blacklist(name="黑名单人员", identity_num=s.black_id, phone_num=s.black_phone, reason="测试")
        )
    return s
