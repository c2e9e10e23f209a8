"""Property-based check of the reference, picture and eits endpoints against the app's
own OpenAPI document (`/v3/api-docs`): no 5xx, every status and body as documented.

Bounded (a few examples per operation) so it runs in well under two minutes; the full
run over every clientService operation is the command in docs/server.md."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a test extra: pip install schemathesis")
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import checks  # noqa: E402

from server import demo, kiosks  # noqa: E402
from server.app import create_app  # noqa: E402
from server.settings import Settings  # noqa: E402

MAX_EXAMPLES = int(os.environ.get("VISITORCS_SCHEMATHESIS_EXAMPLES", "12"))
# The operations this test owns; the visits operations are covered by the same command
# in docs/server.md (their engineer owns those contracts).
OWN = (r"/clientService/(login|logOut|getSysTime|purpose|purpose/add|workUnit|save|privilegeGroup|"
       r"visitorInfo/configuration|visitorField/edition|getNoteAdmission|phConfig/info|sceneConfig|person|"
       r"personInfo/query|personFace/query|blackList|visitorGroup/judge|savePicForApp)$|/eits/")

_state: dict = {}


def _app():
    if "app" not in _state:
        tmp = Path(tempfile.mkdtemp(prefix="visitorcs-schemathesis-"))
        app = create_app(Settings.build(tmp, run_workers=False))
        client = TestClient(app)
        client.__enter__()                       # migrate once; _close() ends it at exit
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


schema = schemathesis.openapi.from_asgi("/v3/api-docs", _app()).include(path_regex=OWN)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_conforms_to_its_document(case):
    _app()
    case.call_and_validate(headers=_state["headers"], checks=[
        checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
        checks.response_schema_conformance])
