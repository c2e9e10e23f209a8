"""Make the installer's CJK font: Noto Sans CJK SC (SIL Open Font License 1.1, Debian's
fonts-noto-cjk) cut down to the characters a kiosk writes: ASCII and Latin-1, CJK punctuation,
full-width forms, the 6,763 hanzi of GB 2312, and every character in our own sources and
translations. About 2 MB instead of 20; built at packaging time, never committed.

    python scripts/build_font.py [--source PATH] [--out resources/fonts/NotoSansSC-kiosk.otf]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
SC_INDEX = 2  # in NotoSansCJK-Regular.ttc: JP, KR, SC, TC, HK
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def gb2312_hanzi() -> set[str]:
    chars = set()
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def our_characters() -> set[str]:
    """Every CJK character our screens, permits and translations can show."""
    chars: set[str] = set()
    for pattern in (
        "kiosk/**/*.py",
        "drivers/**/*.py",
        "visitorcs/**/*.py",
        "resources/i18n/*.ts",
        "server/demo*.py",
    ):
        for path in ROOT.glob(pattern):
            chars.update(CJK.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return chars


def wanted() -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x180)}
    chars |= {chr(c) for c in range(0x2000, 0x2070)}  # general punctuation
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK symbols and punctuation
    chars |= {chr(c) for c in range(0xFF00, 0xFFF0)}  # full-width forms
    chars |= gb2312_hanzi() | our_characters()
    return "".join(sorted(chars))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="Noto Sans CJK (.ttc or SC .otf)")
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "fonts" / "NotoSansSC-kiosk.otf")
    args = parser.parse_args()
    source = args.source or next((Path(p) for p in SOURCES if Path(p).exists()), None)
    if source is None:
        print("no Noto Sans CJK found: apt-get install fonts-noto-cjk, or --source PATH", file=sys.stderr)
        return 2
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, fontNumber=SC_INDEX if source.suffix == ".ttc" else -1)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=wanted())
    subsetter.subset(font)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    font.save(args.out)
    print(f"{args.out} ({args.out.stat().st_size // 1024} KB, from {source.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
