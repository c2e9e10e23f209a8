"""docs/config.md from the settings model (kiosk/config.py): every section and key, its type,
default, environment variable and the comment the code gives it. The test suite checks the page
is up to date; regenerate with:

    .venv/bin/python scripts/config_reference.py > docs/config.md
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.config import ENV_PREFIX, SECTIONS  # noqa: E402

HEADER = """# Kiosk settings reference

Generated from `kiosk/config.py` by `scripts/config_reference.py`; do not edit by hand. Settings
live in one TOML file (`~/.config/visitor-kiosk/kiosk.toml` on Linux, `--config PATH`, or
`VISITOR_KIOSK_CONFIG`); every key can also be set by its environment variable. A wrong value
stops the start with words naming the key (exit code 2). How to set up a real kiosk:
[kiosk.md](kiosk.md).
"""


def comments(source: list[str], node: ast.AnnAssign) -> str:
    """The field's trailing comment, else the comment lines right above it."""
    line = source[node.lineno - 1]
    if "#" in line.split("=", 1)[-1]:
        return line.split("#", 1)[1].strip()
    above: list[str] = []
    i = node.lineno - 2
    while i >= 0 and source[i].strip().startswith("#"):
        above.insert(0, source[i].strip().lstrip("#").strip())
        i -= 1
    return " ".join(above)


def reference() -> str:
    path = ROOT / "kiosk" / "config.py"
    source = path.read_text(encoding="utf-8").splitlines()
    classes = {
        node.name: node for node in ast.parse("\n".join(source)).body if isinstance(node, ast.ClassDef)
    }
    out = [HEADER]
    for section, kind in SECTIONS.items():
        node = classes[kind.__name__]
        out.append(f"\n## [{section}]\n")
        doc = ast.get_docstring(node)
        if doc:
            out.append(doc.strip() + "\n")
        out.append("| key | type | default | environment | meaning |\n|---|---|---|---|---|")
        for field in node.body:
            if not isinstance(field, ast.AnnAssign) or not isinstance(field.target, ast.Name):
                continue
            name = field.target.id
            default = ast.literal_eval(field.value) if field.value is not None else ""
            shown = (
                f"`{default!r}`".replace("'", '"')
                if not isinstance(default, bool)
                else f"`{str(default).lower()}`"
            )
            env = f"`{ENV_PREFIX}{section.upper()}_{name.upper()}`"
            meaning = comments(source, field).replace("|", "\\|")
            out.append(f"| `{name}` | {ast.unparse(field.annotation)} | {shown} | {env} | {meaning} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(reference())
