"""Offline outbox, uploader and connectivity monitor; Qt-free."""
