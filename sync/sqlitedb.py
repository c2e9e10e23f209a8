"""Opening the kiosk's SQLite databases, encrypted at rest with SQLCipher where it is installed.

`connect(path, key)` is the one way the kiosk opens its databases (the outbox, the read cache
through SQLAlchemy's `creator=`, the print jobs): with a key, through SQLCipher (`sqlcipher3`,
the `sqlcipher3-wheels` distribution) and a plaintext file found there (a kiosk upgraded from an
earlier version) is converted in place first; without one, plain `sqlite3`. Either way the
connection is WAL, `synchronous` as asked (the outbox: FULL), `secure_delete` on (deleted
personal data is overwritten, not left in free pages) and temporary tables in memory. Writers
still start their transactions with `BEGIN IMMEDIATE` themselves.

The key is 32 random bytes given to SQLCipher as a raw key (`x'…'`: no passphrase derivation,
so opening costs nothing extra), kept in a key file outside the data dir (`load_or_create_key`);
`database_key` applies the site's `[privacy] encrypt` choice (auto / required / off).

Imports only the standard library at load time: sqlcipher3 is imported on first use.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import secrets
import sqlite3
import stat
import threading
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

log = logging.getLogger(__name__)

HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every plaintext SQLite database
KEY_BYTES = 32  # AES-256
MODES = ("auto", "required", "off")

Connection = Any  # a sqlite3.Connection or a sqlcipher3.dbapi2.Connection: the same DB-API

_convert_lock = threading.Lock()
_cipher: ModuleType | None = None


class DatabaseUnusable(RuntimeError):
    """The kiosk's databases cannot be opened as configured: the kiosk cannot start (its words
    say what to fix)."""


class DatabaseKeyError(DatabaseUnusable):
    """The database cannot be read with the key given (another key, no key, or not a database)."""


class EncryptionUnavailable(DatabaseUnusable):
    """`[privacy] encrypt = "required"`, and SQLCipher is not installed on this machine."""


class DatabasesInUse(DatabaseUnusable):
    """Another kiosk process has these databases open."""


class KeyFileError(DatabaseUnusable):
    """The key file exists but does not hold a key (it is never overwritten: the databases need it)."""


# -- the SQLCipher module ----------------------------------------------------------------------
def available() -> bool:
    """Whether SQLCipher can be used here (cheap: does not import it)."""
    if _cipher is not None:
        return True
    try:
        return importlib.util.find_spec("sqlcipher3") is not None
    except (ImportError, ValueError):
        return False


def cipher_module() -> ModuleType:
    """sqlcipher3.dbapi2 (the DB-API of the standard sqlite3 module, over SQLCipher)."""
    global _cipher
    if _cipher is None:
        try:
            from sqlcipher3 import dbapi2
        except ImportError as exc:
            raise EncryptionUnavailable(
                "SQLCipher is not installed (pip install sqlcipher3-wheels, part of visitor-kiosk[kiosk]"
                " where a wheel exists for this platform)"
            ) from exc
        _cipher = dbapi2
    return _cipher


def dbapi(key: bytes | None) -> ModuleType:
    """The DB-API module a connection opened with this key comes from (SQLAlchemy's `module=`)."""
    return cipher_module() if key else sqlite3


def _errors(name: str) -> tuple[type[Exception], ...]:
    kinds: list[type[Exception]] = [getattr(sqlite3, name)]
    if available():
        with contextlib.suppress(EncryptionUnavailable):
            kinds.append(getattr(cipher_module(), name))
    return tuple(kinds)


def integrity_errors() -> tuple[type[Exception], ...]:
    """`except sqlitedb.integrity_errors():` catches a UNIQUE violation from either module."""
    return _errors("IntegrityError")


def database_errors() -> tuple[type[Exception], ...]:
    return _errors("DatabaseError")


def lock_exclusively(path: str | Path) -> Any:
    """An open file holding an exclusive, non-blocking lock on `path` (the outbox's process lock:
    one kiosk process per data dir). OSError if another process holds it. Close it to release."""
    f = open(path, "a+b")  # noqa: SIM115
    try:
        if os.name == "nt":
            import msvcrt

            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        f.close()
        raise
    return f


# -- the key file ----------------------------------------------------------------------------
def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows; NTFS journals renames
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_key(path: Path) -> bytes:
    text = path.read_text(encoding="ascii", errors="replace").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise KeyFileError(
            f"{path} does not hold a database key ({KEY_BYTES * 2} hex digits); it is left as it is"
            " because the kiosk's encrypted databases can only be read with their own key:"
            " restore it from the backup, or move the databases away to start empty"
        )
    return key


def load_or_create_key(path: str | Path) -> bytes:
    """The databases' key from `path`; made (32 random bytes, hex, mode 0600) if the file does not
    exist. An existing file is never replaced: a key lost is every encrypted record lost."""
    path = Path(path)
    if path.exists():
        return _read_key(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(KEY_BYTES)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, (key.hex() + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # never over a key another process made meanwhile
    except FileExistsError:
        return _read_key(path)
    except OSError:  # a filesystem without hard links
        if path.exists():
            return _read_key(path)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(path.parent)
    log.info("database key created in %s", path)
    return key


def database_key(
    mode: str,
    key_file: str | Path,
    databases: Iterable[str | Path] = (),
    *,
    guard: str | Path | None = None,
) -> bytes | None:
    """The key the kiosk's databases are opened with under `[privacy] encrypt = mode`; None: plain.

    auto      SQLCipher where installed (the key file is made on first start); elsewhere plain,
              with a warning in the log.
    required  SQLCipher or nothing: EncryptionUnavailable where it is not installed.
    off       plain; `databases` found encrypted (the site turned encryption off) are decrypted in
              place with the key file's key, while holding the lock file `guard` (the outbox's
              process lock: no other kiosk process may have them open meanwhile).
    """
    if mode not in MODES:
        raise ValueError(f"encrypt = {mode!r}: one of {', '.join(MODES)}")
    key_file = Path(key_file)
    if mode == "off":
        encrypted = [Path(p) for p in databases if file_state(p) == "encrypted"]
        if encrypted:
            if not key_file.exists():
                raise DatabaseKeyError(
                    f"{encrypted[0]} is encrypted and the key file {key_file} is missing: it cannot be"
                    " decrypted ([privacy] encrypt = off)"
                )
            key = _read_key(key_file)
            try:
                held = lock_exclusively(guard) if guard is not None else None
            except OSError as exc:
                raise DatabasesInUse(f"{guard}: another kiosk process is using these databases") from exc
            try:
                for path in encrypted:
                    rewrite(path, key, None)
            finally:
                if held is not None:
                    held.close()
        log.warning("[privacy] encrypt = off: the kiosk's databases (personal data) are stored unencrypted")
        return None
    if not available():
        if mode == "required":
            raise EncryptionUnavailable(
                '[privacy] encrypt = "required" but SQLCipher is not installed on this machine'
                " (pip install sqlcipher3-wheels: wheels exist for Windows, macOS and Linux x86_64/aarch64"
                ' with glibc >= 2.28); or set encrypt = "auto" to run unencrypted'
            )
        log.warning(
            "personal data in the kiosk's databases is NOT encrypted: SQLCipher (pip install"
            ' sqlcipher3-wheels) is not installed on this machine; [privacy] encrypt = "required"'
            " refuses to start without it"
        )
        return None
    cipher_module()  # fail here, with words, if the installed module does not load
    return load_or_create_key(key_file)


# -- opening ----------------------------------------------------------------------------------
def file_state(path: str | Path) -> str:
    """ "new" (missing or empty), "plain" (an ordinary SQLite file) or "encrypted" (anything else)."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(HEADER))
    except FileNotFoundError:
        return "new"
    if not head:
        return "new"
    return "plain" if head == HEADER else "encrypted"


def _key_literal(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError(f"a database key is {KEY_BYTES} bytes")
    return f"x'{key.hex()}'"


def _unlock(conn: Connection, key: bytes | None, path: Path) -> None:
    if key:
        conn.execute(f'PRAGMA key = "{_key_literal(key)}"')
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except database_errors() as exc:
        state = file_state(path)
        why = (
            "it is encrypted and no key was given ([privacy] encrypt / key_file)"
            if state == "encrypted" and not key
            else "the key does not open it (another key file?)"
            if key
            else str(exc)
        )
        raise DatabaseKeyError(f"{path} cannot be read: {why}") from exc


def connect(
    path: str | Path,
    key: bytes | None = None,
    *,
    synchronous: str = "FULL",
    timeout: float = 10.0,
    rows: bool = False,
    **connect_args: Any,
) -> Connection:
    """Open `path` (created if missing) encrypted with `key`, or plain without one.

    A plaintext file opened with a key is first converted in place (`rewrite`): nothing is lost,
    and a crash at any moment leaves either the old file or the new one. An encrypted file opened
    without a key raises DatabaseKeyError, as does one opened with the wrong key.
    `connect_args` go to the module's `connect` (isolation_level, check_same_thread ...);
    `rows`: rows as the module's Row (by name and index)."""
    path = Path(path)
    if key:
        with _convert_lock:
            if file_state(path) == "plain":
                rewrite(path, None, key)
    module = dbapi(key)
    conn = module.connect(str(path), timeout=timeout, **connect_args)
    try:
        _unlock(conn, key, path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA synchronous={synchronous}")
        conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        conn.execute("PRAGMA secure_delete=ON")  # deleted rows are zeroed, not left in free pages
        conn.execute("PRAGMA temp_store=MEMORY")  # sorts and temporary tables never reach the disk
    except BaseException:
        conn.close()
        raise
    if rows:
        conn.row_factory = module.Row
    return conn


def checkpoint(conn: Connection) -> None:
    """Copy the WAL into the database and empty it: what was deleted leaves the WAL file too."""
    with contextlib.suppress(*database_errors()):  # busy (a reader): the next checkpoint does it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def remove(path: str | Path) -> None:
    """Delete a database with its WAL and shared-memory files."""
    path = Path(path)
    for p in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        p.unlink(missing_ok=True)


# -- converting in place ------------------------------------------------------------------------
def _tables(conn: Connection, schema: str) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_stat%'"
        )
    ]
    return {n: conn.execute(f'SELECT count(*) FROM {schema}."{n}"').fetchone()[0] for n in names}


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def rewrite(path: str | Path, old_key: bytes | None, new_key: bytes | None) -> None:
    """Re-store the database at `path` under `new_key` (None: plaintext) without losing a row.

    The WAL is checkpointed into the file and the file switched out of WAL mode (so nothing of
    it lives beside the file any more), `sqlcipher_export` copies everything (schema, rows,
    AUTOINCREMENT counters, user_version) into `<path>.rekey`, the copy is checked table by table
    and fsync'd, then atomically replaces the original. A crash before the replace leaves the
    original (converted again at the next start), after it the new file. The old file's bytes are
    then overwritten, best effort (SSDs and copy-on-write filesystems may keep old blocks).
    Nothing else may have the database open meanwhile: SQLite does not refuse it, and a connection
    left on the old file would write where nobody reads. The kiosk converts while it holds the
    outbox's process lock (the outbox converts itself after taking it; the cache and print jobs
    are opened after the outbox), so no other kiosk process has them open."""
    path = Path(path)
    module = cipher_module()
    tmp = path.with_name(path.name + ".rekey")
    remove(tmp)
    src = module.connect(str(path), isolation_level=None, timeout=10)
    try:
        _unlock(src, old_key, path)
        src.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        mode = src.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise RuntimeError(f"{path}: cannot leave WAL mode (another process has it open?)")
        version = src.execute("PRAGMA user_version").fetchone()[0]
        src.execute(
            "ATTACH DATABASE ? AS rekeyed KEY ?", (str(tmp), _key_literal(new_key) if new_key else "")
        )
        try:
            src.execute("SELECT sqlcipher_export('rekeyed')").fetchall()
            src.execute(f"PRAGMA rekeyed.user_version={int(version)}")
            before, after = _tables(src, "main"), _tables(src, "rekeyed")
            if before != after:
                raise RuntimeError(
                    f"{path}: the converted copy differs ({before} != {after}); kept the original"
                )
        finally:
            src.execute("DETACH DATABASE rekeyed")
    except BaseException:
        src.close()
        remove(tmp)
        raise
    src.close()
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        remove(tmp)
        raise RuntimeError(f"{path}: its WAL was not emptied; not converted")
    with contextlib.suppress(OSError):
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
    _fsync_file(tmp)
    old = None
    if os.name != "nt":  # POSIX: keep the old file open to overwrite it once it is replaced
        old = open(path, "r+b")  # noqa: SIM115
    try:
        os.replace(tmp, path)
        _fsync_dir(path.parent)
        if old is not None:
            _shred(old)
    finally:
        if old is not None:
            old.close()
    for suffix in ("-wal", "-shm"):  # empty leftovers of the old file's WAL mode
        p = path.with_name(path.name + suffix)
        if p.exists() and not p.stat().st_size:
            p.unlink(missing_ok=True)
    log.info(
        "%s: %s in place",
        path.name,
        "encrypted" if new_key and not old_key else "decrypted" if old_key and not new_key else "re-keyed",
    )


def _shred(f: Any) -> None:
    """Overwrite a replaced (unlinked) file's bytes with zeros."""
    try:
        left = os.fstat(f.fileno()).st_size
        f.seek(0)
        while left > 0:
            n = min(left, 65536)
            f.write(b"\0" * n)
            left -= n
        f.flush()
        os.fsync(f.fileno())
    except OSError as exc:
        log.info("could not overwrite the old database file: %s", exc)
