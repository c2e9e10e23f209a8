"""Typed client of the visitorcs HTTP API (httpx), one method per endpoint."""
