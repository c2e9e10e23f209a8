"""What every device family shares: the one device shape (`Device`: start, stop, status,
subscribe), connection states, status and problem events, errors with words, and `sim://`
URIs that select a family's simulator.

A driver reports through plain callbacks (no Qt); the kiosk's device manager adapts them to
Qt signals. Callbacks run on the driver's own thread.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar
from urllib.parse import parse_qsl, urlsplit

log = logging.getLogger(__name__)

T = TypeVar("T")
E = TypeVar("E")
E_co = TypeVar("E_co", covariant=True)

Unsubscribe = Callable[[], None]


class DeviceState(str, enum.Enum):
    CONNECTED = "connected"  # device answers
    SIMULATED = "simulated"  # a simulator answers through the real transport
    MISSING = "missing"  # configured but not found / not answering; retrying
    UNAVAILABLE = "unavailable"  # a dependency is missing (no pcscd, no pyscard ...); not retrying
    DISABLED = "disabled"  # not configured, or stopped


@dataclass(frozen=True)
class DeviceStatus:
    family: str  # "idcard", "smartcard", "camera", "scanner", "printer"
    state: DeviceState
    detail: str = ""  # words for the device page: port, model, what is missing


@dataclass(frozen=True)
class DeviceProblem:
    """An event: something went wrong that a person should hear about, without changing the
    device's state (a card pulled away mid-read, a checksum error on the line)."""

    family: str
    words: str
    where: str = ""  # which reader/port, when the family has several (PC/SC readers)


@dataclass(frozen=True)
class ScannedCode:
    """An event: one code from a scanner (serial, keyboard wedge) or the camera's QR reader."""

    text: str


class DeviceError(Exception):
    """A device failed in a way a person can act on; the message says what to do."""


StatusCallback = Callable[[DeviceStatus], None]


class Device(Protocol[E_co]):
    """The shape of every device family (ID card reader, PC/SC watcher, camera, scanner,
    printer). Built from a URI by the family's `device_for_uri`; `sim://<family>` gives the
    family's simulator behind the same transport (see docs/devices.md).

    `start()` never raises and returns at once: a device that is missing reports MISSING and
    keeps retrying on its own thread. `stop()` waits up to `timeout` seconds and says whether
    the device stopped; afterwards the status is DISABLED. Listeners run on the device's
    thread; each `subscribe*` returns the call that removes that listener again.
    """

    @property
    def family(self) -> str: ...

    @property
    def status(self) -> DeviceStatus: ...

    def subscribe_status(self, listener: Callable[[DeviceStatus], None]) -> Unsubscribe: ...

    def subscribe(self, listener: Callable[[E_co], None]) -> Unsubscribe: ...

    def start(self) -> None: ...

    def stop(self, timeout: float = 3.0) -> bool: ...


class Listeners(Generic[T]):
    """Callbacks of one kind. `add` returns the call that removes the callback again; `emit`
    calls each one, and a listener's exception is logged, never raised into the device thread."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._items: tuple[Callable[[T], None], ...] = ()
        self._lock = threading.Lock()

    def add(self, listener: Callable[[T], None]) -> Unsubscribe:
        with self._lock:
            self._items += (listener,)

        def remove() -> None:
            with self._lock:
                items = list(self._items)
                if listener in items:
                    items.remove(listener)
                    self._items = tuple(items)

        return remove

    def emit(self, item: T) -> None:
        for listener in self._items:  # a snapshot: adding or removing while emitting is safe
            try:
                listener(item)
            except Exception:  # a listener's bug must not kill the device thread
                log.exception("%s listener failed", self.what)


class StatusReporter:
    """Remembers the last status and tells listeners only about changes."""

    def __init__(self, family: str) -> None:
        self.family = family
        self._listeners: Listeners[DeviceStatus] = Listeners(f"{family} status")
        self._last: DeviceStatus | None = None
        self._lock = threading.Lock()

    def subscribe(self, listener: StatusCallback) -> Unsubscribe:
        return self._listeners.add(listener)

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
        self._listeners.emit(status)


class DeviceBase(Generic[E]):
    """The bookkeeping behind `Device` that every family shares: a status reporter and one
    event stream. Subclasses set `family` and implement start/stop."""

    family: str = "device"

    def __init__(self) -> None:
        self._reporter = StatusReporter(self.family)
        self._events: Listeners[E] = Listeners(f"{self.family} event")

    @property
    def status(self) -> DeviceStatus:
        return self._reporter.current

    def subscribe_status(self, listener: StatusCallback) -> Unsubscribe:
        return self._reporter.subscribe(listener)

    def subscribe(self, listener: Callable[[E], None]) -> Unsubscribe:
        return self._events.add(listener)

    def report(self, state: DeviceState, detail: str = "") -> None:
        self._reporter.report(state, detail)

    def emit(self, event: E) -> None:
        self._events.emit(event)


# -- sim:// URIs ------------------------------------------------------------------------------
SIM_SCHEME = "sim"
SIMULATED_ALIASES = ("simulated",)  # what configurations said before sim:// URIs


@dataclass(frozen=True)
class SimUri:
    """`sim://<device>?key=value&...`: which simulator, and its settings (as pyserial's
    `loop://?logging=debug`). `device` is the family name, e.g. `sim://idcard`."""

    device: str
    params: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        query = "&".join(f"{k}={v}" for k, v in self.params.items())
        return f"{SIM_SCHEME}://{self.device}" + (f"?{query}" if query else "")


def is_sim_uri(uri: str) -> bool:
    text = uri.strip().lower()
    return text.startswith(f"{SIM_SCHEME}://") or text in SIMULATED_ALIASES


def parse_sim_uri(uri: str, family: str, known: tuple[str, ...] = ()) -> SimUri:
    """The simulator a `sim://` URI asks for; `simulated` means `sim://<family>`. Raises
    ValueError with the right form when the URI names another family's simulator or a
    setting this family does not have (`known`)."""
    text = uri.strip()
    if text.lower() in SIMULATED_ALIASES:
        return SimUri(family)
    parts = urlsplit(text)
    if (
        parts.scheme.lower() != SIM_SCHEME
        or (parts.netloc.lower() or family) != family
        or parts.path not in ("", "/")
    ):
        raise ValueError(f"{uri!r} is not a {family} simulator: write sim://{family}")
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = sorted(set(params) - set(known))
    if unknown:
        allowed = ", ".join(known) or "none"
        raise ValueError(f"{uri!r}: unknown setting {', '.join(unknown)} (sim://{family} takes: {allowed})")
    return SimUri(family, params)
