"""Server-side retention (server/retention.py): closed visits older than the setting lose their
pictures (rows and files) and ID data; open visits, young closed visits, pictures still used
elsewhere and what statistics need stay. On SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from server import retention, workers
from server.models import Person, Picture, Visit
from server.settings import retention_days
from tests.server.conftest import VALID_ID
from tests.server.hardening_helpers import upload_picture
from tests.server.test_visits import walk_in

API = "/webapi/visitorcs/api/v1/clientService/"


def _visit(db, order_id: str) -> Visit:
    with db.read() as session:
        return session.get(Visit, order_id)


def _picture_file(db, settings, face_id: str):
    with db.read() as session:
        row = session.get(Picture, face_id)
    return None if row is None else settings.data_dir / row.path


def _registered_with_photos(client, auth, visit_site) -> tuple[dict, str, str]:
    photo, id_photo = upload_picture(client, auth), upload_picture(client, auth)
    v = walk_in(
        client,
        auth,
        visit_site,
        visitorPhoto=photo["faceUrl"],
        faceId=photo["faceId"],
        identityPhoto=id_photo["faceId"],
        certAddr="北京市东城区某街道1号",
        certIssuer="北京市公安局东城分局",
        sex="1",
        purpose="参观",
        visitorWorkUnit="某公司",
    )
    return v, photo["faceId"], id_photo["faceId"]


def _sign_out(client, auth, order_id: str) -> None:
    r = client.post(API + "signOut", headers=auth, params={"orderId": order_id})
    assert r.status_code == 200 and r.json()["code"] == "0", r.text


def test_a_closed_visit_past_retention_loses_pictures_and_id_data(client, auth, visit_site, db, settings):
    v, photo, id_photo = _registered_with_photos(client, auth, visit_site)
    files = [_picture_file(db, settings, photo), _picture_file(db, settings, id_photo)]
    assert all(f is not None and f.is_file() for f in files)
    _sign_out(client, auth, v["orderId"])
    now = datetime.now(UTC)

    # not yet: signed out today, kept for 30 days
    assert retention.forget_closed_visits(db, settings.data_dir, 30, now)["visitsForgotten"] == 0
    assert _visit(db, v["orderId"]).identity_num == VALID_ID

    later = now + timedelta(days=31)
    before = _visit(db, v["orderId"]).disorder
    counts = retention.forget_closed_visits(db, settings.data_dir, 30, later)
    assert counts == {"visitsForgotten": 1, "picturesDeleted": 2}
    visit = _visit(db, v["orderId"])
    assert (visit.visitor_photo, visit.face_id, visit.identity_photo) == ("", "", "")
    assert (visit.cert_addr, visit.cert_issuer) == ("", "")
    assert visit.identity_num == VALID_ID[:6] + "*" * 12  # the region stays for statistics
    # what the statistics count stays
    assert (visit.name, visit.sex, visit.purpose, visit.visitor_work_unit) == ("张三", "1", "参观", "某公司")
    assert visit.status == 6 and visit.real_end_time is not None
    assert visit.disorder > before  # order/sync consumers are told (and can forget too)
    assert visit.be_visit_person_id == visit_site.host_id
    for face_id, path in zip((photo, id_photo), files, strict=True):
        assert _picture_file(db, settings, face_id) is None  # the row
        assert not path.exists()  # and the file
    r = client.get(API + f"ext/pictures/{photo}.jpg", headers=auth)
    assert r.status_code == 404
    # a second pass finds nothing left to do
    assert retention.forget_closed_visits(db, settings.data_dir, 30, later)["visitsForgotten"] == 0


def test_open_visits_are_never_touched(client, auth, visit_site, db, settings):
    v, photo, _ = _registered_with_photos(client, auth, visit_site)
    # on site for a year (overdue, never signed out): still open
    workers.keep_status(db, datetime.now(UTC) + timedelta(days=2))
    assert _visit(db, v["orderId"]).status == 7
    counts = retention.forget_closed_visits(db, settings.data_dir, 1, datetime.now(UTC) + timedelta(days=365))
    assert counts["visitsForgotten"] == 0
    visit = _visit(db, v["orderId"])
    assert visit.identity_num == VALID_ID and visit.face_id == photo
    assert _picture_file(db, settings, photo).is_file()


def test_a_picture_another_visit_still_uses_is_kept(client, auth, visit_site, db, settings):
    old, photo, id_photo = _registered_with_photos(client, auth, visit_site)
    _sign_out(client, auth, old["orderId"])
    # the returning visitor's new visit reuses last visit's photo; it is still on site
    new = walk_in(client, auth, visit_site, name="李四", identityNum="", faceId=photo)
    counts = retention.forget_closed_visits(db, settings.data_dir, 1, datetime.now(UTC) + timedelta(days=2))
    assert counts == {"visitsForgotten": 1, "picturesDeleted": 1}  # the ID photo only
    assert _visit(db, old["orderId"]).face_id == ""
    assert _visit(db, new["orderId"]).face_id == photo
    assert _picture_file(db, settings, photo).is_file()
    assert _picture_file(db, settings, id_photo) is None


def test_a_host_face_is_never_deleted(client, auth, visit_site, db, settings):
    v, photo, _ = _registered_with_photos(client, auth, visit_site)
    with db.write() as session:  # the same picture became a host's face
        host = session.get(Person, visit_site.host_id)
        host.face_path = f"pictures/{photo}.jpg"
        session.add(host)
    _sign_out(client, auth, v["orderId"])
    retention.forget_closed_visits(db, settings.data_dir, 1, datetime.now(UTC) + timedelta(days=2))
    assert _visit(db, v["orderId"]).face_id == ""
    assert _picture_file(db, settings, photo).is_file()


def test_expired_appointments_and_other_documents(db, client, visit_site, settings):
    from tests.server.test_visits import appointment

    now = datetime.now(UTC)
    passport = appointment(
        db,
        visit_site,
        identity_id="414",
        identity_num="E12345678",
        end=now + timedelta(hours=1),
        custom='{"customf": "/webapi/visitorcs/api/v1/clientService/ext/pictures/'
        '0b7e7a4e-3c1a-4b8e-9f39-0d5c8f3f2c11.jpg", "customg": "贵宾"}',
    )
    workers.keep_status(db, now + timedelta(hours=2))  # the appointment expired (3)
    assert _visit(db, passport).status == 3
    retention.forget_closed_visits(db, settings.data_dir, 7, now + timedelta(days=8))
    visit = _visit(db, passport)
    assert visit.identity_num == "*" * 9  # no region in a passport number: nothing kept
    assert '"customg": "贵宾"' in visit.custom and "pictures" not in visit.custom


def test_the_setting(monkeypatch, settings):
    monkeypatch.delenv("VISITORCS_RETENTION_DAYS", raising=False)
    assert retention_days() == 0 and settings.retention == 0  # off unless configured
    assert retention_days("30") == 30 and retention_days(" 7 ") == 7
    assert retention_days("-5") == 0
    assert retention_days("thirty") == 0  # a typo keeps the data (and is logged)
    monkeypatch.setenv("VISITORCS_RETENTION_DAYS", "14")
    assert retention_days() == 14
    assert dataclasses.replace(settings, extra={"retentionDays": 3}).retention == 3
    assert retention.masked_number("111", "") == ""
    assert retention.masked_number("111", "110105****") == "110105****"  # masked once only


def test_the_worker_round_runs_it_at_most_hourly(client, auth, visit_site, db, settings):
    v, photo, _ = _registered_with_photos(client, auth, visit_site)
    _sign_out(client, auth, v["orderId"])
    on = dataclasses.replace(settings, extra={"retentionDays": 1})
    off = workers.tick(db, settings, datetime.now(UTC) + timedelta(days=3))
    assert "visitsForgotten" not in off and _visit(db, v["orderId"]).face_id == photo
    later = datetime.now(UTC) + timedelta(days=3)
    assert workers.tick(db, on, later)["visitsForgotten"] == 1
    assert "visitsForgotten" not in workers.tick(db, on, later + timedelta(minutes=5))
    with db.read() as session:
        assert session.exec(select(Picture).where(Picture.face_id == photo)).first() is None


def test_a_backlog_drains_over_several_rounds(client, auth, visit_site, db, settings, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 2)
    monkeypatch.setattr(retention, "ROUND_BATCHES", 1)
    ids = []
    for i in range(5):
        v = walk_in(client, auth, visit_site, name=f"访客{i}", identityNum="", phoneNum=f"1391234000{i}")
        _sign_out(client, auth, v["orderId"])
        ids.append(v["orderId"])
    with db.write() as session:  # ID numbers to forget (the walk-ins above came without one)
        for oid in ids:
            visit = session.get(Visit, oid)
            visit.identity_id, visit.identity_num = "414", "E1234567"  # a passport
    on = dataclasses.replace(settings, extra={"retentionDays": 1})
    later = datetime.now(UTC) + timedelta(days=3)
    done = [workers.tick(db, on, later + timedelta(seconds=5 * i)).get("visitsForgotten") for i in range(4)]
    assert done == [2, 2, 1, None]  # two a round until done; then not again within the hour
    assert all(_visit(db, oid).identity_num == "********" for oid in ids)
