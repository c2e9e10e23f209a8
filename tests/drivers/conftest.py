"""Fixtures for the serial device families (ID card reader, scanner): simulators on ptys
reached through a symlink, so a driver can reopen the same path after an "unplug"."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.base import DeviceState, DeviceStatus
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
        return self.wait_for(lambda items: any(isinstance(s, DeviceStatus) and s.state is state
                                               for s in items[after:]), timeout)


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
