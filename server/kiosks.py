"""Kiosk credentials: add (prints a token once, stores its hash), revoke, MAC normalisation."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from sqlmodel import select

from server.db import Database
from server.deps import forget_tokens, hash_token  # noqa: F401  (hash_token re-exported for callers)
from server.models import Kiosk

_MAC = re.compile(r"^[0-9A-F]{12}$")


def normalise_mac(mac: str) -> str:
    digits = re.sub(r"[^0-9A-Fa-f]", "", mac or "").upper()
    if not _MAC.match(digits):
        raise ValueError(f"MAC 地址格式错误: {mac!r}（应为 12 位十六进制，如 AA:BB:CC:DD:EE:FF）")
    return ":".join(digits[i : i + 2] for i in range(0, 12, 2))


def add(db: Database, mac: str, name: str) -> str:
    """Register a kiosk (or replace its token) and return the new bearer token."""
    mac = normalise_mac(mac)
    token = secrets.token_urlsafe(32)
    with db.write() as session:
        kiosk = session.exec(select(Kiosk).where(Kiosk.mac == mac)).first()
        if kiosk is None:
            kiosk = Kiosk(mac=mac, name=name, token_hash=hash_token(token))
        else:
            kiosk.name, kiosk.token_hash, kiosk.revoked = name, hash_token(token), False
        session.add(kiosk)
    forget_tokens()  # a replaced token stops working at once
    return token


def token_valid(db: Database, mac: str, token: str) -> bool:
    """`token` is the live (not revoked) token of the kiosk with this MAC."""
    with db.read() as session:
        kiosk = session.exec(select(Kiosk).where(Kiosk.mac == normalise_mac(mac))).first()
    return kiosk is not None and not kiosk.revoked and kiosk.token_hash == hash_token(token)


def ensure_token_file(db: Database, mac: str, name: str, path: Path) -> bool:
    """A kiosk on this machine (the kiosk's embedded server): keep the token in `path` if it is
    this kiosk's live token, else add the kiosk and write its new token there (0600, atomically).
    Returns whether a new token was made."""
    try:
        current = path.read_text(encoding="utf-8").strip()
    except OSError:
        current = ""
    if current and token_valid(db, mac, current):
        return False
    token = add(db, mac=mac, name=name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, token.encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    return True


def revoke(db: Database, mac: str) -> None:
    mac = normalise_mac(mac)
    with db.write() as session:
        kiosk = session.exec(select(Kiosk).where(Kiosk.mac == mac)).first()
        if kiosk is None:
            raise ValueError(f"没有这台访客机: {mac}")
        kiosk.revoked = True
        kiosk.logged_in = False
        session.add(kiosk)
    forget_tokens()


def listing(db: Database) -> list[dict[str, object]]:
    with db.read() as session:
        rows = session.exec(select(Kiosk).order_by(Kiosk.mac)).all()
    return [
        {
            "mac": k.mac,
            "name": k.name,
            "revoked": k.revoked,
            "loggedIn": k.logged_in,
            "lastLogin": k.last_login.isoformat(timespec="seconds") if k.last_login else "",
        }
        for k in rows
    ]
