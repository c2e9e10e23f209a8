"""A large site: two real server processes (uvicorn) on one PostgreSQL database and one shared
data dir, 50 simulated kiosks driving both at once through the contract's client: online
registrations (each replayed through the other instance), sign-outs sent to both instances at
the same moment, the same offline batch uploaded to both, visits left to run over their end time
for the status keeper, and a consumer following the change sequence (`disorder`) meanwhile.

Every visit is recorded once, every status change happens once (one sign-out answers success,
the other "already signed out"; the status keepers of both instances together turn each overdue
visit once; each credential is issued once), the consumer misses and repeats nothing.
Speed is measured in bench/site_bench.py, not here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from server import kiosks, migrate
from server.db import Database
from server.models import AuthRecord, ChangeCounter, SyncRecord
from server.services.order_feed import VISIT
from tests.server.conftest import POSTGRES_ENV, _drop_schema, _postgres_url_with_fresh_schema, seed_visit_site
from visitorcs.client import VisitorcsClient
from visitorcs.codes import AuthStatus, VisitStatus
from visitorcs.errors import ApiUnreachable

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get(POSTGRES_ENV),
        reason="several server instances share one PostgreSQL database: set VISITORCS_TEST_POSTGRES_URL",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
API = "/webapi/visitorcs/api/v1/clientService/"
KIOSKS = 50
ONLINE = 4  # registrations per kiosk through the API, each replayed through the other instance
SIGNED_OUT = 2  # of them signed out, through both instances at once
OFFLINE = 3  # registrations per kiosk in one offline batch (with a sign-out of the first)
RUN_OVER_S = 20  # one online visit per kiosk ends this soon and is left for the status keeper
WORKER_INTERVAL_S = 0.2  # both instances' workers try often: they contend for every round

# One instance: the real app (workers on) on a loopback port of its own, printed first.
INSTANCE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import uvicorn
    from server.app import create_app
    from server.listen import listening_socket
    from server.settings import Settings

    url, data_dir, interval = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])
    app = create_app(Settings.build(data_dir, url, run_workers=True, worker_interval_s=interval))
    sock = listening_socket()
    print("PORT", sock.getsockname()[1], flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False)).run(sockets=[sock])
    """
)


def _start(url: str, data_dir: Path, started) -> tuple[subprocess.Popen, str]:
    """An instance; `started(proc)` is called at once, so the fixture stops it whatever happens."""
    proc = subprocess.Popen(
        [sys.executable, "-c", INSTANCE, url, str(data_dir), str(WORKER_INTERVAL_S)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    started(proc)
    line = proc.stdout.readline().split()
    assert line[:1] == ["PORT"], f"instance did not start: {line}"
    base = f"http://127.0.0.1:{line[1]}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/webapi/visitorcs/actuator/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, "instance not healthy in 60 s"
        time.sleep(0.2)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def site(tmp_path):
    """The database prepared once (as `visitorcs-server init` and `kiosk add` would), then two
    instances started on it at the same moment, sharing the data dir (keys, pictures)."""
    base_url = os.environ[POSTGRES_ENV]
    url, schema = _postgres_url_with_fresh_schema(base_url)
    db = Database(url)
    procs: list[subprocess.Popen] = []
    try:
        migrate.upgrade(db)
        hosts = seed_visit_site(db)
        tokens = [
            kiosks.add(db, mac=f"AA:BB:CC:10:{i // 256:02X}:{i % 256:02X}", name=f"访客机{i}")
            for i in range(KIOSKS)
        ]
        data_dir = tmp_path / "shared"
        bases: list[str] = []

        def start() -> None:
            proc, base = _start(url, data_dir, procs.append)
            bases.append(base)

        with ThreadPoolExecutor(2) as pool:  # both at once: they agree on one key and one schema
            list(pool.map(lambda _: start(), range(2)))
        yield db, bases, tokens, hosts
    finally:
        for proc in procs:
            _stop(proc)
        db.dispose()
        _drop_schema(base_url, schema)


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds")


def _worker_changes(base: str) -> Counter:
    text = httpx.get(base + "/webapi/visitorcs/actuator/prometheus", timeout=10).text
    found = re.findall(r'^visitorcs_worker_changes(?:_total)?\{kind="(\w+)"\} (\S+)$', text, re.M)
    return Counter({kind: int(float(n)) for kind, n in found})


class Consumer:
    """A platform following order/sync's sequence: keeps the last `disorder` seen, asks for the
    rows above it, ordered. Records what it saw and anything out of order or repeated."""

    def __init__(self, db: Database):
        self.db, self.last, self.seen, self.violations = db, 0, {}, []

    def pull(self) -> int:
        with self.db.rows() as conn:
            rows = conn.execute(
                select(VISIT.c.order_id, VISIT.c.disorder, VISIT.c.status)
                .where(VISIT.c.disorder > self.last)
                .order_by(VISIT.c.disorder)
                .limit(97)
            ).all()
        for order_id, number, status in rows:
            if number <= self.last:
                self.violations.append(f"{order_id}: {number} after {self.last}")
            before = self.seen.get(order_id)
            if before is not None and before[0] >= number:
                self.violations.append(f"{order_id}: {number} again")
            self.seen[order_id] = (number, status)
            self.last = number
        return len(rows)


def test_fifty_kiosks_on_two_instances(site):
    db, bases, tokens, hosts = site
    now = datetime.now(UTC)
    plans = []
    for i in range(KIOSKS):
        online = [str(uuid.uuid4()) for _ in range(ONLINE)]
        offline = [str(uuid.uuid4()) for _ in range(OFFLINE)]
        plans.append((i, online, offline))
    overdue_ids = {online[0] for _, online, _ in plans}  # left on site past their end time
    # all at one moment: both instances' status keepers find them due in the same few rounds
    due = now + timedelta(seconds=RUN_OVER_S)
    signed_out_ids = {oid for _, online, _ in plans for oid in online[1 : 1 + SIGNED_OUT]}

    answers: list[tuple[str, object]] = []  # (what, outcome) of every call, for the assertions
    lock = threading.Lock()

    def note(what: str, outcome: object) -> None:
        with lock:
            answers.append((what, outcome))

    def kiosk(plan: tuple[int, list[str], list[str]]) -> None:
        i, online, offline = plan
        mac = f"AA:BB:CC:10:{i // 256:02X}:{i % 256:02X}"
        mine, other = bases[i % 2], bases[(i + 1) % 2]
        clients = [
            VisitorcsClient(b, tokens[i], mac=mac, read_timeout=60, connect_timeout=10) for b in (mine, other)
        ]
        try:
            for j, oid in enumerate(online):
                end = due if oid in overdue_ids else now + timedelta(hours=4)
                info = {
                    "orderId": oid,
                    "name": f"访客{i}-{j}",
                    "phoneNum": f"136{i:04d}{j:04d}",
                    "beVisitPersonId": hosts.host_id,
                    "defaultPrivilegeFlag": "1",
                    "endTimeISO": _iso(end),
                }
                # the answer was slow: the kiosk retried through the other instance meanwhile
                with ThreadPoolExecutor(2) as pool:
                    first, again = pool.map(lambda c, info=info: _again(c.register, info), clients)
                note("register", (oid, first["orderId"], again["orderId"]))
            # the visitor scans the permit at an exit as the desk signs them out: both at once
            for oid in online[1 : 1 + SIGNED_OUT]:
                with ThreadPoolExecutor(2) as pool:
                    msgs = list(pool.map(lambda b, oid=oid: _sign_out(b, tokens[i], oid), bases))
                note("signOut", sorted(msgs))
            records = [
                {
                    "recordId": str(uuid.uuid4()),
                    "seq": k,
                    "op": "register",
                    "orderId": oid,
                    "clientTime": _iso(now - timedelta(minutes=5)),
                    "clockOffsetMs": 0,
                    "data": {
                        "name": f"离线{i}-{k}",
                        "phoneNum": f"137{i:04d}{k:04d}",
                        "beVisitPersonId": hosts.host_id,
                        "defaultPrivilegeFlag": "1",
                    },
                }
                for k, oid in enumerate(offline)
            ]
            records.append(
                {
                    "recordId": str(uuid.uuid4()),
                    "seq": OFFLINE,
                    "op": "signOut",
                    "orderId": offline[0],
                    "clientTime": _iso(now - timedelta(minutes=1)),
                    "clockOffsetMs": 0,
                    "data": {},
                }
            )
            # the uploader's answer timed out and the kiosk's next try went to the other instance
            # while the first was still being applied: the same batch through both at once
            with ThreadPoolExecutor(2) as pool:
                results = list(pool.map(lambda c: _upload(c, records), clients))
            note("offline", results)
        finally:
            for c in clients:
                c.close()

    consumer = Consumer(db)
    with ThreadPoolExecutor(KIOSKS) as pool:
        done = [pool.submit(kiosk, plan) for plan in plans]
        while not all(f.done() for f in done):
            consumer.pull()
        for f in done:
            f.result()  # any exception (an unreachable instance, a refusal) fails the test here

    # every visit recorded once, under the orderId the kiosk made
    expected = {oid for _, online, offline in plans for oid in online + offline}
    with db.rows() as conn:
        stored = Counter(conn.execute(select(VISIT.c.order_id)).scalars())
        assert conn.execute(select(func.count()).select_from(SyncRecord)).scalar() == KIOSKS * (OFFLINE + 1)
    assert set(stored) == expected and set(stored.values()) == {1}
    for what, outcome in answers:
        if what == "register":
            assert outcome[0] == outcome[1] == outcome[2]  # the replay answered the stored visit
        elif what == "signOut":  # one instance signed out, the other found it done
            assert outcome == ["success", "该访客已签离"], outcome
        else:
            first, second = outcome
            for a, b in zip(first, second, strict=True):
                assert a["recordId"] == b["recordId"]
                assert sorted((a["result"], b["result"])) == ["applied", "duplicate"], (a, b)

    # the status keepers of both instances together turned each overdue visit once
    deadline = time.monotonic() + RUN_OVER_S + 60
    while True:
        with db.rows() as conn:
            statuses = dict(conn.execute(select(VISIT.c.order_id, VISIT.c.status)).all())
        if all(statuses[oid] == int(VisitStatus.OVERDUE) for oid in overdue_ids):
            break
        assert time.monotonic() < deadline, "the status keeper did not run"
        time.sleep(0.5)
    offline_out = {offline[0] for _, _, offline in plans}
    for oid, status in statuses.items():
        if oid in signed_out_ids or oid in offline_out:
            assert status == int(VisitStatus.SIGNED_OUT), oid
        elif oid in overdue_ids:
            assert status == int(VisitStatus.OVERDUE), oid
        else:
            assert status == int(VisitStatus.ARRIVED), oid

    # every credential issued (and withdrawn) once: the dispatchers' counts add up to the records
    deadline = time.monotonic() + 60
    while True:
        with db.read() as s:
            records = s.execute(select(AuthRecord)).scalars().all()
        busy = [r for r in records if r.auth_status not in (int(AuthStatus.ISSUED), int(AuthStatus.DELETED))]
        if not busy:
            break
        assert time.monotonic() < deadline, f"{len(busy)} credentials never dispatched"
        time.sleep(0.5)
    changes = [_worker_changes(b) for b in bases]
    total = changes[0] + changes[1]
    assert total["overdue"] == len(overdue_ids)
    assert total["issued"] == len(records) and total["failed"] == 0
    assert total["revoked"] == sum(r.auth_status == int(AuthStatus.DELETED) for r in records)
    assert {r.attempts for r in records} == {1}  # pushed once (a withdrawal starts counting again)
    assert records and total["revoked"] > 0

    # the change sequence: unique, and a consumer that followed it holds what the database holds
    while consumer.pull():
        pass
    assert not consumer.violations, consumer.violations[:5]
    with db.rows() as conn:
        final = {
            oid: (n, st)
            for oid, n, st in conn.execute(select(VISIT.c.order_id, VISIT.c.disorder, VISIT.c.status))
        }
    assert consumer.seen == final
    numbers = [n for n, _ in final.values()]
    assert len(set(numbers)) == len(numbers)
    with db.read() as s:
        assert max(numbers) == s.get(ChangeCounter, "visit").value


def _again(call, *args):
    """A call sent again while there is no usable answer, as the kiosk's outbox does (a keep-alive
    connection the server closed as it was reused, a timeout): what idempotency is for."""
    for _ in range(5):
        try:
            return call(*args)
        except ApiUnreachable:
            time.sleep(0.2)
    return call(*args)


def _sign_out(base: str, token: str, order_id: str) -> str:
    # a connection of its own (no reused keep-alive connection to lose): sent once, so the two
    # answers tell which instance signed the visitor out
    r = httpx.post(
        base + API + "signOut",
        params={"orderId": order_id},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["code"] == "0", body
    return body["msg"]


def _upload(client: VisitorcsClient, records: list[dict]) -> list[dict]:
    """One upload, records answered `retry` sent again (as the kiosk's uploader does); the final
    answer per record, in the batch's order."""
    final: dict[str, dict] = {}
    todo = records
    for _ in range(20):
        try:
            answer = client.synchron(todo)
        except ApiUnreachable:
            time.sleep(0.2)
            continue
        for result in answer["results"]:
            if result["result"] != "retry":
                final[result["recordId"]] = result
        todo = [r for r in records if r["recordId"] not in final]
        if not todo:
            return [final[r["recordId"]] for r in records]
        time.sleep(0.1)
    raise AssertionError(f"records still waiting: {todo}")
