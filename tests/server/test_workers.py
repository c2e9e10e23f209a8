"""Status keeping and credential dispatch, one `tick(now)` at a time; the thread starts and stops."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from server import workers
from server.models import AuthRecord, Setting, Visit
from server.services.credentials import GatewayError, Grant, SimulatedAccessGateway
from tests.server.test_visits import appointment, walk_in

API = "/webapi/visitorcs/api/v1/clientService/"


def status_of(db, order_id: str) -> int:
    with db.read() as session:
        return session.get(Visit, order_id).status


def test_overdue_visitors_become_7_and_stale_appointments_3(client, auth, visit_site, db, settings):
    v = walk_in(client, auth, visit_site)
    booked = appointment(db, visit_site)
    future = datetime.now(UTC) + timedelta(days=2)
    assert workers.tick(db, settings, datetime.now(UTC))["overdue"] == 0
    counts = workers.tick(db, settings, future)
    assert (counts["overdue"], counts["expired"]) == (1, 1)
    assert status_of(db, v["orderId"]) == 7 and status_of(db, booked) == 3
    with db.read() as session:
        assert session.get(Visit, v["orderId"]).real_end_time is None


def test_auto_sign_out_when_the_scene_config_says_so(client, auth, visit_site, db, settings):
    with db.write() as session:
        session.add(
            Setting(
                key="sceneConfig",
                value=json.dumps(
                    [
                        {"paramName": "isSmsForVisitor", "content": "0", "subContent": ""},
                        {"paramName": "autoSignOut", "content": "1", "subContent": ""},
                    ]
                ),
            )
        )
    v = walk_in(client, auth, visit_site)
    workers.tick(db, settings, datetime.now(UTC) + timedelta(days=2))
    with db.read() as session:
        visit = session.get(Visit, v["orderId"])
    assert visit.status == 5 and visit.real_end_time == visit.end_time


def test_scene_config_is_read_defensively(db, client):
    for value in ("not json", "{}", "[1, 2]", '{"autoSignOut": "1"}', '[{"paramName": "autoSignOut"}]'):
        with db.write() as session:
            row = session.get(Setting, "sceneConfig") or Setting(key="sceneConfig")
            row.value = value
            session.add(row)
        assert workers.auto_sign_out(db) is (value == '{"autoSignOut": "1"}')


def test_dispatcher_issues_and_reports_failures(client, auth, visit_site, db, settings):
    v = walk_in(client, auth, visit_site, privilegeGroupIds=[visit_site.offline_group], cardNo="IC-3")
    gateway = SimulatedAccessGateway()
    counts = workers.tick(db, settings, gateway=gateway)
    assert (counts["issued"], counts["failed"]) == (2, 1)
    assert {(g.device_desc, g.card_type, g.credential) for g in gateway.issued} == {
        ("大门闸机", 2, "IC3"),
        ("大门闸机", 3, v["qrCode"]),
    }
    rows = client.get(API + "authResult", headers=auth, params={"orderId": v["orderId"]}).json()["data"]
    failed = [r for r in rows if r["authStatus"] == "4"]
    assert len(failed) == 1 and "离线" in failed[0]["message"]
    assert workers.tick(db, settings, gateway=gateway)["issued"] == 0  # nothing left to do


def test_sign_out_withdraws_issued_credentials(client, auth, visit_site, db, settings):
    v = walk_in(client, auth, visit_site)
    gateway = SimulatedAccessGateway()
    workers.tick(db, settings, gateway=gateway)
    client.post(API + "signOut", headers=auth, params={"orderId": v["orderId"]})
    assert workers.tick(db, settings, gateway=gateway)["revoked"] == 1
    with db.read() as session:
        assert [r.auth_status for r in session.exec(select(AuthRecord))] == [-3]


def test_a_crashing_gateway_marks_the_record_failed_and_the_worker_goes_on(
    client, auth, visit_site, db, settings
):
    class Broken:
        def issue(self, grant: Grant) -> None:
            raise RuntimeError("socket closed")

        def revoke(self, grant: Grant) -> None:
            raise GatewayError("no")

    walk_in(client, auth, visit_site)
    assert workers.tick(db, settings, gateway=Broken())["failed"] == 1
    with db.read() as session:
        rec = session.exec(select(AuthRecord)).one()
    assert rec.auth_status == 4 and "socket closed" in rec.message


def test_records_left_issuing_by_a_dead_worker_are_taken_again(client, auth, visit_site, db, settings):
    walk_in(client, auth, visit_site)
    long_ago = datetime.now(UTC) - timedelta(hours=1)
    with db.write() as session:
        rec = session.exec(select(AuthRecord)).one()
        rec.auth_status, rec.update_time = 2, long_ago
        session.add(rec)
    assert workers.tick(db, settings, gateway=SimulatedAccessGateway())["issued"] == 1


def test_worker_thread_runs_rounds_and_stops_cleanly(client, auth, visit_site, db, settings):
    from dataclasses import replace

    walk_in(client, auth, visit_site)
    done = threading.Event()

    class Recording(SimulatedAccessGateway):
        def issue(self, grant: Grant) -> None:
            super().issue(grant)
            done.set()

    fast = replace(settings, worker_interval_s=0.05, extra={"access_gateway": Recording()})
    stop = workers.start(db, fast)
    try:
        assert done.wait(5), "the worker thread never dispatched"
    finally:
        stop()
    assert not any(t.name == "visitorcs-workers" and t.is_alive() for t in threading.enumerate())


def test_the_app_starts_and_stops_its_workers(settings):
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from server.app import create_app

    app = create_app(replace(settings, run_workers=True, worker_interval_s=30))
    with TestClient(app) as client:
        assert any(t.name == "visitorcs-workers" for t in threading.enumerate())
        assert client.get("/webapi/visitorcs/actuator/health").status_code == 200
    assert not any(t.name == "visitorcs-workers" and t.is_alive() for t in threading.enumerate())
