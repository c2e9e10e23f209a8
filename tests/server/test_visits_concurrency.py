"""Concurrent kiosks: 8 threads registering (and replaying) at once through a live uvicorn
server get answers, never busy errors or 500s, and every visit is stored once."""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn
from sqlmodel import select

from server import kiosks
from server.app import create_app
from server.models import SyncRecord, Visit
from tests.server.conftest import seed_visit_site

API = "/webapi/visitorcs/api/v1/clientService/"
THREADS = 8
PER_THREAD = 6


@pytest.fixture
def live(settings):
    """The app served by uvicorn on an ephemeral port (real sockets, real threads)."""
    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    db = app.state.db
    site = seed_visit_site(db)
    tokens = [kiosks.add(db, mac=f"AA:BB:CC:00:01:{i:02X}", name=f"访客机{i}") for i in range(THREADS)]
    try:
        yield f"http://127.0.0.1:{port}", tokens, db, site
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_eight_kiosks_registering_at_once(live):
    base, tokens, db, site = live
    order_ids = [[str(uuid.uuid4()) for _ in range(PER_THREAD)] for _ in range(THREADS)]

    def kiosk(i: int) -> list[tuple[int, str]]:
        out = []
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {tokens[i]}"}, timeout=30
        ) as http:
            for j, oid in enumerate(order_ids[i]):
                body = {
                    "orderId": oid,
                    "name": f"并发{i}-{j}",
                    "beVisitPersonId": site.host_id,
                    "defaultPrivilegeFlag": "1",
                    "personNum": 2,
                }
                for _ in range(2):  # every request twice: a lost answer retried
                    r = http.post(API + "order/register", json=body)
                    out.append((r.status_code, r.json()["code"]))
        return out

    with ThreadPoolExecutor(THREADS) as pool:
        answers = [a for part in pool.map(kiosk, range(THREADS)) for a in part]
    assert set(answers) == {(200, "0")}, [a for a in answers if a != (200, "0")][:5]
    with db.read() as session:
        visits = session.exec(select(Visit)).all()
    assert len(visits) == THREADS * PER_THREAD * 2  # main visitors + one companion each
    codes = [v.visitor_code for v in visits]
    assert len(set(codes)) == len(codes)


def test_the_same_offline_batch_uploaded_by_racing_retries(live):
    base, tokens, db, _site = live
    records = [
        {
            "recordId": str(uuid.uuid4()),
            "seq": i,
            "op": "register",
            "orderId": str(uuid.uuid4()),
            "clientTime": "",
            "clockOffsetMs": 0,
            "data": {"name": f"离线{i}"},
        }
        for i in range(10)
    ]

    def upload(_: int) -> list[str]:
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {tokens[0]}"}, timeout=30
        ) as http:
            r = http.post(API + "offline/data/synchron", json={"records": records})
            assert r.status_code == 200, r.text
            return [x["result"] for x in r.json()["data"]["results"]]

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(upload, range(4)))
    for i in range(10):  # each record applied by exactly one upload
        assert sorted(r[i] for r in results) == ["applied", "duplicate", "duplicate", "duplicate"]
    with db.read() as session:
        assert len(session.exec(select(SyncRecord)).all()) == 10
        assert len(session.exec(select(Visit)).all()) == 10
