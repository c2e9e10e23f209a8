"""An on-screen keyboard of our own for touch-only kiosks (no Qt Virtual Keyboard: GPL-3 only).

Letters, digits and what documents and names need (`-` `<` `'` `.` space), a case key (passport
names and document numbers are upper case, user names and pinyin searches lower), backspace,
clear and an Enter key (`entered`). It types into the field that has the focus among those
`attach`ed to it; its keys never take the focus, so tapping a field chooses where it types.
Host search needs no Chinese input method: the server and the offline cache match pinyin
("wjg", "wangjianguo" -> 王建国).

    4 rows x 12 columns:
    1 2 3 4 5 6 7 8 9 0 [ ⌫  ]
    Q W E R T Y U I O P [清空]
    A S D F G H J K L - < '
    ⇧ Z X C V B N M . [空格] 确定
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

# (key, column span); a key is a character, or one of the action names below
LAYOUT: tuple[tuple[tuple[str, int], ...], ...] = (
    (*((c, 1) for c in "1234567890"), ("back", 2)),
    (*((c, 1) for c in "qwertyuiop"), ("clear", 2)),
    (*((c, 1) for c in "asdfghjkl-<'"),),
    (("shift", 1), *((c, 1) for c in "zxcvbnm."), ("space", 2), ("enter", 1)),
)
ACTIONS = ("back", "clear", "shift", "space", "enter")


class OnScreenKeyboard(QWidget):
    entered = Signal()  # the Enter key (确定): the page decides what it means for its target
    typed = Signal(str)  # the target's text after a key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboard")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.keys: dict[str, QPushButton] = {}
        for row, keys in enumerate(LAYOUT):
            col = 0
            for key, span in keys:
                b = QPushButton(self)
                b.setProperty("role", "osk")
                if key in ACTIONS:
                    b.setProperty("kind", "action")
                b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus and its cursor
                b.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
                b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                b.setAutoRepeat(key == "back")
                b.clicked.connect(lambda _=False, k=key: self.press(k))
                self.grid.addWidget(b, row, col, 1, span)
                self.keys[key] = b
                col += span
        for col in range(12):
            self.grid.setColumnStretch(col, 1)
        self.keys["shift"].setCheckable(True)
        self.keys["shift"].toggled.connect(lambda _on: self._label_letters())
        self.fields: list[QLineEdit] = []
        self._upper: dict[int, bool] = {}  # per field: its case when it gets the focus
        self.target: QLineEdit | None = None
        self.retranslate()

    # -- fields -----------------------------------------------------------------------------------
    def attach(self, edit: QLineEdit, *, upper: bool = False) -> None:
        """Type into `edit` while it has the focus; `upper`: its letters start in upper case."""
        self.fields.append(edit)
        self._upper[id(edit)] = upper
        edit.installEventFilter(self)
        if self.target is None:
            self.set_target(edit, focus=False)

    def set_target(self, edit: QLineEdit, *, focus: bool = True) -> None:
        self.target = edit
        self.keys["shift"].setChecked(self._upper.get(id(edit), False))
        if focus:
            edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        """Back to the first field (a page was wiped)."""
        if self.fields:
            self.set_target(self.fields[0], focus=False)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.FocusIn and obj in self.fields and obj is not self.target:
            self.set_target(obj, focus=False)  # type: ignore[arg-type]
        return False

    # -- keys -------------------------------------------------------------------------------------
    @property
    def upper(self) -> bool:
        return self.keys["shift"].isChecked()

    def press(self, key: str) -> None:
        edit = self.target
        if key == "shift":
            return  # the toggle itself (a checkable key) changed the case
        if key == "enter":
            self.entered.emit()
            return
        if edit is None:
            return
        if key == "back":
            edit.backspace()
        elif key == "clear":
            edit.setText("")  # as wipe_edit: no undo history of what was typed
        elif key == "space":
            edit.insert(" ")
        else:
            edit.insert(key.upper() if self.upper else key)
        self.typed.emit(edit.text())

    def type_text(self, text: str) -> None:
        """Press the keys for `text` (letters in the keyboard's current case)."""
        for ch in text:
            self.keys["space" if ch == " " else ch.lower()].click()

    # -- looks ------------------------------------------------------------------------------------
    def set_spacing(self, spacing: int) -> None:
        self.grid.setSpacing(spacing)

    def _label_letters(self) -> None:
        for key, b in self.keys.items():
            if key not in ACTIONS:
                b.setText(key.upper() if self.upper else key)

    def retranslate(self) -> None:
        self._label_letters()
        self.keys["back"].setText("⌫")
        self.keys["clear"].setText(self.tr("清空"))
        self.keys["shift"].setText("⇧")
        self.keys["space"].setText(self.tr("空格"))
        self.keys["enter"].setText(self.tr("确定"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


__all__ = ["LAYOUT", "OnScreenKeyboard"]
