"""Bundled visitorcs server (FastAPI + SQLModel); stands alone, imports nothing of the kiosk."""
