"""The visitor self-service wizard's widgets: the view of kiosk.flows.selfservice.SelfServiceFlow. It builds
the pages, forwards clicks and device events to the flow, shows what the flow says (in the visitor's
language), and runs the flow's background work (Op) and timers (QTimer) on Qt."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.flows.selfservice import (
    HostChoice,
    Message,
    Note,
    Permit,
    PhotoVerdict,
    PrintState,
    Row,
    SelfServiceFlow,
    State,
)
from kiosk.ui.common.errors import describe
from kiosk.ui.common.ops import Op
from kiosk.ui.i18n import word
from kiosk.ui.selfservice.pages import (
    BookedPage,
    ConfirmPage,
    DonePage,
    HostPage,
    IdCardPage,
    LoginPage,
    ManualPage,
    MessagePage,
    NoticePage,
    OnSitePage,
    PhonePage,
    PhotoPage,
    PurposePage,
    WelcomePage,
)
from kiosk.ui.selfservice.widgets import lock_down, scale_for, style

log = logging.getLogger(__name__)

USER_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}


class OpRunner(QObject):
    """A flow's Runner on Qt: work runs through Op off the GUI thread; answers, and what other threads
    post, arrive on the GUI thread while this object (a child of the view) lives."""

    _posted = Signal(object)

    def __init__(self, parent: QObject, label: str = "selfservice") -> None:
        super().__init__(parent)
        self.label = label
        self._posted.connect(lambda fn: fn())  # queued when emitted on another thread

    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        *,
        quiet: bool = False,
    ) -> None:
        op = Op(self, work, label=self.label).success(done).failure(failed)
        if quiet:
            op.quiet()
        op.run()

    def post(self, fn: Callable[[], None]) -> None:
        if shiboken6.isValid(self):  # the poster (a print service) may outlive the view
            self._posted.emit(fn)


class _Timer:
    def __init__(self, parent: QObject, fire: Callable[[], None]) -> None:
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(fire)

    def start(self, seconds: float) -> None:
        self._timer.start(int(seconds * 1000))

    def stop(self) -> None:
        if shiboken6.isValid(self._timer):
            self._timer.stop()


class QtClock:
    """A flow's Clock on Qt: timers are QTimers owned by `parent`."""

    def __init__(self, parent: QObject) -> None:
        self.parent = parent

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def timer(self, fire: Callable[[], None]) -> _Timer:
        return _Timer(self.parent, fire)


class StillThere(QFrame):
    """ "还在吗？" over the page: a countdown, and one big button (any touch answers it too)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("stillThere")
        self.setStyleSheet("#stillThere{background: rgba(0,0,0,150);}")
        box = QFrame(self)
        box.setStyleSheet("background: white; border-radius: 16px;")
        inner = QVBoxLayout(box)
        self.question = QLabel()
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setStyleSheet("font-size: 40px; font-weight: bold;")
        self.countdown = QLabel()
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setStyleSheet("font-size: 24px;")
        self.here = QPushButton()
        self.here.setMinimumHeight(80)
        self.here.setStyleSheet("font-size: 28px;")
        for w in (self.question, self.countdown, self.here):
            inner.addWidget(w)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignCenter)
        outer.addStretch(1)
        self.seconds = 0

    def show_countdown(self, seconds: int) -> None:
        self.seconds = seconds
        self.question.setText(self.tr("还在吗？"))
        self.countdown.setText(self.tr("%1 秒后返回首页，您填写的信息将被清除").replace("%1", str(seconds)))
        self.here.setText(self.tr("我还在，继续"))


class SelfServiceWindow(QWidget):
    """Put it full screen (the main window does), then `attach` its flow. `leaveRequested(operator)` after
    a staff login; `homeReached` when the wizard is back on the welcome screen."""

    leaveRequested = Signal(object)
    homeReached = Signal()  # back on the welcome screen: the app re-checks the licence

    def __init__(
        self, bridge: Any, parent: QWidget | None = None, *, demo: bool | None = None, language: str = ""
    ) -> None:
        super().__init__(parent)
        self.language = language  # the site's: every visitor starts in it, whatever the last one chose
        self.setObjectName("selfservice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.scale = 1.0
        self.setStyleSheet(style(self.scale))
        self.bridge = bridge
        simulated = bool(getattr(getattr(bridge.manager, "settings", None), "simulate", False))
        self.demo = simulated if demo is None else demo
        self.flow: SelfServiceFlow | None = None
        self.permit_image: QImage | None = None  # the permit as printed; dropped with every wipe

        # The pages fit the screen by scaling (set_scale), never by pushing the main window past it.
        self.setMinimumSize(1, 1)
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.welcome = WelcomePage()
        self.booked = BookedPage()
        self.idcard = IdCardPage()
        self.manual = ManualPage()
        self.photo = PhotoPage()
        self.phone = PhonePage()
        self.host = HostPage()
        self.purpose = PurposePage()
        self.notice = NoticePage()
        self.confirm = ConfirmPage()
        self.done = DonePage()
        self.message = MessagePage()
        self.on_site = OnSitePage()
        self.login = LoginPage()
        self.page_of: dict[State, QWidget] = {
            State.WELCOME: self.welcome,
            State.BOOKED: self.booked,
            State.IDCARD: self.idcard,
            State.MANUAL: self.manual,
            State.PHOTO: self.photo,
            State.PHONE: self.phone,
            State.HOST: self.host,
            State.PURPOSE: self.purpose,
            State.NOTICE: self.notice,
            State.CONFIRM: self.confirm,
            State.DONE: self.done,
            State.MESSAGE: self.message,
            State.ON_SITE: self.on_site,
            State.LOGIN: self.login,
        }
        self.pages = list(self.page_of.values())
        for page in self.pages:
            self.stack.addWidget(page)
        self.idcard.demo.setVisible(self.demo)
        self.still_there = StillThere(self)
        self.still_there.hide()
        lock_down(self)
        self.bridge.frameReady.connect(self._on_frame)
        QApplication.instance().installEventFilter(self)

    # -- wiring -------------------------------------------------------------------------------
    def attach(self, flow: SelfServiceFlow) -> None:
        """Clicks and device events go to `flow` from now on."""
        self.flow = f = flow
        self.still_there.here.clicked.connect(lambda: f.user_active())
        self.welcome.booked.clicked.connect(lambda: f.appointment_chosen())
        self.welcome.walkin.clicked.connect(lambda: f.walk_in_chosen())
        self.welcome.staff.clicked.connect(lambda: f.staff_chosen())
        self.welcome.language.clicked.connect(self.toggle_language)
        for page in (self.booked, self.idcard, self.manual, self.photo, self.phone, self.host, self.purpose):
            page.back.clicked.connect(lambda: f.back())
        self.confirm.back.clicked.connect(lambda: f.back())
        self.on_site.reprint.clicked.connect(lambda: f.reprint_permit())
        self.on_site.sign_out.clicked.connect(lambda: f.sign_out_on_site())
        for home in (
            self.notice.decline,
            self.done.finish,
            self.message.home,
            self.on_site.home,
            self.login.cancel,
        ):
            home.clicked.connect(lambda: f.reset())
        self.booked.find.connect(
            lambda kind, text: f.find_appointment(text, phone_digits=kind == BookedPage.PHONE4)
        )
        self.idcard.manual.clicked.connect(lambda: f.manual_chosen())
        self.idcard.demo.clicked.connect(lambda: f.demo_card())
        self.manual.submitted.connect(lambda kind, name, number: f.manual_entry(kind, name, number))
        self.photo.capture.connect(lambda: f.take_photo())
        self.photo.retake.clicked.connect(lambda: f.retake_photo())
        self.photo.go.clicked.connect(lambda: f.photo_accepted())
        self.phone.go.clicked.connect(lambda: f.phone_entered(self.phone.display.text()))
        self.host.search.connect(lambda query: f.search_hosts(query))
        self.host.chosen.connect(lambda person: f.host_chosen(person))
        self.purpose.chosen.connect(lambda purpose: f.purpose_chosen(purpose))
        self.notice.accept.clicked.connect(lambda: f.notice_accepted())
        self.confirm.submit.clicked.connect(lambda: f.submit())
        self.login.login.clicked.connect(
            lambda: f.operator_login(self.login.user.text(), self.login.password.text())
        )
        # the bridge outlives this window: its signals go to slots of the window, which Qt disconnects
        self.bridge.idCardRead.connect(self._id_card_read)
        self.bridge.codeScanned.connect(self._code_scanned)
        self.bridge.rawFrame.connect(self._raw_frame)
        self.bridge.statusChanged.connect(self._device_status)
        self.bridge.deviceError.connect(self._device_error)
        for status in self.bridge.statuses().values():
            f.device_status(status)

    def current(self) -> QWidget:
        return self.stack.currentWidget()

    # -- sizes: fonts, keys and margins follow the screen ------------------------------------------
    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.set_scale(scale_for(self.width(), self.height()))
        self.still_there.setGeometry(self.rect())

    def fit(self, size: Any) -> None:
        """Scale for an area of `size` (a QSize) before the window is first laid out."""
        self.set_scale(scale_for(size.width(), size.height()))

    def set_scale(self, scale: float) -> None:
        """Draw every page at `scale` (kiosk.ui.selfservice.widgets.scale_for the window's size)."""
        if abs(scale - self.scale) < 0.01:
            return
        self.scale = scale
        for page in self.pages:
            page.set_scale(scale)  # margins, spacing, pictures: before the style sheet relayouts
        self.setStyleSheet(style(scale))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in USER_EVENTS and self.flow is not None:
            self.flow.user_active()
        return False

    @Slot(object)
    def _id_card_read(self, card: Any) -> None:
        self.flow.id_card_read(card)

    @Slot(str)
    def _code_scanned(self, code: str) -> None:
        self.flow.code_scanned(code)

    @Slot(object)
    def _raw_frame(self, frame: Any) -> None:
        self.flow.camera_frame(frame)

    @Slot(object)
    def _device_status(self, status: Any) -> None:
        self.flow.device_status(status)

    @Slot(str, str)
    def _device_error(self, family: str, words: str) -> None:
        self.flow.device_error(family, words)

    @Slot(QImage)
    def _on_frame(self, image: QImage) -> None:
        if self.current() is self.photo:
            self.photo.show_frame(image)

    @Slot()
    def toggle_language(self) -> None:
        from kiosk.ui import i18n

        i18n.set_language("en" if i18n.current() == "zh_CN" else "zh_CN")

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """The kiosk is closing (the main window calls it; a child gets no closeEvent): wipe the visit
        and stop every timer, so nothing runs against the closed window's context."""
        self.closing = True
        if self.flow is not None:
            self.flow.reset()  # drops the visit and stops the idle countdown (welcome counts no time)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # -- the view the flow drives (kiosk.flows.selfservice.SelfServiceView) ---------------------
    def show_page(self, state: State) -> None:
        self.stack.setCurrentWidget(self.page_of[state])

    def clear(self, state: State) -> None:
        self.page_of[state].clear()

    def wipe(self) -> None:
        self.permit_image = None
        self.print_state = None
        for page in self.pages:
            page.clear()
        from kiosk.ui import i18n

        if self.language and i18n.current() != self.language:
            i18n.set_language(self.language)  # the next visitor starts in the site's language

    def ask_still_there(self, seconds: int | None) -> None:
        if seconds is None:
            self.still_there.hide()
            return
        self.still_there.show_countdown(seconds)
        self.still_there.setGeometry(self.rect())
        self.still_there.raise_()
        self.still_there.show()

    closing = False

    def home_reached(self) -> None:
        if not self.closing:  # closing is no return home: no licence check on a closing context
            self.homeReached.emit()

    def leave(self, operator: Any) -> None:
        self.leaveRequested.emit(operator)

    def set_exit_mode(self, on: bool) -> None:
        self.welcome.set_exit_mode(on)

    def camera(self, on: bool) -> None:
        self.bridge.want_frames(on)  # counted by the bridge: the flow says it on changes only

    def set_busy(self, state: State, busy: bool) -> None:
        action = {
            State.PHOTO: self.photo.shoot,
            State.CONFIRM: self.confirm.submit,
            State.LOGIN: self.login.login,
        }
        action[state].setEnabled(not busy)

    def show_on_site(self, name: str) -> None:
        self.on_site.show_visitor(name)

    def show_message(self, message: Message, detail: str = "") -> None:
        desk = self.tr("请到前台咨询工作人员")
        title, words, hint = {
            Message.REFUSED: (self.tr("无法自助登记"), detail or self.tr("您暂时不能在此登记"), desk),
            Message.NOT_FOUND: (self.tr("没有找到"), self.tr("没有找到该访客单"), desk),
            Message.SIGNED_OUT: (self.tr("已签离"), self.tr("这张访客单已经签离"), ""),
            Message.ON_SITE: (self.tr("您已登记"), self.tr("离开时请将访客单二维码对准扫码口签离"), ""),
            Message.APPROVING: (self.tr("预约审批中"), self.tr("您的预约还在审批中，请联系被访人"), ""),
            Message.INVALID: (self.tr("预约无效"), self.tr("该预约已失效或被退回"), desk),
            Message.EXPIRED: (
                self.tr("预约已过期"),
                self.tr("您的预约时间已过"),
                self.tr("请联系被访人重新预约，或到前台办理"),
            ),
            Message.NOT_CHECKED_IN: (
                self.tr("尚未到访登记"),
                self.tr("这张访客单还没有登记到访，无需签离"),
                self.tr("请到入口访客机登记"),
            ),
            Message.GOODBYE: (
                self.tr("再见"),
                self.tr("%1，您已签离，欢迎再次光临").replace("%1", detail),
                "",
            ),
        }[message]
        self.message.show_message(title, words, hint)

    def show_problem(self, exc: BaseException) -> None:
        self.message.show_message(self.tr("遇到问题"), describe(exc), self.tr("请重试，或到前台咨询工作人员"))

    def show_error(self, state: State, error: Note | BaseException | str) -> None:
        line: dict[State, QLabel] = {
            State.BOOKED: self.booked.error,
            State.IDCARD: self.idcard.error,
            State.PHOTO: self.photo.hint,
            State.PHONE: self.phone.error,
            State.HOST: self.host.error,
            State.CONFIRM: self.confirm.error,
            State.LOGIN: self.login.error,
        }
        if isinstance(error, Note):
            words = self._note_words(error)
        elif isinstance(error, BaseException):
            words = describe(error)
        else:
            words = error
        line[state].setText(words)

    def _note_words(self, note: Note) -> str:
        return {
            Note.READING: self.tr("正在读取…"),
            Note.READ_FAILED: self.tr("读卡失败，请把身份证重新平放在阅读区"),
            Note.SHARED_DIGITS: self.tr("该手机尾号对应多个预约，请输入访客码或扫描预约二维码"),
            Note.NO_APPOINTMENT: self.tr("没有找到您的预约，请核对后重试"),
            Note.HOLD_STILL: self.tr("请保持不动…"),
            Note.PHONE_DIGITS: self.tr("请输入 11 位手机号"),
            Note.HOST_QUERY: self.tr("请输入被访人的姓名或手机号"),
            Note.NO_STAFF_LOGIN: self.tr("本机未配置工作人员登录"),
            Note.RETAKE: self.tr("照片不够清晰，请重拍一张"),
        }[note]

    def show_reader(self, missing: bool) -> None:
        self.idcard.reader.setText(
            self.tr("身份证阅读器未连接，请使用手动填写或联系工作人员") if missing else ""
        )

    def show_photo_check(self, hint: str, good: bool) -> None:
        self.photo.hint.setStyleSheet("color: #1b7f3b;" if good else "")
        self.photo.hint.setText(word(hint))  # the camera's hint, in the visitor's language

    def show_photo_taken(self, jpeg: bytes, verdict: PhotoVerdict) -> None:
        problem = describe(verdict.problem) if verdict.problem is not None else ""
        if problem:
            words = self.tr("照片已保存（未评分：%1）").replace("%1", problem)
        elif verdict.score is None:
            words = self.tr("照片已保存")
        elif verdict.good:
            words = self.tr("照片质量 %1 分，很好").replace("%1", str(verdict.score))
        else:
            words = self.tr("照片质量 %1 分，建议重拍").replace("%1", str(verdict.score))
        self.photo.hint.setText("")
        self.photo.show_taken(jpeg, words)

    def show_known_phone(self, masked: str) -> None:
        self.phone.show_known(masked)

    def show_hosts(self, hosts: list[HostChoice]) -> None:
        self.host.show_hosts(hosts)

    def show_purposes(self, purposes: list[str]) -> None:
        self.purpose.show_purposes(purposes or [self.tr("商务洽谈"), self.tr("参观"), self.tr("其他")])

    def show_notice(self, title: str, content: str) -> None:
        self.notice.show_notice(title, content)

    def show_summary(self, rows: list[tuple[Row, str]]) -> None:
        labels = {
            Row.NAME: self.tr("姓名"),
            Row.IDENTITY: self.tr("证件号码"),
            Row.PHONE: self.tr("手机号"),
            Row.HOST: self.tr("被访人"),
            Row.DEPARTMENT: self.tr("被访部门"),
            Row.PURPOSE: self.tr("来访事由"),
            Row.LEAVING: self.tr("预计离开"),
        }
        self.confirm.show_summary([(labels[row], value) for row, value in rows])

    print_state: PrintState | None = None  # the last one shown (the renderer waits on it, not on words)

    def show_print_state(self, state: PrintState, detail: str = "") -> None:
        self.print_state = state
        if state is PrintState.PRINTED:
            words = self.tr("打印完成，请取走访客单")
        elif state is PrintState.FAILED:
            words = self.tr("打印失败：%1。请到前台领取访客单").replace("%1", detail)
        elif state is PrintState.NO_PRINTER:
            words = self.tr("本机未配置打印机，请到前台领取访客单")
        else:
            words = self.tr("正在打印访客单…")
        self.done.state.setText(words)

    def show_permit(self, permit: Permit) -> None:
        image = QImage(
            permit.grey, permit.width, permit.height, permit.width, QImage.Format.Format_Grayscale8
        ).copy()
        self.permit_image = image
        self.done.show_permit(image)
