"""visitorInfo keeps each row rendered per (order_id, update_time) between requests
(server/services/list_rows.py): after every kind of write to a visit, the list must show
the row as a fresh render (visitor/details) shows it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from fastapi.responses import JSONResponse

from server import workers
from server.envelope import page, page_response, to_json
from server.models import Setting
from server.services.visits import mask_identity
from tests.server.test_visits import API, appointment, details, walk_in


def assert_list_is_fresh(client, auth) -> dict[str, dict]:
    params = {"pageNo": 1, "pageSize": 100, "visitType": "total"}
    r = client.get(API + "visitorInfo", headers=auth, params=params)
    assert r.status_code == 200, r.text
    listed = {item["orderId"]: item for item in r.json()["data"]["list"]}
    for order_id, item in listed.items():
        fresh = details(client, auth, order_id, 0)[order_id]
        fresh |= {"identityNum": mask_identity(fresh["identityNum"]), "identityPid": ""}
        assert item == fresh
    return listed


def test_the_list_follows_every_write_to_a_visit(client, auth, visit_site, db, settings):
    assert_list_is_fresh(client, auth)
    v = walk_in(client, auth, visit_site, personNum="2")
    booked = appointment(db, visit_site, name="预约甲")
    late = appointment(db, visit_site, name="预约乙", phone_num="13700000008", identity_num="")
    assert assert_list_is_fresh(client, auth)[booked]["status"] == "1"

    r = client.post(API + "order/register", headers=auth, json={"registerType": "2", "orderId": booked})
    assert r.status_code == 200, r.text
    assert assert_list_is_fresh(client, auth)[booked]["status"] == "8"

    end = (datetime.now(UTC) + timedelta(hours=30)).replace(microsecond=0)
    r = client.post(
        API + "register/edit",
        headers=auth,
        json={
            "orderId": v["orderId"],
            "endTimeISO": end.isoformat(),
            "privilegeGroupIds": [visit_site.lab_group],
        },
    )
    assert r.status_code == 200, r.text
    assert assert_list_is_fresh(client, auth)[v["orderId"]]["privilegeGroupIds"] == visit_site.lab_group

    client.post(API + "signOut", headers=auth, params={"orderId": v["orderId"]})
    assert assert_list_is_fresh(client, auth)[v["orderId"]]["status"] == "6"

    counts = workers.tick(db, settings, datetime.now(UTC) + timedelta(hours=12))
    assert counts["overdue"] == 1 and counts["expired"] == 1
    listed = assert_list_is_fresh(client, auth)
    assert listed[booked]["status"] == "7" and listed[late]["status"] == "3"

    with db.write() as session:
        scene = [{"paramName": "autoSignOut", "content": "1"}]
        session.add(Setting(key="sceneConfig", value=json.dumps(scene)))
    assert workers.tick(db, settings, datetime.now(UTC) + timedelta(hours=13))["autoSignedOut"] == 1
    assert assert_list_is_fresh(client, auth)[booked]["status"] == "5"


def test_page_response_is_what_json_response_sends():
    items = [{"name": "张三", "n": 1, "x": [1.5, None, True], "s": 'a"\n\\'}, {}]
    for total in (0, 7):
        assembled = page_response([to_json(i) for i in items], 2, 20, total)
        assert assembled.body == JSONResponse(page(items, 2, 20, total)).body
        assert assembled.headers["content-type"] == "application/json"
