"""The register form BUILT FROM the site's field configuration (visitorInfo/configuration):
text, select, date-time and picture fields with required marks, regex checks, read-only
and display flags, order, and custom fields; purpose and work unit become pickers that
can add new entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from kiosk.services.models import FieldDef
from kiosk.ui.common.ops import Op
from kiosk.ui.common.widgets import from_qdatetime, to_qdatetime
from visitorcs.codes import IDENTITY_TYPES

# Keys the form does not show as plain inputs: the page has its own widgets for them.
HANDLED_ELSEWHERE = {
    "endTimeISO",
    "personNum",
    "visitorPhoto",
    "cardNo",
    "beVisitPersonId",
    "privilegeGroupIds",
}


# Words of the standard fields, identity types and lookup kinds, marked for lupdate.
_LABELS = [
    QT_TRANSLATE_NOOP("FieldLabels", "姓名"),
    QT_TRANSLATE_NOOP("FieldLabels", "性别"),
    QT_TRANSLATE_NOOP("FieldLabels", "手机号"),
    QT_TRANSLATE_NOOP("FieldLabels", "证件类型"),
    QT_TRANSLATE_NOOP("FieldLabels", "证件号码"),
    QT_TRANSLATE_NOOP("FieldLabels", "来访单位"),
    QT_TRANSLATE_NOOP("FieldLabels", "来访事由"),
    QT_TRANSLATE_NOOP("FieldLabels", "车牌号"),
    QT_TRANSLATE_NOOP("FieldLabels", "来访人数"),
    QT_TRANSLATE_NOOP("FieldLabels", "住址"),
    QT_TRANSLATE_NOOP("FieldLabels", "证件地址"),
    QT_TRANSLATE_NOOP("FieldLabels", "发证机关"),
    QT_TRANSLATE_NOOP("FieldLabels", "籍贯"),
    QT_TRANSLATE_NOOP("FieldLabels", "访客类型"),
    QT_TRANSLATE_NOOP("FieldLabels", "访客照片"),
    QT_TRANSLATE_NOOP("FieldLabels", "预计离开时间"),
    QT_TRANSLATE_NOOP("FieldLabels", "体温"),
    QT_TRANSLATE_NOOP("FieldLabels", "访客卡号"),
    QT_TRANSLATE_NOOP("FieldLabels", "男"),
    QT_TRANSLATE_NOOP("FieldLabels", "女"),
    QT_TRANSLATE_NOOP("FieldLabels", "随身物品"),
    QT_TRANSLATE_NOOP("FieldLabels", "身份证"),
    QT_TRANSLATE_NOOP("FieldLabels", "驾驶证"),
    QT_TRANSLATE_NOOP("FieldLabels", "工作证"),
    QT_TRANSLATE_NOOP("FieldLabels", "学生证"),
    QT_TRANSLATE_NOOP("FieldLabels", "军官证"),
    QT_TRANSLATE_NOOP("FieldLabels", "护照"),
    QT_TRANSLATE_NOOP("FieldLabels", "其他"),
    QT_TRANSLATE_NOOP("FieldLabels", "预约单号"),
    QT_TRANSLATE_NOOP("FieldLabels", "预约码"),
    QT_TRANSLATE_NOOP("FieldLabels", "手机号后四位"),
    QT_TRANSLATE_NOOP("FieldLabels", "二维码"),
    QT_TRANSLATE_NOOP("FieldLabels", "访客卡"),
    QT_TRANSLATE_NOOP("FieldLabels", "车牌号码"),
]


def label_text(text: str) -> str:
    return QCoreApplication.translate("FieldLabels", text)


class PickerCombo(QWidget):
    """A list from the server (purposes, work units) with a button to add a new entry."""

    def __init__(
        self,
        load: Callable[[], list[dict[str, Any]]],
        add: Callable[[str], list[dict[str, Any]]],
        text_key: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load, self._add, self.text_key = load, add, text_key
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.add_button = QPushButton("+")
        self.add_button.setObjectName("addOption")
        self.add_button.setFixedWidth(40)
        self.add_button.setStyleSheet("QPushButton{padding:4px 4px}")
        self.add_button.clicked.connect(self.ask_new)
        row.addWidget(self.combo, 1)
        row.addWidget(self.add_button)

    def refresh(self) -> None:
        Op(self, self._load, label=f"load {self.text_key}").quiet().success(self.set_items).run()

    def set_items(self, items: list[dict[str, Any]]) -> None:
        current = self.text()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("")
        for item in items:
            self.combo.addItem(str(item.get(self.text_key, "")))
        self.combo.setCurrentText(current)
        self.combo.blockSignals(False)

    def ask_new(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("添加"), self.tr("名称"))
        if ok and text.strip():
            self.add_new(text.strip())

    def add_new(self, text: str) -> None:
        def done(items: list[dict[str, Any]]) -> None:
            self.set_items(items)
            self.combo.setCurrentText(text)

        Op(self, lambda: self._add(text), label=f"add {self.text_key}").success(done).run()

    def text(self) -> str:
        return self.combo.currentText().strip()

    def set_text(self, text: str) -> None:
        self.combo.setCurrentText(text)

    def set_read_only(self, read_only: bool) -> None:
        self.combo.setEnabled(not read_only)
        self.add_button.setEnabled(not read_only)


class DynamicForm(QWidget):
    changed = Signal()

    def __init__(self, reference: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reference = reference
        self.layout_ = QFormLayout(self)
        self.fields: list[FieldDef] = []
        self.inputs: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}

    def build(self, fields: list[FieldDef]) -> None:
        while self.layout_.rowCount():
            self.layout_.removeRow(0)
        self.inputs.clear()
        self.labels.clear()
        self.fields = [
            f
            for f in sorted(fields, key=lambda f: f.order)
            if f.display and f.key not in HANDLED_ELSEWHERE and f.show_type != 6
        ]
        for f in self.fields:
            widget = self._make_input(f)
            widget.setObjectName(f"field_{f.key}")
            label = QLabel()
            self.labels[f.key] = label
            self.inputs[f.key] = widget
            self.layout_.addRow(label, widget)
        self.retranslate()

    def retranslate(self) -> None:
        for f in self.fields:
            self.labels[f.key].setText(("* " if f.required else "") + label_text(f.label))

    def _picker(self, f: FieldDef, picker: PickerCombo) -> QWidget:
        picker.combo.currentTextChanged.connect(self.changed)
        picker.refresh()
        picker.set_read_only(f.read_only)
        return picker

    def _make_input(self, f: FieldDef) -> QWidget:
        ref = self.reference
        if f.key == "purpose":
            return self._picker(f, PickerCombo(ref.purposes, ref.add_purpose, "purposeDesc"))
        if f.key == "visitorWorkUnit":
            return self._picker(f, PickerCombo(ref.work_units, ref.add_work_unit, "unitDesc"))
        if f.show_type == 2 or f.key == "identityId":
            combo = QComboBox()
            options = list(f.options)
            if f.key == "identityId" and not options:
                combo.addItem("", "")
                for value, text in IDENTITY_TYPES.items():
                    combo.addItem(label_text(text), value)
            else:
                combo.addItem("", "")
                for option in options:
                    combo.addItem(label_text(option.text), option.value)
                if f.custom and f.para_id:
                    combo.addItem(self.tr("＋ 添加选项…"), "__add__")
            combo.activated.connect(lambda index, f=f, combo=combo: self._select_activated(f, combo, index))
            combo.currentIndexChanged.connect(self.changed)
            combo.setEnabled(not f.read_only)
            return combo
        if f.show_type == 3:
            edit = QDateTimeEdit(QDateTime.currentDateTime())
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setReadOnly(f.read_only)
            edit.dateTimeChanged.connect(self.changed)
            return edit
        line = QLineEdit()
        if f.regular:
            line.setValidator(QRegularExpressionValidator(QRegularExpression(_partial(f.regular)), line))
        line.setReadOnly(f.read_only)
        line.textChanged.connect(self.changed)
        return line

    def _select_activated(self, f: FieldDef, combo: QComboBox, index: int) -> None:
        if combo.itemData(index) != "__add__":
            return
        combo.setCurrentIndex(0)
        text, ok = QInputDialog.getText(self, self.tr("添加选项"), label_text(f.label))
        if not ok or not text.strip():
            return

        def done(fields: list[FieldDef]) -> None:
            current = self.values()
            current[f.key] = text.strip()
            self.build(fields)
            self.set_values(current)

        Op(
            self,
            lambda: self.reference.add_field_options(f.para_id, [text.strip()]),
            label="add field option",
        ).success(done).run()

    # --- values ---------------------------------------------------------------------
    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, widget in self.inputs.items():
            if isinstance(widget, PickerCombo):
                out[key] = widget.text()
            elif isinstance(widget, QComboBox):
                data = widget.currentData()
                out[key] = "" if data in (None, "__add__") else str(data)
                if out[key] == "" and widget.currentIndex() > 0:
                    out[key] = widget.currentText()
            elif isinstance(widget, QDateTimeEdit):
                out[key] = from_qdatetime(widget.dateTime()).isoformat(timespec="seconds")
            elif isinstance(widget, QLineEdit):
                out[key] = widget.text().strip()
        return out

    def set_values(self, values: dict[str, str]) -> None:
        for key, value in values.items():
            widget = self.inputs.get(key)
            if widget is None:
                continue
            value = "" if value is None else str(value)
            if isinstance(widget, PickerCombo):
                widget.set_text(value)
            elif isinstance(widget, QComboBox):
                index = widget.findData(value)
                if index < 0 and value:
                    index = widget.findText(value)
                if index < 0 and value:
                    widget.addItem(value, value)
                    index = widget.count() - 1
                widget.setCurrentIndex(max(index, 0))
            elif isinstance(widget, QDateTimeEdit):
                try:
                    widget.setDateTime(to_qdatetime(dt.datetime.fromisoformat(value)))
                except ValueError:
                    pass
            elif isinstance(widget, QLineEdit):
                widget.setText(value)

    def clear(self) -> None:
        self.set_values({key: "" for key in self.inputs})


def _partial(regex: str) -> str:
    """QRegularExpressionValidator accepts partial input of a full regex (Intermediate), so
    typing is never blocked halfway; the full match is checked on submit. A regex Qt cannot
    parse validates nothing here (the service still checks it)."""
    return regex if QRegularExpression(regex).isValid() else ".*"
