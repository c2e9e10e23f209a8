"""What every device family shares: connection states, status events, errors with words.

A driver reports through plain callbacks (no Qt); the kiosk's device manager adapts
them to Qt signals. Callbacks run on the driver's own thread.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


class DeviceState(str, enum.Enum):
    CONNECTED = "connected"  # device answers
    SIMULATED = "simulated"  # a simulator answers through the real transport
    MISSING = "missing"  # configured but not found / not answering; retrying
    UNAVAILABLE = "unavailable"  # a dependency is missing (no pcscd, no pyscard ...); not retrying
    DISABLED = "disabled"  # not configured


@dataclass(frozen=True)
class DeviceStatus:
    family: str  # "idcard", "smartcard", "camera", "scanner", "printer"
    state: DeviceState
    detail: str = ""  # words for the device page: port, model, what is missing


class DeviceError(Exception):
    """A device failed in a way a person can act on; the message says what to do."""


StatusCallback = Callable[[DeviceStatus], None]


@dataclass
class StatusReporter:
    """Remembers the last status and tells listeners only about changes."""

    family: str
    _listeners: list[StatusCallback] = field(default_factory=list)
    _last: DeviceStatus | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def subscribe(self, callback: StatusCallback) -> None:
        self._listeners.append(callback)

    @property
    def current(self) -> DeviceStatus:
        return self._last or DeviceStatus(self.family, DeviceState.DISABLED)

    def report(self, state: DeviceState, detail: str = "") -> None:
        status = DeviceStatus(self.family, state, detail)
        with self._lock:
            if status == self._last:
                return
            self._last = status
        log.info("%s: %s %s", self.family, state.value, detail)
        for callback in list(self._listeners):
            try:
                callback(status)
            except Exception:  # a listener's bug must not kill the device thread
                log.exception("status listener failed")
