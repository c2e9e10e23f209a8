"""The visitor self-service wizard: welcome → appointment or walk-in → ID card → photo → phone → host →
purpose → park notice → confirm → permit; scanning a permit at the welcome screen signs the visitor out.
Idle timeout wipes every piece of personal data from screens and memory. Leaving needs an operator login.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk.services.registration import DraftInvalid, RegistrationRefused
from kiosk.ui.common.errors import describe
from kiosk.ui.common.ops import Op
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
    PhonePage,
    PhotoPage,
    PurposePage,
    WelcomePage,
)
from kiosk.ui.selfservice.widgets import STYLE, lock_down
from visitorcs.codes import CLOSED, ON_SITE, CodeType, VisitStatus, status_in
from visitorcs.errors import ApiError
from visitorcs.masking import Field, Place, mask

log = logging.getLogger(__name__)

PHONE_DIGITS = 11
PRECHECK_EVERY_S = 0.4  # face pre-check at most this often (Haar ~10 ms, but 2 cores are shared)
RESULT_PAGE_TIMEOUT_MS = 20000  # permit / goodbye / refused screens go home on their own
USER_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}


@dataclass
class SelfServiceServices:
    """What the wizard uses; every call blocks, so the wizard runs them through Op off the GUI thread."""

    registration: Any  # kiosk.services.registration.RegistrationService
    lookup: Any  # kiosk.services.lookup.LookupService
    signout: Any  # kiosk.services.signout.SignOutService
    hosts: Any  # kiosk.services.hosts.HostService
    reference: Any  # kiosk.services.reference.ReferenceService
    photo: Any | None = None  # kiosk.services.photo.PhotoService
    printing: Any | None = None  # kiosk.services.printing.PrintService
    login: Callable[[str, str], Any] | None = None  # operator login (OperatorService.login)

    def find(self, code_type: int, code: str) -> dict[str, Any]:
        """The one visit for a code; ApiError 404 when there is none. Four phone digits may match several
        people's appointments: then nobody's is opened (AmbiguousLookup), the visitor uses the code."""
        if code_type == CodeType.PHONE_LAST4 and hasattr(self.lookup, "find_all"):
            visits = self.lookup.find_all(code_type, code)
            if len(visits) > 1:
                raise AmbiguousLookup(len(visits))
            if not visits:
                raise ApiError("404", "没有找到该访客单")
            return dict(visits[0])
        visit = _one_visit(self.lookup.find(code_type, code))
        if not visit or not visit.get("orderId"):
            raise ApiError("404", "没有找到该访客单")
        return visit

    def find_scanned(self, text: str) -> dict[str, Any]:
        from kiosk.services.lookup import classify_scan

        meaning = classify_scan(text)
        return self.find(meaning.code_type, meaning.code)


class AmbiguousLookup(Exception):
    """Several appointments share these phone digits."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} visits match")
        self.count = count


class _JobRelay(QObject):
    """Print job updates arrive on the print worker thread; this queues them to the GUI thread."""

    changed = Signal(object)


class SelfServiceWindow(QWidget):
    """Put it full screen (the main window does). `leaveRequested(operator)` after a staff login."""

    leaveRequested = Signal(object)
    homeReached = Signal()  # back on the welcome screen: the app re-checks the licence

    def __init__(
        self,
        services: SelfServiceServices,
        bridge: Any,
        parent: QWidget | None = None,
        *,
        idle_timeout_s: float = 90.0,
        exit_mode: bool = False,
        demo: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("selfservice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.services = services
        self.bridge = bridge
        self.manager = bridge.manager
        self._exit_mode = exit_mode
        simulated = bool(getattr(getattr(self.manager, "settings", None), "simulate", False))
        self.demo = simulated if demo is None else demo
        self.idle_timeout_ms = int(idle_timeout_s * 1000)

        # personal data lives only in these attributes (and the pages); reset() drops all of them
        self.draft: Any = None
        self.visit: dict[str, Any] | None = None
        self.photo_jpeg: bytes | None = None
        self.permit_image: QImage | None = None
        self.print_job_id: str | None = None
        self._generation = 0  # bumps on reset: late answers of an abandoned visit are ignored
        self._precheck_busy = False
        self._precheck_last = 0.0
        self._frames_on = False

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
        self.login = LoginPage()
        self.pages = [
            self.welcome,
            self.booked,
            self.idcard,
            self.manual,
            self.photo,
            self.phone,
            self.host,
            self.purpose,
            self.notice,
            self.confirm,
            self.done,
            self.message,
            self.login,
        ]
        for page in self.pages:
            self.stack.addWidget(page)
        self.idcard.demo.setVisible(self.demo)
        lock_down(self)

        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.on_idle)
        self._jobs = _JobRelay(self)
        self._jobs.changed.connect(self._job_changed)
        if services.printing is not None:
            relay = self._jobs
            # the print service may outlive this widget: never emit into a deleted one
            services.printing.subscribe(
                lambda job: relay.changed.emit(job) if shiboken6.isValid(relay) else None
            )
        self._wire()
        self.exit_mode = exit_mode
        for status in bridge.statuses().values():
            self._device_status(status)
        QApplication.instance().installEventFilter(self)

    @property
    def exit_mode(self) -> bool:
        """An exit kiosk only signs visitors out: the welcome screen asks for the permit's QR only."""
        return self._exit_mode

    @exit_mode.setter
    def exit_mode(self, on: bool) -> None:
        self._exit_mode = on
        self.welcome.set_exit_mode(on)

    # -- wiring -------------------------------------------------------------------------------
    def _wire(self) -> None:
        w = self.welcome
        w.booked.clicked.connect(lambda: self.go(self.booked))
        w.walkin.clicked.connect(lambda: self.go(self.idcard))
        w.staff.clicked.connect(lambda: self.go(self.login))
        w.language.clicked.connect(self.toggle_language)
        self.booked.back.clicked.connect(self.reset)
        self.booked.find.connect(self.find_appointment)
        self.idcard.back.clicked.connect(self.reset)
        self.idcard.manual.clicked.connect(lambda: self.go(self.manual))
        self.idcard.demo.clicked.connect(
            lambda: self._run(lambda: self.manager.present_id_card("zhang"), lambda _r: None, quiet=True)
        )
        self.manual.back.clicked.connect(lambda: self.go(self.idcard))
        self.manual.submitted.connect(self.manual_entry)
        self.photo.back.clicked.connect(self.reset)
        self.photo.capture.connect(self.take_photo)
        self.photo.go.clicked.connect(self.after_photo)
        self.phone.back.clicked.connect(lambda: self.go(self.photo))
        self.phone.go.clicked.connect(self.phone_entered)
        self.host.back.clicked.connect(lambda: self.go(self.phone))
        self.host.search.connect(self.search_hosts)
        self.host.chosen.connect(self.host_chosen)
        self.purpose.back.clicked.connect(lambda: self.go(self.host))
        self.purpose.chosen.connect(self.purpose_chosen)
        self.notice.decline.clicked.connect(self.reset)
        self.notice.accept.clicked.connect(self.notice_accepted)
        self.confirm.back.clicked.connect(self.back_from_confirm)
        self.confirm.submit.clicked.connect(self.submit)
        self.done.finish.clicked.connect(self.reset)
        self.message.home.clicked.connect(self.reset)
        self.login.cancel.clicked.connect(self.reset)
        self.login.login.clicked.connect(self.operator_login)
        self.bridge.idCardRead.connect(self.on_idcard)
        self.bridge.codeScanned.connect(self.on_scan)
        self.bridge.frameReady.connect(self._on_frame)
        self.bridge.rawFrame.connect(self._precheck)
        self.bridge.statusChanged.connect(self._device_status)
        self.bridge.deviceError.connect(self._device_error)

    # -- navigation and the idle wipe ---------------------------------------------------------
    def current(self) -> QWidget:
        return self.stack.currentWidget()

    def go(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        self._want_frames(page is self.photo and not self.photo.taken)
        if page is self.welcome:
            self.idle.stop()
        else:
            result_page = page in (self.done, self.message)
            short = min(self.idle_timeout_ms, RESULT_PAGE_TIMEOUT_MS)
            self.idle.start(short if result_page else self.idle_timeout_ms)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        # any touch or key while a visit is in progress restarts the idle countdown
        if event.type() in USER_EVENTS and self.idle.isActive():
            self.idle.start()
        return False

    @Slot()
    def on_idle(self) -> None:
        log.info("self-service idle for %.0f s: wiping the visit", self.idle.interval() / 1000)
        self.reset()

    @Slot()
    def reset(self) -> None:
        """Back to the welcome screen with nothing personal left on any screen or in memory."""
        self._generation += 1
        self.draft = None
        self.visit = None
        self.photo_jpeg = None
        self.permit_image = None
        self.print_job_id = None
        for page in self.pages:
            page.clear()
        self.go(self.welcome)
        self.homeReached.emit()

    def _want_frames(self, on: bool) -> None:
        if on != self._frames_on:
            self._frames_on = on
            self.bridge.want_frames(on)

    def _run(
        self,
        fn: Callable[[], Any],
        ok: Callable[[Any], None],
        fail: Callable[[BaseException], None] | None = None,
        *,
        quiet: bool = False,
    ) -> None:
        """Background work whose answer is dropped if the visit was abandoned meanwhile."""
        gen = self._generation

        def success(result: Any) -> None:
            if gen == self._generation:
                ok(result)

        def failure(exc: BaseException) -> None:
            if gen != self._generation:
                return
            if fail is not None:
                fail(exc)
            else:
                self.show_problem(exc)

        op = Op(self, fn, label="selfservice").success(success).failure(failure)
        if quiet:
            op.quiet()
        op.run()

    def show_problem(self, exc: BaseException) -> None:
        log.warning("self-service problem: %s", exc)
        self.message.show_message(self.tr("遇到问题"), describe(exc), self.tr("请重试，或到前台咨询工作人员"))
        self.go(self.message)

    def refuse(self, reason: str) -> None:
        self.draft = None
        self.message.show_message(
            self.tr("无法自助登记"), reason or self.tr("您暂时不能在此登记"), self.tr("请到前台咨询工作人员")
        )
        self.go(self.message)

    # -- appointments -------------------------------------------------------------------------
    @Slot(str, str)
    def find_appointment(self, kind: str, text: str) -> None:
        code_type = CodeType.PHONE_LAST4 if kind == BookedPage.PHONE4 else CodeType.VISITOR_CODE
        self._run(
            lambda: self.services.find(code_type, text),
            lambda visit: self.visit_found(visit, "lookup"),
            self._lookup_failed,
        )

    def _lookup_failed(self, exc: BaseException) -> None:
        if isinstance(exc, AmbiguousLookup):
            self.booked.error.setText(self.tr("该手机尾号对应多个预约，请输入访客码或扫描预约二维码"))
            return
        if isinstance(exc, ApiError) and exc.code == "404":
            self.booked.error.setText(self.tr("没有找到您的预约，请核对后重试"))
            if self.current() is not self.booked:
                self.message.show_message(
                    self.tr("没有找到"), self.tr("没有找到该访客单"), self.tr("请到前台咨询工作人员")
                )
                self.go(self.message)
            return
        self.show_problem(exc)

    def visit_found(self, visit: dict[str, Any], source: str) -> None:
        visit = _one_visit(visit)
        status = str(visit.get("status", ""))
        if status_in(status, CLOSED):
            self.message.show_message(self.tr("已签离"), self.tr("这张访客单已经签离"))
            self.go(self.message)
        elif status_in(status, ON_SITE):
            self.message.show_message(self.tr("您已登记"), self.tr("离开时请将访客单二维码对准扫码口签离"))
            self.go(self.message)
        elif status_in(status, (VisitStatus.APPROVING,)):
            self.message.show_message(self.tr("预约审批中"), self.tr("您的预约还在审批中，请联系被访人"))
            self.go(self.message)
        elif status_in(status, (VisitStatus.EXPIRED, VisitStatus.RETURNED)):
            self.message.show_message(
                self.tr("预约无效"), self.tr("该预约已失效或被退回"), self.tr("请到前台咨询工作人员")
            )
            self.go(self.message)
        else:
            self._run(lambda: self.services.registration.draft_from_visit(visit, source), self.draft_ready)

    # -- scans: sign-out at the exit, or an appointment's QR ---------------------------------
    @Slot(str)
    def on_scan(self, code: str) -> None:
        if self.current() not in (self.welcome, self.booked, self.message):
            return  # mid-registration a stray scan must not throw the visitor's work away
        if self.current() is self.message:
            self.reset()
        self._run(lambda: self.services.find_scanned(code), self._scanned_visit, self._lookup_failed)

    def _scanned_visit(self, visit: dict[str, Any]) -> None:
        visit = _one_visit(visit)
        status = str(visit.get("status", ""))
        if status_in(status, CLOSED):
            self.message.show_message(self.tr("已签离"), self.tr("这张访客单已经签离"))
            self.go(self.message)
            return
        if self.exit_mode and not status_in(status, ON_SITE):
            # an exit kiosk only signs out; an appointment that never checked in belongs at the entrance
            self.message.show_message(
                self.tr("尚未到访登记"),
                self.tr("这张访客单还没有登记到访，无需签离"),
                self.tr("请到入口访客机登记"),
            )
            self.go(self.message)
            return
        if status_in(status, ON_SITE):
            name = str(visit.get("name") or "")
            self._run(lambda: self.services.signout.sign_out(visit), lambda _r: self.goodbye(name))
            return
        self.visit_found(visit, "qr")

    def goodbye(self, name: str) -> None:
        self.message.show_message(
            self.tr("再见"),
            self.tr("%1，您已签离，欢迎再次光临").replace("%1", mask(name, Field.NAME, Place.PUBLIC)),
        )
        self.go(self.message)

    # -- walk-ins ----------------------------------------------------------------------------
    @Slot(object)
    def on_idcard(self, card: Any) -> None:
        if self.exit_mode or self.current() not in (self.welcome, self.idcard):
            return
        self.idcard.error.setText(self.tr("正在读取…"))
        self._run(lambda: self.services.registration.draft_from_idcard(card), self.draft_ready)

    @Slot(str, str, str)
    def manual_entry(self, identity_id: str, name: str, number: str) -> None:
        def build() -> Any:
            reg = self.services.registration
            draft = reg.new_draft()
            draft.source = "manual"
            draft.fields.update({"name": name, "identityId": identity_id, "identityNum": number})
            draft.screening = reg.screen(identity_num=number, identity_id=identity_id)
            return draft

        self._run(build, self.draft_ready)

    def draft_ready(self, draft: Any) -> None:
        if draft.screening is not None and draft.screening.refused:
            self.refuse(draft.screening.reason)
            return
        if (
            draft.register_type == 2
            and draft.end_time is not None
            and draft.end_time <= dt.datetime.now(dt.UTC)
        ):
            self.message.show_message(
                self.tr("预约已过期"),
                self.tr("您的预约时间已过"),
                self.tr("请联系被访人重新预约，或到前台办理"),
            )
            self.go(self.message)
            return
        self.draft = draft
        self.photo.clear()
        self.go(self.photo)

    @Slot(object)
    def _device_status(self, status: Any) -> None:
        """A pulled ID reader is said on the ID card page (the driver reconnects by itself)."""
        if status.family != "idcard":
            return
        state = getattr(status.state, "value", str(status.state))
        if state == "missing":
            self.idcard.reader.setText(self.tr("身份证阅读器未连接，请使用手动填写或联系工作人员"))
        elif state in ("connected", "simulated"):
            self.idcard.reader.setText("")

    @Slot(str, str)
    def _device_error(self, family: str, words: str) -> None:
        if family == "idcard" and self.current() is self.idcard:
            self.idcard.error.setText(self.tr("读卡失败，请把身份证重新平放在阅读区"))

    # -- photo --------------------------------------------------------------------------------
    @Slot(QImage)
    def _on_frame(self, image: QImage) -> None:
        if self.current() is self.photo:
            self.photo.show_frame(image)

    @Slot(object)
    def _precheck(self, frame: Any) -> None:
        now = time.monotonic()
        if (
            self.current() is not self.photo
            or self.photo.taken
            or self._precheck_busy
            or now - self._precheck_last < PRECHECK_EVERY_S
        ):
            return
        self._precheck_busy, self._precheck_last = True, now

        def shown(report: Any) -> None:
            self._precheck_busy = False
            if not self.photo.taken:
                good = all(
                    getattr(report, k, False)
                    for k in ("one_face", "size_ok", "centred", "sharp", "exposure_ok", "pose_ok")
                )
                self.photo.hint.setStyleSheet("color: #1b7f3b;" if good else "")
                self.photo.hint.setText(str(getattr(report, "hint", "")))

        def failed(exc: BaseException) -> None:
            self._precheck_busy = False
            log.debug("pre-check failed: %s", exc)

        self._run(lambda: self.manager.photo_check(frame), shown, failed, quiet=True)

    @Slot()
    def take_photo(self) -> None:
        self.photo.shoot.setEnabled(False)
        self.photo.hint.setText(self.tr("请保持不动…"))
        service = self.services.photo

        def shoot() -> tuple[bytes, Any, str]:
            photo = self.manager.take_photo()
            result, problem = None, ""
            if service is not None:
                try:
                    result = service.upload_face(photo.jpeg)
                except Exception as exc:  # unreachable server: keep the local photo, register anyway
                    problem = describe(exc)
            return photo.jpeg, result, problem

        def taken(answer: tuple[bytes, Any, str]) -> None:
            jpeg, result, problem = answer
            self._want_frames(False)
            self.photo_jpeg = jpeg
            if self.draft is not None:
                self.draft.photo_jpeg = jpeg
                self.draft.face = result.as_face() if result is not None else None
            if result is None:
                words = (
                    self.tr("照片已保存（未评分：%1）").replace("%1", problem)
                    if problem
                    else self.tr("照片已保存")
                )
            elif getattr(result, "offline", False):  # kept for upload with the registration
                words = self.tr("照片已保存")
            elif result.acceptable:
                words = self.tr("照片质量 %1 分，很好").replace("%1", str(result.score))
            else:
                words = self.tr("照片质量 %1 分，建议重拍").replace("%1", str(result.score))
            self.photo.hint.setText("")
            self.photo.show_taken(jpeg, words)

        def failed(exc: BaseException) -> None:
            self.photo.shoot.setEnabled(True)
            self.photo.hint.setText(describe(exc))

        self._run(shoot, taken, failed)

    @Slot()
    def after_photo(self) -> None:
        if self.draft is None:
            self.reset()
            return
        if self.draft.register_type == 2:
            self.show_notice_or_confirm()
            return
        self.phone.clear()
        self.phone.show_known(self.draft.fields.get("phoneNum", ""))
        self.go(self.phone)

    # -- phone, host, purpose -----------------------------------------------------------------
    @Slot()
    def phone_entered(self) -> None:
        typed = self.phone.display.text()
        if typed and len(typed) != PHONE_DIGITS:
            self.phone.error.setText(self.tr("请输入 11 位手机号"))
            return
        if not typed and not self.draft.fields.get("phoneNum"):
            self.phone.error.setText(self.tr("请输入 11 位手机号"))
            return
        if typed:
            self.draft.fields["phoneNum"] = typed
        self.host.clear()
        self.go(self.host)

    @Slot(str)
    def search_hosts(self, query: str) -> None:
        if not query:
            self.host.error.setText(self.tr("请输入被访人的姓名或手机号"))
            return
        self._run(lambda: self.services.hosts.search(query), self.host.show_hosts)

    @Slot(object)
    def host_chosen(self, host: dict[str, Any]) -> None:
        self.draft.host = host
        self.host.clear()
        self._run(self.services.reference.purposes, self._purposes_loaded)

    def _purposes_loaded(self, purposes: list[dict[str, Any]]) -> None:
        words = [str(p.get("purposeDesc") or p.get("desc") or "") for p in purposes]
        self.purpose.show_purposes(
            [w for w in words if w] or [self.tr("商务洽谈"), self.tr("参观"), self.tr("其他")]
        )
        self.go(self.purpose)

    @Slot(str)
    def purpose_chosen(self, purpose: str) -> None:
        self.draft.fields["purpose"] = purpose
        self.show_notice_or_confirm()

    # -- notice, confirm, submit, print ---------------------------------------------------------
    def show_notice_or_confirm(self) -> None:
        def shown(notice: dict[str, Any] | None) -> None:
            if not notice or not str(notice.get("content") or "").strip():
                self.show_confirm()
                return
            self.notice.show_notice(str(notice.get("title") or ""), str(notice.get("content") or ""))
            self.go(self.notice)

        self._run(self.services.reference.notice, shown, lambda exc: self.show_confirm())

    @Slot()
    def notice_accepted(self) -> None:
        self.draft.notice_accepted = True
        self.show_confirm()

    def show_confirm(self) -> None:
        d = self.draft
        host = d.host or {}
        end = d.end_time.strftime("%H:%M") if d.end_time else ""
        rows = [
            (self.tr("姓名"), mask(d.fields.get("name"), Field.NAME, Place.PUBLIC)),
            (self.tr("证件号码"), mask(d.fields.get("identityNum"), Field.IDENTITY, Place.PUBLIC)),
            (self.tr("手机号"), mask(d.fields.get("phoneNum"), Field.PHONE, Place.PUBLIC)),
            (self.tr("被访人"), str(host.get("name") or "")),
            (self.tr("被访部门"), str(host.get("organizationName") or "")),
            (self.tr("来访事由"), d.fields.get("purpose", "")),
            (self.tr("预计离开"), end),
        ]
        self.confirm.show_summary([(k, v) for k, v in rows if v])
        self.go(self.confirm)

    @Slot()
    def back_from_confirm(self) -> None:
        if self.draft is not None and self.draft.register_type == 2:
            self.go(self.photo)
        else:
            self.go(self.purpose)

    @Slot()
    def submit(self) -> None:
        self.confirm.submit.setEnabled(False)
        draft = self.draft

        def failed(exc: BaseException) -> None:
            self.confirm.submit.setEnabled(True)
            if isinstance(exc, RegistrationRefused):
                self.refuse(exc.reason)
            elif isinstance(exc, DraftInvalid):
                self.confirm.error.setText("；".join(exc.problems))
            else:
                self.show_problem(exc)

        self._run(lambda: self.services.registration.submit(draft), self.registered, failed)

    def registered(self, results: list[Any]) -> None:
        main = results[0]
        visit = dict(main.visit or {})
        visit.setdefault("orderId", main.order_id)
        self.visit = visit
        self.draft = None  # registered: the draft has done its job
        self.done.clear()
        self.done.state.setText(self.tr("正在打印访客单…"))
        self.go(self.done)
        printing = self.services.printing
        if printing is None:
            self.done.state.setText(self.tr("本机未配置打印机，请到前台领取访客单"))
            return
        photo = self.photo_jpeg

        def queue() -> tuple[Any, bytes, int, int]:
            image = printing.render(visit, photo)
            job = printing.print_permit(visit, photo, image=image)  # rendered once
            return job, image.convert("L").tobytes(), image.width, image.height

        def queued(answer: Any) -> None:
            job, raw, width, height = answer
            self.print_job_id = job.job_id
            image = QImage(raw, width, height, width, QImage.Format.Format_Grayscale8).copy()
            self.permit_image = image
            self.done.show_permit(image)
            self._job_changed(job)

        self._run(queue, queued)

    @Slot(object)
    def _job_changed(self, job: Any) -> None:
        if job.job_id != self.print_job_id or self.current() is not self.done:
            return
        state = getattr(job.state, "value", str(job.state))
        if state == "done":
            self.done.state.setText(self.tr("打印完成，请取走访客单"))
        elif state == "failed":
            self.done.state.setText(self.tr("打印失败：%1。请到前台领取访客单").replace("%1", job.error))
        else:
            self.done.state.setText(self.tr("正在打印访客单…"))

    # -- leaving self-service -----------------------------------------------------------------
    @Slot()
    def operator_login(self) -> None:
        login = self.services.login
        if login is None:
            self.login.error.setText(self.tr("本机未配置工作人员登录"))
            return
        user, password = self.login.user.text(), self.login.password.text()
        self.login.login.setEnabled(False)

        def ok(operator: Any) -> None:
            self.login.login.setEnabled(True)
            self.reset()
            self.leaveRequested.emit(operator)

        def failed(exc: BaseException) -> None:
            self.login.login.setEnabled(True)
            self.login.error.setText(describe(exc))

        self._run(lambda: login(user, password), ok, failed)

    @Slot()
    def toggle_language(self) -> None:
        from kiosk.ui import i18n

        i18n.set_language("en" if i18n.current() == "zh_CN" else "zh_CN")

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        self.reset()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().closeEvent(event)


def _one_visit(answer: dict[str, Any]) -> dict[str, Any]:
    """visitor/details answers one VisitorInfo, or (per the spec's Map type) a map of lists of them."""
    if not isinstance(answer, dict) or "orderId" in answer:
        return answer
    for value in answer.values():
        if isinstance(value, dict) and "orderId" in value:
            return value
        if isinstance(value, list) and value and isinstance(value[0], dict):
            return value[0]
    return answer
