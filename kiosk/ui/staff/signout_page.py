"""Sign-out page: scan the permit's QR, tap the visitor card or the ID card, type a code, or
search a name or phone among those on site (a lost permit); see who it is; confirm."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.common.errors import describe
from kiosk.ui.common.ops import Op
from kiosk.ui.common.widgets import PictureLabel, Retranslating, decode_picture
from kiosk.ui.i18n import word
from kiosk.ui.staff.today_page import short_time
from visitorcs.codes import status_words
from visitorcs.masking import Field, Place, mask


class SignOutPage(Retranslating, QWidget):
    signed_out = Signal(object)  # the visit

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.services = context.services
        self.visit: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setStyleSheet("font-size:18px;color:#1864ab")
        self.hint.setWordWrap(True)  # long in English: it must not widen the window
        row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setObjectName("signOutCode")
        self.find_button = QPushButton()
        self.find_button.setObjectName("signOutFind")
        row.addWidget(self.code, 1)
        row.addWidget(self.find_button)
        self.choices = QListWidget()  # several on site match a name or phone: the person picks one
        self.choices.setObjectName("signOutChoices")
        self.choices.setMaximumHeight(180)
        self.choices.itemClicked.connect(self._chosen)
        self.choices.hide()
        self.card = QWidget()
        grid = QGridLayout(self.card)
        self.photo = PictureLabel(150, 190)
        self.details = QLabel()
        self.details.setObjectName("signOutDetails")
        self.details.setStyleSheet("font-size:17px")
        grid.addWidget(self.photo, 0, 0)
        grid.addWidget(self.details, 0, 1)
        self.confirm = QPushButton()
        self.confirm.setObjectName("confirmSignOut")
        self.confirm.setMinimumHeight(52)
        self.confirm.setStyleSheet("QPushButton{font-size:20px;font-weight:bold}")
        self.result = QLabel()
        self.result.setObjectName("signOutResult")
        self.result.setStyleSheet("font-size:18px")
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.choices)
        layout.addWidget(self.card)
        layout.addWidget(self.confirm)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.code.returnPressed.connect(self.find)
        self.find_button.clicked.connect(self.find)
        self.confirm.clicked.connect(self.sign_out)
        bridge = context.device_bridge()
        if bridge is not None:
            bridge.codeScanned.connect(self.on_code)
            bridge.cardTapped.connect(self.on_card)
            bridge.idCardRead.connect(self.on_idcard)
        self._show()
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(
            self.tr("请扫描访客通行证二维码，或刷访客卡、身份证；遗失通行证可输入姓名或手机号查找")
        )
        self.code.setPlaceholderText(self.tr("二维码 / 预约码 / 证件号码 / 姓名 / 手机号"))
        self.find_button.setText(self.tr("查找"))
        self.confirm.setText(self.tr("确认签离"))
        self._show()

    def activated(self) -> None:
        self.code.setFocus()

    def on_code(self, text: str) -> None:
        if self.isVisible():
            self.code.setText(text)
            self.find()

    def on_card(self, uid: str, reader: str = "") -> None:
        if not self.isVisible():
            return
        Op(self, lambda: self.services.signout.find_by_card(uid), label="find by card").success(
            self._found
        ).failure(self._failed).run()

    def on_idcard(self, card: Any) -> None:
        if not self.isVisible():
            return
        number = str(getattr(card, "id_number", "") or "")
        Op(self, lambda: self.services.signout.find_by_idcard(number), label="find by ID card").success(
            self._found
        ).failure(self._failed).run()

    def find(self) -> None:
        text = self.code.text().strip()
        if not text:
            return
        Op(self, lambda: self.services.signout.find_by_text(text), label="find for sign-out").success(
            self._matches
        ).failure(self._failed).run()

    def _matches(self, visits: list[dict[str, Any]]) -> None:
        if len(visits) == 1:
            self._found(visits[0])
            return
        self.visit = None
        self._show()
        self.choices.clear()
        for v in visits:
            item = QListWidgetItem(
                f"{v.get('name', '')}  ·  {mask(v.get('phoneNum'), Field.PHONE, Place.STAFF)}  ·  "
                + self.tr("被访人：")
                + str(v.get("beVisitPersonName") or "")
                + "  ·  "
                + short_time(v.get("registerTimeISO"), self.context.site_time)
            )
            item.setData(Qt.ItemDataRole.UserRole, v)
            self.choices.addItem(item)
        self.choices.show()
        self.result.setStyleSheet("font-size:18px;color:#1864ab")
        self.result.setText(self.tr("找到 %1 位在场访客，请点选").replace("%1", str(len(visits))))

    def _chosen(self, item: QListWidgetItem) -> None:
        self._found(item.data(Qt.ItemDataRole.UserRole))

    def _found(self, visit: dict[str, Any]) -> None:
        self.choices.hide()
        self.visit = visit
        self.result.clear()
        self._show()
        url = str(visit.get("visitorPhoto") or "")
        client = self.context.client
        if url:
            w, h = self.photo.width(), self.photo.height()
            Op(
                self, lambda: decode_picture(client.picture(url), w, h), label="visitor photo"
            ).quiet().success(lambda image: self.photo.show_decoded(image, self.tr("无照片"))).failure(
                lambda e: None
            ).run()
        else:
            self.photo.clear_picture(self.tr("无照片"))

    def _failed(self, exc: BaseException) -> None:
        self.visit = None
        self._show()
        self.result.setStyleSheet("font-size:18px;color:#c92a2a")
        self.result.setText(describe(exc))

    def _show(self) -> None:
        v = self.visit
        self.card.setVisible(v is not None)
        self.confirm.setVisible(v is not None)
        if v is None:
            return
        lines = [
            f"<b>{v.get('name', '')}</b>",
            self.tr("被访人：") + str(v.get("beVisitPersonName") or ""),
            self.tr("登记时间：")
            + short_time(v.get("registerTimeISO") or v.get("registerTime"), self.context.site_time),
            self.tr("状态：") + word(status_words(v.get("status"))),
        ]
        self.details.setText("<br>".join(lines))

    def sign_out(self) -> None:
        visit = self.visit
        if visit is None:
            return
        self.confirm.setEnabled(False)
        Op(self, lambda: self.services.signout.sign_out(visit), label="sign out").success(
            lambda result: self._done(visit, result)
        ).failure(self._failed).finally_(lambda: self.confirm.setEnabled(True)).run()

    def _done(self, visit: dict[str, Any], result: Any) -> None:
        self.visit = None
        self.code.clear()
        self._show()
        self.result.setStyleSheet("font-size:18px;color:#2b8a3e")
        self.result.setText(
            str(visit.get("name", ""))
            + self.tr(" 已签离")
            + (self.tr("（待上传）") if getattr(result, "queued", False) else "")
        )
        self.signed_out.emit(visit)
        self.context.check_licence()  # back home: the licence may have been withdrawn
