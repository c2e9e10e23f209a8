"""The same kind of site pushed through the platform's feeds (14_对外接口) instead of files, on
SQLite and PostgreSQL: 10,000 persons, privilege groups, the field configuration and the notice
pushed in and seen by a kiosk's next refresh (its own client, over HTTP); changes and deletions
too; every visit exported with order/sync while registrations keep coming in, nothing missed or
repeated; statuses pushed back; the visitor queries (01) within the project."""

from __future__ import annotations

import json
import threading
import uuid

import pytest

from tests.server.conftest import id_with_check
from tests.server.golive_helpers import RPC, Platform, admin
from tests.sync.live import LiveServer
from visitorcs.client import VisitorcsClient

MAC = "AA:BB:CC:40:50:60"
PERSONS = 10_000
BATCH = 1000


def _person(n: int) -> dict:
    return {
        "personIndexCode": f"P{n:05d}",
        "personName": f"员工{n:05d}",
        "orgName": f"平台集团/事业部{n % 7}",
        "phone": f"135{n:08d}",
        "cardNo": f"C{n:07X}",
        "sex": n % 3,
        "personStatus": 0,
    }


@pytest.fixture
def site(tmp_path, database_url, capsys):
    data = tmp_path / "site"
    admin(
        capsys,
        data,
        database_url,
        "init",
        "--name",
        "平台园区",
        "--project-id",
        "PJ9",
        "--operator",
        "admin",
        "--password",
        "Pj9-admin-pass",
    )
    token = admin(capsys, data, database_url, "integration", "add", "--name", "isc").splitlines()[-1]
    kiosk_token = admin(
        capsys, data, database_url, "kiosk", "add", "--mac", MAC, "--name", "东门"
    ).splitlines()[-1]
    with LiveServer(data, database_url=database_url) as server:
        platform = Platform(server.url, token, "PJ9")
        kiosk = VisitorcsClient(server.url, kiosk_token, mac=MAC, read_timeout=60)
        try:
            yield server, platform, kiosk, kiosk_token
        finally:
            kiosk.close()
            platform.close()


def test_the_feeds_need_their_credential_and_project(site) -> None:
    server, platform, _kiosk, kiosk_token = site
    http = platform.http
    url = "/webapi/visitorcs/api/v1/privilege/sync"
    assert http.post(url, json=[]).status_code == 401
    assert (
        http.post(
            url, json=[], headers={"Authorization": f"Bearer {kiosk_token}", "projectId": "PJ9"}
        ).status_code
        == 401
    )
    no_header = {"Authorization": platform.headers["Authorization"]}
    r = http.post(url, json=[], headers=no_header)
    assert r.status_code == 400 and r.json()["code"] == "400"
    r = http.post(url, json=[], headers=platform.headers | {"projectId": "OTHER"})
    assert r.status_code == 403
    r = http.post(RPC + "/visitor/expected/count", json={"projectId": "OTHER"}, headers=platform.headers)
    assert r.status_code == 403
    assert http.post(url, json=[], headers=platform.headers).json()["code"] == "0"


def test_a_site_through_the_feeds_seen_by_the_kiosk(site) -> None:
    _server, platform, kiosk, _t = site
    platform.post(
        "/privilege/sync",
        [
            {"groupId": "g-base", "groupName": "访客组", "isDefault": "0", "status": 0, "disorder": 1},
            {"groupId": "g-lab", "groupName": "实验室", "isDefault": "1", "status": 0, "disorder": 2},
        ],
    )
    platform.post(
        "/field/sync",
        [
            {
                "paraId": "f-name",
                "paraKey": "name",
                "paraName": "姓名",
                "showType": "1",
                "required": "0",
                "display": "0",
                "readOnly": "1",
                "disorder": 1,
            },
            {
                "paraId": "f-purpose",
                "paraKey": "purpose",
                "paraName": "来访事由",
                "showType": "2",
                "required": "0",
                "dataValue": '[{"text":"商务","value":1},{"text":"面试","value":2}]',
                "disorder": 2,
            },
            {
                "paraId": "f-kind",
                "paraKey": "customg",
                "paraName": "访客类型",
                "showType": "2",
                "required": "1",
                "display": "0",
                "customOption": "贵宾,普通",
                "disorder": 3,
                "hint": "选择类型",
            },
        ],
    )
    platform.post(
        "/config/park/notice/sync",
        {
            "docking": "isc",
            "parkStatus": "1",
            "parkTitle": "须知",
            "parkNotice": "请登记",
            "productId": "",
            "projectId": "PJ9",
        },
    )
    refused_total = []
    for start in range(0, PERSONS, BATCH):
        batch = [_person(n) for n in range(start, start + BATCH)]
        if start == 0:
            batch[5]["phone"] = "12"  # one bad row: refused alone
        answer = platform.post("/person/syncPersonInfos", batch)
        refused_total += answer["data"]
    assert refused_total == ["P00005"]

    # the kiosk's next refresh reads what the feeds wrote
    found = kiosk.person_query("员工09999")
    assert [p["personId"] for p in found] == ["P09999"] and found[0]["orgPathName"] == "平台集团/事业部3"
    assert kiosk.person_by_card("c00026f0")["personId"] == "P09968"
    assert kiosk.person_query("员工00005") == []
    groups = kiosk.privilege_groups()["list"]
    assert [(g["privilegeGroupId"], g["isDefault"]) for g in groups] == [("g-base", "0"), ("g-lab", "1")]
    fields = {f["paraKey"]: f for f in kiosk.field_configuration()}
    assert fields["name"]["required"] == "true" and fields["name"]["readOnly"] == "false"
    assert fields["customg"]["required"] == "false" and '"贵宾"' in fields["customg"]["dataValue"]
    assert {p["purposeDesc"] for p in kiosk.purposes()["list"]} >= {"商务", "面试"}
    assert kiosk.note_admission() == {"status": "1", "title": "须知", "content": "请登记"}

    # changes and deletions by status -1 show up at the next refresh too; the same push twice changes nothing
    answer = platform.post(
        "/privilege/sync",
        [
            {"groupId": "g-lab", "status": -1},
            {"groupId": "g-base", "groupName": "访客组", "isDefault": "0", "disorder": 1},
        ],
    )
    assert answer["data"]["deleted"] == 1 and answer["data"]["unchanged"] == 1
    assert [g["privilegeGroupId"] for g in kiosk.privilege_groups()["list"]] == ["g-base"]
    platform.post(
        "/person/syncPersonInfos", [dict(_person(7), personStatus=-1), dict(_person(8), personName="改名者")]
    )
    assert kiosk.person_query("员工00007") == [] and kiosk.person_query("改名者")[0]["personId"] == "P00008"
    platform.post("/field/sync", [{"paraId": "f-kind", "status": -1}])
    assert "customg" not in {f["paraKey"] for f in kiosk.field_configuration()}
    again = platform.post("/person/syncPersonInfos", [_person(n) for n in range(100, 200)])
    assert again["data"] == [] and again["msg"] == "success"
    info = platform.post("/privilege/info", None, base="/webapi/visitorcs/ui/v1")
    assert [g["groupId"] for g in info["data"]] == ["g-base"] and info["data"][0]["select"] is True


def _register(kiosk: VisitorcsClient, n: int) -> str:
    order_id = str(uuid.uuid4())
    kiosk.register(
        {
            "orderId": order_id,
            "registerType": "1",
            "name": f"访客{n}",
            "identityNum": id_with_check(f"3301061990{n % 12 + 1:02d}01{n % 900 + 100:03d}"),
            "phoneNum": f"1360000{n:04d}",
            "purpose": "参观",
        }
    )
    return order_id


def test_orders_exported_while_registrations_come_in(site) -> None:
    _server, platform, kiosk, _t = site
    registered: list[str] = []
    done = threading.Event()
    errors: list[BaseException] = []

    def registrations() -> None:
        try:
            for n in range(60):
                registered.append(_register(kiosk, n))
                if n % 10 == 9:
                    kiosk.sign_out(registered[n - 5])  # changes to earlier orders while the consumer reads
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            done.set()

    seen: dict[str, dict] = {}
    numbers: list[int] = []
    last = 0

    def pull() -> int:
        nonlocal last
        page = platform.post("/order/sync", {"disorder": last, "pageNo": 1, "pageSize": 7})["data"]
        for item in page["list"]:
            assert item["disorder"] > last, (item["disorder"], last)
            numbers.append(item["disorder"])
            seen[item["orderId"]] = item
            last = item["disorder"]
        return len(page["list"])

    thread = threading.Thread(target=registrations)
    thread.start()
    while not done.is_set():
        pull()
    thread.join()
    while pull():
        pass
    assert not errors, errors
    assert numbers == sorted(set(numbers))  # strictly increasing: nothing repeated
    assert set(seen) == set(registered)  # nothing missed
    signed_out = {registered[n - 5] for n in range(60) if n % 10 == 9}
    assert {oid for oid, item in seen.items() if item["status"] == 6} == signed_out
    one = seen[registered[0]]
    assert (
        one["visitorName"] == "访客0" and one["visitorPhoneNum"] == "13600000000" and one["projectId"] == ""
    )

    # statuses the platform decides: a departure applies, an arrival of a closed visit is refused
    on_site = next(oid for oid in registered if oid not in signed_out)
    answer = platform.post(
        "/order/status/sync",
        [
            {"orderId": on_site, "status": 6},
            {"orderId": next(iter(signed_out)), "status": 8},
            {"orderId": "nope", "status": 6},
        ],
    )["data"]
    assert answer["applied"] == 1 and [r["key"] for r in answer["refused"]] == ["#2", "#3"]
    item = platform.post("/order/sync", {"disorder": last, "pageNo": 1, "pageSize": 10})["data"]["list"]
    assert [(i["orderId"], i["status"]) for i in item] == [(on_site, 6)]
    last = item[0]["disorder"]

    # the queries (01): counts, openId backfill, and deletion on the visitor's request, in the project
    body = {"projectId": "PJ9"}
    assert platform.post("/visitor/register/count", body, base=RPC)["data"] == 60
    assert platform.post("/visitor/expected/count", body, base=RPC)["data"] == 0
    assert platform.post("/client/login/info/num", body, base=RPC)["data"] == 0
    kiosk.login(MAC)
    assert platform.post("/client/login/info/num", body, base=RPC)["data"] == 1
    updated = platform.post(
        "/visitor/order/update", {**body, "visitorPhone": "13600000000", "visitorOpenId": "oid-0"}, base=RPC
    )
    assert updated["data"] == {"updated": 1}
    found = platform.post("/visitor/info", {**body, "visitorOpenId": "oid-0", "isDel": "1"}, base=RPC)["data"]
    assert found == [{"productId": "", "projectId": "PJ9", "visitorOpenId": "oid-0", "visitorUserId": ""}]
    r = platform.http.post(RPC + "/visitor/info", json={**body, "isDel": "0"}, headers=platform.headers)
    assert r.status_code == 400  # deleting needs the visitor's openId
    deleted = platform.post("/visitor/info", {**body, "visitorOpenId": "oid-0", "isDel": "0"}, base=RPC)
    was_signed_out = registered[0] in signed_out or registered[0] == on_site
    assert deleted["msg"].startswith("已删除 1" if was_signed_out else "已删除 0")
    tail = platform.post("/order/sync", {"disorder": last, "pageNo": 1, "pageSize": 10})["data"]["list"]
    if was_signed_out:
        assert [(i["orderId"], i["status"]) for i in tail] == [(registered[0], -1)]


def test_the_file_sites_data_through_the_feeds_and_a_kiosk_registration(site) -> None:
    """test_golive_site's site (its employees, groups, purposes and notice) pushed through the
    feeds instead of imported from files, then a registration driven by the kiosk's client: the
    host, the default group and the purpose come from what the feeds pushed."""
    from tests.server.test_golive_site import SHEETS, VISITOR_ID

    _server, platform, kiosk, _t = site
    sex = {"男": 1, "女": 2, "": 0}
    persons = [
        {
            "personIndexCode": r[0],
            "personName": r[1],
            "orgName": r[2],
            "phone": r[3],
            "cardNo": r[4],
            "sex": sex[r[5]],
        }
        for r in SHEETS["员工"][1:]
    ]
    answer = platform.post("/person/syncPersonInfos", persons)
    assert answer["data"] == ["XH003"]  # no name: refused, as the file's row 4 was
    groups = [
        {"groupId": r[0], "groupName": r[1], "isDefault": "0" if r[2] == "是" else "1", "remark": r[3]}
        for r in SHEETS["权限组"][1:]
    ]
    platform.post("/privilege/sync", groups)
    purposes = [{"text": r[0], "value": n} for n, r in enumerate(SHEETS["来访事由"][1:], start=1)]
    platform.post(
        "/field/sync",
        [{"paraKey": "purpose", "paraName": "来访事由", "showType": "2", "dataValue": json.dumps(purposes)}],
    )
    status, title, content = SHEETS["入园须知"][1]
    platform.post(
        "/config/park/notice/sync", {"parkStatus": status, "parkTitle": title, "parkNotice": content}
    )

    assert kiosk.login(MAC)["loginResult"] == "0"
    assert [h["personId"] for h in kiosk.person_query("oym")] == ["XH001"]
    assert kiosk.person_by_card("0a:0b:0c:0d")["name"] == "欧阳明"
    assert [(g["privilegeGroupId"], g["isDefault"]) for g in kiosk.privilege_groups()["list"]] == [
        ("xh-basic", "0"),
        ("xh-lab", "1"),
    ]
    assert {p["purposeDesc"] for p in kiosk.purposes()["list"]} >= {"技术交流", "供应商送货"}
    assert kiosk.note_admission() == {"status": "1", "title": "星河园区须知", "content": "请佩戴访客证"}
    order_id = str(uuid.uuid4())
    visit = kiosk.register(
        {
            "orderId": order_id,
            "registerType": "1",
            "name": "来访者",
            "identityId": "111",
            "identityNum": VISITOR_ID,
            "phoneNum": "13600000001",
            "beVisitPersonId": "XH001",
            "purpose": "技术交流",
            "defaultPrivilegeFlag": "1",
        }
    )
    assert visit["orderId"] == order_id and visit["status"] == "8"
    assert visit["beVisitPersonName"] == "欧阳明" and visit["privilegeGroupIds"] == "xh-basic"
    # and the platform sees it come back through order/sync
    page = platform.post("/order/sync", {"disorder": 0, "pageNo": 1, "pageSize": 10})["data"]["list"]
    assert [(i["orderId"], i["beVisitorPersonId"], i["visitorPrivilegeGroupIds"]) for i in page] == [
        (order_id, "XH001", "xh-basic")
    ]
