"""Work-arounds for bugs of the installed PySide6, each probed at run time so a fixed
release gets no patch.

PySide6 6.12.0: `SignalInstance.emit()` returns `True` without taking a reference, so
every emit from Python (ours, `QTimer.timeout.emit()`, pytest-qt's) lowers True's
reference count by one. After a few thousand emits Python aborts with "Fatal Python
error: bool_dealloc: deallocating True or False" — at exit while garbage-collecting,
or, in a kiosk running for days, in the middle of the day."""
from __future__ import annotations

import ctypes
import logging
import sys
from typing import Any

log = logging.getLogger(__name__)

_checked = False
_patched = False


def _true_references_lost_per_emit() -> int:
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    return round((before - sys.getrefcount(True)) / 8)


def fix_emit_refcount() -> bool:
    """Give emit()'s result the reference PySide6 forgot (idempotent). True when patched."""
    global _checked, _patched
    if _checked:
        return _patched
    _checked = True
    from PySide6.QtCore import SignalInstance

    if _true_references_lost_per_emit() != 1:
        return False
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None
    for _ in range(8):
        incref(True)              # what the probe's own emits took
    emit = SignalInstance.emit

    def emit_with_reference(self: Any, *args: Any) -> Any:
        result = emit(self, *args)
        incref(result)            # the caller releases it once: keep True's count balanced
        return result

    SignalInstance.emit = emit_with_reference
    _patched = True
    log.info("PySide6 emit() reference leak worked around")
    return True
