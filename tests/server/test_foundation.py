"""The server starts on a fresh database, answers health, and refuses anonymous kiosks."""

from fastapi.testclient import TestClient

from server import kiosks
from server.app import create_app
from server.settings import Settings


def test_fresh_database_is_migrated_and_healthy(tmp_path):
    app = create_app(Settings.build(tmp_path, run_workers=False))
    with TestClient(app) as client:
        r = client.get("/webapi/visitorcs/actuator/health")
        assert r.status_code == 200 and r.json()["status"] == "UP"
        r = client.get("/webapi/visitorcs/no/such/thing")
        assert r.status_code == 404 and r.json()["code"] == "404"


def test_kiosk_token_is_stored_hashed(tmp_path):
    app = create_app(Settings.build(tmp_path, run_workers=False))
    with TestClient(app):
        token = kiosks.add(app.state.db, mac="aa-bb-cc-dd-ee-ff", name="大厅访客机")
    stored = b"".join(f.read_bytes() for f in tmp_path.glob("visitorcs.sqlite3*"))
    assert token.encode() not in stored
    assert kiosks.hash_token(token).encode() in stored


def test_revoked_or_replaced_token_is_refused_at_once(tmp_path):
    """Valid tokens are trusted for a second between look-ups; revoking or replacing one
    (server.kiosks) still takes effect on the very next request."""
    app = create_app(Settings.build(tmp_path, run_workers=False))
    url = "/webapi/visitorcs/api/v1/clientService/getSysTime"
    with TestClient(app) as client:
        old = kiosks.add(app.state.db, mac="AA:BB:CC:00:00:07", name="七号机")
        assert client.post(url, headers={"Authorization": f"Bearer {old}"}).status_code == 200
        new = kiosks.add(app.state.db, mac="AA:BB:CC:00:00:07", name="七号机")
        assert client.post(url, headers={"Authorization": f"Bearer {old}"}).status_code == 401
        assert client.post(url, headers={"Authorization": f"Bearer {new}"}).status_code == 200
        kiosks.revoke(app.state.db, "AA:BB:CC:00:00:07")
        r = client.post(url, headers={"Authorization": f"Bearer {new}"})
        assert r.status_code == 401 and "吊销" in r.json()["msg"]
