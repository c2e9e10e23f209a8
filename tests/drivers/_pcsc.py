"""pcscd with vsmartcard's vpcd for the smartcard tests: find, start, stop and wait for the virtual reader."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PCSCD = shutil.which("pcscd") or ("/usr/sbin/pcscd" if Path("/usr/sbin/pcscd").exists() else None)
VPCD_CONF = Path("/etc/reader.conf.d/vpcd")
VIRTUAL_READER = "Virtual PCD 00 00"


def missing_reason() -> str | None:
    """Why the PC/SC tests cannot run here, or None. Only absent binaries/modules skip."""
    if PCSCD is None or not VPCD_CONF.exists():
        return "pcscd/vpcd not installed (apt install pcscd vsmartcard-vpcd)"
    try:
        import smartcard.scard  # noqa: F401
    except ImportError:
        return "pyscard not installed (pip install pyscard; needs libpcsclite-dev swig)"
    return None


def pcscd_pids() -> list[int]:
    out = subprocess.run(["pgrep", "-x", "pcscd"], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def reader_names() -> list[str]:
    from smartcard import scard

    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hr != 0:
        return []
    try:
        hr, names = scard.SCardListReaders(ctx, [])
        return list(names) if hr == 0 else []
    finally:
        scard.SCardReleaseContext(ctx)


def wait_reader_empty(timeout: float = 5.0) -> None:
    """vpcd notices a closed card socket only at pcscd's next presence poll (~0.4 s): a test that
    starts right after another removed its card must wait, or it sees the old card still there."""
    from smartcard import scard

    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert hr == 0, scard.SCardGetErrorMessage(hr)
    try:
        state = scard.SCARD_STATE_UNAWARE
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            hr, states = scard.SCardGetStatusChange(ctx, 200, [(VIRTUAL_READER, state)])
            if hr == 0:
                state = states[0][1] & ~scard.SCARD_STATE_CHANGED
                if not state & scard.SCARD_STATE_PRESENT:
                    return
        raise AssertionError(f"a card is still on {VIRTUAL_READER} after {timeout}s")
    finally:
        scard.SCardReleaseContext(ctx)


def wait_until(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


def start_pcscd(timeout: float = 10.0) -> None:
    """Start pcscd if it is not running (it daemonizes) and wait until vpcd's reader is listed."""
    if not pcscd_pids():
        if os.geteuid() != 0:
            raise AssertionError(
                "pcscd is not running and only root can start it: run `sudo pcscd` or use ./dev test"
            )
        os.makedirs("/run/pcscd", exist_ok=True)
        assert PCSCD is not None
        subprocess.run([PCSCD], check=True, timeout=timeout)
    wait_until(lambda: VIRTUAL_READER in reader_names(), timeout, "pcscd to list the vpcd reader")
    wait_reader_empty(timeout)


def stop_pcscd(timeout: float = 10.0) -> None:
    for pid in pcscd_pids():
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    wait_until(lambda: not pcscd_pids(), timeout, "pcscd to exit")


class Recorder:
    """Collects a watcher's events and statuses (from the watcher thread) as tuples: ("card", uid,
    reader), ("removed", reader), ("error", words, reader), ("status", state, detail); tests
    wait on a condition, not sleeps."""

    def __init__(self) -> None:
        self.events: list[tuple[Any, ...]] = []
        self._cond = threading.Condition()

    def add(self, *event: Any) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def on_event(self, event: Any) -> None:
        from drivers.base import DeviceProblem
        from drivers.smartcard import CardRemoved, CardTapped

        if isinstance(event, CardTapped):
            self.add("card", event.uid, event.reader)
        elif isinstance(event, CardRemoved):
            self.add("removed", event.reader)
        elif isinstance(event, DeviceProblem):
            self.add("error", event.words, event.where)
        else:
            raise AssertionError(f"not a smartcard event: {event!r}")

    def watch(self, watcher: Any) -> Any:
        """Subscribe to a watcher's events and statuses; returns the watcher."""
        watcher.subscribe(self.on_event)
        watcher.subscribe_status(self.on_status)
        return watcher

    def on_status(self, status: Any) -> None:
        self.add("status", status.state.value, status.detail)

    def wait_for(
        self, predicate: Callable[[tuple[Any, ...]], bool], timeout: float = 5.0, after: int = 0
    ) -> tuple[Any, ...]:
        """The first event at index >= `after` matching `predicate`."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for event in self.events[after:]:
                    if predicate(event):
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no matching event within {timeout}s; got {self.events}")
                self._cond.wait(left)
