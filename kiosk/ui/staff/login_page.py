"""Operator login (eits challenge/response; the password never leaves the kiosk)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.common.errors import describe
from kiosk.ui.common.ops import Op
from kiosk.ui.common.widgets import Retranslating


class LoginPage(Retranslating, QWidget):
    logged_in = Signal(object)  # kiosk.services.operators.Operator

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operators = context.services.operators
        self.demo_login = context.demo_login
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget()
        box.setMaximumWidth(420)
        form = QFormLayout(box)
        self.title = QLabel()
        self.title.setStyleSheet("font-size:24px;font-weight:bold")
        self.name = QLineEdit()
        self.name.setObjectName("operatorName")
        self.password = QLineEdit()
        self.password.setObjectName("operatorPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.submit = QPushButton()
        self.submit.setObjectName("loginButton")
        self.submit.setMinimumHeight(44)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setStyleSheet("color:#c92a2a")
        self.message.setWordWrap(True)
        self.demo_hint = QLabel()
        self.demo_hint.setObjectName("demoLogin")
        self.demo_hint.setStyleSheet("color:#495057")
        self.demo_hint.setVisible(self.demo_login is not None)
        self.name_label, self.password_label = QLabel(), QLabel()
        form.addRow(self.title)
        form.addRow(self.name_label, self.name)
        form.addRow(self.password_label, self.password)
        form.addRow(self.submit)
        form.addRow(self.message)
        form.addRow(self.demo_hint)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.submit.clicked.connect(self.login)
        self.password.returnPressed.connect(self.login)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("操作员登录"))
        self.name_label.setText(self.tr("用户名"))
        self.password_label.setText(self.tr("密码"))
        self.submit.setText(self.tr("登录"))
        if self.demo_login is not None:
            self.demo_hint.setText(
                self.tr("演示数据：用户名 %1，密码 %2")
                .replace("%1", self.demo_login[0])
                .replace("%2", self.demo_login[1])
            )

    def login(self) -> None:
        name, password = self.name.text(), self.password.text()
        self.submit.setEnabled(False)
        self.message.clear()
        (
            Op(self, lambda: self.operators.login(name, password), label="operator login")
            .success(self._ok)
            .failure(self._failed)
            .finally_(lambda: self.submit.setEnabled(True))
            .run()
        )

    def _ok(self, operator) -> None:
        self.password.clear()
        self.logged_in.emit(operator)

    def _failed(self, exc: BaseException) -> None:
        self.password.clear()
        self.message.setText(describe(exc))
