"""Whether this machine can draw Chinese: without a CJK font every label is a row of boxes,
which nobody at the desk can read or report in words. Said once, in the log and the banner."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)


def cjk_families() -> list[str]:
    """Installed font families that can write Simplified Chinese."""
    return QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def missing_cjk_font_words() -> str | None:
    """Words for the banner when no font can draw Chinese (in English: they are readable then)."""
    if cjk_families():
        return None
    log.warning("no font on this machine can draw Chinese: install a CJK font (e.g. fonts-noto-cjk)")
    return (
        "No Chinese font is installed: Chinese text shows as boxes. Install a CJK font (e.g. fonts-noto-cjk)."
    )


def install_bundled_fonts() -> str | None:
    """Give Qt the installer's own CJK font (kiosk.fonts) and make it the screens' font, so a
    machine without Chinese fonts still shows Chinese; None when nothing is bundled."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from kiosk.fonts import bundled_fonts

    family = None
    for path in bundled_fonts():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else None)
    if family is not None:
        app = QApplication.instance()
        if app is not None:
            font = QFont(family)
            font.setPointSizeF(app.font().pointSizeF())
            app.setFont(font)
        log.info("screens use the bundled font %s", family)
    return family
