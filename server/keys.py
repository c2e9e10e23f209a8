"""The server's visitor-QR signing key: `<data dir>/keys/qr_ed25519.pem` (0600), kid 0."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from visitorcs.qrtoken import load_or_create_key_file

log = logging.getLogger(__name__)
_lock = threading.Lock()


def load_or_create_qr_key(data_dir: Path) -> Ed25519PrivateKey:
    """Generated once, readable by the server's user only."""
    path = data_dir / "keys" / "qr_ed25519.pem"
    with _lock:
        key, made = load_or_create_key_file(path)
    if made:
        log.info("generated the visitor QR signing key %s", path)
    return key
