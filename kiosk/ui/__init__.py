"""Widgets only: staff/ (front-desk console), selfservice/ (visitor wizard), common/ (shared
pieces: background ops, errors, device signals). Widgets talk to kiosk.services, never HTTP."""

from kiosk.qt_workarounds import fix_emit_refcount

fix_emit_refcount()   # before any widget emits: PySide6 6.12's emit() loses a reference to True
