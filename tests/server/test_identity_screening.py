"""Blacklist evasion, as an attacker would try it: the blacklisted person writes their ID number in
its legacy 15-digit form, in full-width digits or with a lower-case check letter, their phone with
+86, separators or full-width digits. Identities are normalised once (visitorcs.identity) wherever
they are stored or compared: registration (online, offline, companions), the blacklist (new rows
and, by migration 0003, old ones), visitorGroup/judge, lastVisitor/inquiry, visitor/details and
card look-ups, and the kiosk's offline screening."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import MetaData, Table, insert, text
from sqlmodel import select

from server.models import Blacklist, Visit
from tests.server.conftest import VALID_ID, id_with_check
from tests.server.test_offline_sync import record, sync, walk_in_data

API = "/webapi/visitorcs/api/v1/clientService/"
FULL = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def legacy15(id18: str) -> str:
    """The pre-1999 15-digit form of an 18-digit resident ID number born in the 1900s."""
    assert id18[6:8] == "19"
    return id18[:6] + id18[8:17]


def register(client, auth, **fields: Any):
    body = {"name": "试图混入", "defaultPrivilegeFlag": "1"} | fields
    return client.post(API + "order/register", headers=auth, json=body)


def refused_as_blacklisted(r) -> None:
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "422" and "黑名单" in r.json()["msg"]


# --- registration -------------------------------------------------------------------------


def variants_of(visit_site) -> list[dict[str, str]]:
    black_id, black_phone = visit_site.black_id, visit_site.black_phone
    return [
        {"identityNum": legacy15(black_id)},
        {"identityNum": black_id.translate(FULL)},
        {"identityNum": " " + black_id[:6] + "-" + black_id[6:14] + " " + black_id[14:]},
        {"identityNum": legacy15(black_id).translate(FULL)},
        {"phoneNum": "+86" + black_phone},
        {"phoneNum": "+86 " + black_phone[:3] + "-" + black_phone[3:7] + "-" + black_phone[7:]},
        {"phoneNum": "0086" + black_phone},
        {"phoneNum": black_phone.translate(FULL)},
        {"phoneNum": "＋８６ " + black_phone.translate(FULL)},
    ]


def test_every_spelling_of_a_blacklisted_identity_is_refused_online(client, auth, visit_site):
    for fields in variants_of(visit_site):
        refused_as_blacklisted(register(client, auth, **fields))


def test_a_blacklisted_companion_is_refused_in_any_spelling(client, auth, visit_site):
    for fields in variants_of(visit_site):
        r = register(
            client, auth, identityNum=VALID_ID, personNum="2", companions=[{"name": "同行", **fields}]
        )
        refused_as_blacklisted(r)


def test_a_blacklisted_identity_is_refused_in_an_offline_record(client, auth, visit_site):
    recs = [
        record(
            "register", str(uuid.uuid4()), i, walk_in_data(**({"identityNum": "", "phoneNum": ""} | fields))
        )
        for i, fields in enumerate(variants_of(visit_site), start=1)
    ]
    results = sync(client, auth, recs)["results"]
    assert [(r["result"], r["code"]) for r in results] == [("rejected", "422")] * len(recs)


def test_a_checked_in_appointment_is_screened_on_its_normalised_identity(client, auth, visit_site, db):
    from tests.server.test_visits import appointment

    order = appointment(db, visit_site, identity_num=legacy15(visit_site.black_id), phone_num="")
    r = register(client, auth, registerType="2", orderId=order)
    refused_as_blacklisted(r)


def test_stored_identities_are_the_normal_form(client, auth, visit_site, db):
    r = register(client, auth, identityNum=legacy15(VALID_ID).translate(FULL), phoneNum="+86 139-1234-5678")
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["identityNum"], data["phoneNum"]) == (VALID_ID, "13912345678")


@pytest.mark.parametrize(
    "number, words",
    [
        (VALID_ID[:17] + ("0" if VALID_ID[17] != "0" else "1"), "校验位"),  # wrong check digit
        (id_with_check("11010530000101001"), "出生日期"),  # born in 3000
        (id_with_check("11010519900230001"), "出生日期"),  # 30 February
        (id_with_check("99010519900101001"), "地区码"),  # no region 99
        ("1101051990010112", "18 位"),
    ],
)
def test_impossible_resident_id_numbers_are_refused_in_words(client, auth, visit_site, number, words):
    for r in (
        register(client, auth, identityNum=number),
        register(client, auth, identityNum=VALID_ID, personNum="2", companions=[{"identityNum": number}]),
        client.get(API + "visitorGroup/judge", headers=auth, params={"identityNum": number}),
        client.get(
            API + "lastVisitor/inquiry", headers=auth, params={"identityId": 111, "identityNum": number}
        ),
    ):
        assert r.status_code == 400, r.text
        assert r.json()["code"] == "400" and words in r.json()["msg"], r.text


# --- look-ups and the judge -----------------------------------------------------------------


def test_judge_sees_through_every_spelling(client, auth, visit_site):
    for fields in variants_of(visit_site):
        r = client.get(API + "visitorGroup/judge", headers=auth, params=fields)
        assert r.status_code == 200, r.text
        assert r.json()["data"]["isRefuseRegister"] == "1", fields


def test_look_ups_by_identity_phone_and_card_find_the_normal_form(client, auth, visit_site):
    r = register(
        client, auth, name="正常访客", identityNum=VALID_ID, phoneNum="13912345678", cardNo="04b1c2d3"
    )
    assert r.status_code == 200, r.text
    oid = r.json()["data"]["orderId"]
    last = client.get(
        API + "lastVisitor/inquiry",
        headers=auth,
        params={"identityId": 111, "identityNum": legacy15(VALID_ID)},
    )
    assert last.json()["data"]["orderId"] == oid
    for code, code_type in (
        (VALID_ID.translate(FULL), "5"),
        (legacy15(VALID_ID), "5"),
        ("04:B1:C2:D3", "4"),
        ("０４Ｂ１Ｃ２Ｄ３", "4"),
        ("５６７８", "2"),
    ):
        found = client.post(API + "visitor/details", headers=auth, json={"code": code, "codeType": code_type})
        assert found.status_code == 200 and list(found.json()["data"]) == [oid], (code, found.text)


def test_an_employee_card_in_full_width_is_found(client, auth, db):
    from server.models import Department, Person

    with db.write() as s:
        s.add(Department(id="d1", name="行政部"))
        s.flush()
        s.add(Person(person_id="p1", name="王建国", card_no="04a2:2b6a", organization_id="d1"))
    r = client.get(API + "person", headers=auth, params={"cardNo": "０４Ａ２２Ｂ６Ａ"})
    assert r.status_code == 200 and r.json()["data"]["personId"] == "p1", r.text


# --- the blacklist as stored ------------------------------------------------------------------


def test_new_blacklist_rows_are_stored_normalised(db):
    with db.write() as s:
        s.add(Blacklist(name="新增", identity_num=legacy15(VALID_ID).lower(), phone_num="+86 137-0000-0001"))
    with db.read() as s:
        row = s.exec(select(Blacklist).where(Blacklist.name == "新增")).one()
    assert (row.identity_num, row.phone_num) == (VALID_ID, "13700000001")


def test_migration_0003_normalises_rows_stored_before(database_url, tmp_path):
    """Rows a database held before 0003 (written raw, as older versions or imports did) are
    normalised by the migration, so screening finds them."""
    from alembic import command

    from server import migrate
    from server.db import Database

    db = Database(database_url)
    try:
        config = migrate.alembic_config(db.url)
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0002")
        black = id_with_check("11010119800101123")
        with db.engine.begin() as conn:
            conn.execute(
                insert(Blacklist.__table__),
                [
                    {
                        "id": "b1",
                        "name": "旧",
                        "identity_id": "111",
                        "identity_num": legacy15(black),
                        "phone_num": "+86 138 0000 0002",
                        "reason": "",
                        "create_time": datetime.now(UTC),
                    },
                ],
            )
            face = str(uuid.uuid4())
            ours = f"http://127.0.0.1:8089/webapi/visitorcs/api/v1/clientService/ext/pictures/{face}.jpg"
            visit_0002 = Table("visit", MetaData(), autoload_with=conn)  # the table as 0002 left it
            defaults = {
                c.name: c.default.arg
                for c in Visit.__table__.c
                if c.default is not None and not callable(c.default.arg) and c.name in visit_0002.c
            }
            now = datetime.now(UTC)
            conn.execute(
                insert(visit_0002),
                [
                    defaults
                    | {
                        "order_id": "v1",
                        "visit_batch": "b",
                        "visitor_id": "p",
                        "identity_num": legacy15(black),
                    }
                    | {"phone_num": "+86 13800000002", "visitor_photo": "http://attacker.example/a.jpg"}
                    | {"identity_photo": ours, "create_time": now, "update_time": now, "sort_time": now}
                ],
            )
        migrate.upgrade(db)
        with db.engine.connect() as conn:
            row = conn.execute(text("SELECT identity_num, phone_num FROM blacklist WHERE id = 'b1'")).one()
            visit = conn.execute(
                text("SELECT identity_num, phone_num, phone_last4, visitor_photo, identity_photo FROM visit")
            ).one()
        assert tuple(row) == (black, "13800000002")
        assert tuple(visit) == (black, "13800000002", "0002", "", ours[len("http://127.0.0.1:8089") :])
    finally:
        db.dispose()


def test_the_kiosk_screens_offline_with_the_same_normalisation(tmp_path, visit_site):
    from kiosk.cache import CacheStore

    store = CacheStore(tmp_path / "cache.db")
    try:
        store.put_blacklist(
            [{"identityId": "111", "identityNum": visit_site.black_id, "phoneNum": visit_site.black_phone}]
        )
        for fields in variants_of(visit_site):
            assert store.is_blacklisted(fields.get("identityNum"), fields.get("phoneNum")), fields
        assert not store.is_blacklisted(VALID_ID, "13912345678")
    finally:
        store.close()


def test_visits_seeded_outside_registration_are_normalised(db, visit_site):
    oid = str(uuid.uuid4())
    with db.write() as s:
        s.add(
            Visit(
                order_id=oid,
                name="导入",
                identity_num=legacy15(VALID_ID),
                phone_num="+86 13912345678",
                temp_card="c-1",
            )
        )
    with db.read() as s:
        v = s.get(Visit, oid)
    assert (v.identity_num, v.phone_num, v.phone_last4, v.temp_card) == (
        VALID_ID,
        "13912345678",
        "5678",
        "C1",
    )
