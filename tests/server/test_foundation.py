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
