"""Work-around for a reference-count bug of the installed PySide6, probed at run time so a
fixed release (or a Python whose None/True/False are immortal, 3.12+) gets no patch.

PySide6 6.12.0 returns None from every void method (`label.setText(...)`, `timer.start()`,
`app.processEvents()` ...) and True from `SignalInstance.emit()` without taking a reference.
Each call lowers None's or True's reference count by one; after some thousands of calls
Python aborts with "Fatal Python error: none_dealloc" / "bool_dealloc" — at exit while
garbage-collecting, or, in a kiosk that runs for days, in the middle of a registration.
6.11.3 does not have the bug. The cure is a fixed PySide6; meanwhile None, True and False
get a reference count no program can use up (what Python 3.12 does by making them
immortal), so the lost references never reach zero."""
from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

CUSHION = 1 << 60        # references added to each singleton: ~10^18 calls before it could matter
_checked = False
_patched = False


def _references_lost() -> bool:
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(8):
        probe.setObjectName("probe")        # a void method
        probe.ping.emit()
    return none_before - sys.getrefcount(None) >= 8 or true_before - sys.getrefcount(True) >= 8


def keep_singletons_alive() -> bool:
    """Probe once; when PySide6 loses references, cushion None/True/False. True when patched."""
    global _checked, _patched
    if _checked:
        return _patched
    _checked = True
    if not _references_lost():
        return False
    for singleton in (None, True, False):
        # CPython keeps the reference count in the object's first field (ob_refcnt).
        ctypes.c_ssize_t.from_address(id(singleton)).value += CUSHION
    _patched = True
    log.info("PySide6 loses references to None/True: cushioned them (upgrade PySide6 past 6.12.0)")
    return True
