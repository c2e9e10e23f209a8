"""The main window: header (site, connection, language, busy), the one error banner, and
the content — a connecting/refused state page until the server says yes, then the staff
console or the visitor self-service wizard."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import CONNECTING, READY, REFUSED, UNREACHABLE, AppContext
from kiosk.ui import i18n
from kiosk.ui.common.errors import reporter
from kiosk.ui.common.ops import tracker
from kiosk.ui.common.widgets import Banner, Retranslating
from kiosk.ui.fonts import missing_cjk_font_words
from kiosk.ui.ui_context import UiContext

log = logging.getLogger(__name__)


class StatePage(Retranslating, QWidget):
    """Connecting / licence refused / unreachable: big words and, when useful, a retry."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size:28px;font-weight:bold")
        self.detail = QLabel()
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("font-size:18px;color:#495057")
        self.retry = QPushButton()
        self.retry.setMinimumHeight(44)
        self.retry.clicked.connect(self._retry)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.retry)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.state = CONNECTING
        self.words = ""
        self.retranslate()

    def set_state(self, state: str, words: str) -> None:
        self.state, self.words = state, words
        self.retranslate()

    def retranslate(self) -> None:
        if self.state == CONNECTING:
            self.title.setText(self.tr("正在连接服务器…"))
            self.detail.setText(self.tr("请稍候，连接成功后即可登记访客"))
        elif self.state == REFUSED:
            self.title.setText(self.tr("本机未获授权，无法登记访客"))
            self.detail.setText(self.words)
        else:
            self.title.setText(self.tr("无法连接服务器"))
            self.detail.setText(
                (self.words or self.tr("无法连接服务器，请检查网络或稍后重试"))
                + "\n"
                + self.tr("服务器恢复后，本机会自动连接")
            )
        self.retry.setText(self.tr("重试"))
        self.retry.setVisible(self.state != CONNECTING)

    def _retry(self) -> None:
        self.set_state(CONNECTING, "")
        self.context.check_licence()


class MainWindow(Retranslating, QMainWindow):
    """Takes the Qt-free AppContext; its screens get the UiContext (the same plus Qt signals)."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context = UiContext(context, self)
        self.resize(1280, 800)
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(10, 8, 10, 8)

        header = QHBoxLayout()
        self.site = QLabel()
        self.site.setStyleSheet("font-size:20px;font-weight:bold")
        self.connection = QLabel()
        self.connection.setObjectName("connection")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: something is taking a moment
        self.busy.setFixedWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current())))
        self.language.currentIndexChanged.connect(self._language_chosen)
        header.addWidget(self.site)
        header.addStretch(1)
        header.addWidget(self.busy)
        header.addWidget(self.connection)
        header.addWidget(self.language)
        layout.addLayout(header)

        # Offline mode: shown while the server is unreachable, in both modes (writes go to the outbox).
        self.offline_banner = QLabel()
        self.offline_banner.setObjectName("offlineBanner")
        self.offline_banner.setWordWrap(True)
        self.offline_banner.setStyleSheet(
            "background:#fff3bf;color:#5c3c00;border:1px solid #fab005;"
            "border-radius:4px;padding:8px 12px;font-size:16px;font-weight:bold"
        )
        self.offline_banner.hide()
        layout.addWidget(self.offline_banner)
        self.sync_status: Any = None

        self.banner = Banner()
        layout.addWidget(self.banner)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(root)

        self.state_page = StatePage(context)
        self.stack.addWidget(self.state_page)
        self._quit_allowed = False
        self.content: QWidget | None = None  # the mode's screen: the staff console or the wizard
        self.showing: QWidget | None = None  # what READY shows: the content, or a staff hand-over

        reporter().error.connect(self.show_error)
        tracker().busy_changed.connect(self._busy)
        context.state_changed.connect(self._state_changed)
        context.alert_raised.connect(self._alert)
        context.sync_status_changed.connect(self._sync_changed)  # queued: emitted on worker threads
        self._state_changed(context.state, context.words)
        if context.mode == "selfservice":
            self.language.hide()  # the wizard has its own language button
        self._age_timer = QTimer(self)  # the cache age words ("3 分钟前") move on by themselves
        self._age_timer.setInterval(30000)
        self._age_timer.timeout.connect(self._refresh_sync_status)
        self._age_timer.start()
        self.retranslate()
        no_font = missing_cjk_font_words()
        if no_font:
            self.show_error(no_font)

    # --- content --------------------------------------------------------------------
    def _build_content(self) -> QWidget:
        if self.context.mode == "selfservice" and self.context.device_bridge() is not None:
            return self._build_selfservice()
        from kiosk.ui.staff.console import StaffConsole

        return StaffConsole(self.context, self)

    def _build_selfservice(self) -> QWidget:
        """The visitor's wizard: the widgets are the view, the flow holds the rules."""
        from kiosk.flows.selfservice import SelfServiceFlow, SelfServiceServices
        from kiosk.ui.selfservice import OpRunner, QtClock, SelfServiceWindow

        services = SelfServiceServices.of(
            self.context.services,
            printing=self.context.printing,
            devices=self.context.devices,
            alerts=self.context.services.alerts,
        )
        wizard = SelfServiceWindow(
            self.context.device_bridge(), self, language=self.context.config.ui.language
        )
        wizard.fit(self.stack.size())  # drawn for this screen from the start: the window never grows
        flow = SelfServiceFlow(
            wizard,
            services,
            runner=OpRunner(wizard),
            clock=QtClock(wizard),
            idle_timeout_s=self.context.config.ui.idle_timeout_s,
            exit_mode=self.context.config.ui.exit_kiosk,
            photo_min_score=self.context.config.ui.photo_min_score,
        )
        wizard.attach(flow)
        wizard.homeReached.connect(self.context.check_licence)
        wizard.leaveRequested.connect(self._staff_takes_over)
        return wizard

    def _staff_takes_over(self, operator: Any) -> None:
        """A staff login on the wizard opens the staff console (already logged in) until the
        operator logs out; then the kiosk is self-service again."""
        from kiosk.ui.staff.console import StaffConsole

        console = StaffConsole(self.context, self)
        console.logged_out.connect(self._staff_leaves)
        self.stack.addWidget(console)
        self.showing = console
        self.stack.setCurrentWidget(console)
        if operator is not None:
            console._logged_in(operator)
        recent = self.context.services.alerts.recent
        if recent:  # what happened at this self-service kiosk before staff came
            self._alert(recent[-1])

    def _alert(self, alert: Any) -> None:
        """For the desk: a banner and a sound where staff work; never on a visitor's screen (the
        alert waits in AlertService.recent for a staff hand-over)."""
        if self.showing is None or self.showing is self.content and self.context.mode == "selfservice":
            return
        self.banner.show_message("⚠ " + self._alert_words(alert), "warning", 0)  # stays until closed
        QApplication.beep()

    def _alert_words(self, alert: Any) -> str:
        if alert.kind != "blacklist":
            return alert.words
        words = self.tr("黑名单人员尝试登记：%1").replace("%1", alert.who)
        if alert.number:
            words += self.tr("（%1）").replace("%1", alert.number)
        if alert.place:
            words += self.tr("，%1").replace("%1", alert.place)
        return words

    def _staff_leaves(self) -> None:
        console, self.showing = self.showing, self.content
        if self.content is not None:
            self.stack.setCurrentWidget(self.content)
        if console is not None and console is not self.content:
            console.shutdown()
            self.stack.removeWidget(console)
            console.deleteLater()
        self.context.check_licence()

    def _state_changed(self, state: str, words: str) -> None:
        if state == READY:
            if self.content is None:
                self.content = self.showing = self._build_content()
                self.stack.addWidget(self.content)
            self.stack.setCurrentWidget(self.showing)  # a licence check must not undo a staff hand-over
        else:
            self.state_page.set_state(state, words)
            self.stack.setCurrentWidget(self.state_page)
        self.retranslate()

    # --- offline mode -------------------------------------------------------------------
    def _refresh_sync_status(self) -> None:
        if self.context.closed:
            return
        if self.context.sync is not None and self.context.sync_started:
            from kiosk.ui.common.ops import Op

            Op(self, self.context.sync_status, label="sync status").quiet().success(self._sync_changed).run()

    def _sync_changed(self, status: Any) -> None:
        self.sync_status = status
        self.retranslate()  # header dot and banner
        if self.content is not None and hasattr(self.content, "sync_changed"):
            self.content.sync_changed(status)

    def _show_sync(self) -> None:
        st = self.sync_status
        if st is None or st.online:
            self.offline_banner.hide()
            return
        self.offline_banner.setText(
            self.tr("离线模式：服务器暂不可用，登记将在恢复后自动上传（待上传 %1 条）").replace(
                "%1", str(st.waiting)
            )
        )
        self.offline_banner.show()

    def show_error(self, words: str) -> None:
        self.banner.show_message(words, "error")

    def show_info(self, words: str) -> None:
        self.banner.show_message(words, "info", 6000)

    def _busy(self, on: bool) -> None:
        self.busy.setVisible(on)

    def _language_chosen(self, index: int) -> None:
        i18n.set_language(self.language.itemData(index))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("访客机"))
        self.site.setText(self.tr("访客登记") + " · " + self.context.config.server.kiosk_name)
        words = {
            CONNECTING: self.tr("● 正在连接"),
            READY: self.tr("● 已连接"),
            REFUSED: self.tr("● 未授权"),
            UNREACHABLE: self.tr("● 无法连接服务器"),
        }
        colours = {CONNECTING: "#868e96", READY: "#2b8a3e", REFUSED: "#c92a2a", UNREACHABLE: "#e67700"}
        if self.context.state == READY and self.sync_status is not None and not self.sync_status.online:
            words[READY] = self.tr("● 离线")
            colours[READY] = "#e67700"
        self.connection.setText(words.get(self.context.state, ""))
        self.connection.setStyleSheet(f"color:{colours.get(self.context.state, '#868e96')};font-size:15px")
        self._show_sync()

    # --- kiosk mode -------------------------------------------------------------------
    def present(self) -> None:
        """Show the window as the settings say: in kiosk mode full screen, without a title bar
        and above other windows; a staff console may be a normal window."""
        if self.context.config.kiosk_mode:
            self.setWindowFlags(
                self.windowFlags() | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
            )
            self.showFullScreen()
        else:
            self.show()

    @property
    def locked(self) -> bool:
        """Kiosk mode: closing (button, Alt+F4, the window manager) is refused until allowed."""
        return self.context.config.kiosk_mode and not self._quit_allowed

    def allow_quit(self) -> None:
        """An operator chose to quit, or the system asks (SIGTERM at shutdown)."""
        self._quit_allowed = True

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        if self.locked:
            log.info("kiosk mode: close refused (an operator login can quit)")
            event.ignore()
            return
        self._closing(event)

    def _closing(self, event: Any) -> None:
        # Nothing may run against the context once the window closed: the cache-age timer, the
        # wizard's idle timer (its reset would check the licence) and reports from worker threads.
        self._age_timer.stop()
        for screen in {self.content, self.showing} - {None}:
            if hasattr(screen, "shutdown"):
                screen.shutdown()
        self.context.close()
        super().closeEvent(event)
