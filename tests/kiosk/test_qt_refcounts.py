"""PySide6 6.12.0 loses a reference to None on every void method call and to True on every
emit(); Python then aborts ("Fatal Python error: none_dealloc" / "bool_dealloc") after some
thousands of calls — a kiosk would die mid-session. pyproject pins PySide6 below 6.12; this
checks the installed one survives a busy day's worth of calls."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BUSY_GUI = """
import kiosk.ui                                   # what the app imports first
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel

class Source(QObject):
    changed = Signal(object)

app = QApplication([])
label, source, timer, seen = QLabel(), Source(), QTimer(), []
source.changed.connect(seen.append)
for i in range(100000):                           # more calls than None and True have references
    label.setText(str(i))                         # a void method
    source.changed.emit(i)
    timer.timeout.emit()
app.processEvents()
print(len(seen), label.text())
"""


def test_a_hundred_thousand_qt_calls_and_a_clean_exit() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", BUSY_GUI],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert "Fatal Python error" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["100000", "99999"]
