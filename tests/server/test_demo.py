"""The demo site: what a first `--demo` start shows, and that restarts add nothing twice."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import select

from server import demo, operators
from server.app import create_app
from server.models import AccessDevice, Blacklist, Department, Person, Picture, PrivilegeGroup, Visit
from server.settings import Settings
from visitorcs import login_proof

BASE = "/webapi/visitorcs/api/v1/clientService/"


def _count(db, model) -> int:
    with db.read() as s:
        return int(s.exec(select(func.count()).select_from(model)).one())


def test_demo_start_is_seeded_once(tmp_path, database_url):
    counts = []
    for _ in range(2):
        app = create_app(Settings.build(tmp_path / "data", database_url, run_workers=False, demo=True))
        with TestClient(app):
            db = app.state.db
            counts.append(
                [
                    _count(db, m)
                    for m in (Department, Person, PrivilegeGroup, AccessDevice, Blacklist, Visit, Picture)
                ]
            )
    assert counts[0] == counts[1]
    depts, hosts, groups, devices, blacklisted, visits, pictures = counts[0]
    assert depts >= 6 and hosts >= 30 and groups == 3 and devices >= 6 and blacklisted >= 4 and visits == 6
    assert pictures >= 3


def test_demo_site_contents(app, client, settings):
    db = app.state.db
    demo.seed_if_empty(db, settings)
    demo.seed_if_empty(db, settings)
    with db.read() as s:
        hosts = s.exec(select(Person)).all()
        cards = {p.card_no for p in hosts}
        assert demo.EMPLOYEE_CARD in cards and demo.FREE_VISITOR_CARD not in cards
        assert all(p.pinyin and p.phone for p in hosts)
        paths = {d.path_name for d in s.exec(select(Department)).all()}
        assert {
            "总部/行政部",
            "总部/研发中心/平台组",
            "总部/研发中心/硬件组",
            "总部/生产部",
            "总部/财务部",
        } <= paths
        devices = [d.device_desc for d in s.exec(select(AccessDevice)).all()]
        assert "地下车库道闸(离线)" in devices
        visits = s.exec(select(Visit)).all()
        assert {v.status for v in visits} >= {0, 1, 3, 6, 8} and all(v.register_type == 2 for v in visits)
        assert all(len(v.visitor_code) == 6 and v.visitor_code.isdigit() for v in visits)
        black = s.exec(select(Blacklist).where(Blacklist.name == demo.BLACKLIST_TEST_NAME)).one()
        assert black.identity_num == demo.BLACKLIST_TEST_ID
    for b in (demo.BLACKLIST_TEST_ID,):
        assert demo.identity_check_digit(b[:17]) == b[17]
    ch = operators.challenge(db, "admin", b"k" * 32)
    proof = login_proof.client_proof("admin123", ch, "admin")
    assert operators.login(db, "admin", ch["codeId"], proof, b"k" * 32)["token"]


def test_demo_host_faces_are_drawn_jpegs(app, client, settings):
    """Drawn with Pillow (no OpenCV on a server-only install), stored like uploads."""
    import io

    from PIL import Image

    demo.seed_if_empty(app.state.db, settings)
    with app.state.db.read() as s:
        faces = [p.face_path for p in s.exec(select(Person)).all() if p.face_path]
    assert len(faces) == 6
    for rel in faces:
        image = Image.open(io.BytesIO((settings.data_dir / rel).read_bytes()))
        assert image.format == "JPEG" and image.size == (200, 240)


def test_demo_licence_allows_five_kiosks(app, client, settings, auth):
    demo.seed_if_empty(app.state.db, settings)
    r = client.get(BASE + "login", params={"clientMacAddress": "AA:BB:CC:00:00:01"}, headers=auth)
    assert r.json()["data"]["loginResult"] == "0"
    from server import licence

    assert licence.read(app.state.db)["maxKiosks"] == 5


def test_a_racing_second_seeder_backs_off(app, client, settings):
    """Two instances on one database: the loser's identical rows collide and roll back."""
    db = app.state.db
    demo.seed_if_empty(db, settings)
    from server.models import Setting

    with db.write() as s:  # as if the other instance had not committed its marker yet
        s.delete(s.get(Setting, demo.MARKER))
    demo.seed_if_empty(db, settings)  # must not raise
    assert _count(db, Person) == len(demo.HOSTS)


def test_the_server_stands_alone():
    """server/ (demo, pictures, face quality included) imports nothing of kiosk, drivers or sync, nor Qt."""
    import subprocess
    import sys

    code = (
        "import sys, server.app, server.demo, server.cli, server.face_quality, server.pictures, server.operators; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('kiosk', 'drivers', 'sync', 'PySide6')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
