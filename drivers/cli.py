"""Pieces every technician CLI (`python -m drivers.<family>`) shares: JSON lines out, a clean
stop on Ctrl-C or `kill`, and event printers for a device's status and errors."""

from __future__ import annotations

import json
import signal
import threading
import time
from collections.abc import Callable

from drivers.base import DeviceStatus


def print_json(obj: dict) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def print_status(status: DeviceStatus) -> None:
    print_json({"event": "status", "state": status.state.value, "detail": status.detail})


def print_error(message: str) -> None:
    print_json({"event": "error", "message": message})


def interrupt_on_sigterm() -> None:
    """`kill <pid>` cleans up like Ctrl-C (simulators close their pty and remove the symlink)."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def serve_until_interrupted(
    stop: Callable[[], object], seconds: float = 0, commands: Callable[[], bool] | None = None
) -> None:
    """Let the device's own threads work until Ctrl-C (or for `seconds`), then stop it.
    `commands` (e.g. a simulator reading stdin) runs first; False from it means quit now."""
    try:
        if commands is not None and not commands():
            return
        if seconds:
            time.sleep(seconds)
        else:
            threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop()
