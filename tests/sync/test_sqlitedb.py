"""sync.sqlitedb: the key file, encrypted databases, and plaintext ones converted in place."""

from __future__ import annotations

import json
import logging
import os
import secrets
import sqlite3
import stat
import uuid

import pytest

from sync import sqlitedb
from sync.outbox import Outbox
from tests.sync.conftest import needs_sqlcipher

pytestmark = needs_sqlcipher

NAME, ID_NUMBER, PHONE = "隐私测试张伟", "11010519491231002X", "13912345678"


def key() -> bytes:
    return secrets.token_bytes(sqlitedb.KEY_BYTES)


def files_of(path) -> bytes:
    """The database with its WAL and shared memory, as someone who takes the disk would read them."""
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def personal_bytes_in(blob: bytes) -> list[str]:
    return [w for w in (NAME, ID_NUMBER, PHONE) if w.encode() in blob]


# -- the key file -------------------------------------------------------------------------------
@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_the_key_file_is_made_once_private_and_never_replaced(tmp_path):
    path = tmp_path / "config" / "db.key"
    first = sqlitedb.load_or_create_key(path)
    assert len(first) == 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.read_text().strip() == first.hex()
    assert sqlitedb.load_or_create_key(path) == first
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind
    path.write_text("not a key\n")
    with pytest.raises(sqlitedb.KeyFileError):
        sqlitedb.load_or_create_key(path)
    assert path.read_text() == "not a key\n"  # a broken key file is left for a person to restore


def test_encrypt_modes(tmp_path, monkeypatch, caplog):
    key_file = tmp_path / "config" / "db.key"
    k = sqlitedb.database_key("auto", key_file)  # made on first start
    assert k == bytes.fromhex(key_file.read_text())
    assert sqlitedb.database_key("required", key_file) == k
    with pytest.raises(ValueError):
        sqlitedb.database_key("maybe", key_file)
    monkeypatch.setattr(sqlitedb, "available", lambda: False)
    with caplog.at_level(logging.WARNING, logger="sync.sqlitedb"):
        assert sqlitedb.database_key("auto", tmp_path / "other.key") is None
    assert "NOT encrypted" in caplog.text and "required" in caplog.text
    assert not (tmp_path / "other.key").exists()
    with pytest.raises(sqlitedb.EncryptionUnavailable, match="sqlcipher3-wheels"):
        sqlitedb.database_key("required", key_file)


# -- encrypted databases ------------------------------------------------------------------------
def test_an_encrypted_outbox_holds_nothing_readable_and_needs_its_key(tmp_path):
    k = key()
    path = tmp_path / "outbox.sqlite3"
    box = Outbox(path, k)
    order = str(uuid.uuid4())
    box.enqueue(
        "register",
        order,
        {"orderId": order, "name": NAME, "identityNum": ID_NUMBER, "phoneNum": PHONE},
        blobs={"b1": "/9j/" + "A" * 4000},
    )
    # before and after the WAL is checkpointed into the file
    assert not path.read_bytes().startswith(sqlitedb.HEADER)
    assert personal_bytes_in(files_of(path)) == []
    box.close()
    assert personal_bytes_in(files_of(path)) == []
    assert sqlitedb.file_state(path) == "encrypted"

    with pytest.raises(sqlite3.DatabaseError):  # the plain library sees no database at all
        sqlite3.connect(path).execute("SELECT * FROM outbox").fetchall()
    with pytest.raises(sqlitedb.DatabaseKeyError, match="no key"):
        Outbox(path)
    with pytest.raises(sqlitedb.DatabaseKeyError, match="does not open"):
        Outbox(path, key())
    again = Outbox(path, k)
    [rec] = again.records()
    assert rec.data["identityNum"] == ID_NUMBER and again.blob("b1") is not None
    again.close()


def test_a_plaintext_outbox_is_converted_in_place_without_losing_a_record(tmp_path):
    """An outbox written by an earlier version: unsent, in flight, parked and sent records, photos,
    the meta table, and a WAL not yet checkpointed (the process did not close it)."""
    path = tmp_path / "outbox.sqlite3"
    old = Outbox(path)
    orders = [str(uuid.uuid4()) for _ in range(6)]
    recs = [
        old.enqueue(
            "register", o, {"orderId": o, "name": f"{NAME}{i}", "identityNum": ID_NUMBER, "phoneNum": PHONE}
        )
        for i, o in enumerate(orders)
    ]
    photo = old.enqueue(
        "register",
        str(uuid.uuid4()),
        {"visitorPhoto": "outbox-blob:p1", "name": NAME},
        blobs={"p1": "/9j/xyz"},
    )
    claimed = old.claim(3)
    old.apply_results(
        claimed[:2],
        [
            {"recordId": claimed[0].record_id, "result": "applied", "code": "0", "msg": "ok"},
            {"recordId": claimed[1].record_id, "result": "rejected", "code": "422", "msg": "黑名单"},
        ],
    )
    old.set_meta("qr_kid", "7")
    before = {
        r.seq: (r.state, r.record_id, r.data)
        for r in old.records(("pending", "inflight", "attention", "sent"))
    }
    # the old process dies without closing: its WAL holds the latest commits
    copy = tmp_path / "copy"
    copy.mkdir()
    for f in tmp_path.glob("outbox.sqlite3*"):
        if f.name.endswith(("-wal", ".sqlite3")):
            (copy / f.name).write_bytes(f.read_bytes())
    old.close()
    path = copy / "outbox.sqlite3"
    assert (copy / "outbox.sqlite3-wal").stat().st_size > 0
    assert personal_bytes_in(files_of(path))  # plaintext, as it was

    k = key()
    box = Outbox(path, k)
    after = {
        r.seq: (r.state, r.record_id, r.data)
        for r in box.records(("pending", "inflight", "attention", "sent"))
    }
    # inflight went back to pending at open, as after any crash
    assert after == {
        seq: ("pending" if s == "inflight" else s, rid, d) for seq, (s, rid, d) in before.items()
    }
    assert box.blob("p1") == ("/9j/xyz", None) and box.get_meta("qr_kid") == "7"
    assert box.get(photo.seq) is not None and len(after) == len(recs) + 1
    nxt = box.enqueue("signOut", orders[0], {})
    assert nxt.seq > max(after)  # AUTOINCREMENT goes on: a seq is never reused
    box.close()
    assert sqlitedb.file_state(path) == "encrypted"
    assert personal_bytes_in(files_of(path)) == []
    assert not (copy / "outbox.sqlite3.rekey").exists()


def test_a_conversion_cut_off_before_the_replace_leaves_the_original(tmp_path, monkeypatch):
    path = tmp_path / "print-jobs.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t(x TEXT)")
    db.execute("INSERT INTO t VALUES (?)", (NAME,))
    db.commit()
    db.close()
    k = key()

    def power_cut(*_a):
        raise OSError("power cut")

    monkeypatch.setattr(sqlitedb.os, "replace", power_cut)
    with pytest.raises(OSError):
        sqlitedb.connect(path, k)
    monkeypatch.undo()
    assert sqlitedb.file_state(path) == "plain"
    assert sqlite3.connect(path).execute("SELECT x FROM t").fetchall() == [(NAME,)]
    conn = sqlitedb.connect(path, k)  # the next start converts it
    assert conn.execute("SELECT x FROM t").fetchall() == [(NAME,)]
    conn.close()
    assert sqlitedb.file_state(path) == "encrypted"
    assert not (tmp_path / "print-jobs.sqlite3.rekey").exists()


def test_encryption_off_decrypts_the_databases_with_the_key_file(tmp_path, caplog):
    key_file = tmp_path / "config" / "db.key"
    k = sqlitedb.database_key("auto", key_file)
    path = tmp_path / "cache.sqlite3"
    conn = sqlitedb.connect(path, k)
    conn.execute("CREATE TABLE t(x TEXT)")
    conn.execute("INSERT INTO t VALUES (?)", (NAME,))
    conn.commit()
    conn.close()
    guard = tmp_path / "outbox.sqlite3.lock"
    running = sqlitedb.lock_exclusively(guard)  # a kiosk still running on these databases
    with pytest.raises(RuntimeError, match="another kiosk process"):
        sqlitedb.database_key("off", key_file, [path], guard=guard)
    running.close()
    assert sqlitedb.file_state(path) == "encrypted"
    with caplog.at_level(logging.WARNING, logger="sync.sqlitedb"):
        assert (
            sqlitedb.database_key("off", key_file, [path, tmp_path / "missing.sqlite3"], guard=guard) is None
        )
    assert "unencrypted" in caplog.text
    assert sqlitedb.file_state(path) == "plain"
    assert sqlitedb.connect(path).execute("SELECT x FROM t").fetchall() == [(NAME,)]
    # encrypted again, and the key file gone: off cannot decrypt, and says why
    sqlitedb.connect(path, k).close()
    key_file.unlink()
    with pytest.raises(sqlitedb.DatabaseKeyError, match="key file"):
        sqlitedb.database_key("off", key_file, [path])


def test_encrypted_connections_keep_wal_full_and_secure_delete(tmp_path):
    conn = sqlitedb.connect(tmp_path / "x.db", key(), rows=True, isolation_level=None)
    pragmas = {
        p: conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("journal_mode", "synchronous", "secure_delete")
    }
    assert pragmas == {"journal_mode": "wal", "synchronous": 2, "secure_delete": 1}
    conn.execute("CREATE TABLE t(a)")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO t VALUES (?)", (json.dumps({"name": NAME}),))
    conn.execute("COMMIT")
    assert conn.execute("SELECT a FROM t").fetchone()["a"] == json.dumps({"name": NAME})
    conn.close()
