"""sync/ and kiosk/cache must import without Qt (they run in the uploader, CLIs, the bench)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_sync_and_cache_do_not_import_qt():
    code = (
        "import sys, sync.runtime, sync.outbox, sync.uploader, sync.connectivity, sync.gateway, "
        "sync.clock, kiosk.cache, kiosk.context, visitorcs.client\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
