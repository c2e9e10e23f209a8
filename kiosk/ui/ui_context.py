"""`UiContext`: the Qt face of the kiosk's composition root. Screens receive it: it is the
AppContext (everything else is read from there) plus Qt signals for what the context reports
from worker threads, and the device bridge. Reports run on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from kiosk.context import AppContext


class UiContext(QObject):
    state_changed = Signal(str, str)  # state, words for the person at the desk
    sync_status_changed = Signal(object)  # sync.runtime.SyncStatus
    print_job_changed = Signal(object)  # kiosk.services.printing.PrintJob
    alert_raised = Signal(object)  # kiosk.services.alerts.Alert: for the desk, not the visitor
    _run_here = Signal(object)  # a callable to run on the GUI thread

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.closed = False  # the window closed: nothing more runs against this context from here
        self._device_bridge: Any = None
        self._run_here.connect(lambda fn: fn())
        context.set_ui_dispatch(self._dispatch)
        context.on_state(
            lambda state, words: self.state_changed.emit(state, words) if self._alive() else None
        )
        context.on_sync_status(self._emit_later(self.sync_status_changed))
        if context.printing is not None:
            context.printing.subscribe(self._emit_later(self.print_job_changed))
        context.services.alerts.subscribe(self._emit_later(self.alert_raised))

    def __getattr__(self, name: str) -> Any:
        # Everything that is not Qt lives on the Qt-free context (config, services, devices, state ...).
        return getattr(self.__dict__.get("context") or super().__getattribute__("context"), name)

    def _alive(self) -> bool:
        return shiboken6.isValid(self) and not self.closed

    def _dispatch(self, fn: Callable[[], None]) -> None:
        if self._alive():  # the context may report after the window is gone
            self._run_here.emit(fn)

    def _emit_later(self, signal: Any) -> Callable[[Any], None]:
        """A listener for worker threads: emits `signal` (queued to the GUI) while this object lives
        and its window is open."""
        return lambda value: signal.emit(value) if self._alive() else None

    def device_bridge(self) -> Any:
        """Qt signals of device events (kiosk.ui.common.device_bridge), None without devices."""
        if self._device_bridge is None and self.context.devices is not None:
            from kiosk.ui.common.device_bridge import DeviceBridge

            self._device_bridge = DeviceBridge(self.context.devices, self)
        return self._device_bridge

    def close(self) -> None:
        """The window is closing: device events stop reaching its screens (the devices stop later,
        with the context's shutdown). From now on its reports reach no screen."""
        self.closed = True
        if self._device_bridge is not None:
            self._device_bridge.close()
