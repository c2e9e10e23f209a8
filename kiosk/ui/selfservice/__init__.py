"""Visitor self-service (自助登记): the full-screen touch wizard's widgets, the view of
kiosk.flows.selfservice.SelfServiceFlow (which holds its rules, idle wipe and staff exit)."""

from kiosk.ui.selfservice.window import OpRunner, QtClock, SelfServiceWindow

__all__ = ["OpRunner", "QtClock", "SelfServiceWindow"]
