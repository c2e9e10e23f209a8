"""Geometry checks of a shown window, by measurement (not by eye): what a person at the screen
would see as broken. `problems(window)` lists them in words; an empty list is a good screen.

- nothing visible extends outside its parent (and so outside its window), except the content of a
  scroll area, which scrolls;
- no visible widget overlaps a visible sibling (in our own containers: Qt's composite widgets, a
  combo box's arrow or a scroll area's bars, are theirs);
- a list does not scroll sideways (its entries fit);
- buttons are at least `min_button` px high and wide (touch targets);
- text is not clipped: a label or button is at least as big as its text needs (sizeHint, or
  heightForWidth for wrapped words);
- optionally fields are at least `min_field` px high and text is at least `min_text_px`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTabBar,
    QTableView,
    QTabWidget,
    QWidget,
)

QT_COMPOSITES = (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QAbstractButton,
    QLineEdit,
    QTabBar,
    QTabWidget,
    QProgressBar,
    QAbstractSlider,
    QCalendarWidget,
)
SLACK = 1  # px of rounding


def _name(w: QWidget) -> str:
    text = ""
    if isinstance(w, (QLabel, QAbstractButton, QLineEdit)):
        text = (w.text() or getattr(w, "placeholderText", lambda: "")())[:30]
    chain = []
    p: Any = w
    while p is not None and len(chain) < 3:
        chain.append(p.objectName() or type(p).__name__)
        p = p.parentWidget()
    return f"{'<'.join(chain)} {text!r}"


def _inside_qt_internals(w: QWidget, top: QWidget) -> bool:
    """Part of a Qt composite (a spin box's line edit, a table's editor, a scroll bar ...)."""
    p = w.parentWidget()
    while p is not None and p is not top:
        if isinstance(
            p, (QAbstractSpinBox, QComboBox, QLineEdit, QTabBar, QCalendarWidget, QAbstractItemView)
        ):
            return True
        if isinstance(p, QAbstractScrollArea) and w.parentWidget() is p:
            return True  # its viewport, bars and corner
        p = p.parentWidget()
    return False


def _scrolled(w: QWidget) -> bool:
    """The content widget of a scroll area (lives in its viewport and may be bigger)."""
    parent = w.parentWidget()
    grand = parent.parentWidget() if parent is not None else None
    return isinstance(grand, QAbstractScrollArea) and parent is grand.viewport()


def _in_scroll_area(w: QWidget, top: QWidget) -> bool:
    p = w.parentWidget()
    while p is not None and p is not top:
        if _scrolled(p):
            return True
        p = p.parentWidget()
    return False


def problems(
    window: QWidget,
    *,
    min_button: int = 44,
    min_field: int = 0,
    min_text_px: int = 0,
    button_exempt: tuple[str, ...] = (),
    root: QWidget | None = None,
) -> list[str]:
    """`root`: check only that part of the window (default: all of it)."""
    found: list[str] = []
    widgets = [w for w in (root or window).findChildren(QWidget) if w.isVisible() and w.window() is window]
    for w in widgets:
        if _inside_qt_internals(w, window):
            continue
        parent = w.parentWidget()
        geo = w.geometry()
        # 1. inside its parent (a scroll area's content scrolls instead)
        if parent is not None and not _scrolled(w):
            if not parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(geo):
                found.append(f"outside its parent: {_name(w)} {_rect(geo)} in {_rect(parent.rect())}")
        # 2. touch targets and fields
        if isinstance(w, QPushButton) and w.objectName() not in button_exempt:
            if w.height() < min_button or w.width() < min_button:
                found.append(f"button smaller than {min_button} px: {_name(w)} {w.width()}x{w.height()}")
        if min_field and isinstance(w, (QLineEdit, QComboBox, QDateTimeEdit)) and w.height() < min_field:
            found.append(f"field lower than {min_field} px: {_name(w)} {w.height()}")
        if isinstance(w, QListView) and not isinstance(w, QTableView) and w.horizontalScrollBar().isVisible():
            found.append(f"list entries wider than the list (it scrolls sideways): {_name(w)}")
        # 3. text not clipped
        if isinstance(w, QLabel) and w.text() and w.pixmap().isNull():
            if w.wordWrap():
                need_h, need_w = w.heightForWidth(w.width()), 0
                if need_h < 0:
                    need_h = w.sizeHint().height()
                # a wrapped label can still be too narrow for one unbreakable word
                need_w = w.minimumSizeHint().width()
            else:
                need_w, need_h = w.sizeHint().width(), w.sizeHint().height()
            if need_h > w.height() + SLACK or need_w > w.width() + SLACK:
                found.append(
                    f"text clipped: {_name(w)} needs {need_w}x{need_h}, has {w.width()}x{w.height()}"
                )
        if isinstance(w, (QPushButton, QCheckBox, QRadioButton)) and w.text():
            hint = w.sizeHint()
            if hint.width() > w.width() + SLACK or hint.height() > w.height() + SLACK:
                found.append(
                    f"text clipped: {_name(w)} needs {hint.width()}x{hint.height()}, has {w.width()}x{w.height()}"
                )
        if min_text_px and isinstance(w, (QLabel, QAbstractButton, QLineEdit, QComboBox)):
            if (isinstance(w, QLabel) and w.text()) or not isinstance(w, QLabel):
                size = QFontInfo(w.font()).pixelSize()
                if size < min_text_px:
                    found.append(f"text smaller than {min_text_px} px: {_name(w)} {size} px")
    # 4. no overlaps among siblings in our own containers
    by_parent: dict[int, list[QWidget]] = {}
    for w in widgets:
        parent = w.parentWidget()
        if parent is None or isinstance(parent, QT_COMPOSITES) or _inside_qt_internals(w, window):
            continue
        if w.isWindow():
            continue
        by_parent.setdefault(id(parent), []).append(w)
    for siblings in by_parent.values():
        for i, a in enumerate(siblings):
            for b in siblings[i + 1 :]:
                overlap = a.geometry().intersected(b.geometry())
                if overlap.width() > SLACK and overlap.height() > SLACK:
                    found.append(
                        f"overlap: {_name(a)} {_rect(a.geometry())} and {_name(b)} {_rect(b.geometry())}"
                    )
    return found


def _rect(r: QRect) -> str:
    return f"({r.x()},{r.y()} {r.width()}x{r.height()})"


__all__ = ["problems"]
