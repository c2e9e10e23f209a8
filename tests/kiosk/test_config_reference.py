"""docs/config.md is generated from the settings model: it must say what the code does."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_settings_reference_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location(
        "config_reference", ROOT / "scripts" / "config_reference.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    assert written == module.reference(), "regenerate: python scripts/config_reference.py > docs/config.md"
    for section in ("[server]", "[ui]", "[devices]", "[alerts]", "[offline]", "[paths]"):
        assert f"## {section}" in written
