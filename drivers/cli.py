"""Pieces every technician CLI (`python -m drivers.<family>`) shares: JSON lines out, a clean
stop on Ctrl-C or `kill`, and running a device (the same object the kiosk builds from the
same URI) while its status and events are printed."""

from __future__ import annotations

import json
import signal
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from drivers.base import Device, DeviceProblem, DeviceStatus

E = TypeVar("E")


def print_json(obj: dict) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def print_status(status: DeviceStatus) -> None:
    print_json({"event": "status", "state": status.state.value, "detail": status.detail})


def print_problem(problem: DeviceProblem) -> None:
    print_json({"event": "error", "message": problem.words})


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


def run_device(
    device: Device[E],
    on_event: Callable[[E], None],
    *,
    on_status: Callable[[DeviceStatus], None] = print_status,
    seconds: float = 0,
) -> int:
    """Start `device`, hand its status changes and events to the printers until Ctrl-C (or for
    `seconds`), then stop it."""
    device.subscribe_status(on_status)
    device.subscribe(on_event)
    device.start()
    serve_until_interrupted(device.stop, seconds)
    return 0
