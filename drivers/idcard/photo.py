"""Turning the card's 1024-byte WLT photo into an image, behind a small protocol.

WLT is proprietary: only licensed vendor libraries (WltRS.dll, libwlt2bmp.so ...) decode it,
so none is bundled. Production runs the vendor's tool in a subprocess (a crash in vendor
code must not take the kiosk down); without one, the photo stays an opaque blob.
"""

from __future__ import annotations

import logging
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)


class PhotoDecoder(Protocol):
    def decode(self, wlt: bytes) -> bytes | None:
        """Return the photo as BMP/PNG bytes, or None if it cannot be decoded here."""


class NullPhotoDecoder:
    """The default: no vendor library, no picture."""

    def decode(self, wlt: bytes) -> bytes | None:
        return None


class SubprocessPhotoDecoder:
    """Runs a vendor converter as `command` with `{wlt}` and `{out}` replaced by file paths,
    e.g. ["/opt/vendor/wlt2bmp", "{wlt}", "{out}"]. Returns the output file's bytes."""

    def __init__(self, command: Sequence[str], timeout: float = 5.0) -> None:
        self.command = list(command)
        self.timeout = timeout

    def decode(self, wlt: bytes) -> bytes | None:
        with tempfile.TemporaryDirectory(prefix="wlt-") as tmp:
            src, out = Path(tmp, "photo.wlt"), Path(tmp, "photo.bmp")
            src.write_bytes(wlt)
            argv = [a.replace("{wlt}", str(src)).replace("{out}", str(out)) for a in self.command]
            try:
                proc = subprocess.run(argv, capture_output=True, timeout=self.timeout, check=False)
            except (OSError, subprocess.TimeoutExpired) as exc:
                log.warning("WLT decoder %s failed: %s", argv[0], exc)
                return None
            if proc.returncode != 0 or not out.exists():
                log.warning(
                    "WLT decoder %s exited %s: %s",
                    argv[0],
                    proc.returncode,
                    proc.stderr.decode(errors="replace")[-300:],
                )
                return None
            return out.read_bytes()
