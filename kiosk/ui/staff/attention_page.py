"""The "需处理" page: outbox records the server refused for good (state `attention`), each
with the server's words; a person fixes the fields it complained about (the host is chosen by
name, as on the register page, never typed as an internal id) and sends it again."""

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
from kiosk.ui.i18n import word

log = logging.getLogger(__name__)

# The fields of a registration a person can correct here (RegisterInfo keys), in form order; the
# host (beVisitPersonId) is chosen by a search, not typed.
EDITABLE = ("name", "phoneNum", "identityNum", "visitorWorkUnit", "purpose", "carNumber")
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
        self.host = QLabel()  # the host the record names now
        self.host.setObjectName("attentionHost")
        host_row = QHBoxLayout()
        self.host_query = QLineEdit()
        self.host_query.setObjectName("attentionHostQuery")
        self.host_search = QPushButton()
        self.host_query.returnPressed.connect(self._search_hosts)
        self.host_search.clicked.connect(self._search_hosts)
        host_row.addWidget(self.host_query, 1)
        host_row.addWidget(self.host_search)
        self.host_results = QListWidget()
        self.host_results.setObjectName("attentionHosts")
        self.host_results.setMaximumHeight(120)
        self.host_results.itemClicked.connect(self._host_chosen)
        self.host_results.hide()
        self.host_box = QWidget()
        box = QVBoxLayout(self.host_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.host)
        box.addLayout(host_row)
        box.addWidget(self.host_results)
        right.addWidget(self.host_box)
        self.chosen_host: dict[str, str] | None = None  # None: unchanged
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
        self.chosen_host = None
        has = rec is not None
        registration = has and rec.op == "register"
        for key, edit in self.edits.items():
            edit.setText(str(rec.data.get(key) or "") if has else "")
            edit.setVisible(registration)
            self.labels[key].setVisible(registration)
        self.host_box.setVisible(registration)
        self.host_results.clear()
        self.host_results.hide()
        self._show_host()
        # the server's words for the person; its code is for a technician (the tooltip)
        self.message.setText((self.tr("服务器：") + word(rec.msg or "")) if has else "")
        self.message.setToolTip(f"code {rec.code}" if has and rec.code else "")
        self.resend_button.setEnabled(has)
        self.remove_host.setVisible(registration)

    def _show_host(self) -> None:
        rec = self.current
        if rec is None:
            self.host.clear()
            return
        host = self.chosen_host if self.chosen_host is not None else rec.data
        name = str(host.get("beVisitPersonName") or "") or (
            self.tr("（未知）") if host.get("beVisitPersonId") else self.tr("（无）")
        )
        self.host.setText(self.tr("被访人：") + name)

    def _search_hosts(self) -> None:
        query = self.host_query.text().strip()
        if not query:
            return
        hosts = self.context.services.hosts
        Op(self, lambda: hosts.search(query), label="attention host search").success(self._hosts_found).run()

    def _hosts_found(self, hosts: list[dict[str, Any]]) -> None:
        self.host_results.clear()
        for h in hosts:
            item = QListWidgetItem(
                " · ".join(
                    str(x) for x in (h.get("name"), h.get("organizationName"), h.get("maskedPhone")) if x
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, h)
            self.host_results.addItem(item)
        self.host_results.setVisible(bool(hosts))

    def _host_chosen(self, item: QListWidgetItem) -> None:
        host = item.data(Qt.ItemDataRole.UserRole)
        self.chosen_host = {
            "beVisitPersonId": str(host.get("personId") or ""),
            "beVisitPersonName": str(host.get("name") or ""),
        }
        self.host_results.hide()
        self._show_host()

    # --- actions --------------------------------------------------------------------------
    def _remove_host(self) -> None:
        self.chosen_host = {"beVisitPersonId": "", "beVisitPersonName": ""}
        self._show_host()

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
        if self.chosen_host is not None:
            for key, value in self.chosen_host.items():
                if value:
                    data[key] = value
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
            "visitorWorkUnit": self.tr("来访单位"),
            "purpose": self.tr("来访事由"),
            "carNumber": self.tr("车牌号码"),
        }
        self.host_query.setPlaceholderText(self.tr("更换被访人：输入姓名或手机号"))
        self.host_search.setText(self.tr("查找"))
        self._show_host()
        for key, label in self.labels.items():
            label.setText(words[key])
        self.remove_host.setText(self.tr("移除被访人"))
        self.resend_button.setText(self.tr("重新上传"))
