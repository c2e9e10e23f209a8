"""Visitor self-service (自助登记): a full-screen touch wizard with its own idle wipe and staff exit."""

from kiosk.ui.selfservice.window import SelfServiceServices, SelfServiceWindow

__all__ = ["SelfServiceServices", "SelfServiceWindow"]
