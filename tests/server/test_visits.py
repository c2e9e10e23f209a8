"""Visit flows end to end through HTTP: walk-in, replay, pre-booked arrival, companions,
blacklist, cards, QR look-ups, lists, privilege edits, credential results and sign-out."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import select

from server.models import AuthRecord, Visit
from tests.server.conftest import VALID_ID, VALID_ID_2
from tests.server.hardening_helpers import upload_picture
from visitorcs import qrtoken

API = "/webapi/visitorcs/api/v1/clientService/"


def walk_in(client, auth, visit_site, **fields: Any) -> dict[str, Any]:
    body = {
        "name": "张三",
        "identityNum": VALID_ID,
        "phoneNum": "13912345678",
        "beVisitPersonId": visit_site.host_id,
        "defaultPrivilegeFlag": "1",
    } | fields
    r = client.post(API + "order/register", headers=auth, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def appointment(
    db,
    visit_site,
    *,
    status: int = 1,
    start: datetime | None = None,
    end: datetime | None = None,
    name: str = "王五",
    **extra: Any,
) -> str:
    now = datetime.now(UTC)
    order_id = str(uuid.uuid4())
    with db.write() as session:
        fields = {"phone_num": "13700000009", "identity_num": VALID_ID_2} | extra
        session.add(
            Visit(
                order_id=order_id,
                register_type=2,
                status=status,
                name=name,
                be_visit_person_id=visit_site.host_id,
                start_time=start or now - timedelta(minutes=30),
                end_time=end or now + timedelta(hours=4),
                **fields,
            )
        )
    return order_id


def details(client, auth, code: str, code_type: int, **extra: Any) -> dict[str, Any]:
    r = client.post(
        API + "visitor/details", headers=auth, json={"code": code, "codeType": str(code_type)} | extra
    )
    assert r.status_code == 200, r.text
    return r.json()["data"]


# --- walk-in ------------------------------------------------------------------------------


def test_walk_in_fills_host_pinyin_times_code_and_signed_qr(client, auth, visit_site):
    v = walk_in(client, auth, visit_site, registerPlace="一号大厅")
    assert v["status"] == "8" and v["pinyin"] == "zs" and v["followFlag"] == 0
    assert (v["beVisitPersonName"], v["beVisitGroupName"], v["beVisitOrgPathName"], v["beVisitPhoneNum"]) == (
        "张伟",
        "研发中心",
        "总部/研发中心",
        "13800000001",
    )
    assert v["registerTimeISO"].endswith("+08:00") and v["registerTimeDifference"] == "+08:00"
    assert v["endTimeISO"].endswith("T23:59:59+08:00")  # default: end of today, site time
    reg = datetime.fromisoformat(v["registerTimeISO"])
    assert abs(int(v["registerTimeUTC"]) / 1000 - reg.timestamp()) < 1
    assert len(v["visitorCode"]) == 6 and v["visitorCode"].isdigit()
    assert v["qrCode"] == v["barCode"] and v["qrCode"].startswith("VC1")
    keys = client.get(API + "ext/qrKeys", headers=auth).json()["data"]["keys"]
    server_key = qrtoken.load_public_key(next(k["publicKey"] for k in keys if k["kid"] == 0))
    payload = qrtoken.verify(v["qrCode"], server_key)
    assert payload is not None and payload.order_id == v["orderId"]
    assert v["privilegeGroupIds"] == visit_site.default_group
    assert v["registerPlace"] == "一号大厅"


def test_qr_key_is_stored_private_to_the_server(client, auth, visit_site, app):
    walk_in(client, auth, visit_site)
    key = app.state.settings.data_dir / "keys" / "qr_ed25519.pem"
    assert key.exists() and key.stat().st_mode & 0o777 == 0o600


def test_client_order_id_is_the_visit_id_and_a_replay_returns_the_stored_visit(client, auth, visit_site):
    oid = str(uuid.uuid4())
    first = walk_in(client, auth, visit_site, orderId=oid)
    again = client.post(
        API + "order/register",
        headers=auth,
        json={
            "name": "张三",
            "identityNum": VALID_ID,
            "phoneNum": "13912345678",
            "beVisitPersonId": visit_site.host_id,
            "defaultPrivilegeFlag": "1",
            "orderId": oid,
        },
    )
    assert first["orderId"] == oid
    assert again.status_code == 200 and again.json()["data"]["visitorCode"] == first["visitorCode"]
    assert again.json()["data"]["qrCode"] == first["qrCode"]


def test_same_order_id_with_other_data_is_refused_in_words(client, auth, other_auth, visit_site):
    oid = str(uuid.uuid4())
    walk_in(client, auth, visit_site, orderId=oid)
    for headers in (auth, other_auth):
        r = client.post(API + "order/register", headers=headers, json={"name": "别人", "orderId": oid})
        assert r.status_code == 422 and "orderId" in r.json()["msg"], r.text


def test_blacklisted_identity_or_phone_is_refused(client, auth, visit_site):
    for fields in ({"identityNum": visit_site.black_id}, {"phoneNum": visit_site.black_phone}):
        r = client.post(API + "order/register", headers=auth, json={"name": "某人", **fields})
        assert r.status_code == 422 and r.json()["msg"] == "该访客在黑名单中，禁止登记"


def test_unknown_host_and_unknown_privilege_group_are_404(client, auth, visit_site):
    r = client.post(API + "order/register", headers=auth, json={"name": "张三", "beVisitPersonId": "nobody"})
    assert r.status_code == 404 and "被访人不存在" in r.json()["msg"]
    r = client.post(API + "order/register", headers=auth, json={"name": "张三", "privilegeGroupIds": "nope"})
    assert r.status_code == 404 and "权限组不存在" in r.json()["msg"]


@pytest.mark.parametrize("groups", [["group-lab"], '["group-lab"]', "group-lab", "group-lab,"])
def test_privilege_groups_accept_array_json_string_and_comma_string(client, auth, visit_site, groups):
    v = walk_in(client, auth, visit_site, privilegeGroupIds=groups, defaultPrivilegeFlag="0")
    assert v["privilegeGroupIds"] == visit_site.lab_group


def test_form_encoded_registration(client, auth, visit_site):
    r = client.post(
        API + "order/register",
        headers=auth,
        data={
            "name": "李雷",
            "phoneNum": "13911112222",
            "personNum": "1",
            "beVisitPersonId": visit_site.host2_id,
        },
    )
    assert r.status_code == 200 and r.json()["data"]["beVisitPersonName"] == "李娜"


def test_visitor_card_already_on_site_is_refused_until_signed_out(client, auth, visit_site):
    first = walk_in(client, auth, visit_site, cardNo="CARD-7")
    r = client.post(API + "order/register", headers=auth, json={"name": "李四", "cardNo": "CARD-7"})
    assert r.status_code == 422 and "CARD7" in r.json()["msg"] and "张三" in r.json()["msg"]
    client.post(API + "signOut", headers=auth, params={"orderId": first["orderId"]})
    assert (
        walk_in(client, auth, visit_site, name="李四", cardNo="CARD-7", identityNum="", phoneNum="")[
            "tempCard"
        ]
        == "CARD7"
    )


def test_custom_fields_come_back(client, auth, visit_site):
    v = walk_in(client, auth, visit_site, customf="工牌A", customj=12, customx="其他")
    assert (v["customf"], v["customg"], v["customj"], v["customx"]) == ("工牌A", "", "12", "其他")


def test_credential_records_per_device_and_type(client, auth, visit_site):
    v = walk_in(
        client,
        auth,
        visit_site,
        cardNo="IC-1",
        visitorPhoto=upload_picture(client, auth)["faceUrl"],
        privilegeGroupIds=[visit_site.lab_group],
    )
    rows = client.get(API + "authResult", headers=auth, params={"orderId": v["orderId"]}).json()["data"]
    got = sorted((r["deviceDesc"], r["cardType"], r["authStatus"]) for r in rows)
    assert got == [
        ("大门闸机", "2", "1"),
        ("大门闸机", "3", "1"),
        ("大门闸机", "5", "1"),
        ("实验室门禁", "3", "1"),
    ]
    plain = walk_in(client, auth, visit_site, name="无卡", identityNum="", phoneNum="")
    rows = client.get(API + "authResult", headers=auth, params={"orderId": plain["orderId"]}).json()["data"]
    assert [r["cardType"] for r in rows] == ["3"]  # no card, no photo: QR only


# --- companions ---------------------------------------------------------------------------


def test_companions_share_the_batch_named_ones_first(client, auth, visit_site):
    v = walk_in(
        client,
        auth,
        visit_site,
        personNum="3",
        companions=[{"name": "李四", "phoneNum": "13600000001", "cardNo": "C-2"}],
    )
    comps = v["companions"]
    assert [c["name"] for c in comps] == ["李四", "同行人2"]
    assert all(
        c["visitBatch"] == v["visitBatch"] and c["followFlag"] == 1 and c["status"] == "8" for c in comps
    )
    assert comps[0]["tempCard"] == "C2" and comps[0]["qrCode"] != v["qrCode"]
    assert v["personNum"] == "3"
    total = client.get(
        API + "visitorInfo", headers=auth, params={"pageNo": 1, "pageSize": 50, "visitType": "visiting"}
    ).json()["data"]["total"]
    assert total == 3


def test_a_blacklisted_companion_refuses_the_whole_registration(client, auth, visit_site, db):
    r = client.post(
        API + "order/register",
        headers=auth,
        json={
            "name": "张三",
            "personNum": 2,
            "companions": [{"name": "黑", "identityNum": visit_site.black_id}],
        },
    )
    assert r.status_code == 422 and "黑名单" in r.json()["msg"]
    with db.read() as session:
        assert session.exec(select(Visit)).all() == []


def test_signing_out_the_main_visitor_signs_out_the_batch(client, auth, visit_site):
    v = walk_in(client, auth, visit_site, personNum=3)
    r = client.post(API + "signOut", headers=auth, params={"orderId": v["orderId"]})
    assert sorted(r.json()["data"]["companions"]) == sorted(c["orderId"] for c in v["companions"])
    for c in v["companions"]:
        got = details(client, auth, c["orderId"], 0)[c["orderId"]]
        assert got["status"] == "6" and got["realEndTimeISO"]


def test_signing_out_a_companion_leaves_the_others(client, auth, visit_site):
    v = walk_in(client, auth, visit_site, personNum=2)
    comp = v["companions"][0]["orderId"]
    client.post(API + "signOut", headers=auth, params={"orderId": comp})
    assert details(client, auth, v["orderId"], 0)[v["orderId"]]["status"] == "8"


# --- pre-booked ---------------------------------------------------------------------------


def test_appointment_arrives(client, auth, visit_site, db):
    oid = appointment(db, visit_site)
    r = client.post(
        API + "order/register",
        headers=auth,
        json={"registerType": "2", "orderId": oid, "visitorTemperature": "36.5", "defaultPrivilegeFlag": "1"},
    )
    assert r.status_code == 200, r.text
    v = r.json()["data"]
    assert (
        v["status"] == "8"
        and v["name"] == "王五"
        and v["registerTimeISO"]
        and v["visitorTemperature"] == "36.5"
    )
    assert v["beVisitPersonName"] == "张伟" and v["qrCode"].startswith("VC1")
    again = client.post(
        API + "order/register",
        headers=auth,
        json={"registerType": "2", "orderId": oid, "visitorTemperature": "36.5", "defaultPrivilegeFlag": "1"},
    )
    assert again.status_code == 200 and again.json()["data"]["registerTimeISO"] == v["registerTimeISO"]
    other = client.post(API + "order/register", headers=auth, json={"registerType": "2", "orderId": oid})
    assert other.status_code == 422 and "已签到" in other.json()["msg"]


@pytest.mark.parametrize("status, words", [(3, "失效"), (6, "签离"), (0, "审批"), (4, "退回")])
def test_appointment_that_cannot_arrive_is_refused_in_words(client, auth, visit_site, db, status, words):
    oid = appointment(db, visit_site, status=status)
    r = client.post(API + "order/register", headers=auth, json={"registerType": "2", "orderId": oid})
    assert r.status_code == 422 and words in r.json()["msg"], r.text


def test_appointment_not_today_or_past_is_refused(client, auth, visit_site, db):
    now = datetime.now(UTC)
    later = appointment(db, visit_site, start=now + timedelta(days=2), end=now + timedelta(days=2, hours=3))
    r = client.post(API + "order/register", headers=auth, json={"registerType": "2", "orderId": later})
    assert r.status_code == 422 and "不是今天" in r.json()["msg"]
    past = appointment(db, visit_site, start=now - timedelta(hours=5), end=now - timedelta(hours=1))
    r = client.post(API + "order/register", headers=auth, json={"registerType": "2", "orderId": past})
    assert r.status_code == 422 and "过期" in r.json()["msg"]
    r = client.post(
        API + "order/register", headers=auth, json={"registerType": "2", "orderId": str(uuid.uuid4())}
    )
    assert r.status_code == 404


def test_appointment_of_someone_blacklisted_since_is_refused(client, auth, visit_site, db):
    oid = appointment(db, visit_site, phone_num=visit_site.black_phone)
    r = client.post(API + "order/register", headers=auth, json={"registerType": "2", "orderId": oid})
    assert r.status_code == 422 and "黑名单" in r.json()["msg"]


# --- look-ups -----------------------------------------------------------------------------


def test_details_by_every_code_type(client, auth, visit_site):
    v = walk_in(client, auth, visit_site, cardNo="T-9", carNumber="浙a·12345")
    oid = v["orderId"]
    assert oid in details(client, auth, oid, 0)
    assert oid in details(client, auth, v["visitorCode"], 1)
    assert oid in details(client, auth, "5678", 2)
    assert oid in details(client, auth, v["qrCode"], 3)
    assert oid in details(client, auth, "T-9", 4)
    assert oid in details(client, auth, VALID_ID, 5, subParamCode="111")
    assert oid in details(client, auth, "浙A12345", 6)
    assert details(client, auth, oid, 0, statusList="6,5") == {}
    assert oid in details(client, auth, oid, 0, statusList=["8"])
    assert oid in details(client, auth, oid, 0, statusList='["8"]')


def test_details_finds_nothing_with_code_0_and_words(client, auth, visit_site):
    r = client.post(API + "visitor/details", headers=auth, json={"code": "000000", "codeType": "1"})
    assert r.status_code == 200 and r.json()["data"] == {} and "未找到" in r.json()["msg"]


def test_forged_or_altered_qr_is_refused(client, auth, visit_site):
    v = walk_in(client, auth, visit_site)
    forged = qrtoken.encode(
        __import__(
            "cryptography.hazmat.primitives.asymmetric.ed25519", fromlist=["x"]
        ).Ed25519PrivateKey.generate(),
        v["orderId"],
        datetime.now(UTC),
    )
    for code in (forged, v["qrCode"][:-4] + "AAAA", "hello"):
        r = client.post(API + "visitor/details", headers=auth, json={"code": code, "codeType": "3"})
        assert r.status_code == 400 and "二维码无效" in r.json()["msg"]


def test_phone_tail_finds_only_todays_live_visits(client, auth, visit_site, db):
    now = datetime.now(UTC)
    appointment(
        db,
        visit_site,
        start=now - timedelta(days=3),
        end=now - timedelta(days=3) + timedelta(hours=2),
        status=6,
        phone_num="13700005678",
    )
    v = walk_in(client, auth, visit_site)
    assert list(details(client, auth, "5678", 2)) == [v["orderId"]]
    client.post(API + "signOut", headers=auth, params={"orderId": v["orderId"]})
    assert details(client, auth, "5678", 2) == {}


def test_machine_mode_sees_only_this_kiosks_records(client, auth, other_auth, visit_site):
    mine = walk_in(client, auth, visit_site)
    theirs = client.post(
        API + "order/register", headers=other_auth, json={"name": "别处", "phoneNum": "13911115678"}
    )
    theirs_id = theirs.json()["data"]["orderId"]
    got = details(client, auth, "5678", 2, type="2")
    assert list(got) == [mine["orderId"]]
    assert len(details(client, auth, "5678", 2, type="1")) == 2
    page = client.get(
        API + "visitorInfo",
        headers=other_auth,
        params={"pageNo": 1, "pageSize": 10, "visitType": "total", "type": 2},
    ).json()["data"]
    assert [x["orderId"] for x in page["list"]] == [theirs_id]
    r = client.get(
        API + "visitorInfo",
        headers=other_auth,
        params={
            "pageNo": 1,
            "pageSize": 10,
            "visitType": "total",
            "type": 2,
            "macAddress": "AA:BB:CC:00:00:01",
        },
    )
    assert r.status_code == 403


def test_visitor_info_types_search_paging_and_order(client, auth, visit_site, db):
    a = walk_in(client, auth, visit_site, name="张三", phoneNum="13911110001", identityNum="")
    b = walk_in(client, auth, visit_site, name="李四", phoneNum="13922220002", identityNum="")
    booked = appointment(db, visit_site, name="王五")
    client.post(API + "signOut", headers=auth, params={"orderId": a["orderId"]})

    def page(**params: Any) -> dict[str, Any]:
        r = client.get(API + "visitorInfo", headers=auth, params={"pageNo": 1, "pageSize": 10} | params)
        assert r.status_code == 200, r.text
        return r.json()["data"]

    assert {x["orderId"] for x in page(visitType="total")["list"]} == {a["orderId"], b["orderId"], booked}
    assert [x["orderId"] for x in page(visitType="visiting")["list"]] == [b["orderId"]]
    assert [x["orderId"] for x in page(visitType="unRegister")["list"]] == [booked]
    assert [x["orderId"] for x in page(visitType="signOut")["list"]] == [a["orderId"]]
    assert [x["name"] for x in page(visitType="total", queryInfo="ls")["list"]] == ["李四"]
    assert [x["name"] for x in page(visitType="total", queryInfo="0002")["list"]] == ["李四"]
    assert [x["name"] for x in page(visitType="total", queryInfo="王")["list"]] == ["王五"]
    assert page(visitType="total", queryInfo="%")["total"] == 0  # LIKE wildcards are literal
    first = page(visitType="total", pageSize=2)
    second = page(visitType="total", pageSize=2, pageNo=2)
    assert first["total"] == 3 and len(first["list"]) == 2 and len(second["list"]) == 1
    assert first["list"][0]["orderId"] == b["orderId"]  # newest registration first


def test_lists_mask_identity_numbers(client, auth, visit_site):
    walk_in(client, auth, visit_site)
    row = client.get(
        API + "visitorInfo", headers=auth, params={"pageNo": 1, "pageSize": 10, "visitType": "total"}
    ).json()["data"]["list"][0]
    assert row["identityNum"] == VALID_ID[:4] + "*" * 10 + VALID_ID[-4:]


def test_valid_visits_of_a_host(client, auth, visit_site, db):
    v = walk_in(client, auth, visit_site)
    booked = appointment(db, visit_site)
    appointment(db, visit_site, status=6)
    walk_in(
        client,
        auth,
        visit_site,
        beVisitPersonId=visit_site.host2_id,
        name="别人",
        identityNum="",
        phoneNum="",
    )
    r = client.get(
        API + "validVisitorInfo/pageInfo",
        headers=auth,
        params={"pageNo": 1, "pageSize": 10, "personId": visit_site.host_id},
    )
    data = r.json()["data"]
    assert data["total"] == 2 and {x["orderId"] for x in data["list"]} == {v["orderId"], booked}
    r = client.get(
        API + "validVisitorInfo/pageInfo",
        headers=auth,
        params={"pageNo": 1, "pageSize": 10, "personId": "nobody"},
    )
    assert r.status_code == 404


def test_last_visit_of_a_document_prefills_the_next(client, auth, visit_site):
    walk_in(client, auth, visit_site, visitorWorkUnit="甲公司")
    newest = walk_in(client, auth, visit_site, visitorWorkUnit="乙公司", cardNo="")
    client.post(API + "signOut", headers=auth, params={"orderId": newest["orderId"]})
    r = client.get(
        API + "lastVisitor/inquiry", headers=auth, params={"identityId": 111, "identityNum": VALID_ID}
    )
    data = r.json()["data"]
    assert (
        data["orderId"] == newest["orderId"]
        and data["visitorWorkUnit"] == "乙公司"
        and data["name"] == "张三"
    )


# --- sign-out, edit, credentials ----------------------------------------------------------


def test_sign_out_twice_is_harmless_and_keeps_the_time(client, auth, visit_site):
    v = walk_in(client, auth, visit_site)
    assert client.post(API + "signOut", headers=auth, params={"orderId": v["orderId"]}).json()["code"] == "0"
    first = details(client, auth, v["orderId"], 0)[v["orderId"]]
    r = client.post(API + "signOut", headers=auth, data={"orderId": v["orderId"]})  # form body works too
    assert r.status_code == 200 and r.json()["code"] == "0"
    again = details(client, auth, v["orderId"], 0)[v["orderId"]]
    assert first["status"] == again["status"] == "6" and first["realEndTimeUTC"] == again["realEndTimeUTC"]
    r = client.post(API + "signOut", headers=auth, json={"orderId": str(uuid.uuid4())})
    assert r.status_code == 404 and r.json()["msg"] == "未找到该访客记录"


def test_sign_out_of_an_appointment_not_arrived_is_refused(client, auth, visit_site, db):
    oid = appointment(db, visit_site)
    r = client.post(API + "signOut", headers=auth, params={"orderId": oid})
    assert r.status_code == 422 and "尚未签到" in r.json()["msg"]


def test_edit_changes_groups_and_end_time(client, auth, visit_site, db):
    v = walk_in(client, auth, visit_site)
    new_end = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    r = client.post(
        API + "register/edit",
        headers=auth,
        json={
            "orderId": v["orderId"],
            "endTimeISO": new_end.isoformat(),
            "privilegeGroupIds": [visit_site.lab_group],
        },
    )
    assert r.status_code == 200, r.text
    got = details(client, auth, v["orderId"], 0)[v["orderId"]]
    assert (
        got["privilegeGroupIds"] == visit_site.lab_group
        and int(got["endTimeUTC"]) == int(new_end.timestamp()) * 1000
    )
    rows = client.get(API + "authResult", headers=auth, params={"orderId": v["orderId"]}).json()["data"]
    assert [(r["deviceDesc"], r["authStatus"]) for r in rows] == [("实验室门禁", "1")]
    r = client.post(
        API + "register/edit",
        headers=auth,
        json={"orderId": v["orderId"], "endTimeISO": "2001-01-01T00:00:00+08:00"},
    )
    assert r.status_code == 400
    client.post(API + "signOut", headers=auth, params={"orderId": v["orderId"]})
    r = client.post(
        API + "register/edit", headers=auth, json={"orderId": v["orderId"], "endTimeISO": new_end.isoformat()}
    )
    assert r.status_code == 422


def test_failed_issues_can_be_downloaded_again(client, auth, visit_site, db, settings):
    from server import workers

    v = walk_in(client, auth, visit_site, privilegeGroupIds=[visit_site.offline_group])
    workers.tick(db, settings)
    rows = client.get(API + "authResult", headers=auth, params={"orderId": v["orderId"]}).json()["data"]
    by_device = {r["deviceDesc"]: r["authStatus"] for r in rows}
    assert by_device == {"大门闸机": "3", "车库门禁（离线）": "4"}
    r = client.post(API + "authResult/download", headers=auth, params={"orderId": v["orderId"]})
    assert r.json()["data"] == {"reissued": 1}
    with db.read() as session:
        statuses = sorted(r.auth_status for r in session.exec(select(AuthRecord)))
    assert statuses == [1, 3]


def test_a_replayed_group_registration_lists_companions_in_the_same_order(client, auth, visit_site):
    oid = str(uuid.uuid4())
    body = {
        "orderId": oid,
        "name": "张三",
        "personNum": 4,
        "companions": [{"name": "赵六"}, {"name": "阿九"}],
    }
    first = client.post(API + "order/register", headers=auth, json=body).json()["data"]["companions"]
    again = client.post(API + "order/register", headers=auth, json=body).json()["data"]["companions"]
    assert [c["name"] for c in first] == [c["name"] for c in again] == ["赵六", "阿九", "同行人3"]
    assert [c["orderId"] for c in first] == [c["orderId"] for c in again]
