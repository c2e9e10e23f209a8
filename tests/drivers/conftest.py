"""Fixtures for the serial device families (ID card reader, scanner): simulators on ptys
reached through a symlink, so a driver can reopen the same path after an "unplug"; and for
ID card readers a harness that records what a reader thread reports, and `link`: the same
tests against the pty simulator and the simulated USB bulk device."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from drivers.base import DeviceState, DeviceStatus
from drivers.idcard.codec import Command
from drivers.idcard.reader import SamReaderThread, SerialIdCardReader, UsbIdCardReader
from drivers.idcard.simulator import IdCardSimulator, SimulatedReader
from drivers.idcard.usb_sim import UsbIdCardSimulator
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

    def connected(self, timeout: float = 5.0) -> None:
        assert self.statuses.wait_state(DeviceState.CONNECTED, timeout), self.statuses.items


@pytest.fixture
def start_reader() -> Iterator[Callable[..., Harness]]:
    """`start_reader(new, **options)`: build an ID card reader with `new(**settings)` (fast test
    timings, recorders as callbacks), start it, and stop it at the end of the test."""
    made: list[SamReaderThread] = []

    def start(new: Callable[..., SamReaderThread], **options: Any) -> Harness:
        cards, errors, statuses = Recorder(), Recorder(), Recorder()
        settings: dict[str, Any] = dict(
            poll_interval=0.02, reply_timeout=0.3, backoff=(0.05, 0.2), on_card=cards, on_error=errors
        )
        settings.update(options)
        reader = new(**settings)
        reader.status.subscribe(statuses)
        made.append(reader)
        reader.start()
        return Harness(reader, cards, errors, statuses)

    yield start
    for reader in made:
        assert reader.stop(3.0), "reader thread did not stop"


def polls_after(sim: SimulatedReader, n: int, timeout: float = 5.0) -> bool:
    """Wait until the reader has sent `n` more find-card commands (it is polling)."""
    start = sim.commands.count(Command.FIND_CARD.value)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sim.commands.count(Command.FIND_CARD.value) >= start + n:
            return True
        time.sleep(0.01)
    return False


class SerialLink:
    """The pty simulator behind a stable symlink, read by SerialIdCardReader."""

    where = "ttySIM"  # in the status detail

    def __init__(self, path: str, start_reader: Callable[..., Harness]) -> None:
        self.path = path
        self._start_reader = start_reader
        self.sim = IdCardSimulator(path)
        self.sim.start()

    def start(self, **options: Any) -> Harness:
        return self._start_reader(partial(SerialIdCardReader, self.path), **options)

    def unplug(self) -> None:
        self.sim.stop()

    def replug(self) -> None:
        self.sim = IdCardSimulator(self.path)  # a new device at the same path
        self.sim.start()


class UsbLink:
    """The simulated iDR200 behind a pyusb backend, read by UsbIdCardReader."""

    where = "usb://0400:c35a"

    def __init__(self, start_reader: Callable[..., Harness]) -> None:
        self._start_reader = start_reader
        self.sim = UsbIdCardSimulator()
        self.sim.plug()

    def start(self, **options: Any) -> Harness:
        return self._start_reader(partial(UsbIdCardReader, self.where, backend=self.sim.backend), **options)

    def unplug(self) -> None:
        self.sim.unplug()

    def replug(self) -> None:
        self.sim.plug()


ReaderLink = SerialLink | UsbLink


@pytest.fixture(params=["serial", "usb"])
def link(
    request: pytest.FixtureRequest, tty_link: str, start_reader: Callable[..., Harness]
) -> Iterator[ReaderLink]:
    made: ReaderLink = (
        SerialLink(tty_link, start_reader) if request.param == "serial" else UsbLink(start_reader)
    )
    yield made
    made.sim.stop()
