"""The server's visitor-QR signing key: `<data dir>/keys/qr_ed25519.pem` (0600), kid 0."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from visitorcs.qrtoken import load_or_create_key_file

log = logging.getLogger(__name__)
_lock = threading.Lock()


def load_or_create_secret(data_dir: Path, name: str) -> bytes:
    """32 random bytes kept in `<data dir>/keys/<name>` (0600 from the start), made once."""
    path = data_dir / "keys" / name
    with _lock:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            data = b""
        if len(data) >= 32:
            return data[:32]
        path.parent.mkdir(parents=True, exist_ok=True)
        data = os.urandom(32)
        # published only if absent: servers sharing a data dir may start at once (see qrtoken)
        tmp = path.with_name(f"{name}.{os.getpid()}.{data[:4].hex()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            if path.exists():  # a shorter file than 32 bytes (damaged): replaced, as before
                os.replace(tmp, path)
            else:
                os.link(tmp, path)
        except FileExistsError:
            return path.read_bytes()[:32]
        except OSError:  # a filesystem without hard links: last writer wins, as before
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        log.info("generated the server secret %s", path)
        return data


def load_or_create_qr_key(data_dir: Path) -> Ed25519PrivateKey:
    """Generated once, readable by the server's user only."""
    path = data_dir / "keys" / "qr_ed25519.pem"
    with _lock:
        key, made = load_or_create_key_file(path)
    if made:
        log.info("generated the visitor QR signing key %s", path)
    return key
