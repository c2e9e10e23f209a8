"""Qt adapter for keyboard-wedge scanners: an application-wide event filter that feeds
key presses to the Qt-free WedgeDetector, swallows a scanner's keystrokes, emits
`scanned(str)` per code and replays typed keys unchanged. The one Qt module in drivers/.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent

from drivers.scanner.wedge import Key, WedgeDetector

log = logging.getLogger(__name__)

_MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
}
_SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)


@dataclass(frozen=True)
class _KeyRecord:
    """Enough of a QKeyEvent to replay it (Qt deletes the original after delivery)."""

    receiver: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class WedgeScannerFilter(QObject):
    """Install with `app.installEventFilter(f)` (or `f.install(app)`); connect `scanned`."""

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        avg_gap: float = 0.030,
        min_length: int = 6,
        max_gap: float = 0.100,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.detector = WedgeDetector(
            self.scanned.emit, self._replay, avg_gap=avg_gap, min_length=min_length, max_gap=max_gap
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_quiet)
        self._replaying = False
        self._swallowed_releases: Counter[int] = Counter()

    def install(self, app: QCoreApplication) -> None:
        app.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        etype = event.type()
        if etype not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) or self._replaying:
            return False
        assert isinstance(event, QKeyEvent)
        # A key event is filtered once per hop (QWindow, then the focus widget, then parents
        # if ignored). That is harmless: a key we keep never makes the next hop, and one we let
        # through has already emptied the detector, so judging it again changes nothing.
        if etype == QEvent.Type.KeyRelease:
            if self._swallowed_releases[event.key()] > 0:
                self._swallowed_releases[event.key()] -= 1
                return True
            return False
        return self._judge_press(obj, event)

    def _judge_press(self, obj: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False  # scanners press Shift for capitals; it types nothing by itself
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = "\r"
        elif key == Qt.Key.Key_Tab:
            text = "\t"
        else:
            text = event.text()
        printable = len(text) == 1 and (text.isprintable() or text in "\r\t")
        if not printable or event.isAutoRepeat() or event.modifiers() & _SHORTCUT_MODIFIERS:
            self.detector.interrupt()  # arrows, Backspace, shortcuts: never part of a scan
            return False
        record = _KeyRecord(obj, key, event.modifiers(), event.text())
        consumed = self.detector.feed(text, self._clock(), record)
        if consumed:
            self._swallowed_releases[key] += 1
        self._arm_timer()
        return consumed

    def _arm_timer(self) -> None:
        deadline = self.detector.deadline
        if deadline is None:
            self._timer.stop()
        else:
            self._timer.start(max(1, int((deadline - self._clock()) * 1000) + 5))

    def _on_quiet(self) -> None:
        self.detector.poll(self._clock())
        self._arm_timer()

    def _replay(self, keys: list[Key]) -> None:
        """Deliver held keys that turned out to be typing, in order, as if just typed."""
        self._replaying = True
        try:
            for k in keys:
                rec: _KeyRecord = k.payload
                target = rec.receiver if shiboken6.isValid(rec.receiver) else QGuiApplication.focusObject()
                if target is None:
                    continue
                for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QCoreApplication.sendEvent(target, QKeyEvent(etype, rec.key, rec.modifiers, rec.text))
        finally:
            self._replaying = False
