"""The font that writes Chinese on screens and permits: the one the installer bundles
(`resources/fonts/`, an OFL subset of Noto Sans CJK SC made by scripts/build_font.py), else one
the system has (WenQuanYi, Noto CJK). Qt-free: the permit renderer uses it too."""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"


def bundled_fonts() -> list[Path]:
    if not FONT_DIR.is_dir():
        return []
    return sorted(p for p in FONT_DIR.iterdir() if p.suffix.lower() in (".otf", ".ttf", ".ttc"))


def cjk_font_path() -> str | None:
    """The bundled font first (the same glyphs on every kiosk), else the system's CJK font."""
    bundled = bundled_fonts()
    if bundled:
        return str(bundled[0])
    from drivers.printer.testpage import find_cjk_font

    return find_cjk_font()
