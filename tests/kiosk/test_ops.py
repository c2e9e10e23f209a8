"""The background-op helper: callbacks on the GUI thread, errors to the one display in
plain words, the busy indicator only after 200 ms, nothing after the parent is gone."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from kiosk.ui.common.errors import reporter
from kiosk.ui.common.ops import Op, tracker
from visitorcs.errors import ApiError, ApiUnreachable


def test_success_runs_on_the_gui_thread_and_fn_does_not(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    seen = {}

    def work() -> int:
        seen["worker"] = QThread.currentThread()
        return 42

    done = []
    Op(widget, work).success(lambda value: done.append((value, QThread.currentThread()))).run()
    qtbot.waitUntil(lambda: bool(done))
    assert done[0][0] == 42
    assert done[0][1] is widget.thread() and seen["worker"] is not widget.thread()


@pytest.mark.parametrize(
    "exc, words",
    [
        (ApiError("422", "黑名单人员，禁止登记"), "黑名单人员，禁止登记"),
        (ApiUnreachable("connect refused"), "无法连接服务器"),
        (KeyError("orderId"), "发生错误"),
    ],
)
def test_unhandled_failures_reach_the_error_display_in_plain_words(qtbot, exc, words) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)

    def boom() -> None:
        raise exc

    with qtbot.waitSignal(reporter().error, timeout=5000) as shown:
        Op(widget, boom).run()
    assert words in shown.args[0]
    assert "Traceback" not in shown.args[0] and "KeyError" not in shown.args[0]


def test_busy_only_lights_for_slow_ops(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    lit = []
    tracker().busy_changed.connect(lit.append)
    try:
        done = []
        Op(widget, lambda: 1).success(done.append).run()
        qtbot.waitUntil(lambda: bool(done))
        assert lit == []
        release = threading.Event()
        Op(widget, lambda: release.wait(5)).success(done.append).run()
        qtbot.waitUntil(lambda: lit == [True], timeout=3000)
        release.set()
        qtbot.waitUntil(lambda: lit == [True, False], timeout=3000)
    finally:
        tracker().busy_changed.disconnect(lit.append)


def test_no_callback_after_the_parent_is_deleted(qtbot) -> None:
    widget = QWidget()
    release = threading.Event()
    called = []
    Op(widget, lambda: release.wait(5)).success(called.append).run()
    widget.deleteLater()
    qtbot.waitUntil(lambda: not _valid(widget))
    release.set()
    qtbot.waitUntil(lambda: tracker().running == 0, timeout=3000)
    assert called == []


def _valid(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
