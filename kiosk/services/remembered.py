"""What the kiosk remembers of its last good contact with the server, so that it can start and
work while the server is away: that its licence was granted (and when), and which operators
logged in here (an Argon2id hash of their password, and when). One small JSON file in the data
dir, 0600, written atomically; the site decides how long each memory counts ([offline])."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

log = logging.getLogger(__name__)

_hasher = PasswordHasher()  # argon2-cffi's defaults: Argon2id, RFC 9106's low-memory profile


class Remembered:
    def __init__(self, path: Path, *, clock: Any = time.time) -> None:
        self.path = path
        self._clock = clock
        self._lock = threading.Lock()

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, json.dumps(data, ensure_ascii=False).encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.path)

    # --- the licence ------------------------------------------------------------------
    def licence_granted(self, site_offset: dt.timedelta | None = None) -> None:
        with self._lock:
            data = self._read()
            data["licenceGrantedAt"] = self._clock()
            if site_offset is not None:
                data["siteUtcOffsetS"] = site_offset.total_seconds()
            self._write(data)

    def site_offset(self) -> dt.timedelta | None:
        """The site's UTC offset the server gave at the last good check."""
        seconds = self._read().get("siteUtcOffsetS")
        return dt.timedelta(seconds=float(seconds)) if isinstance(seconds, (int, float)) else None

    def licence_refused(self) -> None:
        with self._lock:
            data = self._read()
            data.pop("licenceGrantedAt", None)
            self._write(data)

    def licence_age_s(self) -> float | None:
        """Seconds since the server last granted the licence; None if it never did (or refused since)."""
        at = self._read().get("licenceGrantedAt")
        return self._clock() - float(at) if isinstance(at, (int, float)) else None

    # --- operators --------------------------------------------------------------------
    def operator_logged_in(self, name: str, password: str, display_name: str) -> None:
        """After a login the server accepted: what an offline login of this operator checks."""
        digest = _hasher.hash(password)
        with self._lock:
            data = self._read()
            data.setdefault("operators", {})[name] = {
                "hash": digest,
                "displayName": display_name,
                "at": self._clock(),
            }
            self._write(data)

    def forget_operators(self, older_than_s: float, now: float | None = None) -> int:
        """Retention: drop operators whose last login here is older than their grace (`older_than_s`,
        the [offline] operator_grace_h; 0: all): past it they cannot log in offline anyway, so
        their name and password hash have no reason to stay. Returns how many were dropped."""
        now = self._clock() if now is None else now
        with self._lock:
            data = self._read()
            operators = data.get("operators")
            if not isinstance(operators, dict) or not operators:
                return 0
            keep = {
                name: entry
                for name, entry in operators.items()
                if older_than_s > 0
                and isinstance(entry, dict)
                and isinstance(entry.get("at"), (int, float))
                and now - float(entry["at"]) <= older_than_s
            }
            if len(keep) == len(operators):
                return 0
            data["operators"] = keep
            self._write(data)
            return len(operators) - len(keep)

    def operator_offline(self, name: str, password: str, within_s: float) -> str | None:
        """The operator's display name if they logged in here within `within_s` seconds with this
        password; None otherwise."""
        entry = (self._read().get("operators") or {}).get(name)
        if not isinstance(entry, dict) or within_s <= 0:
            return None
        if self._clock() - float(entry.get("at") or 0) > within_s:
            return None
        try:
            _hasher.verify(str(entry.get("hash") or ""), password)
        except (VerificationError, InvalidHashError):
            return None
        return str(entry.get("displayName") or name)
