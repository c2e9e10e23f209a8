"""The staff Register page: a form built from the site's field configuration, filled by an
ID-card tap, a QR scan or one of the seven lookups; host search, pickers, privilege
groups, leave time, companions, camera capture with the server's quality score, visitor
card by a contactless tap, blacklist screening shown before submit, park notice; then the
permit preview and print."""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.registration import Companion, Draft
from kiosk.ui.common.errors import describe, reporter
from kiosk.ui.common.ops import Op
from kiosk.ui.common.widgets import PictureLabel, Retranslating, decode_picture, from_qdatetime, to_qdatetime
from kiosk.ui.i18n import word
from kiosk.ui.staff.form import DynamicForm, label_text
from kiosk.ui.staff.today_page import short_time
from visitorcs.codes import CODE_TYPE_WORDS
from visitorcs.masking import Field, Place, mask

log = logging.getLogger(__name__)


class RegisterPage(Retranslating, QWidget):
    registered = Signal(object)  # the main VisitorInfo dict
    draft_loaded = Signal(object)  # the Draft now on the form
    photo_scored = Signal(object)  # PhotoResult
    signed_out = Signal(object)  # a visitor found on site here was signed out (the visit)

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.services = context.services
        self.draft: Draft = self.services.registration.new_draft(fetch=False)
        self.permit_dialog: Any = None
        self.last_tap_to_form_ms: float | None = None
        self._groups: list[dict[str, Any]] = []
        self._field_defs: list[Any] = []  # the configuration the form was built from
        self._notice: dict[str, Any] | None = None
        self._build()
        self.end_time.setDateTime(to_qdatetime(self.draft.end_time, self.context.site_time.tz))
        self.retranslate()
        self._load_reference()
        self.bridge: Any = None  # device signals, from the first time the page is shown
        self._frames_on = False
        QTimer.singleShot(0, lambda: PermitDialogFactory.prepare(context, self))  # its own loop turn

    # --- layout ---------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        # lookup row
        lookup = QHBoxLayout()
        self.hint = QLabel()
        self.hint.setStyleSheet("font-size:16px;color:#1864ab")
        self.hint.setWordWrap(True)  # long in English: it wraps rather than widening the window
        self.lookup_kind = QComboBox()
        self.lookup_kind.setObjectName("lookupKind")
        for code_type in CODE_TYPE_WORDS:
            self.lookup_kind.addItem("", code_type)
        self.lookup_code = QLineEdit()
        self.lookup_code.setObjectName("lookupCode")
        self.lookup_button = QPushButton()
        self.lookup_button.setObjectName("lookupButton")
        self.new_button = QPushButton()
        self.lookup_code.returnPressed.connect(self.lookup)
        self.lookup_button.clicked.connect(self.lookup)
        self.new_button.clicked.connect(self.reset)
        lookup.addWidget(self.hint, 1)
        lookup.addWidget(self.lookup_kind)
        lookup.addWidget(self.lookup_code)
        lookup.addWidget(self.lookup_button)
        lookup.addWidget(self.new_button)
        outer.addLayout(lookup)

        self.screening = QLabel()
        self.screening.setObjectName("screening")
        self.screening.setWordWrap(True)
        self.screening.hide()
        outer.addWidget(self.screening)
        # The visitor is on site already: a reprint or the sign-out, instead of a second registration.
        self.on_site = QWidget()
        self.on_site.setObjectName("onSite")
        on_site = QHBoxLayout(self.on_site)
        on_site.setContentsMargins(0, 0, 0, 0)
        self.reprint_button = QPushButton()
        self.reprint_button.setObjectName("reprintButton")
        self.sign_out_button = QPushButton()
        self.sign_out_button.setObjectName("signOutOpenVisit")
        for b in (self.reprint_button, self.sign_out_button):
            b.setMinimumHeight(44)
            on_site.addWidget(b)
        on_site.addStretch(1)
        self.reprint_button.clicked.connect(self.reprint_open_visit)
        self.sign_out_button.clicked.connect(self.sign_out_open_visit)
        self.on_site.hide()
        outer.addWidget(self.on_site)

        body = QHBoxLayout()
        outer.addLayout(body, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        scroll.setWidget(left)
        body.addWidget(scroll, 5)

        self.form_box = QGroupBox()
        self.form = DynamicForm(self.services.reference)
        QVBoxLayout(self.form_box).addWidget(self.form)
        left_layout.addWidget(self.form_box)

        # host
        self.host_box = QGroupBox()
        host_layout = QGridLayout(self.host_box)
        self.host_query = QLineEdit()
        self.host_query.setObjectName("hostQuery")
        self.host_search_button = QPushButton()
        self.host_search_button.setObjectName("hostSearch")
        self.host_results = QListWidget()
        self.host_results.setObjectName("hostResults")
        self.host_results.setMaximumHeight(110)
        self.host_chosen = QLabel()
        self.host_chosen.setObjectName("hostChosen")
        self.host_face = PictureLabel(72, 90)
        self.host_query.returnPressed.connect(self.search_hosts)
        self.host_search_button.clicked.connect(self.search_hosts)
        self.host_results.itemClicked.connect(self._host_clicked)
        host_layout.addWidget(self.host_query, 0, 0)
        host_layout.addWidget(self.host_search_button, 0, 1)
        host_layout.addWidget(self.host_face, 0, 2, 2, 1)
        host_layout.addWidget(self.host_results, 1, 0, 1, 2)
        host_layout.addWidget(self.host_chosen, 2, 0, 1, 3)
        left_layout.addWidget(self.host_box)

        # visit: groups and leave time
        self.visit_box = QGroupBox()
        visit_layout = QGridLayout(self.visit_box)
        self.groups = QListWidget()
        self.groups.setObjectName("privilegeGroups")
        self.groups.setMaximumHeight(100)
        self.end_time = QDateTimeEdit()
        self.end_time.setObjectName("endTime")
        self.end_time.setCalendarPopup(True)
        self.end_time.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.groups_label, self.end_label = QLabel(), QLabel()
        visit_layout.addWidget(self.groups_label, 0, 0)
        visit_layout.addWidget(self.groups, 0, 1)
        visit_layout.addWidget(self.end_label, 1, 0)
        visit_layout.addWidget(self.end_time, 1, 1)
        left_layout.addWidget(self.visit_box)

        # companions
        self.companion_box = QGroupBox()
        comp_layout = QVBoxLayout(self.companion_box)
        self.companions = QTableWidget(0, 3)
        self.companions.setObjectName("companions")
        self.companions.setMaximumHeight(130)
        self.companions.horizontalHeader().setStretchLastSection(True)
        row = QHBoxLayout()
        self.add_companion_button = QPushButton()
        self.remove_companion_button = QPushButton()
        self.add_companion_button.clicked.connect(lambda: self.add_companion())
        self.remove_companion_button.clicked.connect(self.remove_companion)
        row.addWidget(self.add_companion_button)
        row.addWidget(self.remove_companion_button)
        row.addStretch(1)
        comp_layout.addWidget(self.companions)
        comp_layout.addLayout(row)
        left_layout.addWidget(self.companion_box)
        left_layout.addStretch(1)

        # right column: photo, card, notice, submit
        right = QVBoxLayout()
        body.addLayout(right, 3)
        self.photo_box = QGroupBox()
        photo_layout = QVBoxLayout(self.photo_box)
        self.preview = PictureLabel(260, 260)  # leaves the form the wider column on 1280x800
        self.preview.setObjectName("cameraPreview")
        self.capture_button = QPushButton()
        self.capture_button.setObjectName("captureButton")
        self.capture_button.setMinimumHeight(40)
        self.retake_button = QPushButton()
        self.retake_button.setObjectName("retakeButton")
        self.score = QLabel()
        self.score.setObjectName("photoScore")
        self.capture_button.clicked.connect(self.capture)
        self.retake_button.clicked.connect(self.retake)
        buttons = QHBoxLayout()
        buttons.addWidget(self.capture_button)
        buttons.addWidget(self.retake_button)
        photo_layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        photo_layout.addLayout(buttons)
        photo_layout.addWidget(self.score)
        right.addWidget(self.photo_box)

        self.card_label = QLabel()
        self.card_label.setObjectName("visitorCard")
        self.card_label.setWordWrap(True)
        right.addWidget(self.card_label)
        notice_row = QVBoxLayout()  # the tick's words are long (in English): the button goes below
        notice_row.setContentsMargins(0, 0, 0, 0)
        self.notice_check = QCheckBox()
        self.notice_check.setObjectName("noticeAccepted")
        self.notice_button = QPushButton()
        self.notice_button.clicked.connect(self.show_notice)
        notice_row.addWidget(self.notice_check)
        notice_row.addWidget(self.notice_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.notice_widget = QWidget()
        self.notice_widget.setLayout(notice_row)
        self.notice_widget.hide()
        right.addWidget(self.notice_widget)
        right.addStretch(1)
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color:#c92a2a")
        right.addWidget(self.problems)
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setMinimumHeight(56)
        self.submit_button.setStyleSheet("QPushButton{font-size:20px;font-weight:bold}")
        self.submit_button.clicked.connect(self.submit)
        right.addWidget(self.submit_button)

    def retranslate(self) -> None:
        for i, text in enumerate(CODE_TYPE_WORDS.values()):
            self.lookup_kind.setItemText(i, label_text(text))
        self.lookup_code.setPlaceholderText(self.tr("输入查询内容"))
        self.lookup_button.setText(self.tr("查询预约"))
        self.new_button.setText(self.tr("新登记"))
        self.form_box.setTitle(self.tr("访客信息"))
        self.form.retranslate()
        self.host_box.setTitle(self.tr("被访人"))
        self.host_query.setPlaceholderText(self.tr("姓名或手机号"))
        self.host_search_button.setText(self.tr("搜索"))
        self.visit_box.setTitle(self.tr("来访安排"))
        self.groups_label.setText(self.tr("通行权限"))
        self.end_label.setText(self.tr("预计离开"))
        self.companion_box.setTitle(self.tr("同行人"))
        self.companions.setHorizontalHeaderLabels([self.tr("姓名"), self.tr("证件号码"), self.tr("手机号")])
        self.add_companion_button.setText(self.tr("添加同行人"))
        self.remove_companion_button.setText(self.tr("移除"))
        self.photo_box.setTitle(self.tr("访客照片"))
        self.capture_button.setText(self.tr("拍照"))
        self.retake_button.setText(self.tr("重拍"))
        self.notice_check.setText(self.tr("访客已阅读并同意入园须知"))
        self.notice_button.setText(self.tr("查看须知"))
        self.submit_button.setText(self.tr("确认登记"))
        self._show_draft_extras()

    # --- reference data -------------------------------------------------------------
    def _load_reference(self) -> None:
        ref = self.services.reference
        self._reference_generation = ref.generation
        Op(self, ref.fields, label="fields").quiet().success(self._fields_loaded).run()
        Op(self, ref.privilege_groups, label="groups").quiet().success(self._groups_loaded).run()
        Op(self, ref.notice, label="notice").quiet().success(self._notice_loaded).run()

    def _fields_loaded(self, fields: list[Any]) -> None:
        """Build the form; again only when the configuration changed, keeping what is typed."""
        if self.form.inputs and list(fields) == self._field_defs:
            return
        typed = {k: v for k, v in self.form.values().items() if v}
        self._field_defs = list(fields)
        self.form.build(fields)
        self.form.set_values({**self.draft.fields, **typed})

    def _groups_loaded(self, groups: list[dict[str, Any]]) -> None:
        if self.groups.count():  # a reload: the same list changes nothing, a new one keeps the ticks
            if groups == self._groups:
                return
            self.draft.privilege_group_ids = self.chosen_groups()
        self._groups = groups
        if self.draft.register_type == 1 and not self.draft.privilege_group_ids:
            self.draft.privilege_group_ids = self.services.registration.default_groups(groups)
        self._show_groups()

    def _notice_loaded(self, notice: dict[str, Any] | None) -> None:
        self._notice = notice
        self.notice_widget.setVisible(bool(notice))

    def _show_groups(self) -> None:
        self.groups.clear()
        chosen = set(self.draft.privilege_group_ids)
        for g in self._groups:
            item = QListWidgetItem(str(g.get("privilegeGroupName", "")))
            item.setData(Qt.ItemDataRole.UserRole, str(g.get("privilegeGroupId")))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if str(g.get("privilegeGroupId")) in chosen else Qt.CheckState.Unchecked
            )
            self.groups.addItem(item)

    def chosen_groups(self) -> list[str]:
        return [
            self.groups.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.groups.count())
            if self.groups.item(i).checkState() == Qt.CheckState.Checked
        ]

    # --- visibility: camera frames only while shown ----------------------------------
    def _reload_reference_if_changed(self) -> None:
        """The cache refresh found the site's fields, groups or notice changed (a feed, an import)."""
        if self.services.reference.generation != self._reference_generation:
            self._load_reference()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self._reload_reference_if_changed()
        if self.bridge is None:
            self._listen_to_devices()
        self._want_frames(True)

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        self._want_frames(False)
        super().hideEvent(event)

    def _want_frames(self, on: bool) -> None:
        if self.bridge is not None and on != self._frames_on:
            self.bridge.want_frames(on)
            self._frames_on = on

    def activated(self) -> None:
        self.lookup_code.setFocus()

    def _listen_to_devices(self) -> None:
        """At the first show, not when built: the page is built before login, and a device bridge (with
        its keyboard-wedge filter) must not start taking keystrokes on the login page."""
        bridge = self.context.device_bridge()
        if bridge is not None:
            bridge.idCardRead.connect(self.on_idcard)
            bridge.codeScanned.connect(self.on_code)
            bridge.cardTapped.connect(self.on_card_tapped)
            bridge.frameReady.connect(self.on_frame)
        self.bridge = bridge

    # --- drafts ---------------------------------------------------------------------
    def reset(self) -> None:
        self.load_draft(self.services.registration.new_draft(fetch=False))
        self._reload_reference_if_changed()

    def on_idcard(self, card: Any) -> None:
        """An ID card was read: build a draft (prefill + screening) off the GUI thread."""
        if not self.isVisible() or not self.context.can_register:
            return
        started = time.perf_counter()
        self.hint.setText(self.tr("正在读取：") + card.name)

        def done(draft: Draft) -> None:
            self.load_draft(draft)
            self.last_tap_to_form_ms = (time.perf_counter() - started) * 1000
            log.info("ID card to filled form in %.0f ms", self.last_tap_to_form_ms)

        Op(
            self, lambda: self.services.registration.draft_from_idcard(card), label="draft from ID card"
        ).success(done).run()

    def on_code(self, text: str) -> None:
        """A scanned code on the register page: find the appointment it belongs to."""
        if not self.isVisible() or not self.context.can_register:
            return
        Op(
            self,
            lambda: self.services.registration.draft_from_visit(
                self.services.lookup.find_scanned(text), "qr"
            ),
            label="find scanned",
        ).success(self.load_draft).run()

    def lookup(self) -> None:
        code = self.lookup_code.text().strip()
        if not code:
            return
        code_type = int(self.lookup_kind.currentData())
        reg, lookup = self.services.registration, self.services.lookup
        Op(self, lambda: reg.draft_from_visit(lookup.find(code_type, code)), label="lookup").success(
            self.load_draft
        ).run()

    def on_card_tapped(self, uid: str, reader: str = "") -> None:
        if not self.isVisible():
            return
        self.draft.card_no = uid
        self._show_draft_extras()

    def load_draft(self, draft: Draft) -> None:
        self.draft = draft
        if draft.screening is not None and draft.screening.refused:  # the desk and security learn of it
            name, number = draft.fields.get("name", ""), draft.fields.get("identityNum", "")
            alerts = self.services.alerts
            Op(self, lambda: alerts.blacklist_hit(name, number), label="blacklist alert").quiet().run()
        self.form.clear()
        self.form.set_values(draft.fields)
        self.host_query.clear()  # the previous visitor's search is not this one's
        self.host_results.clear()
        self.host_face.clear_picture()
        if draft.host and draft.host.get("personId"):
            self._load_host_face(draft.host)
        self.end_time.setDateTime(to_qdatetime(draft.end_time, self.context.site_time.tz))
        self._show_groups()
        self.companions.setRowCount(0)
        for c in draft.companions:
            self.add_companion(c)
        self.preview.clear_picture()
        self.score.clear()
        self.notice_check.setChecked(False)
        self.problems.clear()
        self._show_draft_extras()
        self.draft_loaded.emit(draft)

    def _show_draft_extras(self) -> None:
        d = self.draft
        if d.source == "idcard" and d.name:
            self.hint.setText(self.tr("已读取身份证：") + d.name)
        else:
            self.hint.setText(self.tr("请刷身份证，或扫描访客二维码 / 查询预约"))
        self.on_site.setVisible(d.open_visit is not None)
        if d.screening is not None and d.screening.refused:
            self.screening.setText(self.tr("⚠ 禁止登记：") + d.screening.reason)
            self.screening.setStyleSheet("background:#fdecea;color:#8a1c1c;font-size:18px;padding:8px")
            self.screening.show()
        elif d.open_visit is not None:
            visit = d.open_visit
            self.screening.setText(
                self.tr("该访客已在场（%1 登记，被访人：%2）：请补打访客单或办理签离，不要重复登记")
                .replace("%1", short_time(visit.get("registerTimeISO"), self.context.site_time))
                .replace("%2", str(visit.get("beVisitPersonName") or "—"))
            )
            self.screening.setStyleSheet("background:#fff4e5;color:#7a4b00;font-size:18px;padding:8px")
            self.screening.show()
        elif d.register_type == 2:
            self.screening.setText(self.tr("已找到预约：") + d.name + self._appointment_words())
            self.screening.setStyleSheet("background:#e7f5ff;color:#1864ab;font-size:16px;padding:8px")
            self.screening.show()
        else:
            self.screening.hide()
        self.submit_button.setEnabled(not (d.screening and d.screening.refused) and d.open_visit is None)
        host = d.host or {}
        self.host_chosen.setText(
            self.tr("已选择：")
            + " · ".join(
                x
                for x in (host.get("name", ""), host.get("organizationName", ""), host.get("maskedPhone", ""))
                if x
            )
            if host
            else self.tr("未选择被访人")
        )
        self.card_label.setText(
            self.tr("访客卡：") + d.card_no if d.card_no else self.tr("刷 IC 卡可发放访客卡")
        )

    def reprint_open_visit(self) -> None:
        """A lost permit: the same visit's permit again (printed when the operator presses 补打)."""
        if self.draft.open_visit is None:
            return
        self.permit_dialog = PermitDialogFactory.prepare(self.context, self)
        self.permit_dialog.show_visit(self.draft.open_visit, None, reprint=True)

    def sign_out_open_visit(self) -> None:
        visit = self.draft.open_visit
        if visit is None:
            return
        self.sign_out_button.setEnabled(False)
        (
            Op(self, lambda: self.context.services.signout.sign_out(visit), label="sign out open visit")
            .success(lambda _r: self._signed_out(visit))
            .finally_(lambda: self.sign_out_button.setEnabled(True))
            .run()
        )

    def _signed_out(self, visit: dict[str, Any]) -> None:
        self.signed_out.emit(visit)
        self.reset()
        self.hint.setText(self.tr("已签离：") + str(visit.get("name") or ""))

    def _appointment_words(self) -> str:
        visit = self.draft.appointment or {}
        host = visit.get("beVisitPersonName")
        words = f"（{self.tr('被访人')}：{host}）" if host else ""
        if visit.get("fromCache"):  # found in the offline cache, not confirmed by the server
            words += self.tr("（离线数据）")
        return words

    # --- hosts ----------------------------------------------------------------------
    def search_hosts(self) -> None:
        query = self.host_query.text().strip()
        Op(self, lambda: self.services.hosts.search(query), label="host search").success(
            self._hosts_found
        ).run()

    def _hosts_found(self, hosts: list[dict[str, Any]]) -> None:
        self.host_results.clear()
        for h in hosts:
            item = QListWidgetItem(
                " · ".join(
                    x
                    for x in (
                        h.get("name", ""),
                        h.get("orgPathName") or h.get("organizationName", ""),
                        h.get("maskedPhone", ""),
                    )
                    if x
                )
                + (self.tr("（离线数据）") if h.get("fromCache") else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, h)
            self.host_results.addItem(item)
        if not hosts:
            self.host_results.addItem(self.tr("没有找到被访人"))

    def _host_clicked(self, item: QListWidgetItem) -> None:
        host = item.data(Qt.ItemDataRole.UserRole)
        if not host:
            return
        self.choose_host(host)

    def choose_host(self, host: dict[str, Any]) -> None:
        host = {
            **host,
            "maskedPhone": host.get("maskedPhone") or mask(host.get("phone"), Field.PHONE, Place.STAFF),
        }
        self.draft.host = host
        self._show_draft_extras()
        self._load_host_face(host)

    def _load_host_face(self, host: dict[str, Any]) -> None:
        hosts = self.services.hosts
        w, h = self.host_face.width(), self.host_face.height()
        Op(
            self,
            lambda: decode_picture(hosts.face_bytes(host["personId"], host.get("organizationId")), w, h),
            label="host face",
        ).quiet().success(lambda image: self.host_face.show_decoded(image, self.tr("无照片"))).failure(
            lambda exc: self.host_face.clear_picture(self.tr("无照片"))
        ).run()

    # --- companions -----------------------------------------------------------------
    def add_companion(self, companion: Companion | None = None) -> None:
        row = self.companions.rowCount()
        self.companions.insertRow(row)
        c = companion or Companion(name="")
        for col, value in enumerate((c.name, c.identity_num, c.phone)):
            self.companions.setItem(row, col, QTableWidgetItem(value))

    def remove_companion(self) -> None:
        row = self.companions.currentRow()
        if row < 0:
            row = self.companions.rowCount() - 1
        if row >= 0:
            self.companions.removeRow(row)

    def _companions(self) -> list[Companion]:
        out = []
        for row in range(self.companions.rowCount()):
            cells = [
                (self.companions.item(row, col).text().strip() if self.companions.item(row, col) else "")
                for col in range(3)
            ]
            if any(cells):
                out.append(Companion(name=cells[0], identity_num=cells[1].upper(), phone=cells[2]))
        return out

    # --- photo ----------------------------------------------------------------------
    def on_frame(self, image: QImage) -> None:
        if self.isVisible() and self.draft.photo_jpeg is None:
            self.preview.set_image(image)

    def capture(self) -> None:
        devices, photos = self.context.devices, self.services.photo
        if devices is None:
            reporter().error.emit(self.tr("没有摄像头"))
            return

        w, h = self.preview.width(), self.preview.height()

        def work() -> Any:
            photo = devices.take_photo()
            result = photos.upload_face(photo.jpeg)
            return result, decode_picture(result.jpeg, w, h)

        self.capture_button.setEnabled(False)
        Op(self, work, label="capture photo").success(self._photo_done).finally_(
            lambda: self.capture_button.setEnabled(True)
        ).run()

    def set_photo(self, jpeg: bytes) -> None:
        """Use these JPEG bytes as the visitor's photo (uploaded and scored in the background)."""
        photos = self.services.photo
        w, h = self.preview.width(), self.preview.height()

        def work() -> Any:
            result = photos.upload_face(jpeg)
            return result, decode_picture(result.jpeg, w, h)

        Op(self, work, label="upload photo").success(self._photo_done).run()

    def _photo_done(self, done: tuple[Any, Any]) -> None:
        result, image = done
        self.draft.photo_jpeg = result.jpeg
        self.draft.face = result.as_face()
        self.preview.show_decoded(image)
        if result.level:
            words = (
                self.tr("照片质量：%1（%2）")
                .replace("%1", str(result.score))
                .replace("%2", word(result.level))
            )
        else:
            words = self.tr("照片质量：%1").replace("%1", str(result.score))
        if getattr(result, "offline", False):
            words = self.tr("照片已保存，恢复连接后上传（离线未评分）")
        elif not result.acceptable:
            words += self.tr("，建议重拍")
        self.score.setText(words)
        self.score.setStyleSheet("color:#2b8a3e" if result.acceptable else "color:#e67700")
        self.photo_scored.emit(result)

    def retake(self) -> None:
        self.draft.photo_jpeg = None
        self.draft.face = None
        self.preview.clear_picture()
        self.score.clear()

    # --- notice ---------------------------------------------------------------------
    def show_notice(self) -> None:
        if self._notice:
            QMessageBox.information(
                self,
                str(self._notice.get("title") or self.tr("入园须知")),
                str(self._notice.get("content") or ""),
            )

    # --- submit ---------------------------------------------------------------------
    def collect(self) -> Draft:
        d = self.draft
        d.fields.update({k: v for k, v in self.form.values().items()})
        d.end_time = from_qdatetime(self.end_time.dateTime(), self.context.site_time.tz)
        d.privilege_group_ids = self.chosen_groups()
        d.companions = self._companions()
        d.notice_accepted = self.notice_check.isChecked()
        return d

    def submit(self) -> None:
        draft = self.collect()
        problems = self.services.registration.validate(
            draft, self.form.fields
        )  # no HTTP here: the GUI thread
        if self._notice and not draft.notice_accepted:
            problems.append(self.tr("请确认访客已阅读入园须知"))
        if problems:
            self.problems.setText("\n".join(problems))
            return
        self.problems.clear()
        self.submit_button.setEnabled(False)
        reg = self.services.registration
        (
            Op(self, lambda: reg.submit(draft), label="register")
            .success(self._registered)
            .failure(self._refused)
            .finally_(
                lambda: self.submit_button.setEnabled(
                    not (self.draft.screening and self.draft.screening.refused)
                )
            )
            .run()
        )

    def _refused(self, exc: BaseException) -> None:
        from kiosk.services.registration import RegistrationRefused

        if isinstance(exc, RegistrationRefused):
            self._show_draft_extras()
        self.problems.setText(describe(exc))
        reporter().report(exc, "register")

    def _registered(self, results: list[Any]) -> None:
        main = results[0]
        visit = dict(main.visit) or {"orderId": main.order_id, "name": self.draft.name}
        visit.setdefault("name", self.draft.name)
        photo = self.draft.photo_jpeg
        self.registered.emit(visit)
        self.permit_dialog = PermitDialogFactory.open(self.context, visit, photo, self)
        QTimer.singleShot(0, self.reset)  # its own event-loop turn: no one long stall
        self.context.check_licence()  # back home: the licence may have been withdrawn

    def shutdown(self) -> None:
        self._want_frames(False)


class PermitDialogFactory:
    """The permit preview, non-modal, one per page and reused (tests and the bench read it
    from `page.permit_dialog`)."""

    @staticmethod
    def prepare(context: Any, parent: QWidget) -> Any:
        """The dialog and its window, made before the first registration needs them (~100 ms)."""
        from kiosk.ui.staff.permit_dialog import PermitDialog, render_image

        dialog = getattr(parent, "_reusable_permit_dialog", None)
        if dialog is None:
            dialog = PermitDialog(context, None, None, parent)
            dialog.setModal(False)
            dialog.winId()  # the native window now, not at the first show()
            parent._reusable_permit_dialog = dialog  # type: ignore[attr-defined]
            # A first render loads fonts, QR and raster code (holding the GIL): now, while idle.
            Op(
                dialog,
                lambda: render_image(context, {"orderId": "-", "name": "预热"}, None),
                label="warm up permit",
            ).quiet().run()
        return dialog

    @staticmethod
    def open(context: Any, visit: dict[str, Any], photo: bytes | None, parent: QWidget) -> Any:
        dialog = PermitDialogFactory.prepare(context, parent)
        dialog.show_visit(visit, photo)
        return dialog
