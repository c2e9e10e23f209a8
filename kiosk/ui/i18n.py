"""Qt translations: zh_CN is the source language, English from resources/i18n/en.qm;
switchable while running (widgets retranslate on QEvent.LanguageChange)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "i18n"
LANGUAGES = {"zh_CN": "中文", "en": "English"}

_translator: QTranslator | None = None
_current = "zh_CN"


def word(text: str) -> str:
    """Translate a word marked with QT_TRANSLATE_NOOP("Words", ...) where it was defined."""
    return QCoreApplication.translate("Words", text)


def current() -> str:
    return _current


def set_language(language: str) -> bool:
    """Install the translator for `language` (zh_CN removes it). Every widget gets a
    LanguageChange event and retranslates itself. Returns False if the .qm is missing."""
    global _translator, _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication first")
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    ok = True
    if language != "zh_CN":
        translator = QTranslator(app)
        path = I18N_DIR / f"{language}.qm"
        if translator.load(str(path)):
            app.installTranslator(translator)
            _translator = translator
        else:
            log.warning("no translation file %s; staying in Chinese", path)
            ok = False
            language = "zh_CN"
    _current = language
    QLocale.setDefault(QLocale(QLocale.Language.Chinese if language == "zh_CN" else QLocale.Language.English))
    return ok
