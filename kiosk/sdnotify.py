"""systemd's notify protocol, the few lines the kiosk needs (no dependency): READY=1 once the
window is up, WATCHDOG=1 from a GUI-thread timer so that a frozen window stops the heartbeat and
systemd restarts the kiosk, STOPPING=1 on the way out. Does nothing outside systemd."""

from __future__ import annotations

import logging
import os
import socket

log = logging.getLogger(__name__)


def notify(message: str) -> bool:
    """Send one notification to $NOTIFY_SOCKET; False when not run by systemd (or it failed)."""
    address = os.environ.get("NOTIFY_SOCKET", "")
    if not address:
        return False
    if address.startswith("@"):  # abstract namespace
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
        return True
    except OSError as exc:
        log.warning("systemd notify failed: %s", exc)
        return False


def watchdog_interval_s() -> float | None:
    """How often to say WATCHDOG=1: half of systemd's WatchdogSec (None: no watchdog asked for)."""
    usec = os.environ.get("WATCHDOG_USEC", "")
    pid = os.environ.get("WATCHDOG_PID", "")
    if not usec.isdigit() or (pid and pid != str(os.getpid())):
        return None
    return int(usec) / 2_000_000
