"""The "需处理" page: outbox records the server refused for good (state `attention`), each
with the server's words; a person fixes the fields it complained about and sends it again."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.common.ops import Op
from kiosk.ui.common.widgets import Retranslating

log = logging.getLogger(__name__)

# The fields of a registration a person can correct here (RegisterInfo keys), in form order.
EDITABLE = (
    "name",
    "phoneNum",
    "identityNum",
    "beVisitPersonId",
    "beVisitPersonName",
    "visitorUnit",
    "purpose",
    "carNum",
)
OP_WORDS = {"register": "登记", "signOut": "签离", "edit": "修改"}


class AttentionPage(Retranslating, QWidget):
    count_changed = Signal(int)

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.records: list[Any] = []
        self.current: Any = None
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setStyleSheet("font-size:20px;font-weight:bold")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#495057")
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("attentionList")
        self.list.setMinimumWidth(320)
        self.list.setWordWrap(True)  # the server's words are long: they wrap, never scroll sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._chosen)
        row.addWidget(self.list, 1)
        right = QVBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("serverMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#c92a2a;font-size:16px")
        right.addWidget(self.message)
        self.form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        for key in EDITABLE:
            edit = QLineEdit()
            edit.setObjectName(key)
            label = QLabel()
            self.edits[key], self.labels[key] = edit, label
            self.form.addRow(label, edit)
        right.addLayout(self.form)
        buttons = QHBoxLayout()
        self.remove_host = QPushButton()
        self.remove_host.clicked.connect(self._remove_host)
        self.resend_button = QPushButton()
        self.resend_button.setObjectName("resend")
        self.resend_button.setMinimumHeight(40)
        self.resend_button.clicked.connect(self.resend)
        buttons.addWidget(self.remove_host)
        buttons.addStretch(1)
        buttons.addWidget(self.resend_button)
        right.addLayout(buttons)
        right.addStretch(1)
        row.addLayout(right, 2)
        layout.addLayout(row, 1)
        self._show(None)
        self.retranslate()

    # --- data ----------------------------------------------------------------------------
    def activated(self) -> None:
        self.reload()

    def reload(self) -> None:
        sync = self.context.sync
        if sync is None:
            return
        Op(self, sync.outbox.attention, label="needs attention").quiet().success(self._loaded).run()

    def _loaded(self, records: list[Any]) -> None:
        keep = self.current.seq if self.current is not None else None
        self.records = list(records)
        self.list.blockSignals(True)
        self.list.clear()
        for rec in self.records:
            who = rec.data.get("name") or rec.order_id[:8]
            item = QListWidgetItem(f"{OP_WORDS.get(rec.op, rec.op)} · {who}\n{rec.msg or ''}")
            item.setData(Qt.ItemDataRole.UserRole, rec.seq)
            self.list.addItem(item)
        self.list.blockSignals(False)
        seqs = [r.seq for r in self.records]
        self.list.setCurrentRow(seqs.index(keep) if keep in seqs else (0 if seqs else -1))
        if not seqs:
            self._show(None)
        self.count_changed.emit(len(self.records))

    def _chosen(self, row: int) -> None:
        self._show(self.records[row] if 0 <= row < len(self.records) else None)

    def _show(self, rec: Any) -> None:
        self.current = rec
        has = rec is not None
        for key, edit in self.edits.items():
            edit.setText(str(rec.data.get(key) or "") if has else "")
            visible = has and rec.op == "register"
            edit.setVisible(visible)
            self.labels[key].setVisible(visible)
        self.message.setText((self.tr("服务器：") + f"{rec.msg or ''}（{rec.code or ''}）") if has else "")
        self.resend_button.setEnabled(has)
        self.remove_host.setVisible(has and rec.op == "register")

    # --- actions --------------------------------------------------------------------------
    def _remove_host(self) -> None:
        self.edits["beVisitPersonId"].clear()
        self.edits["beVisitPersonName"].clear()

    def corrected(self) -> dict[str, Any] | None:
        """The record's data with the edited fields (None: not a registration, resend as it is)."""
        rec = self.current
        if rec is None or rec.op != "register":
            return None
        data = dict(rec.data)
        for key, edit in self.edits.items():
            text = edit.text().strip()
            if text:
                data[key] = text
            else:
                data.pop(key, None)
        return data

    def resend(self) -> None:
        rec, sync = self.current, self.context.sync
        if rec is None or sync is None:
            return
        data = self.corrected()
        log.info("needs attention: record %s (%s %s) sent again", rec.seq, rec.op, rec.order_id)

        def send() -> Any:
            out = sync.outbox.resend(rec.seq, data)
            sync.uploader.kick()
            return out

        Op(self, send, label="resend").success(lambda _r: self._resent()).run()

    def _resent(self) -> None:
        self.current = None
        self.reload()

    def retranslate(self) -> None:
        self.title.setText(self.tr("需处理"))
        self.hint.setText(self.tr("服务器拒收的离线记录。请按服务器的提示修改后重新上传。"))
        words = {
            "name": self.tr("姓名"),
            "phoneNum": self.tr("手机号"),
            "identityNum": self.tr("证件号码"),
            "beVisitPersonId": self.tr("被访人编号"),
            "beVisitPersonName": self.tr("被访人"),
            "visitorUnit": self.tr("来访单位"),
            "purpose": self.tr("来访事由"),
            "carNum": self.tr("车牌号码"),
        }
        for key, label in self.labels.items():
            label.setText(words[key])
        self.remove_host.setText(self.tr("移除被访人"))
        self.resend_button.setText(self.tr("重新上传"))
