"""Bad inputs to the reference endpoints are refused with a 4xx envelope whose message
names the problem, never a 500; business rules of the catalogues and look-ups hold."""

from __future__ import annotations

import json
from datetime import UTC

import pytest

from server import demo

BASE = "/webapi/visitorcs/api/v1/clientService/"


@pytest.fixture
def site(app, client, settings):
    demo.seed_if_empty(app.state.db, settings)
    return app.state.db


def refused(r, status: int, *words: str) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["code"] == str(status) and body["data"] is None
    for w in words:
        assert w in body["msg"], body["msg"]
    return body


BAD_PAGES = [
    ({}, "pageNo"),
    ({"pageNo": 1}, "pageSize"),
    ({"pageNo": 0, "pageSize": 10}, "pageNo"),
    ({"pageNo": "x", "pageSize": 10}, "pageNo"),
    ({"pageNo": 1, "pageSize": 1001}, "pageSize"),
    ({"pageNo": 1, "pageSize": -1}, "pageSize"),
    ({"pageNo": 2147483647, "pageSize": 1000}, "pageNo"),
]


@pytest.mark.parametrize("suffix", ["purpose", "workUnit", "privilegeGroup", "blackList"])
def test_bad_paging_is_400_naming_the_field(client, auth, suffix):
    # One app per endpoint, every bad page against it: a fresh database per case costs seconds.
    for params, field in BAD_PAGES:
        refused(client.get(BASE + suffix, params=params, headers=auth), 400, field)


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("GET", "purpose?pageNo=1&pageSize=1"),
        ("GET", "sceneConfig"),
        ("POST", "getSysTime"),
        ("POST", "savePicForApp"),
        ("GET", "person?cardNo=1"),
    ],
)
def test_every_endpoint_wants_a_kiosk_token(client, method, suffix):
    refused(client.request(method, BASE + suffix), 401)
    refused(client.request(method, BASE + suffix, headers={"Authorization": "Bearer nope"}), 401)


@pytest.mark.parametrize("suffix", ["purpose/add", "save", "visitorField/edition", "savePicForApp"])
def test_malformed_bodies_are_400(client, auth, suffix):
    headers = {**auth, "Content-Type": "application/json"}
    refused(client.post(BASE + suffix, content=b"{not json", headers=headers), 400, "JSON")
    refused(client.post(BASE + suffix, content=b"[1, 2]", headers=headers), 400)
    refused(client.post(BASE + suffix, json={}, headers=auth), 400, "缺少必填参数")
    refused(client.post(BASE + suffix, content=b"\xff\xfe", headers=headers), 400)


def test_wrong_types_are_400(client, auth):
    refused(client.post(BASE + "purpose/add", json={"purposeDesc": 5}, headers=auth), 400, "purposeDesc")
    refused(client.post(BASE + "purpose/add", json={"purposeDesc": "   "}, headers=auth), 400, "不能为空")
    refused(client.post(BASE + "purpose/add", json={"purposeDesc": "长" * 51}, headers=auth), 400, "50")
    refused(client.post(BASE + "save", json={"unitDesc": ["a"]}, headers=auth), 400, "unitDesc")
    refused(
        client.post(BASE + "visitorField/edition", json={"paraId": "x", "optionList": 3}, headers=auth), 400
    )


def test_purpose_add_is_idempotent_by_words(site, client, auth):
    first = client.post(BASE + "purpose/add", json={"purposeDesc": "  培训 "}, headers=auth).json()["data"]
    again = client.post(BASE + "purpose/add", data={"purposeDesc": "培训"}, headers=auth).json()["data"]
    assert first["purposeId"] == again["purposeId"] and first["purposeDesc"] == "培训"
    listed = client.get(BASE + "purpose", params={"pageNo": 1, "pageSize": 100}, headers=auth).json()["data"]
    assert [p["purposeDesc"] for p in listed["list"]].count("培训") == 1
    assert listed["total"] == len(demo.PURPOSES) + 1


def test_work_unit_save_then_listed(client, auth):
    r = client.post(BASE + "save", json={"unitDesc": "绍兴明达机械厂", "unitId": "u-1"}, headers=auth)
    assert r.json()["data"]["unitId"] == "u-1"
    units = client.get(BASE + "workUnit", params={"pageNo": 1, "pageSize": 10}, headers=auth).json()["data"]
    assert [u["unitDesc"] for u in units["list"]] == ["绍兴明达机械厂"]


def test_privilege_groups_default_flag_and_name_filter(site, client, auth):
    data = client.get(BASE + "privilegeGroup", params={"pageNo": 1, "pageSize": 10}, headers=auth).json()[
        "data"
    ]
    flags = {g["privilegeGroupName"]: g["isDefault"] for g in data["list"]}
    assert flags["访客基本权限组"] == "0" and flags["车辆访客权限组"] == "1"  # spec: 0 = default
    only = client.get(
        BASE + "privilegeGroup", params={"pageNo": 1, "pageSize": 10, "name": "车辆"}, headers=auth
    ).json()["data"]
    assert only["total"] == 1 and only["list"][0]["privilegeGroupName"] == "车辆访客权限组"


def test_field_edition_adds_options_to_a_select_only(site, client, auth):
    fields = {
        f["paraKey"]: f for f in client.get(BASE + "visitorInfo/configuration", headers=auth).json()["data"]
    }
    kind = fields["customg"]
    assert kind["showType"] == "2" and [o["text"] for o in json.loads(kind["dataValue"])] == [
        "贵宾",
        "普通",
        "供应商",
    ]
    r = client.post(
        BASE + "visitorField/edition",
        json={"paraId": kind["paraId"], "optionList": '["VIP","贵宾"]'},
        headers=auth,
    )
    assert r.status_code == 200, r.text
    fields = {
        f["paraKey"]: f for f in client.get(BASE + "visitorInfo/configuration", headers=auth).json()["data"]
    }
    assert [o["text"] for o in json.loads(fields["customg"]["dataValue"])] == [
        "贵宾",
        "普通",
        "供应商",
        "VIP",
    ]
    client.post(
        BASE + "visitorField/edition",
        data={"paraId": kind["paraId"], "optionList": "外包,临时"},
        headers=auth,
    )
    fields = {
        f["paraKey"]: f for f in client.get(BASE + "visitorInfo/configuration", headers=auth).json()["data"]
    }
    assert [o["text"] for o in json.loads(fields["customg"]["dataValue"])][-2:] == ["外包", "临时"]
    refused(
        client.post(
            BASE + "visitorField/edition", json={"paraId": "no-such", "optionList": ["a"]}, headers=auth
        ),
        404,
    )
    refused(
        client.post(
            BASE + "visitorField/edition",
            json={"paraId": fields["customf"]["paraId"], "optionList": ["a"]},
            headers=auth,
        ),
        422,
        "不是下拉框",
    )
    refused(
        client.post(
            BASE + "visitorField/edition",
            json={"paraId": kind["paraId"], "optionList": "[oops"},
            headers=auth,
        ),
        400,
        "optionList",
    )


def test_custom_fields_are_configured(site, client, auth):
    fields = {
        f["paraKey"]: f for f in client.get(BASE + "visitorInfo/configuration", headers=auth).json()["data"]
    }
    assert fields["customf"]["paraName"] == "随身物品" and fields["customf"]["showType"] == "1"
    assert fields["phoneNum"]["required"] == "true" and fields["phoneNum"]["regular"]
    orders = [int(f["disOrder"]) for f in fields.values()]
    assert orders == sorted(orders)


def test_note_admission_hides_words_when_switched_off(site, client, auth):
    on = client.get(BASE + "getNoteAdmission", headers=auth).json()["data"]
    assert on["status"] == "1" and on["title"] and on["content"]
    from server.reference.common import put_json

    with site.write() as s:
        put_json(s, "noteAdmission", {"status": "0", "title": "secret", "content": "secret"})
    off = client.get(BASE + "getNoteAdmission", headers=auth).json()["data"]
    assert off == {"status": "0", "title": "", "content": ""}


def test_person_by_card(site, client, auth):
    r = client.get(BASE + "person", params={"cardNo": "04:a2:2b:6a"}, headers=auth)
    assert r.json()["data"]["name"] == "王建国" and r.json()["data"]["orgPathName"] == "总部/行政部"
    refused(
        client.get(BASE + "person", params={"cardNo": demo.FREE_VISITOR_CARD}, headers=auth), 404, "04B1C2D3"
    )
    refused(client.get(BASE + "person", headers=auth), 400, "cardNo")


def test_person_search_is_fuzzy_masked_and_bounded(site, client, auth):
    def names(q: str) -> list[str]:
        r = client.get(BASE + "personInfo/query", params={"queryInfo": q}, headers=auth)
        assert r.status_code == 200, r.text
        return [p["name"] for p in r.json()["data"]]

    assert names("") == [] and names("   ") == []
    assert "张伟" in names("张") and "张伟" in names("zw")
    hit = client.get(BASE + "personInfo/query", params={"queryInfo": "13800130002"}, headers=auth).json()[
        "data"
    ]
    assert [p["name"] for p in hit] == ["张伟"] and hit[0]["phone"] == "138****0002"
    assert names("%") == [] and names("_") == []  # LIKE wildcards are literal
    refused(client.get(BASE + "personInfo/query", params={"queryInfo": "x" * 51}, headers=auth), 400)


def test_person_face(site, client, auth):
    host = client.get(BASE + "person", params={"cardNo": demo.EMPLOYEE_CARD}, headers=auth).json()["data"]
    data = client.get(BASE + "personFace/query", params={"personId": host["personId"]}, headers=auth).json()[
        "data"
    ]
    assert data["faceUrl"].endswith(".jpg")
    img = client.get(data["faceUrl"], headers=auth)
    assert img.status_code == 200 and img.content[:3] == b"\xff\xd8\xff"
    refused(client.get(data["faceUrl"]), 401)  # photos need a kiosk token
    refused(client.get(BASE + "personFace/query", params={"personId": "nobody"}, headers=auth), 404)
    refused(
        client.get(
            BASE + "personFace/query",
            params={"personId": host["personId"], "orgIndexCode": "other"},
            headers=auth,
        ),
        404,
    )
    refused(client.get(BASE + "personFace/query", headers=auth), 400, "personId")


def test_blacklist_judge(site, client, auth):
    def judge(**params) -> dict:
        r = client.get(BASE + "visitorGroup/judge", params=params, headers=auth)
        assert r.status_code == 200, r.text
        return r.json()["data"]

    hit = judge(identityNum=demo.BLACKLIST_TEST_ID)
    assert hit["isRefuseRegister"] == "1" and hit["name"] == demo.BLACKLIST_TEST_NAME
    assert judge(phoneNum=demo.BLACKLIST_TEST_PHONE)["isRefuseRegister"] == "1"
    assert judge(identityNum="110105199001011240", phoneNum="13500000000")["isRefuseRegister"] == "0"
    refused(client.get(BASE + "visitorGroup/judge", headers=auth), 400, "至少")
    page = client.get(BASE + "blackList", params={"pageNo": 1, "pageSize": 1000}, headers=auth).json()["data"]
    assert demo.BLACKLIST_TEST_ID in [b["identityNum"] for b in page["list"]]


def test_unknown_route_and_method(client, auth):
    refused(client.get(BASE + "nope", headers=auth), 404)
    refused(client.delete(BASE + "purpose", headers=auth), 405)


def test_kiosks_adding_the_same_purpose_at_once_all_succeed(app, client):
    """Eight kiosks add "培训" together: one row, every caller gets it (no unique-key 500)."""
    import threading

    from server.reference import catalog

    db, results, errors = app.state.db, [], []
    barrier = threading.Barrier(8)

    def add() -> None:
        barrier.wait()
        try:
            results.append(catalog.add_purpose(db, "培训", None, UTC)["purposeId"])
        except Exception as exc:  # noqa: BLE001 - the test reports whatever escaped
            errors.append(exc)

    threads = [threading.Thread(target=add) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors and len(results) == 8 and len(set(results)) == 1
