"""Keyboard-wedge scanners: telling one from a person typing, by key timing (`WedgeDetector`,
Qt-free: fed (character, monotonic time) pairs; the Qt adapter is the kiosk's
kiosk/ui/common/qt_wedge.py), and `WedgeScanner`, the scanner device in wedge mode.

A burst is a scan when it has at least `min_length` characters, its average gap is at
most `avg_gap` seconds and it ends with Enter ("\\r") or Tab ("\\t"). Keys are held while a
burst may still be a scan and handed back, in order, as soon as it cannot be.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from drivers.base import DeviceBase, DeviceState, ScannedCode

WEDGE_WORDS = "键盘模式扫码器：扫到的码作为键盘输入"


@dataclass(frozen=True)
class Key:
    text: str  # one character; "\r" for Enter, "\t" for Tab
    time: float  # monotonic seconds
    payload: Any = None  # whatever the adapter needs to replay the key (a Qt event record)


class WedgeDetector:
    def __init__(
        self,
        on_code: Callable[[str], None],
        on_passthrough: Callable[[list[Key]], None],
        *,
        avg_gap: float = 0.030,
        min_length: int = 6,
        max_gap: float = 0.100,
        terminators: Sequence[str] = ("\r", "\t"),
        max_length: int = 4096,
    ) -> None:
        self.on_code = on_code
        self.on_passthrough = on_passthrough
        self.avg_gap = avg_gap
        self.min_length = min_length
        self.max_gap = max_gap  # one gap longer than this ends a burst: it was typing
        self.terminators = tuple(terminators)
        self.max_length = max_length
        self._held: list[Key] = []

    @property
    def held(self) -> int:
        return len(self._held)

    @property
    def deadline(self) -> float | None:
        """When poll() must be called if no other key arrives, or None if nothing is held."""
        return self._held[-1].time + self.max_gap if self._held else None

    def feed(self, text: str, t: float, payload: Any = None) -> bool:
        """Take one key. True: the detector keeps it (held, or part of a scan) and the
        caller must not deliver it. False: deliver it now (after any passthrough that
        this call already handed back, which comes first)."""
        if self._held and t - self._held[-1].time > self.max_gap:
            self.release()
        if text in self.terminators:
            if self._is_scan(t):
                code = "".join(k.text for k in self._held)
                self._held.clear()
                self.on_code(code)
                return True
            self.release()
            return False
        self._held.append(Key(text, t, payload))
        if len(self._held) > self.max_length:
            self.release()
        return True

    def poll(self, now: float) -> None:
        """Call when no key came for a while: a burst that went quiet was typing."""
        if self._held and now - self._held[-1].time > self.max_gap:
            self.release()

    def interrupt(self) -> None:
        """A key that cannot be part of a scan (arrow, Backspace, a shortcut) arrived."""
        self.release()

    def release(self) -> None:
        if self._held:
            keys, self._held = self._held, []
            self.on_passthrough(keys)

    def _is_scan(self, t_end: float) -> bool:
        n = len(self._held)
        if n < self.min_length:
            return False
        return (t_end - self._held[0].time) / n <= self.avg_gap


class WedgeScanner(DeviceBase[ScannedCode]):
    """The scanner device in keyboard-wedge mode. Its codes arrive as keystrokes, so the UI's
    key filter (which runs a WedgeDetector) hands each one to `typed()`; subscribers receive
    them as ScannedCode events, like a serial scanner's. There is no port to watch: started,
    it is CONNECTED."""

    family = "scanner"
    simulator: None = None  # no simulator of its own (a serial scanner has one for sim://scanner)

    def start(self) -> None:
        self.report(DeviceState.CONNECTED, WEDGE_WORDS)

    def stop(self, timeout: float = 3.0) -> bool:
        self.report(DeviceState.DISABLED, "stopped")
        return True

    def typed(self, code: str) -> None:
        """A code the key filter recognised as a scan."""
        self.emit(ScannedCode(code))
