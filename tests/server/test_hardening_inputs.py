"""Inputs an attacker sends, each class refused at its root with a 4xx in words, never a 500 and
never a stored value that breaks a list later: deep JSON, lone surrogates and NUL (bodies and
query strings, every route), times out of any visit's range (online, edit, offline per record),
rows stored before the rules (the renderer), oversized fields and lists, inline picture data.

Where storage matters (NUL, long values in indexed columns, stored times) the tests run on
SQLite and PostgreSQL (`client`/`auth` fixtures); the per-route tables share one SQLite server."""

from __future__ import annotations

import json
import tempfile
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from server import kiosks
from server.app import create_app
from server.models import SyncRecord, Visit
from server.services import offline_sync
from server.settings import Settings
from tests.server.conftest import KIOSK_MAC, VALID_ID, seed_visit_site
from tests.server.hardening_helpers import upload_picture
from tests.server.mobile_helpers import issued_sessions, mobile_caller
from tests.server.test_offline_sync import record, sync, walk_in_data

API = "/webapi/visitorcs/api/v1/clientService/"
EITS = "/webapi/visitorcs/eits/"
JSON = {"content-type": "application/json"}


_CALLERS: dict[str, dict[str, str]] = {}  # the platform's and an operator's headers (see _as)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    from server import integrations, operators

    app = create_app(Settings.build(tmp_path_factory.mktemp("hardening"), run_workers=False))
    with TestClient(app) as client:
        token = kiosks.add(app.state.db, mac=KIOSK_MAC, name="大厅访客机")
        seed_visit_site(app.state.db)
        platform = integrations.add(app.state.db, "platform", "default")
        _CALLERS["platform"] = {"Authorization": f"Bearer {platform}", "projectId": "default"}
        operators.add(
            app.state.db,
            "desk",
            "Desk-pass-1",
            kdf={"name": "argon2id", "timeCost": 1, "memoryCost": 1024, "parallelism": 1, "length": 32},
        )
        from visitorcs.login_proof import client_proof

        ch = client.post(EITS + "login/challengeCode", json={"name": "desk", "type": 0}).json()["data"]
        session = client.post(
            EITS + "login",
            json={
                "name": "desk",
                "codeId": ch["codeId"],
                "password": client_proof("Desk-pass-1", ch, "desk"),
            },
        ).json()["data"]["token"]
        _CALLERS["operator"] = {"Authorization": f"Bearer {session}"}
        _CALLERS.update(issued_sessions(app))  # the mobile channels' visitor and host
        yield app, client, {"Authorization": f"Bearer {token}"}


def _as(path: str, kiosk: dict[str, str]) -> dict[str, str]:
    """Who calls `path`: the platform (feeds, queries, staff web), an operator (eits' logged-in
    routes), a visitor's or a host's session (the mobile channels), else the kiosk."""
    if "/clientService/" in path:
        return kiosk
    if (who := mobile_caller(path)) is not None:
        return _CALLERS[who]
    if "/rpc/v1/" in path or "/ui/v1/" in path or "/api/v1/" in path:
        return _CALLERS["platform"]
    if "/eits/login/user/" in path or path.endswith("/phone/status"):
        return _CALLERS["operator"]
    return kiosk


def _routes(method: str) -> list[str]:
    """Every operation of the API document with `method` (the document lists them all)."""
    app = create_app(Settings.build(tempfile.mkdtemp(prefix="visitorcs-routes-"), run_workers=False))
    paths = app.openapi()["paths"]
    return sorted(p for p, ops in paths.items() if method in ops)


def _body_routes() -> list[str]:
    # read no body: what is sent is not read, nor stored
    no_body = (
        "/eits/logout",
        "/getSysTime",
        "/privilege/info",
        "/application/health",
        "/services",
        "/getServiceDetail",
    )
    return [p for p in _routes("post") if not p.endswith(no_body)]


def _get_routes() -> list[str]:
    return [p for p in _routes("get") if "{" not in p]


def _refused(r, status: int = 400, *words: str) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["code"] == str(status) and body["data"] is None, body
    for w in words:
        assert w in body["msg"], body
    return body


# ---- 4. parser: every route that takes a body, unauthenticated ones included -------------------

DEEP = b'{"name": ' + b"[" * 2000 + b"]" * 2000 + b"}"
DEEP_OBJECTS = b'{"a":' * 40 + b"1" + b"}" * 40  # under the parser's own limit, over ours
BAD_BODIES = [
    pytest.param(DEEP, "嵌套", id="2000-deep-array"),
    pytest.param(DEEP_OBJECTS, "嵌套", id="40-deep-objects"),
    pytest.param(b'{"name": "\\ud800", "orderId": "\\ud800"}', "无效字符", id="escaped-lone-surrogate"),
    pytest.param(b'{"\\udc00": "x"}', "无效字符", id="lone-surrogate-in-a-key"),
    pytest.param('{"name": "a\ud800b"}'.encode("utf-8", "surrogatepass"), "UTF-8", id="encoded-surrogate"),
    pytest.param(b'{"name": "a\\u0000b", "code": "\\u0000"}', "无效字符", id="nul"),
    pytest.param(b'{"name": 1e400}', "JSON", id="overflowing-number"),
    pytest.param(b'{"name": NaN}', "JSON", id="nan"),
]


@pytest.mark.parametrize("path", _body_routes())
@pytest.mark.parametrize("raw, words", BAD_BODIES)
def test_bad_json_is_a_400_on_every_body_route(shared, path, raw, words):
    _app, client, auth = shared
    _refused(client.post(path, content=raw, headers=_as(path, auth) | JSON), 400, words)


@pytest.mark.parametrize("path", _body_routes())
def test_bad_form_bodies_are_400(shared, path):
    _app, client, auth = shared
    auth = _as(path, auth)
    form = {"content-type": "application/x-www-form-urlencoded"}
    _refused(client.post(path, content=b"name=a%00b", headers=auth | form), 400, "无效字符")
    _refused(client.post(path, content=b"name=a%ED%A0%80b", headers=auth | form), 400, "UTF-8")
    _refused(client.post(path, content=b"&".join(b"f%d=1" % i for i in range(300)), headers=auth | form), 400)


@pytest.mark.parametrize("path", _get_routes())
@pytest.mark.parametrize(
    "query, words",
    [("queryInfo=a%00b", "NUL"), ("queryInfo=a%ED%A0%80b", "UTF-8"), ("x=%FF", "UTF-8")],
    ids=["nul", "lone-surrogate", "not-utf8"],
)
def test_bad_query_strings_are_400_on_every_get_route(shared, path, query, words):
    _app, client, auth = shared
    _refused(client.get(f"{path}?{query}", headers=auth), 400, words)


def test_nul_and_surrogates_never_reach_the_database(client, auth, visit_site, db):
    """PostgreSQL text cannot hold NUL: it was a 500 there (and stored on SQLite)."""
    for raw in (b'{"name": "a\\u0000b"}', b'{"name": "\\ud83d"}', b'{"name": "ok", "customf": "\\u0000"}'):
        _refused(client.post(API + "order/register", content=raw, headers=auth | JSON), 400, "无效字符")
    ok = client.post(API + "order/register", content=b'{"name": "\\ud83d\\ude00"}', headers=auth | JSON)
    assert ok.status_code == 200 and ok.json()["data"]["name"] == "😀"  # a paired surrogate is text
    with db.read() as s:
        assert len(s.exec(select(Visit)).all()) == 1


# ---- 3. times ------------------------------------------------------------------------------------


def _now_plus(**delta) -> str:
    return (datetime.now(UTC) + timedelta(**delta)).isoformat()


BAD_TIMES = [
    ({"endTimeISO": "9999-12-31T23:00:00Z"}, "超出范围"),
    ({"endTimeISO": "0001-01-01T00:00:00+08:00"}, "超出范围"),
    ({"startTimeISO": "0001-01-01T00:00:00+08:00"}, "超出范围"),
    ({"startTimeISO": "1999-06-01T00:00:00+08:00"}, "超出范围"),
    ({"endTimeISO": "2100-06-01T00:00:00+08:00"}, "超出范围"),
    ({"endTimeISO": "2030-01-01T00:00:00+23:59"}, "时区偏移"),
    ({"endTimeISO": "2030-01-01T00:00:00-23:59"}, "时区偏移"),
    ({"endTimeISO": "2030-01-01T00:00:00+14:30"}, "时区偏移"),
    ({"endTimeISO": "99999999999999999"}, "超出范围"),
    ({"endTimeISO": 10**30}, "超出范围"),
    ({"endTimeISO": "1"}, "超出范围"),
    ({"endTimeISO": "x" * 41}, "过长"),
    ({"startTimeISO": "NOW", "endTimeISO": "LATER"}, "时间格式错误"),
]


@pytest.mark.parametrize("fields, words", BAD_TIMES, ids=[str(f) for f, _ in BAD_TIMES])
def test_times_out_of_any_visit_range_are_refused(shared, fields, words):
    _app, client, auth = shared
    body = {"name": "时间攻击"} | fields
    _refused(client.post(API + "order/register", json=body, headers=auth), 400, words)


def test_a_visit_ends_after_it_starts_and_within_the_longest_visit(shared):
    _app, client, auth = shared
    post = lambda body: client.post(API + "order/register", json={"name": "窗口"} | body, headers=auth)  # noqa: E731
    _refused(
        post({"startTimeISO": _now_plus(hours=5), "endTimeISO": _now_plus(hours=4)}), 400, "晚于开始时间"
    )
    _refused(post({"endTimeISO": _now_plus(days=31)}), 400, "30 天")
    _refused(post({"startTimeISO": _now_plus(days=-40), "endTimeISO": _now_plus(hours=2)}), 400, "30 天")
    assert post({"endTimeISO": _now_plus(days=29)}).json()["code"] == "0"
    listed = client.get(
        API + "visitorInfo", params={"pageNo": 1, "pageSize": 50, "visitType": "total"}, headers=auth
    )
    assert listed.status_code == 200 and listed.json()["code"] == "0"


def test_the_longest_visit_is_configurable(tmp_path, monkeypatch):
    monkeypatch.setenv("VISITORCS_MAX_VISIT_DAYS", "2")
    assert Settings.build(tmp_path / "a").max_visit == timedelta(days=2)
    assert Settings.build(tmp_path / "b", extra={"maxVisitDays": 90}).max_visit == timedelta(days=90)
    app = create_app(Settings.build(tmp_path / "c", run_workers=False))
    with TestClient(app) as client:
        auth = {"Authorization": "Bearer " + kiosks.add(app.state.db, mac=KIOSK_MAC, name="k")}
        body = {"name": "三天", "endTimeISO": _now_plus(days=3)}
        _refused(client.post(API + "order/register", json=body, headers=auth), 400, "2 天")


def test_edit_cannot_push_the_end_out_of_range(client, auth, visit_site):
    oid = client.post(API + "order/register", json={"name": "延长"}, headers=auth).json()["data"]["orderId"]
    for end, words in [
        ("9999-12-31T23:00:00Z", "超出范围"),
        (_now_plus(days=45), "30 天"),
        ("2030-01-01T00:00:00+23:59", "时区偏移"),
    ]:
        r = client.post(API + "register/edit", json={"orderId": oid, "endTimeISO": end}, headers=auth)
        _refused(r, 400, words)
    r = client.post(
        API + "register/edit", json={"orderId": oid, "endTimeISO": _now_plus(days=3)}, headers=auth
    )
    assert r.status_code == 200 and r.json()["code"] == "0"


def test_an_offline_batch_applies_its_good_records_and_rejects_the_bad_ones(client, auth, visit_site, db):
    """One record with a time out of range made the whole batch fail on every retry."""
    good1, bad_end, bad_clock, bad_offset, good2, edit_bad = (str(uuid.uuid4()) for _ in range(6))
    records = [
        record("register", good1, 1, walk_in_data()),
        record("register", bad_end, 2, walk_in_data(endTimeISO="9999-12-31T23:00:00Z")),
        dict(record("register", bad_clock, 3, walk_in_data()), clientTime="0001-01-01T00:00:00+08:00"),
        dict(record("register", bad_offset, 4, walk_in_data()), clientTime="2026-01-01T00:00:00+23:59"),
        record("register", good2, 5, walk_in_data(name="离线访客二")),
        record("edit", good1, 6, {"endTimeISO": "0001-01-01T00:00:00Z"}),
        record("signOut", good2, 7),
    ]
    first = sync(client, auth, records)["results"]
    assert [r["result"] for r in first] == [
        "applied",
        "rejected",
        "rejected",
        "rejected",
        "applied",
        "rejected",
        "applied",
    ]
    assert all(r["code"] == "400" and "超出范围" in r["msg"] or "时区" in r["msg"] for r in first[1:4])
    again = sync(client, auth, records)["results"]  # the kiosk's retry: same answers, nothing new
    assert [r["result"] for r in again] == [
        "duplicate",
        "rejected",
        "rejected",
        "rejected",
        "duplicate",
        "rejected",
        "duplicate",
    ]
    with db.read() as s:
        assert s.get(Visit, good1).status == 8 and s.get(Visit, good2).status == 6
        assert s.get(Visit, bad_end) is None and s.get(Visit, bad_clock) is None
        assert len(s.exec(select(SyncRecord)).all()) == len(records)
    listed = client.get(
        API + "visitorInfo", params={"pageNo": 1, "pageSize": 50, "visitType": "total"}, headers=auth
    )
    assert listed.status_code == 200 and listed.json()["data"]["total"] == 2


def test_a_record_that_breaks_unexpectedly_does_not_take_its_batch_down(
    client, auth, visit_site, db, monkeypatch
):
    """Defence in depth: a failure no check foresaw is that record's "retry" (kept by the kiosk),
    its neighbours are applied, and the answer is a 200."""
    real = offline_sync.register

    def fragile(session, ctx, kiosk, info, *rest):  # type: ignore[no-untyped-def]
        if info.name == "炸弹":
            raise OverflowError("date value out of range")
        return real(session, ctx, kiosk, info, *rest)

    monkeypatch.setattr(offline_sync, "register", fragile)
    ids = [str(uuid.uuid4()) for _ in range(3)]
    out = sync(
        client,
        auth,
        [
            record("register", ids[0], 1, walk_in_data(name="前")),
            record("register", ids[1], 2, walk_in_data(name="炸弹")),
            record("register", ids[2], 3, walk_in_data(name="后")),
        ],
    )["results"]
    assert [(r["result"], r["code"]) for r in out] == [("applied", "0"), ("retry", "500"), ("applied", "0")]
    with db.read() as s:
        assert s.get(Visit, ids[0]) and s.get(Visit, ids[2]) and s.get(Visit, ids[1]) is None
        assert s.get(SyncRecord, out[1]["recordId"]) is None  # not remembered: the kiosk sends it again


def test_rows_stored_before_the_rules_do_not_take_lists_down(client, auth, visit_site, db):
    """The renderer never raises on a stored value: times at datetime's ends, NaN in custom fields."""
    today = datetime.now(UTC)
    bad = {
        "far-end": dict(end_time=datetime(9999, 12, 31, 23, tzinfo=UTC)),
        "year-one": dict(
            start_time=datetime(1, 1, 1, tzinfo=UTC), register_time=datetime(1, 1, 1, 1, tzinfo=UTC)
        ),
        "nan": dict(custom=json.dumps({"customf": float("nan"), "customz": float("inf")})),
    }
    with db.write() as s:
        for name, fields in bad.items():
            defaults = dict(start_time=today, end_time=today + timedelta(hours=1), register_time=today)
            row = Visit(order_id=str(uuid.uuid4()), name=name, status=8, **(defaults | fields))
            row.visit_day = today.astimezone(visit_site_tz()).date().isoformat()
            row.sort_time = today
            s.add(row)
    r = client.get(
        API + "visitorInfo", params={"pageNo": 1, "pageSize": 50, "visitType": "total"}, headers=auth
    )
    assert r.status_code == 200, r.text
    shown = {v["name"]: v for v in r.json()["data"]["list"]}
    assert set(shown) == set(bad)
    assert shown["far-end"]["endTimeISO"].startswith("9999-12-31T23:00:00")  # in UTC: no overflow
    assert shown["nan"]["customf"] == "NaN"
    for name in bad:
        oid = shown[name]["orderId"]
        d = client.post(API + "visitor/details", json={"code": oid, "codeType": "0"}, headers=auth)
        assert d.status_code == 200 and oid in d.json()["data"], d.text


def visit_site_tz():
    from server.settings import site_tz

    return site_tz()


# ---- 9. field and list lengths -----------------------------------------------------------------

TOO_LONG = [
    ({"name": "名" * 65}, "name"),
    ({"certAddr": "址" * 201}, "certAddr"),
    ({"visitorWorkUnit": "单" * 101}, "visitorWorkUnit"),
    ({"carNumber": "京" * 33}, "carNumber"),
    ({"cardNo": "1" * 65}, "cardNo"),
    ({"visitorPhoto": "/p/" + "x" * 600}, "visitorPhoto"),
    ({"customf": "自" * 501}, "customf"),
    ({"customx": {"a": "b" * 600}}, "customx"),
    ({f"custom{i}": "x" for i in range(21)}, "自定义字段过多"),
    ({"privilegeGroupIds": [f"g{i}" for i in range(51)]}, "privilegeGroupIds"),
    ({"privilegeGroupIds": ",".join(f"g{i}" for i in range(51))}, "privilegeGroupIds"),
    ({"privilegeGroupIds": ["g" * 65]}, "privilegeGroupIds"),
    ({"companions": [{"name": "同"}] * 51}, "companions"),
    ({"companions": [{"name": "同" * 65}]}, "companions.0.name"),
]


@pytest.mark.parametrize("fields, words", TOO_LONG, ids=[w for _, w in TOO_LONG])
def test_fields_and_lists_over_their_limits_are_refused_in_words(shared, fields, words):
    _app, client, auth = shared
    r = client.post(API + "order/register", json={"name": "限长"} | fields, headers=auth)
    body = _refused(r, 400, words)
    assert "过长" in body["msg"] or "过多" in body["msg"], body


def test_long_values_never_reach_indexed_columns(client, auth, visit_site):
    """PostgreSQL's b-tree refuses index entries over ~2.7 KB: a long plate or card was a 500 there."""
    for field in ("carNumber", "cardNo", "identityNum", "phoneNum", "orderId"):
        r = client.post(API + "order/register", json={"name": "长值", field: "A" * 5000}, headers=auth)
        _refused(r, 400, field)
    r = client.post(
        API + "offline/data/synchron",
        json={"records": [record("register", str(uuid.uuid4()), 1, walk_in_data(carNumber="B" * 5000))]},
        headers=auth,
    )
    assert r.json()["data"]["results"][0]["result"] == "rejected"


def test_a_list_page_stays_small_whatever_was_registered(shared):
    """26 fields of 1.8 MB each made every visitorInfo page 45 MB: now each field is capped."""
    _app, client, auth = shared
    fat = {f: "长" * 1_800_000 for f in ("name", "certAddr", "visitorAddress", "purpose")}
    r = client.post(API + "order/register", json=fat, headers=auth)
    assert r.status_code == 413  # 4 x 5.4 MB of UTF-8: over the body limit before any field is read
    biggest = {
        "name": "长" * 64,
        "certAddr": "长" * 200,
        "visitorAddress": "长" * 200,
        "birthplace": "长" * 200,
    }
    biggest |= {f"custom{c}": "长" * 500 for c in "fghij"}
    r = client.post(API + "order/register", json=biggest, headers=auth)
    assert r.status_code == 200, r.text
    assert len(r.content) < 20_000


def test_other_bodies_have_field_limits_too(shared):
    _app, client, auth = shared
    _refused(
        client.post(API + "visitor/details", json={"code": "1" * 201, "codeType": "0"}, headers=auth),
        400,
        "code",
    )
    _refused(
        client.post(API + "visitor/details", json={"code": "1", "statusList": ["1"] * 21}, headers=auth), 400
    )
    _refused(client.post(API + "register/edit", json={"orderId": "o" * 65}, headers=auth), 400, "orderId")
    _refused(client.post(API + "signOut", json={"orderId": "o" * 65}, headers=auth), 400, "orderId")
    r = client.post(
        API + "offline/data/synchron", json={"records": [], "kioskPublicKey": "k" * 129}, headers=auth
    )
    _refused(r, 400, "kioskPublicKey")
    r = client.post(
        API + "offline/data/synchron",
        json={"records": [record("register", str(uuid.uuid4()), 1, walk_in_data()) | {"op": "x" * 17}]},
        headers=auth,
    )
    assert r.json()["data"]["results"][0]["result"] == "rejected"


# ---- 2. register fields cannot carry picture data ----------------------------------------------

INLINE = [
    "/9j/4AAQSkZJRgABAQ",
    "data:image/jpeg;base64,/9j/4AAQ",
    "iVBORw0KGgoAAAANSUhEUg",
    "R0lGODlhAQABAIAAAAAAAP",
]


@pytest.mark.parametrize("value", INLINE)
@pytest.mark.parametrize("field", ["visitorPhoto", "identityPhoto", "scanningPhoto", "companion"])
def test_picture_data_in_register_fields_is_refused(shared, field, value):
    _app, client, auth = shared
    body = {"name": "图片字段"}
    if field == "companion":
        body |= {"personNum": "2", "companions": [{"name": "同行", "visitorPhoto": value}]}
    else:
        body[field] = value
    _refused(client.post(API + "order/register", json=body, headers=auth), 400, "savePicForApp")


def test_picture_data_in_an_offline_record_is_that_records_refusal(client, auth, visit_site):
    oid, ok_id = str(uuid.uuid4()), str(uuid.uuid4())
    out = sync(
        client,
        auth,
        [
            record("register", oid, 1, walk_in_data(visitorPhoto="/9j/4AAQSkZJRgABAQ")),
            record("register", ok_id, 2, walk_in_data(visitorPhoto=upload_picture(client, auth)["faceUrl"])),
        ],
    )["results"]
    assert [r["result"] for r in out] == ["rejected", "applied"]
    assert "savePicForApp" in out[0]["msg"]


def test_references_to_our_own_pictures_are_kept(shared):
    _app, client, auth = shared
    url = upload_picture(client, auth)["faceUrl"]
    r = client.post(
        API + "order/register",
        json={"name": "有照片", "visitorPhoto": url, "identityNum": VALID_ID},
        headers=auth,
    )
    # kept as the server's own path, so it survives a change of the server's host name
    assert r.status_code == 200 and url.endswith(r.json()["data"]["visitorPhoto"])
