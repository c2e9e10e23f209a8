"""Offline work uploaded into the real bundled server: register, sign-out, appointment check-in,
the three defined conflicts, and kill -9 of the kiosk process at the dangerous moments."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from kiosk.cache import OfflineDirectory
from sync import sqlitedb
from sync.gateway import OutboxGateway
from sync.outbox import Outbox
from sync.uploader import Uploader, upload_client
from tests.sync.live import LiveServer
from visitorcs import qrtoken
from visitorcs.codes import CodeType

ROOT = Path(__file__).resolve().parents[2]
MAC1, MAC2 = "AA:BB:CC:00:00:31", "AA:BB:CC:00:00:32"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with LiveServer(tmp_path_factory.mktemp("server"), demo=False) as srv:
        srv.tokens = {MAC1: srv.kiosk(MAC1, "一号访客机"), MAC2: srv.kiosk(MAC2, "二号访客机")}
        yield srv


class Kiosk:
    """One kiosk's sync stack: outbox, QR key, HTTP, uploader (not started: tests drain explicitly)."""

    def __init__(self, server: LiveServer, mac: str, data: Path):
        self.outbox = Outbox(data / "outbox.db")
        self.key = qrtoken.load_or_create_key(data / "kiosk_qr.pem")
        self.http = upload_client(server.url, server.tokens[mac], mac)
        self.uploader = Uploader(
            self.outbox,
            self.http,
            kiosk_public_key=qrtoken.public_key_b64(self.key),
            backoff_base=0.0,
            backoff_cap=0.0,
        )
        self.offline = OutboxGateway(self.outbox, None, qr_key=self.key, is_online=lambda: False)

    def drain(self) -> None:
        for _ in range(50):
            if not self.uploader.flush_once():
                return

    def close(self) -> None:
        self.http.close()
        self.outbox.close()


@pytest.fixture
def kiosk1(server, tmp_path):
    k = Kiosk(server, MAC1, tmp_path / "k1")
    yield k
    k.close()


@pytest.fixture
def kiosk2(server, tmp_path):
    k = Kiosk(server, MAC2, tmp_path / "k2")
    yield k
    k.close()


def server_visit(server, order_id):
    from server.models import Visit

    with server.app.state.db.read() as s:
        return s.get(Visit, order_id)


def appointment(server) -> str:
    """A booked visit valid now (the demo's fixed hours would make tests depend on the time of day)."""
    from server.models import Visit

    now = datetime.now(UTC)
    order = str(uuid.uuid4())
    with server.app.state.db.write() as s:
        s.add(
            Visit(
                order_id=order,
                register_type=2,
                status=1,
                approval_result="审批通过",
                name="预约访客",
                phone_num="18600001234",
                phone_last4="1234",
                visitor_code=f"{uuid.uuid4().int % 10**6:06d}",
                start_time=now - timedelta(hours=1),
                end_time=now + timedelta(hours=3),
                visit_day=datetime.now().astimezone().date().isoformat(),
            )
        )
    return order


def walk_in(name="离线访客", **extra):
    return {
        "orderId": str(uuid.uuid4()),
        "name": name,
        "registerType": "1",
        "phoneNum": "13912345678",
        **extra,
    }


def test_offline_register_then_sign_out_reach_the_server_with_the_printed_qr(server, kiosk1):
    kiosk1.drain()  # was online once: the server knows our key
    assert kiosk1.outbox.get_meta("qr_kid") is not None
    info = walk_in()
    visit = kiosk1.offline.register(info).visit
    printed = visit["qrCode"]
    kiosk1.offline.sign_out(info["orderId"])
    assert kiosk1.outbox.unsent_count() == 2
    kiosk1.drain()
    assert kiosk1.outbox.unsent_count() == 0 and kiosk1.outbox.attention() == []
    stored = server_visit(server, info["orderId"])
    assert stored.qr_code == printed  # the pass printed offline stays valid
    assert stored.status == 6
    # and the server finds it by that code like any other
    found = kiosk1.http.visitor_details(printed, CodeType.QR)
    assert list(found) == [info["orderId"]]  # details answers {orderId: VisitorInfo}


def test_a_group_registered_offline_is_on_site_and_leaves_together(server, kiosk1, tmp_path):
    from kiosk.cache import CacheStore

    store = CacheStore(tmp_path / "cache.db")
    d = OfflineDirectory(store, kiosk1.outbox)
    info = walk_in(
        "带队", personNum="3", companions=[{"name": "同行一", "visitorPhoto": "/9j/AAAA"}, {"name": "同行二"}]
    )
    kiosk1.offline.register(info)
    names = {v.get("name") for v in d.present_visitors()}
    assert {"带队", "同行一", "同行二"} <= names
    kiosk1.drain()  # now the server's companion visits count
    on_site = [v for v in d.present_visitors() if v.get("companionOf") == info["orderId"]]
    assert len(on_site) == 2 and all(server_visit(server, v["orderId"]) is not None for v in on_site)
    kiosk1.offline.sign_out(info["orderId"])
    assert not {"带队", "同行一", "同行二"} & {v.get("name") for v in d.present_visitors()}
    kiosk1.drain()
    assert all(server_visit(server, v["orderId"]).status == 6 for v in on_site)
    store.close()


def test_a_kiosk_that_never_was_online_gets_its_pass_replaced_and_told(server, tmp_path):
    k = Kiosk(server, MAC2, tmp_path / "fresh")
    k.uploader.kiosk_public_key = None  # its key never reached the server
    try:
        info = walk_in("从未联网")
        printed = k.offline.register(info).visit["qrCode"]
        assert qrtoken.parse(printed).kid == qrtoken.UNASSIGNED_KID
        k.drain()
        rec = k.outbox.records(("sent",))[0]
        assert server_visit(server, info["orderId"]).qr_code != printed
        assert "重新打印" in rec.msg  # the words the server gives for a reprint
    finally:
        k.close()


def test_offline_check_in_of_an_appointment(server, kiosk1):
    order = appointment(server)
    kiosk1.offline.register({"orderId": order, "registerType": "2"})
    kiosk1.drain()
    assert kiosk1.outbox.attention() == [] and server_visit(server, order).status == 8


def test_conflict_same_appointment_checked_in_on_two_kiosks_offline(server, kiosk1, kiosk2):
    order = appointment(server)
    kiosk1.offline.register({"orderId": order, "registerType": "2", "visitorTemperature": "36.5"})
    kiosk2.offline.register({"orderId": order, "registerType": "2", "visitorTemperature": "36.6"})
    kiosk1.drain()
    kiosk2.drain()
    # the visitor arrived once: the second kiosk's record is settled as a duplicate, not parked
    assert kiosk1.outbox.unsent_count() == 0 and kiosk2.outbox.unsent_count() == 0
    second = kiosk2.outbox.records(("sent",))[0]
    assert second.result["result"] == "duplicate" and "其他访客机" in second.msg
    assert server_visit(server, order).status == 8


def test_conflict_sign_out_of_a_visit_the_server_already_closed(server, kiosk1, kiosk2):
    info = walk_in()
    kiosk1.offline.register(info)
    kiosk1.drain()
    kiosk1.offline.sign_out(info["orderId"])  # at the exit of kiosk 1 ...
    kiosk2.offline.sign_out(info["orderId"])  # ... and again at kiosk 2, both offline
    kiosk1.drain()
    kiosk2.drain()
    assert kiosk2.outbox.unsent_count() == 0 and kiosk2.outbox.attention() == []
    assert "已签离" in kiosk2.outbox.records(("sent",))[0].msg
    assert server_visit(server, info["orderId"]).status == 6


def test_conflict_blacklist_entry_added_while_offline(server, kiosk1, tmp_path):
    from server.demo import identity_check_digit
    from server.models.reference import Blacklist

    num = "11010119800101001" + identity_check_digit("11010119800101001")
    info = walk_in("后上黑名单", identityNum=num, identityId="111")
    kiosk1.offline.register(info)  # the kiosk's cached blacklist did not know yet
    kiosk1.offline.sign_out(info["orderId"])
    with server.app.state.db.write() as s:
        s.add(Blacklist(name="后上黑名单", identity_num=num, reason="test"))
    kiosk1.drain()
    parked = kiosk1.outbox.attention()
    # the registration is refused with the server's words; its sign-out cannot apply either and
    # is parked with it (or held behind it): both wait for a person, nothing is dropped
    assert parked[0].op == "register" and parked[0].code == "422" and "黑名单" in parked[0].msg
    assert {r.order_id for r in parked} == {info["orderId"]}
    assert kiosk1.outbox.unsent_count() == 2
    assert server_visit(server, info["orderId"]) is None
    # and the next cache refresh refuses the person offline from then on
    from kiosk.cache import CacheRefresher, CacheStore

    store = CacheStore(tmp_path / "cache.db")
    CacheRefresher(store, kiosk1.http, MAC1).refresh("blacklist")
    assert OfflineDirectory(store, kiosk1.outbox).is_blacklisted(identity_num=num)
    store.close()


def test_online_register_through_the_gateway(server, kiosk1):
    kiosk1.uploader.start()
    try:
        gw = OutboxGateway(kiosk1.outbox, kiosk1.uploader, qr_key=kiosk1.key, is_online=lambda: True)
        res = gw.register(walk_in("在线访客"))
        assert res.queued is False and res.visit["visitorCode"] and res.visit["status"] == "8"
    finally:
        kiosk1.uploader.stop()


# -- kill -9 ---------------------------------------------------------------------------------------
def _kiosk_proc(mode: str, box: Path, server=None, db_key: bytes | None = None, **kw) -> subprocess.Popen:
    args = [sys.executable, "-m", "tests.sync.crash_kiosk", mode, "--outbox", str(box)]
    if db_key:
        args += ["--key", db_key.hex()]
    if server is not None:
        args += ["--url", server.url, "--token", server.tokens[MAC1], "--mac", MAC1]
    for k, v in kw.items():
        args += [f"--{k}", str(v)]
    return subprocess.Popen(
        args,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _kill_after(proc: subprocess.Popen, prefix: str, n: int) -> list[str]:
    seen = []
    for line in proc.stdout:
        seen.append(line.strip())
        if sum(1 for s in seen if s.startswith(prefix)) >= n:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(20)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
    return seen


def _drain_in_new_process(server, box: Path, db_key: bytes | None) -> None:
    p = _kiosk_proc("drain", box, server, db_key)
    out, err = p.communicate(timeout=60)
    assert "done" in out, err


def _assert_exactly_once(server, box: Path, db_key: bytes | None) -> None:
    from server.models import SyncRecord, Visit

    check = Outbox(box, db_key)
    rows = check.records(("pending", "inflight", "attention", "sent", "refused"))
    check.close()
    assert rows and all(r.state == "sent" for r in rows)
    with server.app.state.db.read() as s:
        ids = {r.record_id for r in rows}
        stored = s.exec(select(SyncRecord).where(SyncRecord.record_id.in_(ids))).all()
        visits = s.exec(select(Visit).where(Visit.order_id.in_({r.order_id for r in rows}))).all()
    assert len(stored) == len(ids)  # every record reached the server ...
    assert len(visits) == len(rows)  # ... and made exactly one visit


def _assert_nothing_readable_on_disk(box: Path, db_key: bytes | None) -> None:
    """Encrypted: neither the outbox nor its WAL shows a visitor's name or phone (crash_kiosk's data)."""
    if db_key is None:
        return
    assert not box.read_bytes().startswith(sqlitedb.HEADER)
    for f in box.parent.glob(box.name + "*"):
        data = f.read_bytes()
        assert "访客".encode() not in data and b"13900000" not in data, f


def test_kill_9_while_enqueueing_loses_no_acknowledged_write(server, tmp_path, db_key):
    box = tmp_path / "outbox.db"
    p = _kiosk_proc("enqueue", box, db_key=db_key, count=5000)
    seen = _kill_after(p, "enq", 40)
    acked = [int(s.split()[1]) for s in seen if s.startswith("enq")]
    _assert_nothing_readable_on_disk(box, db_key)  # as the crash left it, WAL and all
    check = Outbox(box, db_key)
    stored = {r.seq for r in check.records(("pending",))}
    check.close()
    assert set(acked) <= stored and len(stored) - len(acked) <= 1  # at most the one being committed
    _drain_in_new_process(server, box, db_key)
    _assert_exactly_once(server, box, db_key)


def test_kill_9_while_uploading(server, tmp_path, db_key):
    box = tmp_path / "outbox.db"
    p = _kiosk_proc("enqueue", box, db_key=db_key, count=120)
    p.communicate(timeout=60)
    up = _kiosk_proc("upload", box, server, db_key, batch=10)
    _kill_after(up, "sent", 2)  # killed with later batches on the wire
    _drain_in_new_process(server, box, db_key)
    _assert_exactly_once(server, box, db_key)


def test_kill_9_after_the_server_applied_a_batch_before_the_kiosk_recorded_it(server, tmp_path, db_key):
    box = tmp_path / "outbox.db"
    _kiosk_proc("enqueue", box, db_key=db_key, count=30).communicate(timeout=60)
    p = _kiosk_proc("after-apply", box, server, db_key, batch=10)
    p.communicate(timeout=30)
    assert p.returncode == -signal.SIGKILL
    check = Outbox(box, db_key)
    assert check.counts() == {"pending": 30}  # the answer was never written down ...
    check.close()
    _drain_in_new_process(server, box, db_key)  # ... so the batch goes again: duplicates
    _assert_exactly_once(server, box, db_key)
    _assert_nothing_readable_on_disk(box, db_key)


def test_a_plaintext_outbox_left_by_kill_9_is_encrypted_at_the_next_start_without_losing_a_record(
    server, tmp_path
):
    """An earlier version's kiosk (plaintext outbox) dies mid-write; the upgraded one opens it with
    a key: every acknowledged record is there, unsent, and drains exactly once."""
    if not sqlitedb.available():
        pytest.skip("SQLCipher (sqlcipher3) is not installed")
    box = tmp_path / "outbox.db"
    seen = _kill_after(_kiosk_proc("enqueue", box, count=5000), "enq", 60)
    acked = {int(s.split()[1]) for s in seen if s.startswith("enq")}
    assert box.read_bytes().startswith(sqlitedb.HEADER)
    key = secrets.token_bytes(sqlitedb.KEY_BYTES)
    check = Outbox(box, key)  # converted in place
    stored = {r.seq for r in check.records(("pending",))}
    check.close()
    assert acked <= stored and len(stored) - len(acked) <= 1
    _assert_nothing_readable_on_disk(box, key)
    _drain_in_new_process(server, box, key)
    _assert_exactly_once(server, box, key)
