"""Fixtures for the serial device families (ID card reader, scanner): simulators on ptys
reached through a symlink (for the CLIs, run as subprocesses); for ID card readers a harness
that builds a reader from its URI and records what it reports, and `link`: the same tests
against `sim://idcard` (pty simulator, serial reader) and `sim://idcard?bus=usb` (simulated
iDR200 behind pyusb, USB bulk reader)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from drivers.base import DeviceProblem, DeviceState, DeviceStatus
from drivers.idcard import IdCardEvent, SamReaderThread, SimulatedReader, device_for_uri
from drivers.idcard.codec import Command
from drivers.idcard.simulator import IdCardSimulator
from drivers.scanner.simulator import ScannerSimulator


class Recorder:
    """A callback that remembers what it was called with; tests wait on it, never sleep."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._cond = threading.Condition()

    def __call__(self, item: Any) -> None:
        with self._cond:
            self.items.append(item)
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[list[Any]], bool], timeout: float = 5.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self.items), timeout)

    def wait_count(self, n: int, timeout: float = 5.0) -> bool:
        return self.wait_for(lambda items: len(items) >= n, timeout)

    def wait_state(self, state: DeviceState, timeout: float = 5.0, after: int = 0) -> bool:
        """For status recorders: wait until `state` is reported (at index >= after)."""
        return self.wait_for(
            lambda items: any(isinstance(s, DeviceStatus) and s.state is state for s in items[after:]),
            timeout,
        )


@pytest.fixture
def recorder() -> Callable[[], Recorder]:
    return Recorder


@pytest.fixture
def tty_link(tmp_path: Path) -> str:
    return str(tmp_path / "ttySIM")


@pytest.fixture
def idcard_sim(tty_link: str) -> Iterator[IdCardSimulator]:
    sim = IdCardSimulator(tty_link)
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def scanner_sim(tty_link: str) -> Iterator[ScannerSimulator]:
    sim = ScannerSimulator(tty_link)
    sim.start()
    yield sim
    sim.stop()


@dataclass
class Harness:
    reader: SamReaderThread
    cards: Recorder
    errors: Recorder
    statuses: Recorder

    @property
    def sim(self) -> SimulatedReader:
        assert self.reader.simulator is not None
        return self.reader.simulator

    def up(self, after: int = 0, timeout: float = 5.0) -> bool:
        """The reader answers (CONNECTED; SIMULATED for a simulator) at status index >= after."""
        answering = (DeviceState.CONNECTED, DeviceState.SIMULATED)
        return self.statuses.wait_for(lambda items: any(s.state in answering for s in items[after:]), timeout)

    def connected(self, timeout: float = 5.0) -> None:
        assert self.up(timeout=timeout), self.statuses.items


FAST = dict(poll_interval=0.02, reply_timeout=0.3, backoff=(0.05, 0.2))


@pytest.fixture
def build_reader() -> Iterator[Callable[..., Harness]]:
    """`build_reader(uri, **options)`: the reader the kiosk would build for `uri` (fast test
    timings), with recorders subscribed to its cards, problems and statuses; not started.
    Every reader built is stopped at the end of the test."""
    made: list[SamReaderThread] = []

    def build(uri: str, **options: Any) -> Harness:
        cards, errors, statuses = Recorder(), Recorder(), Recorder()
        reader = device_for_uri(uri, **{**FAST, **options})

        def on_event(event: IdCardEvent) -> None:
            if isinstance(event, DeviceProblem):
                errors(event.words)
            else:
                cards(event)

        reader.subscribe(on_event)
        reader.subscribe_status(statuses)
        made.append(reader)
        return Harness(reader, cards, errors, statuses)

    yield build
    for reader in made:
        assert reader.stop(3.0), "reader thread did not stop"


@pytest.fixture
def start_reader(build_reader: Callable[..., Harness]) -> Callable[..., Harness]:
    """`start_reader(uri, **options)`: build_reader, then start it."""

    def start(uri: str, **options: Any) -> Harness:
        h = build_reader(uri, **options)
        h.reader.start()
        return h

    return start


def polls_after(sim: SimulatedReader, n: int, timeout: float = 5.0) -> bool:
    """Wait until the reader has sent `n` more find-card commands (it is polling)."""
    start = sim.commands.count(Command.FIND_CARD.value)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sim.commands.count(Command.FIND_CARD.value) >= start + n:
            return True
        time.sleep(0.01)
    return False


class ReaderLink:
    """A simulated reader chosen by URI, as the kiosk's configuration would; `sim` is the
    simulator behind it (present cards, faults, unplug / plug) once the reader is built."""

    def __init__(self, uri: str, where: str, build_reader: Callable[..., Harness]) -> None:
        self.uri = uri
        self.where = where  # in the MISSING detail once unplugged
        self._build = build_reader
        self.harness: Harness | None = None

    def build(self, **options: Any) -> Harness:
        self.harness = self._build(self.uri, **options)
        return self.harness

    def start(self, **options: Any) -> Harness:
        h = self.build(**options)
        h.reader.start()
        return h

    @property
    def sim(self) -> SimulatedReader:
        assert self.harness is not None, "build or start the reader first"
        return self.harness.sim

    def unplug(self) -> None:
        self.sim.unplug()

    def replug(self) -> None:
        self.sim.plug()


@pytest.fixture(params=["serial", "usb"])
def link(request: pytest.FixtureRequest, build_reader: Callable[..., Harness]) -> ReaderLink:
    if request.param == "serial":
        return ReaderLink("sim://idcard", "sim://idcard", build_reader)
    return ReaderLink("sim://idcard?bus=usb", "usb://0400:c35a", build_reader)
