"""Personal data on the kiosk, through the kiosk's own wiring (kiosk.context.build_context) against the
live server, without Qt: the databases encrypted at rest, and the retention job (a clock that moves
only when told) over the outbox, the cache, the print jobs and remembered operators."""

from __future__ import annotations

import base64
import io
import secrets
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kiosk.config import Config
from kiosk.context import AppContext, build_context
from sync import sqlitedb
from tests.clock import EVERY_OUTBOX_STATE as ALL
from tests.clock import ManualClock
from visitorcs.identity import check_digit


class Visitor:
    """A visitor of this test's own: name, resident ID number, phone, a face photo."""

    def __init__(self) -> None:
        tail = "".join(secrets.choice("0123456789") for _ in range(11))
        self.name = "隐私" + "".join(secrets.choice("甲乙丙丁戊己庚辛壬癸") for _ in range(4))
        first17 = "110105" + "19900315" + tail[:3]
        self.id_number = first17 + check_digit(first17)
        self.phone = "139" + tail[3:11]
        img = Image.new("RGB", (96, 96), (secrets.randbelow(255), 120, 90))
        buf = io.BytesIO()
        img.save(buf, "JPEG")
        self.jpeg = buf.getvalue()
        self.photo_b64 = base64.b64encode(self.jpeg).decode("ascii")

    def words(self) -> dict[str, str]:
        # the photo by a run of its base64 past the JPEG header (shared by every JPEG)
        return {
            "name": self.name,
            "ID": self.id_number,
            "phone": self.phone,
            "photo": self.photo_b64[200:260],
        }


def databases(context: AppContext) -> list[Path]:
    data = context.config.data_dir
    return [data / "sync" / "outbox.sqlite3", data / "sync" / "cache.sqlite3", data / "print-jobs.sqlite3"]


def on_disk(path: Path) -> bytes:
    """The database with its WAL, as someone who takes the disk would read them."""
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())


def dump(path: Path, key: bytes | None) -> str:
    """Every row of every table as text (blobs decoded as UTF-8 where they can be), read with the key."""
    conn = sqlitedb.connect(path, key)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return "\n".join(
            repr([v.decode("utf-8", "replace") if isinstance(v, bytes) else v for v in row])
            for table in tables
            for row in conn.execute(f'SELECT * FROM "{table}"')
        )
    finally:
        conn.close()


def found(visitor: Visitor, text: str) -> list[str]:
    return [what for what, value in visitor.words().items() if value in text]


@pytest.fixture
def kiosk(tmp_path: Path, live_server: Any, request: pytest.FixtureRequest) -> Iterator[AppContext]:
    overrides = getattr(request, "param", {})
    config = Config.for_tests(
        tmp_path / "kiosk",
        server_url=live_server.url,
        token=live_server.token,
        mac=live_server.mac,
        simulate="no",
        **overrides,
    )
    context = build_context(config, with_devices=False)
    yield context
    close(context)


def close(context: AppContext) -> None:
    """Shut down as at exit; the cache too (shutdown closes it only once the sync machinery ran)."""
    context.shutdown()
    context.cache.store.close()


def go_offline(context: AppContext) -> None:
    for _ in range(context.sync.monitor.fail_threshold):
        context.sync.monitor.report_failure()
    assert not context.sync.monitor.online


def register_offline(context: AppContext, visitor: Visitor) -> dict[str, Any]:
    """A walk-in with an ID card and a face photo, registered while the server is away: the
    record and its photo wait in the outbox; the permit is queued for printing (with its image)."""
    go_offline(context)
    host = context.client.person_query("王建国")[0]
    order = str(uuid.uuid4())
    result = context.sync.gateway.register(
        {
            "orderId": order,
            "registerType": "1",
            "name": visitor.name,
            "identityId": "111",
            "identityNum": visitor.id_number,
            "phoneNum": visitor.phone,
            "purpose": "参观",
            "beVisitPersonId": host["personId"],
            "defaultPrivilegeFlag": "1",
            "visitorPhoto": visitor.photo_b64,
        }
    )
    assert result.queued
    job = context.printing.print_permit(result.visit, visitor.jpeg)  # printing not started: it waits
    assert context.printing.job(job.job_id).state.value == "waiting"
    return result.visit


def upload(context: AppContext) -> None:
    context.sync.monitor.report_success()
    while context.sync.uploader.flush_once():
        pass
    assert context.sync.outbox.unsent_count() == 0, context.sync.outbox.counts()


def sign_out(context: AppContext, visit: dict[str, Any]) -> None:
    go_offline(context)  # queued at once (the uploader's thread is not running in these tests)
    context.sync.gateway.sign_out(visit["orderId"], {"qrCode": visit["qrCode"]})


@pytest.mark.parametrize(
    "kiosk",
    [
        pytest.param(
            {"forget_on_sign_out": True},
            id="encrypted",
            marks=pytest.mark.skipif(not sqlitedb.available(), reason="no SQLCipher"),
        ),
        pytest.param({"forget_on_sign_out": True, "encrypt": "off"}, id="plain"),
    ],
    indirect=True,
)
def test_signed_out_uploaded_and_forget_on_sign_out_leaves_nothing_in_any_kiosk_database(
    kiosk: AppContext,
) -> None:
    context = kiosk
    encrypted = context.config.privacy.encrypt != "off"
    key = sqlitedb.database_key(context.config.privacy.encrypt, context.config.key_file)
    assert (key is not None) == encrypted
    visitor = Visitor()
    visit = register_offline(context, visitor)
    order = visit["orderId"]
    upload(context)
    assert context.sync.outbox.records(ALL, order_id=order)[0].state == "sent"
    context.cache.refresher.refresh_all()  # the cache has the visit, on site, with everything
    [cached] = context.cache.store.visits_where("order_id", order)
    assert cached["name"] == visitor.name and cached["status"] == "8"
    before = {p.name: dump(p, key) for p in databases(context)}
    assert found(visitor, before["outbox.sqlite3"]) == ["name", "ID", "phone", "photo"]
    assert found(visitor, before["cache.sqlite3"])  # name, phone (the list masks the ID number)

    sign_out(context, visit)
    context.sync.retention.run_once()  # the sign-out is not uploaded yet: everything stays
    assert {r.op for r in context.sync.outbox.records(ALL, order_id=order)} == {"register", "signOut"}
    upload(context)
    done = context.sync.retention.run_once()
    assert done["outbox"] == 2 and done["cache"] >= 1 and done["print jobs"] == 1

    after = {p.name: dump(p, key) for p in databases(context)}
    for name, text in after.items():
        assert found(visitor, text) == [], name
    assert context.sync.outbox.records(ALL, order_id=order) == []
    [job] = [j for j in context.printing.history() if j.order_id == order]
    assert job.visitor == "" and job.state.value == "failed"  # it never printed: nothing left to print
    [stub] = context.cache.store.visits_where("order_id", order)
    assert stub["personalDataRemoved"] and stub["status"] == "6" and stub["qrCode"] == cached["qrCode"]
    assert "name" not in stub and not context.cache.directory.find_visits(5, visitor.id_number)
    # The next refresh brings the signed-out visit back from the server: stored without personal data
    context.sync.monitor.report_success()
    context.cache.refresher.refresh_all()
    [stub] = context.cache.store.visits_where("order_id", order)
    assert stub["personalDataRemoved"] and stub["status"] == "6"
    assert found(visitor, dump(databases(context)[1], key)) == []
    # and on the disk itself (database, WAL): plaintext or not, the bytes are gone
    for path in databases(context):
        assert found(visitor, on_disk(path).decode("utf-8", "replace")) == [], path.name
        assert path.read_bytes().startswith(sqlitedb.HEADER) != encrypted, path.name


@pytest.mark.skipif(not sqlitedb.available(), reason="no SQLCipher")
def test_the_kiosks_databases_are_encrypted_and_unreadable_without_the_key(kiosk: AppContext) -> None:
    context = kiosk
    visitor = Visitor()
    visit = register_offline(context, visitor)
    upload(context)
    context.cache.refresher.refresh_all()
    key_file = context.config.key_file
    assert key_file.exists() and not key_file.is_relative_to(context.config.data_dir)
    key = bytes.fromhex(key_file.read_text())
    for path in databases(context):
        assert not path.read_bytes().startswith(sqlitedb.HEADER), path.name
        assert found(visitor, on_disk(path).decode("utf-8", "replace")) == [], path.name
        with pytest.raises(sqlitedb.DatabaseKeyError):
            sqlitedb.connect(path, None)
        with pytest.raises(sqlitedb.DatabaseKeyError):
            sqlitedb.connect(path, secrets.token_bytes(32))
    # with the key: all there
    assert found(visitor, dump(databases(context)[0], key)) == ["name", "ID", "phone", "photo"]
    assert context.cache.store.visits_where("order_id", visit["orderId"])[0]["name"] == visitor.name
    assert visitor.name[0] + "*" in dump(databases(context)[2], key)  # the print job, its masked name
    assert context.printing.permit_job(visit["orderId"]) is not None


def test_an_earlier_versions_plaintext_databases_are_encrypted_on_first_start(
    tmp_path: Path, live_server: Any
) -> None:
    if not sqlitedb.available():
        pytest.skip("no SQLCipher")
    home = tmp_path / "kiosk"
    settings = {
        "server_url": live_server.url,
        "token": live_server.token,
        "mac": live_server.mac,
        "simulate": "no",
    }
    old = build_context(Config.for_tests(home, encrypt="off", **settings), with_devices=False)
    visitor = Visitor()
    visit = register_offline(old, visitor)  # waiting in the outbox: never uploaded
    old.cache.refresher.refresh_all()
    paths = databases(old)
    close(old)
    for path in paths:
        assert path.read_bytes().startswith(sqlitedb.HEADER), path.name

    new = build_context(Config.for_tests(home, **settings), with_devices=False)
    try:
        new.cache.store.visits_where()  # the cache opens on first use
        for path in paths:
            assert sqlitedb.file_state(path) == "encrypted", path.name
            assert found(visitor, on_disk(path).decode("utf-8", "replace")) == [], path.name
        [rec] = new.sync.outbox.records(ALL, order_id=visit["orderId"])
        assert rec.state == "pending" and rec.data["identityNum"] == visitor.id_number
        assert new.printing.permit_job(visit["orderId"]) is not None
        upload(new)  # the photo and the record reach the server from the converted outbox
    finally:
        close(new)
    # and back: a site that turns encryption off gets its databases decrypted at the next start
    plain = build_context(Config.for_tests(home, encrypt="off", **settings), with_devices=False)
    try:
        plain.cache.store.visits_where()
        for path in paths:
            assert sqlitedb.file_state(path) == "plain", path.name
        [rec] = plain.sync.outbox.records(ALL, order_id=visit["orderId"])
        assert rec.state == "sent" and rec.data["name"] == visitor.name
    finally:
        close(plain)


def test_a_record_not_yet_uploaded_is_never_deleted_whatever_its_age(kiosk: AppContext) -> None:
    """Retention after a year away from the server: the cache's copies, old hosts and operators go;
    the visit registered and signed out here but never uploaded keeps everything, everywhere."""
    context = kiosk
    clock = ManualClock()
    context.sync.retention.clock = clock
    context.cache.refresher.refresh_all()
    assert context.cache.store.visits_where() and context.cache.store.hosts()
    remembered = context.services.operators.remembered
    remembered.operator_logged_in("值班员", "secret", "值班员甲")
    visitor = Visitor()
    visit = register_offline(context, visitor)
    sign_out(context, visit)
    order = visit["orderId"]
    key = sqlitedb.database_key(context.config.privacy.encrypt, context.config.key_file)
    blob_id = context.sync.outbox.records(ALL, order_id=order)[0].data["visitorPhoto"].split(":", 1)[1]

    clock.days(0.5)
    done = context.sync.retention.run_once()
    assert not any(done.values()), done  # nothing is older than keep_days or the operators' grace
    assert remembered.operator_offline("值班员", "secret", 24 * 3600) == "值班员甲"
    clock.days(1)  # past [offline] operator_grace_h (24 h): the operator's hash has no use any more
    assert context.sync.retention.run_once()["remembered operators"] == 1

    clock.days(365)
    done = context.sync.retention.run_once()
    assert done["cache"] > 0
    assert [r.op for r in context.sync.outbox.records(ALL, order_id=order)] == ["register", "signOut"]
    assert context.sync.outbox.blob(blob_id) == (visitor.photo_b64, None)
    job = context.printing.permit_job(order)
    assert job is not None and job.state.value == "waiting"
    assert found(visitor, dump(databases(context)[0], key)) == ["name", "ID", "phone", "photo"]
    assert context.cache.store.visits_where() == [] and context.cache.store.hosts() == []
    assert (remembered._read().get("operators") or {}) == {}
    # the next refresh fills the cache again, unchanged list or not
    context.sync.monitor.report_success()
    context.cache.refresher.refresh_all()
    assert context.cache.store.visits_where()


def test_uploaded_personal_data_goes_after_keep_days(kiosk: AppContext) -> None:
    context = kiosk
    clock = ManualClock()
    context.sync.retention.clock = clock
    visitor = Visitor()
    visit = register_offline(context, visitor)
    upload(context)  # on site, uploaded; forget_on_sign_out is off here
    order = visit["orderId"]
    clock.days(6.9)
    context.sync.retention.run_once()
    assert context.sync.outbox.records(ALL, order_id=order) and context.printing.permit_job(order)
    clock.days(0.2)
    done = context.sync.retention.run_once()
    assert done["outbox"] == 1 and done["print jobs"] == 1
    assert context.sync.outbox.records(ALL, order_id=order) == [] and context.sync.outbox.blob_count() == 0
    assert context.printing.permit_job(order) is None
