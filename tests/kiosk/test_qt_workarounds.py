"""PySide6 6.12's emit() loses a reference to True on every call; without the work-around
a kiosk aborts ("Fatal Python error: bool_dealloc") after a few thousand signals."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

MANY_EMITS = """
import sys
import kiosk.ui                                   # installs the work-around, as the app does
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

class Source(QObject):
    changed = Signal(object)

app = QCoreApplication([])
source, timer, seen = Source(), QTimer(), []
source.changed.connect(seen.append)
before = sys.getrefcount(True)
for i in range(20000):                            # more emits than True has references
    source.changed.emit(i)
    timer.timeout.emit()
print(len(seen), sys.getrefcount(True) - before)
"""


def test_twenty_thousand_signals_and_a_clean_exit() -> None:
    proc = subprocess.run([sys.executable, "-c", MANY_EMITS], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "Fatal Python error" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["20000", "0"]
