"""The visitor kiosk application (PySide6)."""
