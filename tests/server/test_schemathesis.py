"""Property-based check of every operation (client visits and reference data, offline
synchron, pictures, eits login, health) against the app's own OpenAPI document
(`/v3/api-docs`): no 5xx, every status, content type and body as documented, and 405 with
`Allow` for methods an operation does not have.

Bounded (12 examples per operation, ~40 s on two cores) for CI; the live run with more
examples is the command in docs/server.md."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip(
    "schemathesis", reason="schemathesis is a test extra: pip install schemathesis"
)
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import checks  # noqa: E402

from server import demo, kiosks  # noqa: E402
from server.app import create_app  # noqa: E402
from server.settings import Settings  # noqa: E402

MAX_EXAMPLES = int(os.environ.get("VISITORCS_SCHEMATHESIS_EXAMPLES", "12"))

_state: dict = {}


def _app():
    if "app" not in _state:
        tmp = Path(tempfile.mkdtemp(prefix="visitorcs-schemathesis-"))
        app = create_app(Settings.build(tmp, run_workers=False))
        client = TestClient(app)
        client.__enter__()  # migrate once; _close() ends it at exit
        demo.seed_if_empty(app.state.db, app.state.settings)
        token = kiosks.add(app.state.db, mac="AA:BB:CC:00:00:01", name="schemathesis")
        _state.update(app=app, client=client, headers={"Authorization": f"Bearer {token}"}, tmp=tmp)
    return _state["app"]


def _close() -> None:
    if "client" in _state:
        _state["client"].__exit__(None, None, None)
        shutil.rmtree(_state["tmp"], ignore_errors=True)
        _state.clear()


# schemathesis needs the app when the module is collected (its pytest fixture loader does
# not work with this pytest); the app is torn down at interpreter exit, also when deselected.
atexit.register(_close)


schema = schemathesis.openapi.from_asgi("/v3/api-docs", _app())


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_document(case):
    _app()
    case.call_and_validate(
        headers=_state["headers"],
        checks=[
            checks.not_a_server_error,
            checks.status_code_conformance,
            checks.content_type_conformance,
            checks.response_schema_conformance,
            checks.unsupported_method,
        ],
    )


def test_every_reference_in_the_document_resolves():
    """Schemathesis skips (silently, in CI) what hangs off a dangling $ref, e.g. companions."""
    _app()
    doc = _state["client"].get("/v3/api-docs").json()
    refs: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.add(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc["paths"])
    walk(doc.get("components", {}))
    schemas = doc.get("components", {}).get("schemas", {})
    dangling = sorted(r for r in refs if r.removeprefix("#/components/schemas/") not in schemas)
    assert dangling == []
    companions = doc["paths"]["/webapi/visitorcs/api/v1/clientService/order/register"]["post"]["requestBody"]
    assert "companions" in companions["content"]["application/json"]["schema"]["properties"]
