"""Plain words for every failure, and the one place errors are shown (the main window
connects `reporter().error` to its banner)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.ui.i18n import word
from visitorcs.errors import ApiError, ApiUnreachable

log = logging.getLogger(__name__)


def describe(exc: BaseException) -> str:
    """What a front-desk person reads: the server's own words for a refusal, a network hint
    when there is no server, never a traceback."""
    from kiosk.services.registration import DraftInvalid, RegistrationRefused

    if isinstance(exc, RegistrationRefused):
        return QCoreApplication.translate("Errors", "禁止登记：") + exc.reason
    if isinstance(exc, DraftInvalid):
        return "；".join(word(p) for p in exc.problems)
    if isinstance(exc, ApiError):
        return word(exc.msg)  # the server's words; in English where we know them (kiosk/ui/words.py)
    if isinstance(exc, ApiUnreachable):
        return QCoreApplication.translate("Errors", "无法连接服务器，请检查网络或稍后重试")
    try:
        from drivers.base import DeviceError

        if isinstance(exc, DeviceError):
            return str(exc)
    except ImportError:  # pragma: no cover - drivers are part of the product
        pass
    return QCoreApplication.translate("Errors", "发生错误，请重试；如反复出现请联系管理员（详情已写入日志）")


class ErrorReporter(QObject):
    """The single error display's feed: `error(words)`; the details go to the log."""

    error = Signal(str)

    def report(self, exc: BaseException, context: str = "") -> str:
        words = describe(exc)
        if isinstance(exc, (ApiError, ApiUnreachable)):
            log.warning("%s: %s", context or "operation", exc)
        else:
            log.error("%s failed", context or "operation", exc_info=(type(exc), exc, exc.__traceback__))
        self.error.emit(words)
        return words


_reporter: ErrorReporter | None = None


def reporter() -> ErrorReporter:
    global _reporter
    if _reporter is None:
        _reporter = ErrorReporter()
    return _reporter
