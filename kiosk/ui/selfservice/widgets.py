"""Touch building blocks of the self-service screens: big buttons, a numeric keypad, page scaffolding, and
the lockdown helpers (no context menus anywhere in self-service)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

MIN_TOUCH = 64  # px: the smallest target a finger hits reliably on a kiosk screen
STYLE = """
QWidget#selfservice { background: #f4f7fb; }
QLabel { color: #1c2b3a; }
QLabel[role="title"] { font-size: 40px; font-weight: bold; }
QLabel[role="subtitle"] { font-size: 26px; color: #3d5166; }
QLabel[role="hint"] { font-size: 24px; color: #b4511b; }
QLabel[role="body"] { font-size: 24px; }
QPushButton { font-size: 26px; min-height: 64px; min-width: 64px; border-radius: 12px;
              background: #ffffff; border: 2px solid #9fb3c8; padding: 8px 20px; }
QPushButton:pressed { background: #dde7f2; }
QPushButton:disabled { color: #9aa5b1; border-color: #d0d7de; }
QPushButton[role="primary"] { background: #1565c0; color: white; border: none; font-weight: bold; }
QPushButton[role="primary"]:disabled { background: #90b4dc; }
QPushButton[role="big"] { font-size: 34px; min-height: 160px; background: #1565c0; color: white;
                          border: none; }
QPushButton[role="choice"] { font-size: 24px; text-align: left; padding: 12px 24px; }
QPushButton[role="choice"]:checked { background: #1565c0; color: white; }
QPushButton[role="tile"] { font-size: 28px; min-height: 96px; }
QPushButton[role="tile"]:checked { background: #1565c0; color: white; border: none; }
QPushButton[role="key"] { font-size: 34px; min-height: 80px; min-width: 110px; }
QPushButton[role="small"] { font-size: 20px; color: #607080; background: transparent;
                            border: 1px solid #c0ccd8; }
QLineEdit { font-size: 30px; min-height: 64px; padding: 4px 12px; border: 2px solid #9fb3c8;
            border-radius: 10px; background: white; }
"""


def lock_down(widget: QWidget) -> None:
    """No context menus (they open copy/paste and, on some platforms, native dialogs)."""
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    for child in widget.findChildren(QWidget):
        child.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)


def button(text: str = "", role: str = "", parent: QWidget | None = None) -> QPushButton:
    b = QPushButton(text, parent)
    if role:
        b.setProperty("role", role)
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the scanner filter / the input fields
    b.setMinimumHeight(MIN_TOUCH)
    b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return b


def label(
    role: str = "body",
    parent: QWidget | None = None,
    *,
    wrap: bool = True,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
) -> QLabel:
    lab = QLabel(parent)
    lab.setProperty("role", role)
    lab.setWordWrap(wrap)
    lab.setAlignment(align)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)  # no selection, no copy menu
    return lab


def line_edit(parent: QWidget | None = None, *, password: bool = False) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def wipe_edit(edit: QLineEdit) -> None:
    """Empty a field and its undo history (QLineEdit.setText clears undo/redo; clear() does not)."""
    edit.setText("")


class Keypad(QWidget):
    """0-9, delete and clear, typing into `target` (a read-only display the visitor cannot tap into)."""

    changed = Signal(str)

    def __init__(self, target: QLineEdit, max_len: int = 11, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.max_len = max_len
        target.setReadOnly(True)
        target.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid = QGridLayout(self)
        grid.setSpacing(12)
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate("123456789"):
            self._add(grid, key, key, i // 3, i % 3)
        self.clear_key = self._add(grid, "clear", "", 3, 0)
        self._add(grid, "0", "0", 3, 1)
        self.back_key = self._add(grid, "back", "⌫", 3, 2)
        self.retranslate()

    def _add(self, grid: QGridLayout, key: str, text: str, row: int, col: int) -> QPushButton:
        b = button(text, "key", self)
        b.clicked.connect(lambda _=False, k=key: self.press(k))
        grid.addWidget(b, row, col)
        self.keys[key] = b
        return b

    def retranslate(self) -> None:
        self.clear_key.setText(self.tr("清空"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def press(self, key: str) -> None:
        text = self.target.text()
        if key == "back":
            text = text[:-1]
        elif key == "clear":
            text = ""
        elif len(text) < self.max_len:
            text += key
        self.target.setText(text)
        self.changed.emit(text)

    def type_text(self, digits: str) -> None:
        for d in digits:
            self.press(d)


class Page(QWidget):
    """A wizard screen: title, subtitle, body, and a row of navigation buttons at the bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("title", self)
        self.subtitle = label("subtitle", self)
        self.body = QVBoxLayout()
        self.body.setSpacing(16)
        self.nav = QHBoxLayout()
        self.nav.setSpacing(24)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.setSpacing(20)
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        outer.addLayout(self.body, 1)
        outer.addLayout(self.nav)
        font = QFont()
        font.setPointSize(14)
        self.setFont(font)

    def retranslate(self) -> None:
        """Set every text; called at start and on LanguageChange."""

    def clear(self) -> None:
        """Forget everything personal this page shows (idle wipe)."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def texts_of(widget: QWidget) -> list[str]:
    """Every text a widget tree shows or holds (labels, buttons, fields, lists): for the idle-wipe check."""
    from PySide6.QtWidgets import QAbstractButton, QListWidget, QPlainTextEdit, QTextEdit
    from PySide6.QtWidgets import QLabel as _QLabel

    out: list[str] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if isinstance(w, (_QLabel, QAbstractButton, QLineEdit)):
            out.append(w.text())
        if isinstance(w, _QLabel) and w.toolTip():
            out.append(w.toolTip())
        if isinstance(w, (QTextEdit, QPlainTextEdit)):
            out.append(w.toPlainText())
        if isinstance(w, QListWidget):
            out.extend(w.item(i).text() for i in range(w.count()))
    return out


__all__: list[Any] = [
    "Keypad",
    "MIN_TOUCH",
    "Page",
    "STYLE",
    "button",
    "label",
    "line_edit",
    "lock_down",
    "texts_of",
    "wipe_edit",
]
