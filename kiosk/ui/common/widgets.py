"""Small shared widgets: the error banner, a picture label fed with bytes, a section title."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QEvent, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QFrame):
    """One line of words over the content: errors (red), warnings (amber), info (green)."""

    STYLES = {
        "error": ("#fdecea", "#8a1c1c", "#f5c2c0"),
        "warning": ("#fff4e5", "#7a4b00", "#ffd8a8"),
        "info": ("#e8f5e9", "#1b5e20", "#b9dfbb"),
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.close_button = QPushButton("×")
        self.close_button.setFlat(True)
        self.close_button.setFixedWidth(28)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.kind = ""
        self.hide()

    def show_message(self, text: str, kind: str = "error", timeout_ms: int = 12000) -> None:
        self.kind = kind
        bg, fg, border = self.STYLES[kind]
        self.setStyleSheet(
            f"#banner{{background:{bg};border:1px solid {border};border-radius:4px}}"
            f"QLabel{{color:{fg};font-size:15px}} QPushButton{{color:{fg}}}"
        )
        self.label.setText(text)
        self.show()
        if timeout_ms:
            self._timer.start(timeout_ms)

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


def decode_picture(data: bytes | None, width: int, height: int) -> QImage | None:
    """Decode and scale picture bytes into a QImage of at most width x height. Safe off the
    GUI thread (QImage is not a QPixmap): call it inside the Op that fetched the bytes."""
    image = QImage()
    if not data or not image.loadFromData(data):
        return None
    return image.scaled(
        width, height, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class PictureLabel(QLabel):
    """Shows image bytes (JPEG/PNG) or a QImage scaled into its box; words when empty."""

    def __init__(self, width: int = 160, height: int = 200, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(width, height)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("QLabel{background:#f1f3f5;border:1px solid #dee2e6;color:#868e96}")
        self.setWordWrap(True)
        self._has_picture = False

    def set_bytes(self, data: bytes | None, empty_text: str = "") -> bool:
        image = QImage()
        if data and image.loadFromData(data):
            self.set_image(image)
            return True
        self.clear_picture(empty_text)
        return False

    def show_decoded(self, image: QImage | None, empty_text: str = "") -> None:
        """For an Op's success: an image from decode_picture(), or words when there is none."""
        if image is None or image.isNull():
            self.clear_picture(empty_text)
        else:
            self.set_image(image)

    def set_image(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        if pixmap.width() > self.width() or pixmap.height() > self.height():
            pixmap = pixmap.scaled(
                self.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
            )
        self.setPixmap(pixmap)
        self._has_picture = True

    def clear_picture(self, text: str = "") -> None:
        self.clear()
        self.setText(text)
        self._has_picture = False

    @property
    def has_picture(self) -> bool:
        return self._has_picture


class Retranslating:
    """Mixin for widgets whose texts are set in `retranslate()` (called at build and on a
    language switch)."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]

    def retranslate(self) -> None:  # pragma: no cover - overridden
        pass


def to_qdatetime(when: dt.datetime | None, tz: dt.tzinfo | None = None) -> QDateTime:
    """An aware datetime as the wall clock of `tz` (the site's zone; None: this machine's) shows it
    (QDateTime from an aware Python datetime is not reliable across PySide versions: go naive)."""
    if when is None:
        when = dt.datetime.now(dt.UTC)
    if when.tzinfo is not None:
        when = when.astimezone(tz).replace(tzinfo=None)
    return QDateTime(when.year, when.month, when.day, when.hour, when.minute, when.second)


def from_qdatetime(value: QDateTime, tz: dt.tzinfo | None = None) -> dt.datetime:
    """The edited wall-clock time of `tz` (the site's zone; None: this machine's), aware."""
    d, t = value.date(), value.time()
    naive = dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
