"""Widgets only: staff/ (front-desk console), selfservice/ (visitor wizard), common/ (shared
pieces: background ops, errors, device signals). Widgets talk to kiosk.services, never HTTP."""

from kiosk.qt_workarounds import keep_singletons_alive

keep_singletons_alive()   # PySide6 6.12 loses a reference to None/True per call: see qt_workarounds
