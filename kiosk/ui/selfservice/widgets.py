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

MIN_TOUCH = 44  # px: the smallest target a finger hits reliably, on the smallest screen we support
DESIGN_SIZE = (
    1060,
    820,
)  # px: the wizard's area at scale 1.0; every page fits in it (portrait 1080 wide: 1.0)
SCALE_RANGE = (0.7, 1.6)


def scale_for(width: int, height: int) -> float:
    """How big the wizard draws in an area of width x height: fonts, keys, margins scale with it
    (1366x768 -> 0.87, 1920x1080 -> 1.25, portrait 1080x1920 -> 1.0), so nothing overflows a small
    screen and nothing looks lost on a big one."""
    low, high = SCALE_RANGE
    s = min(width / DESIGN_SIZE[0], height / DESIGN_SIZE[1])
    return round(max(low, min(high, s)), 2)


def px(value: float, scale: float) -> int:
    return max(1, round(value * scale))


def touch(value: float, scale: float) -> int:
    """A touch target's height at `scale`, never below MIN_TOUCH."""
    return max(MIN_TOUCH, px(value, scale))


def style(scale: float = 1.0) -> str:
    """The wizard's style sheet at `scale`. Heights are whole heights (border and padding included):
    QSS min-height counts the content only, so each rule subtracts its padding and border."""

    def f(v: float) -> str:  # a font size
        return f"{px(v, scale)}px"

    def h(total: float, pad: int, border: int = 2) -> str:  # min-height for a whole height of `total`
        return f"{touch(total, scale) - 2 * pad - 2 * border}px"

    pad = px(6, scale)
    return f"""
QWidget#selfservice {{ background: #f4f7fb; }}
QLabel {{ color: #1c2b3a; }}
QLabel[role="title"] {{ font-size: {f(40)}; font-weight: bold; }}
QLabel[role="subtitle"] {{ font-size: {f(26)}; color: #3d5166; }}
QLabel[role="hint"] {{ font-size: {f(22)}; color: #b4511b; }}
QLabel[role="body"] {{ font-size: {f(24)}; }}
QPushButton {{ font-size: {f(26)}; min-height: {h(64, pad)}; min-width: {touch(64, scale) - 4}px;
              border-radius: {px(12, scale)}px; background: #ffffff; border: 2px solid #9fb3c8;
              padding: {pad}px {px(20, scale)}px; }}
QPushButton:pressed {{ background: #dde7f2; }}
QPushButton:disabled {{ color: #9aa5b1; border-color: #d0d7de; }}
QPushButton[role="primary"] {{ background: #1565c0; color: white; border: 2px solid #1565c0;
                               font-weight: bold; }}
QPushButton[role="primary"]:disabled {{ background: #90b4dc; border-color: #90b4dc; }}
QPushButton[role="big"] {{ font-size: {f(34)}; min-height: {h(160, pad)}; background: #1565c0; color: white;
                          border: 2px solid #1565c0; }}
QPushButton[role="choice"] {{ font-size: {f(24)}; text-align: left; padding: {pad}px {px(24, scale)}px; }}
QPushButton[role="choice"]:checked {{ background: #1565c0; color: white; }}
QPushButton[role="tile"] {{ font-size: {f(28)}; min-height: {h(84, pad)}; }}
QPushButton[role="tile"]:checked {{ background: #1565c0; color: white; border-color: #1565c0; }}
QPushButton[role="key"] {{ font-size: {f(34)}; min-height: {h(76, pad)}; min-width: {px(100, scale)}px; }}
QPushButton[role="osk"] {{ font-size: {f(26)}; min-height: {h(60, 2)}; min-width: {px(40, scale)}px;
                          padding: 2px 2px; border-radius: {px(10, scale)}px; }}
QPushButton[role="osk"][kind="action"] {{ background: #e3eefb; font-size: {f(22)}; }}
QPushButton[role="osk"]:checked {{ background: #1565c0; color: white; border-color: #1565c0; }}
QPushButton[role="small"] {{ font-size: {f(20)}; color: #607080; background: transparent;
                            border: 1px solid #c0ccd8; min-height: {h(56, pad, 1)}; }}
QLineEdit {{ font-size: {f(28)}; min-height: {h(60, px(4, scale))}; padding: {px(4, scale)}px {px(12, scale)}px;
            border: 2px solid #9fb3c8; border-radius: {px(10, scale)}px; background: white; }}
QLineEdit:focus {{ border-color: #1565c0; }}
"""


STYLE = style(1.0)


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
        self.grid = grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
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

    def set_scale(self, scale: float) -> None:
        self.grid.setSpacing(px(12, scale))


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
        self.outer = outer = QVBoxLayout(self)
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        outer.addLayout(self.body, 1)
        outer.addLayout(self.nav)
        font = QFont()
        font.setPointSize(14)
        self.setFont(font)
        self.keyboard: Any = None  # an OnScreenKeyboard on pages with text fields
        self.scale = 0.0
        Page.set_scale(self, 1.0)  # not the subclass's: its widgets do not exist yet

    def set_scale(self, scale: float) -> None:
        """Margins and spacing at `scale` (the window's style sheet scales fonts and keys); pages with
        pictures or grids of their own add theirs."""
        self.scale = scale
        self.outer.setContentsMargins(px(40, scale), px(20, scale), px(40, scale), px(20, scale))
        self.outer.setSpacing(px(14, scale))
        self.body.setSpacing(px(12, scale))
        self.nav.setSpacing(px(24, scale))
        if self.keyboard is not None:
            self.keyboard.set_spacing(px(8, scale))

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self.keyboard is not None and self.keyboard.target is not None:
            self.keyboard.target.setFocus(Qt.FocusReason.OtherFocusReason)  # the keys type there

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
    "px",
    "scale_for",
    "style",
    "touch",
    "button",
    "label",
    "line_edit",
    "lock_down",
    "texts_of",
    "wipe_edit",
]
