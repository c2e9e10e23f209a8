"""Refresh the Qt translations: lupdate the UI sources into en.ts / zh_CN.ts, fill English
from en_glossary.tsv (source<TAB>English; edit there or in Qt Linguist), lrelease to .qm.

    .venv/bin/python resources/i18n/update.py
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent
SOURCES = [
    "kiosk/ui/main_window.py",
    "kiosk/ui/words.py",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "kiosk/ui/staff").glob("*.py")),
]
SOURCES += sorted(str(p.relative_to(ROOT)) for p in (ROOT / "kiosk/ui/selfservice").glob("*.py"))
SOURCES += sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "kiosk/ui/common").glob("*.py")
)  # keyboard, errors


def glossary() -> dict[str, str]:
    """en_glossary.tsv: every English word of the app, one source text and its translation a line."""
    out = {}
    for line in (HERE / "en_glossary.tsv").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            src, dst = line.split("\t", 1)
            out[src] = dst
    return out


def main() -> int:
    for lang in ("en", "zh_CN"):
        ts = HERE / f"{lang}.ts"
        subprocess.run(
            [
                str(BIN / "pyside6-lupdate"),
                *SOURCES,
                "-no-obsolete",
                "-source-language",
                "zh_CN",
                "-target-language",
                lang,
                "-ts",
                str(ts),
            ],
            cwd=ROOT,
            check=True,
        )
    words = glossary()
    tree = ET.parse(HERE / "en.ts")
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if source in words:
            translation.text = words[source]
            translation.attrib.pop("type", None)
        elif translation.attrib.get("type") == "unfinished":
            missing.append(source)
    tree.write(HERE / "en.ts", encoding="utf-8", xml_declaration=True)
    for lang in ("en", "zh_CN"):
        subprocess.run(
            [str(BIN / "pyside6-lrelease"), str(HERE / f"{lang}.ts"), "-qm", str(HERE / f"{lang}.qm")],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if missing:
        print("untranslated:", *missing, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
