"""Property-based check of every operation (client visits and reference data, offline
synchron, pictures, eits login, health) against the app's own OpenAPI document
(`/v3/api-docs`): no 5xx, every status, content type and body as documented, and 405 with
`Allow` for methods an operation does not have.

Bounded (12 examples per operation, ~40 s on two cores) for CI; the live run with more
examples is the command in docs/server.md."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import pytest

schemathesis = pytest.importorskip(
    "schemathesis", reason="schemathesis is a test extra: pip install schemathesis"
)
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis import checks  # noqa: E402

from server import demo, kiosks  # noqa: E402
from server.app import create_app  # noqa: E402
from server.settings import Settings  # noqa: E402
from tests.server.mobile_helpers import issued_sessions, mobile_caller  # noqa: E402

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
        _state["callers"] = _callers(app, client)
    return _state["app"]


def _callers(app, client) -> dict[str, dict[str, str]]:  # noqa: ANN001
    """The platform's credential (feeds, queries, staff web) and an operator's session (eits'
    logged-in routes), so the new operations are exercised past their authentication."""
    from server import integrations, operators
    from visitorcs.login_proof import client_proof

    platform = integrations.add(app.state.db, "schemathesis", "default")
    cheap = {"name": "argon2id", "timeCost": 1, "memoryCost": 1024, "parallelism": 1, "length": 32}
    operators.add(app.state.db, "fuzz-desk", "Fuzz-pass-1", kdf=cheap)
    ch = client.post("/webapi/visitorcs/eits/login/challengeCode", json={"name": "fuzz-desk"}).json()["data"]
    proof = client_proof("Fuzz-pass-1", ch, "fuzz-desk")
    login = client.post(
        "/webapi/visitorcs/eits/login", json={"name": "fuzz-desk", "codeId": ch["codeId"], "password": proof}
    )
    return {
        "platform": {"Authorization": f"Bearer {platform}", "projectId": "default"},
        "operator": {"Authorization": f"Bearer {login.json()['data']['token']}"},
        **issued_sessions(app),  # the mobile channels' visitor and host
    }


def headers_for(path: str, kiosk: dict[str, str], callers: dict[str, dict[str, str]]) -> dict[str, str]:
    """Who calls `path`: the platform (feeds, queries, staff web), an operator (eits' logged-in
    routes), a visitor's or a host's session (the mobile channels), else the kiosk."""
    if "/clientService/" in path:
        return kiosk
    if (who := mobile_caller(path)) is not None:
        return callers[who]
    if "/rpc/v1/" in path or "/ui/v1/" in path or "/api/v1/" in path:
        return callers["platform"]
    if "/eits/login/user/" in path or path.endswith("/phone/status"):
        return callers["operator"]
    return kiosk


def _close() -> None:
    if "client" in _state:
        _state["client"].__exit__(None, None, None)
        shutil.rmtree(_state["tmp"], ignore_errors=True)
        _state.clear()


# schemathesis needs the app when the module is collected (its pytest fixture loader does
# not work with this pytest); the app is torn down at interpreter exit, also when deselected.
atexit.register(_close)


schema = schemathesis.openapi.from_asgi("/v3/api-docs", _app())


# ---- attack classes mixed into generated cases ---------------------------------------------------
# Schemathesis draws values its schemas allow; the inputs that took the server down (each a 500,
# or a stored value that broke every list later) need drawing on purpose. Each generated body and
# query is sent as drawn or with one field replaced by a value of one class below (bodies: also
# inside an offline record's data). ATTACKS counts what was sent, for docs/server.md's table.


def _deep(depth: int) -> object:
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


BODY_ATTACKS: dict[str, list[object]] = {
    "deep nesting": [_deep(200), {"a": _deep(40)}],
    "lone surrogate": ["\ud800", "a\udfffb"],
    "NUL": ["a\x00b"],
    "extreme date": [
        "9999-12-31T23:00:00Z",
        "0001-01-01T00:00:00+08:00",
        "2030-01-01T00:00:00+23:59",
        "2030-01-01T00:00:00-23:59",
        "99999999999999999",
        "1",
    ],
    "huge string": ["长" * 100_000, "A" * 600_000],
    "huge number": [1e308, 10**30, -(10**30)],
}
QUERY_ATTACKS: dict[str, list[object]] = {
    "NUL": ["a\x00b"],
    "extreme date": ["9999-12-31T23:00:00Z", "0001-01-01T00:00:00+08:00"],
    "huge string": ["A" * 3000],
    "huge number": ["9" * 40, "-" + "9" * 40],
}
TIME_FIELDS = ("endTimeISO", "startTimeISO", "clientTime")
ATTACKS: dict[str, int] = {}
STATUSES: dict[int, int] = {}  # answers by status class (2 = 2xx ...)


def _attack(case, where: str, attacks: dict[str, list[object]], extra_keys: tuple[str, ...]):
    """A strategy of `case` with one field of its body or query (or one of `extra_keys`; in an
    offline batch, of its first record's data) replaced by an attack; counted in ATTACKS."""
    value = getattr(case, where)
    keys = sorted({*value, *extra_keys})
    kinds = sorted(attacks)

    def apply(choice: tuple[str, str, int, bool]):  # noqa: ANN202
        key, kind, index, in_record = choice
        bad = attacks[kind][index % len(attacks[kind])]
        ATTACKS[kind] = ATTACKS.get(kind, 0) + 1
        out = dict(value)
        records = out.get("records")
        if in_record and isinstance(records, list) and records and isinstance(records[0], dict):
            first = dict(records[0])
            first["data"] = dict(first.get("data") or {}) | {key: bad}
            out["records"] = [first, *records[1:]]
        else:
            out[key] = bad
        setattr(case, where, out)
        return case

    return st.tuples(st.sampled_from(keys), st.sampled_from(kinds), st.integers(0, 5), st.booleans()).map(
        apply
    )


@schema.hook
def flatmap_case(context, case):  # noqa: ANN001 (schemathesis' hook signature)
    """Half the cases as drawn, the others with one value of an attack class."""
    options = [st.just(case)]
    if isinstance(case.body, dict):
        attacks = BODY_ATTACKS
        if "x-www-form-urlencoded" in (case.media_type or ""):  # what a form can carry at all
            attacks = {k: v for k, v in BODY_ATTACKS.items() if k in ("NUL", "extreme date", "huge string")}
        options.append(_attack(case, "body", attacks, TIME_FIELDS + ("name", "customf")))
    elif isinstance(case.query, dict) and case.query:
        options.append(_attack(case, "query", QUERY_ATTACKS, ()))
    return st.one_of(options)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_document(case):
    _app()
    response = case.call_and_validate(
        headers=headers_for(case.path, _state["headers"], _state["callers"]),
        checks=[
            checks.not_a_server_error,
            checks.status_code_conformance,
            checks.content_type_conformance,
            checks.response_schema_conformance,
            checks.unsupported_method,
        ],
    )
    STATUSES[response.status_code // 100] = STATUSES.get(response.status_code // 100, 0) + 1


def test_every_attack_class_was_sent():
    """After the run above (same module): attacks were drawn, and no answer was a 5xx (the check
    above fails the case first). Prints the numbers docs/server.md's table reports. (Which
    classes a dozen draws per operation reach varies: the matrix below sends every one.)"""
    if not STATUSES:
        pytest.skip("the schemathesis run was deselected")
    print(f"\nschemathesis: {sum(STATUSES.values())} cases, by status class {STATUSES}, attacks {ATTACKS}")
    assert STATUSES.get(5, 0) == 0
    assert sum(ATTACKS.values()) > 0


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


# ---- explicit extra cases: every attack class on every field of every operation -------------------
# The hook above mixes attacks into the fuzzing phase (a dozen cases per operation); this matrix
# sends each value of each class in every documented body property (JSON and, where a form can
# carry it, form) and query parameter of every operation, plus raw bodies no JSON encoder makes.

RAW_BODIES = {
    "deep nesting": [b'{"name": ' + b"[" * 2000 + b"]" * 2000 + b"}", b'{"a":' * 40 + b"1" + b"}" * 40],
    "lone surrogate": ['{"name": "\ud800"}'.encode("utf-8", "surrogatepass"), b'{"\\udc00": 1}'],
    "huge number": [b'{"name": 1e400}', b'{"name": NaN}', b'{"name": ' + b"9" * 5000 + b"}"],
}


def _documented(doc: dict, path: str, method: str) -> set[int]:
    return {int(code) for code in doc["paths"][path][method]["responses"] if code.isdigit()}


def _check(r, allowed: set[int], what: str) -> None:
    assert r.status_code < 500, (what, r.status_code, r.text[:200])
    assert r.status_code in allowed | {401, 405}, (what, r.status_code, r.text[:200])
    if r.status_code >= 400:
        body = r.json()
        assert body["code"] == str(r.status_code) and body["msg"] and body["data"] is None, (what, body)


# the matrix is long (every field of every operation, the mobile channels' 76 among them): minutes
# on a shared machine, more than the suite's default timeout
MATRIX_TIMEOUT_S = 1800


@pytest.mark.timeout(MATRIX_TIMEOUT_S)
def test_every_attack_class_on_every_field_of_every_operation():
    _app()
    _attack_matrix(_state["client"], _state["headers"], _state["callers"])


@pytest.mark.timeout(MATRIX_TIMEOUT_S)
def test_every_attack_class_on_every_field_of_every_operation_on_postgresql(tmp_path):
    """The same on PostgreSQL, whose storage refuses more (NUL in text, long index entries,
    integers beyond int8): a value that gets past the checks is a 500 here first."""
    from tests.server.conftest import POSTGRES_ENV, _drop_schema, _postgres_url_with_fresh_schema

    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip("set VISITORCS_TEST_POSTGRES_URL to run on PostgreSQL")
    url, pg_schema = _postgres_url_with_fresh_schema(base)
    try:
        app = create_app(Settings.build(tmp_path, url, run_workers=False))
        with TestClient(app) as client:
            demo.seed_if_empty(app.state.db, app.state.settings)
            token = kiosks.add(app.state.db, mac="AA:BB:CC:00:00:01", name="schemathesis")
            _attack_matrix(client, {"Authorization": f"Bearer {token}"}, _callers(app, client))
    finally:
        _drop_schema(base, pg_schema)


def _attack_matrix(client, kiosk_headers, callers) -> None:
    doc = client.get("/v3/api-docs").json()
    sent: dict[str, int] = {}
    for path, ops in doc["paths"].items():
        concrete = path.replace("{face_id}", "00000000-0000-4000-8000-000000000000").replace(
            "{component}", "db"
        )
        headers = headers_for(path, kiosk_headers, callers)
        for method, op in ops.items():
            if method == "head":  # its answers have no body to check (the GET of the probe is)
                continue
            allowed = _documented(doc, path, method)
            content = (op.get("requestBody") or {}).get("content", {})
            props = sorted((content.get("application/json", {}).get("schema") or {}).get("properties", {}))
            if content:
                for field in [*props, *TIME_FIELDS, "customf"]:
                    for kind, values in BODY_ATTACKS.items():
                        for value in values:
                            body = {field: value}
                            if path.endswith("offline/data/synchron") and field != "records":
                                body = {
                                    "records": [
                                        {"recordId": "r1", "op": "register", "orderId": "o", "data": body}
                                    ]
                                }
                            raw = json.dumps(body).encode()  # ensure_ascii: a lone surrogate as \\ud800
                            hdrs = headers | {"content-type": "application/json"}
                            _check(
                                client.request(method, concrete, content=raw, headers=hdrs),
                                allowed,
                                (path, field, kind),
                            )
                            sent[kind] = sent.get(kind, 0) + 1
                            if kind in ("NUL", "extreme date", "huge string"):
                                form = urlencode({field: value}).encode()
                                hdrs = headers | {"content-type": "application/x-www-form-urlencoded"}
                                _check(
                                    client.request(method, concrete, content=form, headers=hdrs),
                                    allowed,
                                    (path, field, kind),
                                )
                                sent[kind] += 1
                for kind, raws in RAW_BODIES.items():
                    for raw in raws:
                        hdrs = headers | {"content-type": "application/json"}
                        _check(
                            client.request(method, concrete, content=raw, headers=hdrs), allowed, (path, kind)
                        )
                        sent[kind] = sent.get(kind, 0) + 1
            for param in op.get("parameters", []):
                if param.get("in") != "query":
                    continue
                for kind, values in QUERY_ATTACKS.items():
                    for value in values:
                        r = client.request(method, concrete, params={param["name"]: value}, headers=headers)
                        _check(r, allowed | {400}, (path, param["name"], kind))
                        sent[kind] = sent.get(kind, 0) + 1
                for raw_query in (b"%ED%A0%80", b"%FF%FE"):  # an escaped surrogate, bytes that are not UTF-8
                    url = f"{concrete}?{param['name']}={raw_query.decode()}"
                    _check(
                        client.request(method, url, headers=headers), allowed | {400}, (path, "query bytes")
                    )
                    sent["lone surrogate"] = sent.get("lone surrogate", 0) + 1
    print(f"\nattack matrix: {sum(sent.values())} cases {sent}")
    assert set(sent) == set(BODY_ATTACKS) | set(QUERY_ATTACKS)
