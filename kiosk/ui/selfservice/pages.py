"""The self-service screens, one class each: they show and collect; the flow (kiosk.flows.selfservice) decides
what comes next. Every page can `clear()` whatever personal data it shows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.flows.selfservice import HostChoice
from kiosk.ui.common.keyboard import OnScreenKeyboard
from kiosk.ui.selfservice.widgets import Keypad, Page, button, label, line_edit, px, wipe_edit


class WelcomePage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.booked = button("", "big")
        self.walkin = button("", "big")
        row = QHBoxLayout()
        row.setSpacing(40)
        row.addWidget(self.booked)
        row.addWidget(self.walkin)
        self.body.addStretch(1)
        self.body.addLayout(row)
        self.exit_hint = label("subtitle")
        self.body.addWidget(self.exit_hint)
        self.body.addStretch(1)
        self.language = button("", "small")
        self.staff = button("", "small")
        self.nav.addWidget(self.language)
        self.nav.addStretch(1)
        self.nav.addWidget(self.staff)
        for b in (self.language, self.staff):
            b.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.retranslate()

    exit_mode = False

    def set_exit_mode(self, on: bool) -> None:
        self.exit_mode = on
        self.booked.setVisible(not on)
        self.walkin.setVisible(not on)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("欢迎来访") if not self.exit_mode else self.tr("签离"))
        self.subtitle.setText(
            self.tr("请选择登记方式，也可以直接把身份证放到阅读区")
            if not self.exit_mode
            else self.tr("请将访客单上的二维码对准扫码口")
        )
        self.booked.setText(self.tr("我有预约"))
        self.walkin.setText(self.tr("临时来访"))
        self.exit_hint.setText(self.tr("离开时请将访客单二维码对准扫码口签离"))
        self.language.setText(self.tr("English"))
        self.staff.setText(self.tr("工作人员"))


class BookedPage(Page):
    """Find an appointment: scan its QR, or type the visitor code or the last four digits of the phone."""

    CODE, PHONE4 = "code", "phone4"
    find = Signal(str, str)  # kind, text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = self.CODE
        self.by_code = button("", "choice")
        self.by_phone = button("", "choice")
        for b in (self.by_code, self.by_phone):
            b.setCheckable(True)
        group = QButtonGroup(self)
        group.setExclusive(True)
        group.addButton(self.by_code)
        group.addButton(self.by_phone)
        self.by_code.setChecked(True)
        modes = QHBoxLayout()
        modes.addWidget(self.by_code)
        modes.addWidget(self.by_phone)
        self.display = line_edit()
        self.keypad = Keypad(self.display, max_len=8)
        self.error = label("hint")
        self.body.addLayout(modes)
        self.body.addWidget(self.display)
        self.body.addWidget(self.keypad, 1)
        self.body.addWidget(self.error)
        self.back = button()
        self.go = button("", "primary")
        self.nav.addWidget(self.back)
        self.nav.addWidget(self.go)
        self.by_code.clicked.connect(lambda: self._mode(self.CODE))
        self.by_phone.clicked.connect(lambda: self._mode(self.PHONE4))
        self.go.clicked.connect(self._find)
        self.keypad.changed.connect(lambda _t: self.error.setText(""))
        self.retranslate()

    def set_scale(self, scale: float) -> None:
        super().set_scale(scale)
        self.keypad.set_scale(scale)

    def _mode(self, kind: str) -> None:
        self.kind = kind
        self.keypad.max_len = 4 if kind == self.PHONE4 else 8
        wipe_edit(self.display)
        self.error.setText("")
        self.retranslate()

    def _find(self) -> None:
        text = self.display.text()
        if self.kind == self.PHONE4 and len(text) != 4:
            self.error.setText(self.tr("请输入手机号的后四位"))
            return
        if self.kind == self.CODE and not text:
            self.error.setText(self.tr("请输入访客码"))
            return
        self.find.emit(self.kind, text)

    def retranslate(self) -> None:
        self.title.setText(self.tr("我有预约"))
        self.subtitle.setText(self.tr("请将预约二维码对准扫码口，或输入访客码 / 手机号后四位"))
        self.by_code.setText(self.tr("访客码"))
        self.by_phone.setText(self.tr("手机号后四位"))
        self.display.setPlaceholderText(
            self.tr("手机号后四位") if self.kind == self.PHONE4 else self.tr("访客码")
        )
        self.back.setText(self.tr("返回"))
        self.go.setText(self.tr("查询预约"))

    def clear(self) -> None:
        wipe_edit(self.display)
        self.error.setText("")
        self.by_code.setChecked(True)
        self._mode(self.CODE)


class IdCardPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error = label("hint")
        self.reader = label("hint")  # reader unplugged: words, so the visitor is not left waiting
        self.manual = button()
        self.demo = button("", "small")
        self.demo.hide()
        self.body.addStretch(1)
        self.body.addWidget(self.picture)
        self.body.addWidget(self.error)
        self.body.addWidget(self.reader)
        self.body.addWidget(self.manual)
        self.body.addWidget(self.demo)
        self.body.addStretch(1)
        self.back = button()
        self.nav.addWidget(self.back)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("请刷身份证"))
        self.subtitle.setText(self.tr("请将身份证平放在下方阅读区，读取完成前不要移开"))
        self.picture.setPixmap(card_picture(self.tr("身份证"), self.scale))
        self.manual.setText(self.tr("没有身份证？护照等其他证件请手动填写"))
        self.demo.setText(self.tr("演示：放一张示例身份证"))
        self.back.setText(self.tr("返回"))

    def set_scale(self, scale: float) -> None:
        super().set_scale(scale)
        self.retranslate()  # the card picture, drawn at this scale

    def clear(self) -> None:
        self.error.setText("")


def card_picture(words: str, scale: float = 1.0) -> QPixmap:
    """An ID card lying on the reader (drawn: emoji fonts are not on every kiosk)."""
    pixmap = QPixmap(px(360, scale), px(230, scale))
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.scale(scale, scale)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor("#1565c0"), 4))
    p.setBrush(QColor("#e3eefb"))
    p.drawRoundedRect(10, 10, 340, 210, 18, 18)
    p.setBrush(QColor("#9fb3c8"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(240, 50, 85, 110, 8, 8)  # the photo
    for y in (60, 95, 130):
        p.drawRoundedRect(35, y, 180, 14, 6, 6)  # text lines
    p.setPen(QColor("#1565c0"))
    font = QFont()
    font.setPixelSize(26)
    font.setBold(True)
    p.setFont(font)
    p.drawText(35, 200, words)
    p.end()
    return pixmap


class ManualPage(Page):
    """Passports and other documents: type of document, name, number."""

    DOC_TYPES = (("414", "护照"), ("990", "其他证件"), ("111", "身份证"))
    submitted = Signal(str, str, str)  # identityId, name, number

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.types: dict[str, Any] = {}
        row = QHBoxLayout()
        group = QButtonGroup(self)
        for code, _words in self.DOC_TYPES:
            b = button("", "tile")
            b.setCheckable(True)
            group.addButton(b)
            row.addWidget(b)
            self.types[code] = b
        self.types["414"].setChecked(True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        self.name_label = label("body", wrap=False, align=right)
        self.name = line_edit()
        self.number_label = label("body", wrap=False, align=right)
        self.number = line_edit()
        self.error = label("hint")
        self.fields = QGridLayout()
        self.fields.addWidget(self.name_label, 0, 0)
        self.fields.addWidget(self.name, 0, 1)
        self.fields.addWidget(self.number_label, 1, 0)
        self.fields.addWidget(self.number, 1, 1)
        self.fields.setColumnStretch(1, 1)
        self.keyboard = OnScreenKeyboard()
        self.keyboard.attach(self.name, upper=True)  # as printed in the passport
        self.keyboard.attach(self.number, upper=True)
        self.keyboard.entered.connect(self._enter)
        self.body.addLayout(row)
        self.body.addLayout(self.fields)
        self.body.addWidget(self.error)
        self.body.addWidget(self.keyboard)  # right below the fields (a portrait panel has room to spare)
        self.body.addStretch(1)
        self.back = button()
        self.go = button("", "primary")
        self.nav.addWidget(self.back)
        self.nav.addWidget(self.go)
        self.go.clicked.connect(self._submit)
        for edit in (self.name, self.number):
            edit.textChanged.connect(lambda _t: self.error.setText(""))
        self.retranslate()

    def set_scale(self, scale: float) -> None:
        super().set_scale(scale)
        self.fields.setHorizontalSpacing(px(16, scale))
        self.fields.setVerticalSpacing(px(10, scale))

    def _enter(self) -> None:
        """The keyboard's 确定: from the name on to the number, from the number to 下一步."""
        if self.keyboard.target is self.name:
            self.keyboard.set_target(self.number)
        else:
            self._submit()

    def retranslate(self) -> None:
        self.title.setText(self.tr("手动填写证件"))
        self.subtitle.setText(self.tr("请选择证件类型并填写"))
        words = {"414": self.tr("护照"), "990": self.tr("其他证件"), "111": self.tr("身份证")}
        for code, b in self.types.items():
            b.setText(words[code])
        self.name_label.setText(self.tr("姓名"))
        self.number_label.setText(self.tr("证件号码"))
        self.back.setText(self.tr("返回"))
        self.go.setText(self.tr("下一步"))

    def identity_id(self) -> str:
        return next(code for code, b in self.types.items() if b.isChecked())

    def _submit(self) -> None:
        name, number = self.name.text().strip(), self.number.text().strip().upper()
        if not name or not number:
            self.error.setText(self.tr("请填写姓名和证件号码"))
            return
        self.submitted.emit(self.identity_id(), name, number)

    def clear(self) -> None:
        wipe_edit(self.name)
        wipe_edit(self.number)
        self.error.setText("")
        self.types["414"].setChecked(True)
        self.keyboard.reset()


class PhotoPage(Page):
    capture = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = QLabel()
        self.preview.setObjectName("photo-preview")
        self.preview.setFixedSize(480, 360)  # set_scale sizes it for the screen
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet(
            "background: #22303c; color: #c0ccd8; border-radius: 12px; font-size: 22px;"
        )
        self.hint = label("hint")
        self.score = label("body")
        self.body.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.score)
        self.body.addStretch(1)
        self.back = button()
        self.shoot = button("", "primary")
        self.retake = button()
        self.go = button("", "primary")
        for b in (self.back, self.retake, self.shoot, self.go):
            self.nav.addWidget(b)
        self.shoot.clicked.connect(self.capture.emit)
        self.retake.clicked.connect(self.live)
        self.taken = False
        self.retranslate()
        self.live()

    def retranslate(self) -> None:
        self.title.setText(self.tr("拍照"))
        self.subtitle.setText(self.tr("请正对摄像头，摘下帽子和口罩"))
        self.back.setText(self.tr("返回"))
        self.shoot.setText(self.tr("拍照"))
        self.retake.setText(self.tr("重拍"))
        self.go.setText(self.tr("使用这张照片"))
        if self.preview.pixmap() is None or self.preview.pixmap().isNull():
            self.preview.setText(self.tr("正在打开摄像头…"))

    def set_scale(self, scale: float) -> None:
        super().set_scale(scale)
        self.preview.setFixedSize(px(480, scale), px(360, scale))
        self.preview.setStyleSheet(
            f"background: #22303c; color: #c0ccd8; border-radius: 12px;font-size: {px(22, scale)}px;"
        )

    def live(self) -> None:
        """Back to the live preview."""
        self.taken = False
        self.score.setText("")
        self.shoot.setVisible(True)
        self.shoot.setEnabled(True)
        self.retake.setVisible(False)
        self.go.setVisible(False)

    def show_frame(self, image: QImage) -> None:
        if not self.taken:
            self.preview.setPixmap(
                QPixmap.fromImage(image).scaled(
                    self.preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.FastTransformation,
                )
            )

    def show_taken(self, jpeg: bytes, words: str) -> None:
        self.taken = True
        pixmap = QPixmap()
        pixmap.loadFromData(jpeg)
        self.preview.setPixmap(
            pixmap.scaled(
                self.preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.score.setText(words)
        self.shoot.setVisible(False)
        self.retake.setVisible(True)
        self.go.setVisible(True)

    def clear(self) -> None:
        self.preview.clear()  # drops the pixmap: the visitor's face leaves memory with it
        self.hint.setText("")
        self.live()
        self.retranslate()


class PhonePage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known = label("body")
        self.display = line_edit()
        self.keypad = Keypad(self.display, max_len=11)
        self.error = label("hint")
        self.body.addWidget(self.known)
        self.body.addWidget(self.display)
        self.body.addWidget(self.keypad, 1)
        self.body.addWidget(self.error)
        self.back = button()
        self.go = button("", "primary")
        self.nav.addWidget(self.back)
        self.nav.addWidget(self.go)
        self.keypad.changed.connect(lambda _t: self.error.setText(""))
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("手机号码"))
        self.subtitle.setText(self.tr("用于登记，必要时工作人员会联系您"))  # nothing sends notices yet
        self.display.setPlaceholderText(self.tr("请输入 11 位手机号"))
        self.back.setText(self.tr("返回"))
        self.go.setText(self.tr("下一步"))

    def set_scale(self, scale: float) -> None:
        super().set_scale(scale)
        self.keypad.set_scale(scale)

    def show_known(self, masked_phone: str) -> None:
        self.known.setText(
            self.tr("上次登记的号码：%1；号码不变可直接点“下一步”").replace("%1", masked_phone)
            if masked_phone
            else ""
        )

    def clear(self) -> None:
        wipe_edit(self.display)
        self.known.setText("")
        self.error.setText("")


class HostPage(Page):
    """Whom the visitor visits: search by name or phone; results show what the flow gives (name, department,
    masked phone)."""

    search = Signal(str)
    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = line_edit()
        self.find = button("", "primary")
        self.find.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.find)
        self.results_box = QWidget()
        self.results = QVBoxLayout(self.results_box)
        self.results.setSpacing(10)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.results_box)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        self.error = label("hint")
        self.body.addLayout(row)
        self.body.addWidget(self.error)
        self.body.addWidget(scroll, 1)
        self.back = button()
        self.nav.addWidget(self.back)
        self.keyboard = OnScreenKeyboard()  # no input method needed: hosts are found by pinyin ("wjg")
        self.keyboard.attach(self.query)
        self.body.addWidget(self.keyboard)
        self.find.clicked.connect(self._search)
        self.query.returnPressed.connect(self._search)
        self.keyboard.entered.connect(self._search)
        self.buttons: list[Any] = []
        self.retranslate()

    def _search(self) -> None:
        self.search.emit(self.query.text().strip())

    def retranslate(self) -> None:
        self.title.setText(self.tr("您要拜访谁？"))
        self.subtitle.setText(self.tr("输入被访人的姓名拼音、拼音首字母或手机号"))
        self.query.setPlaceholderText(self.tr("如 wjg、wangjianguo 或手机号"))
        self.find.setText(self.tr("查找"))
        self.back.setText(self.tr("返回"))

    def show_hosts(self, hosts: list[HostChoice]) -> None:
        self._drop_results()
        if not hosts:
            self.error.setText(self.tr("没有找到，请核对姓名或手机号"))
            return
        self.error.setText("")
        for host in hosts:
            b = button(f"{host.name}    {host.department}    {host.phone}", "choice")
            b.clicked.connect(lambda _=False, h=host.person: self.chosen.emit(h))
            self.results.addWidget(b)
            self.buttons.append(b)
        self.results.addStretch(1)

    def _drop_results(self) -> None:
        while self.results.count():
            item = self.results.takeAt(0)
            if item.widget() is not None:
                item.widget().setParent(None)
                item.widget().deleteLater()
        self.buttons = []

    def clear(self) -> None:
        wipe_edit(self.query)
        self.error.setText("")
        self._drop_results()
        self.keyboard.reset()


class PurposePage(Page):
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        self.body.addLayout(self.grid)
        self.body.addStretch(1)
        self.back = button()
        self.nav.addWidget(self.back)
        self.buttons: list[Any] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("来访事由"))
        self.subtitle.setText(self.tr("请选择来访事由"))
        self.back.setText(self.tr("返回"))

    def set_scale(self, scale: float) -> None:
        super().set_scale(scale)
        self.grid.setSpacing(px(16, scale))

    def show_purposes(self, purposes: list[str]) -> None:
        for b in self.buttons:
            b.setParent(None)
            b.deleteLater()
        self.buttons = []
        for i, text in enumerate(purposes[:12]):
            b = button(text, "tile")
            b.clicked.connect(lambda _=False, t=text: self.chosen.emit(t))
            self.grid.addWidget(b, i // 3, i % 3)
            self.buttons.append(b)


class NoticePage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = label("body", align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.text.setStyleSheet("background: white; padding: 24px; font-size: 26px;")
        scroll = QScrollArea()
        scroll.setStyleSheet(
            "QScrollArea { border: 2px solid #d0d7de; border-radius: 12px; background: white; }"
        )
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.text)
        self.body.addWidget(scroll, 1)
        self.decline = button()
        self.accept = button("", "primary")
        self.nav.addWidget(self.decline)
        self.nav.addWidget(self.accept)
        self.retranslate()

    def retranslate(self) -> None:
        if not self.title.text():
            self.title.setText(self.tr("园区须知"))
        self.subtitle.setText(self.tr("请阅读后确认"))
        self.decline.setText(self.tr("不同意"))
        self.accept.setText(self.tr("我已阅读并同意"))

    def show_notice(self, title: str, content: str) -> None:
        self.title.setText(title or self.tr("园区须知"))
        self.text.setText(content)


class ConfirmPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QGridLayout()
        self.summary.setHorizontalSpacing(24)
        self.summary.setVerticalSpacing(14)
        self.rows: list[tuple[QLabel, QLabel]] = []
        self.body.addLayout(self.summary)
        self.error = label("hint")
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.back = button()
        self.submit = button("", "primary")
        self.nav.addWidget(self.back)
        self.nav.addWidget(self.submit)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("请确认登记信息"))
        self.subtitle.setText(self.tr("确认后将打印访客单"))
        self.back.setText(self.tr("返回修改"))
        self.submit.setText(self.tr("确认登记"))

    def set_scale(self, scale: float) -> None:
        super().set_scale(scale)
        self.summary.setHorizontalSpacing(px(24, scale))
        self.summary.setVerticalSpacing(px(12, scale))

    def show_summary(self, rows: list[tuple[str, str]]) -> None:
        self.clear()
        for i, (key, value) in enumerate(rows):
            k = label("body", align=Qt.AlignmentFlag.AlignRight)
            v = label("body", align=Qt.AlignmentFlag.AlignLeft)
            k.setText(key)
            v.setText(value)
            self.summary.addWidget(k, i, 0)
            self.summary.addWidget(v, i, 1)
            self.rows.append((k, v))

    def clear(self) -> None:
        for k, v in self.rows:
            for w in (k, v):
                w.setParent(None)
                w.deleteLater()
        self.rows = []
        self.error.setText("")
        self.submit.setEnabled(True)


class DonePage(Page):
    """The permit is printing: take it. Shows the permit image exactly as printed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.permit = QLabel()
        self.permit.setObjectName("permit-preview")
        self.permit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # the permit is drawn to fit the space the page has (never pushing the page past the screen)
        self.permit.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.permit.setMinimumHeight(200)
        self.image: QImage | None = None
        self.state = label("body")
        self.body.addWidget(self.permit, 1)
        self.body.addWidget(self.state)
        self.finish = button("", "primary")
        self.nav.addWidget(self.finish)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("请取走您的访客单"))
        self.subtitle.setText(self.tr("登记成功，访客单正在打印"))
        self.finish.setText(self.tr("完成"))

    def show_permit(self, image: QImage) -> None:
        self.image = image
        self._fit()

    def _fit(self) -> None:
        if self.image is None or self.image.isNull():
            return
        size = self.permit.size()
        self.permit.setPixmap(
            QPixmap.fromImage(self.image).scaled(
                max(50, size.width()),
                max(50, size.height()),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit()

    def set_scale(self, scale: float) -> None:
        super().set_scale(scale)
        self.permit.setMinimumHeight(px(200, scale))

    def clear(self) -> None:
        self.image = None
        self.permit.clear()
        self.state.setText("")


class MessagePage(Page):
    """Refused, goodbye, or a problem: big words and one button home."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = label("subtitle")
        self.detail = label("hint")
        self.body.addStretch(1)
        self.body.addWidget(self.words)
        self.body.addWidget(self.detail)
        self.body.addStretch(1)
        self.home = button("", "primary")
        self.nav.addWidget(self.home)
        self.retranslate()

    def retranslate(self) -> None:
        self.home.setText(self.tr("返回首页"))

    def show_message(self, title: str, words: str, detail: str = "") -> None:
        self.title.setText(title)
        self.words.setText(words)
        self.detail.setText(detail)

    def clear(self) -> None:
        self.title.setText("")
        self.words.setText("")
        self.detail.setText("")


class OnSitePage(Page):
    """A visitor who is on site already (an ID card read, an appointment scanned again): the
    permit again, or the sign-out; never a second registration."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = label("subtitle")
        self.detail = label("hint")
        self.body.addStretch(1)
        self.body.addWidget(self.words)
        self.body.addWidget(self.detail)
        self.body.addStretch(1)
        self.home = button()
        self.reprint = button("", "primary")
        self.sign_out = button("", "primary")
        for b in (self.home, self.reprint, self.sign_out):
            self.nav.addWidget(b)
        self.name = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("您已登记在场"))
        self.words.setText(
            self.tr("%1，您今天已经登记，无需重复登记").replace("%1", self.name) if self.name else ""
        )
        self.detail.setText(self.tr("访客单丢了可以补打；要离开请点“签离”"))
        self.home.setText(self.tr("返回首页"))
        self.reprint.setText(self.tr("补打访客单"))
        self.sign_out.setText(self.tr("签离"))

    def show_visitor(self, name: str) -> None:
        self.name = name
        self.retranslate()

    def clear(self) -> None:
        self.name = ""
        self.words.setText("")


class LoginPage(Page):
    """Operator login to leave self-service."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        self.user_label = label("body", wrap=False, align=right)
        self.user = line_edit()
        self.password_label = label("body", wrap=False, align=right)
        self.password = line_edit(password=True)
        self.error = label("hint")
        self.fields = QGridLayout()
        self.fields.addWidget(self.user_label, 0, 0)
        self.fields.addWidget(self.user, 0, 1)
        self.fields.addWidget(self.password_label, 1, 0)
        self.fields.addWidget(self.password, 1, 1)
        self.fields.setColumnStretch(1, 1)
        self.keyboard = OnScreenKeyboard()
        self.keyboard.attach(self.user)
        self.keyboard.attach(self.password)
        self.keyboard.entered.connect(self._enter)
        self.body.addLayout(self.fields)
        self.body.addWidget(self.error)
        self.body.addWidget(self.keyboard)  # right below the fields (a portrait panel has room to spare)
        self.body.addStretch(1)
        self.cancel = button()
        self.login = button("", "primary")
        self.nav.addWidget(self.cancel)
        self.nav.addWidget(self.login)
        self.password.returnPressed.connect(self.login.click)
        self.retranslate()

    def set_scale(self, scale: float) -> None:
        super().set_scale(scale)
        self.fields.setHorizontalSpacing(px(16, scale))
        self.fields.setVerticalSpacing(px(10, scale))

    def _enter(self) -> None:
        if self.keyboard.target is self.user:
            self.keyboard.set_target(self.password)
        elif self.login.isEnabled():
            self.login.click()

    def retranslate(self) -> None:
        self.title.setText(self.tr("工作人员登录"))
        self.subtitle.setText(self.tr("登录后退出自助模式"))
        self.user_label.setText(self.tr("用户名"))
        self.password_label.setText(self.tr("密码"))
        self.cancel.setText(self.tr("取消"))
        self.login.setText(self.tr("登录"))

    def clear(self) -> None:
        wipe_edit(self.user)
        wipe_edit(self.password)
        self.error.setText("")
        self.keyboard.reset()


__all__ = [
    "BookedPage",
    "ConfirmPage",
    "DonePage",
    "HostPage",
    "IdCardPage",
    "LoginPage",
    "ManualPage",
    "MessagePage",
    "OnSitePage",
    "NoticePage",
    "PhonePage",
    "PhotoPage",
    "PurposePage",
    "WelcomePage",
]
