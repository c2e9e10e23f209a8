"""Kiosk tokens leaked to any host: order/register stored any string as visitorPhoto, and staff
screens fetched it with the kiosk's bearer and the operator's token. The server now accepts as a
picture reference only what it issued (savePicForApp's faceId, or its faceUrl / picture path on
its own origin), in every field and endpoint that stores one, and never serves a foreign link."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from server.models import Visit
from server.pictures import PICTURE_ROUTE
from tests.server.conftest import VALID_ID
from tests.server.hardening_helpers import upload_picture
from tests.server.test_offline_sync import record, sync, walk_in_data

API = "/webapi/visitorcs/api/v1/clientService/"


def register(client, auth, **fields: Any):
    body = {"name": "张三", "identityNum": VALID_ID, "defaultPrivilegeFlag": "1"} | fields
    return client.post(API + "order/register", headers=auth, json=body)


def foreign_refs(face_id: str) -> list[str]:
    path = PICTURE_ROUTE.format(face_id=face_id)
    return [
        "http://attacker.example/steal.jpg",
        "https://attacker.example" + path,  # our path on another host
        "//attacker.example" + path,  # scheme-relative
        "http://testserver:8443" + path,  # our host, another port
        "/webapi/visitorcs/api/v1/clientService/visitorInfo",  # elsewhere on this server
        path + "?x=1",
        path.replace(face_id, "../../keys/qr_ed25519"),
        "file:///etc/passwd",
        "data:image/jpeg;base64,/9j/AAAA",
        str(uuid.uuid4()),  # an id that was never uploaded
    ]


FIELDS = ("visitorPhoto", "identityPhoto", "scanningPhoto", "faceId", "customf")


@pytest.mark.parametrize("field", FIELDS)
def test_a_foreign_picture_reference_is_refused_in_words(client, auth, visit_site, field):
    mine = upload_picture(client, auth)["faceId"]
    for ref in foreign_refs(mine):
        if field == "customf" and not ref.startswith(("/", "http", "file", "data")):
            continue  # a custom attribute that is not a link is plain text
        r = register(client, auth, **{field: ref})
        assert r.status_code == 400, (field, ref, r.text)
        assert r.json()["code"] == "400" and field in r.json()["msg"] and "照片" in r.json()["msg"]


def test_a_companions_foreign_photo_is_refused(client, auth, visit_site):
    for field in ("visitorPhoto", "faceId"):
        r = register(
            client, auth, personNum="2", companions=[{"name": "同行", field: "http://attacker.example/a.jpg"}]
        )
        assert r.status_code == 400 and f"companions[0].{field}" in r.json()["msg"], r.text


def test_an_offline_record_with_a_foreign_photo_is_rejected(client, auth, visit_site):
    oid = str(uuid.uuid4())
    res = sync(
        client, auth, [record("register", oid, 1, walk_in_data(visitorPhoto="http://attacker.example/a.jpg"))]
    )
    assert (res["results"][0]["result"], res["results"][0]["code"]) == ("rejected", "400")


def test_pictures_this_server_issued_are_accepted_and_served_as_its_path(client, auth, visit_site, db):
    pic = upload_picture(client, auth)
    path = PICTURE_ROUTE.format(face_id=pic["faceId"])
    for ref in (pic["faceUrl"], path, pic["faceId"], pic["faceId"].upper()):
        r = register(client, auth, visitorPhoto=ref, faceId=pic["faceId"], identityPhoto=path)
        assert r.status_code == 200, (ref, r.text)
        data = r.json()["data"]
        assert data["visitorPhoto"] == path and data["identityPhoto"] == path
        with db.read() as s:
            stored = s.get(Visit, data["orderId"])
        assert (stored.visitor_photo, stored.face_id) == (path, pic["faceId"])
        assert client.get(path, headers=auth).status_code == 200


def test_a_foreign_url_stored_before_is_not_served_as_a_link(client, auth, visit_site, db):
    oid = str(uuid.uuid4())
    with db.write() as s:
        s.add(
            Visit(
                order_id=oid,
                name="旧记录",
                status=8,
                visitor_photo="http://attacker.example/a.jpg",
                identity_photo="https://attacker.example" + PICTURE_ROUTE.format(face_id=str(uuid.uuid4())),
            )
        )
    r = client.post(API + "visitor/details", headers=auth, json={"code": oid, "codeType": "0"})
    info = r.json()["data"][oid]
    assert info["visitorPhoto"] == ""
    # our path under another host name: only the path is served, never the host
    assert info["identityPhoto"].startswith("/webapi/") and "attacker" not in info["identityPhoto"]
