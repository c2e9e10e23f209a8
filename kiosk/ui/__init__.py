"""Widgets only: staff/ (front-desk console), selfservice/ (visitor wizard), common/ (shared
pieces: background ops, errors, device signals). Widgets talk to kiosk.services, never HTTP."""
