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
