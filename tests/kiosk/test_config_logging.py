"""Settings (file + env, validation words) and log masking."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.config import Config, ConfigError
from kiosk.logging_setup import MaskingFilter, setup
from visitorcs.masking import mask_text as mask


def test_defaults_mean_embedded_server_and_simulated_devices(tmp_path: Path) -> None:
    config = Config.load(tmp_path / "missing.toml", env={})
    assert config.embedded and config.simulate_devices
    assert config.ui.mode == "staff" and config.ui.language == "zh_CN"
    assert len(config.mac.split(":")) == 6


def test_file_then_env_override(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        '[server]\nurl = "http://10.0.0.5:8089"\ntoken = "abc"\n[ui]\nmode = "selfservice"\n'
        "[devices]\npaper_width_mm = 58\nprint_automatically = false\n",
        encoding="utf-8",
    )
    config = Config.load(
        path, env={"VISITOR_KIOSK_UI_LANGUAGE": "en", "VISITOR_KIOSK_DEVICES_PAPER_WIDTH_MM": "80"}
    )
    assert config.server.url == "http://10.0.0.5:8089" and not config.embedded and not config.simulate_devices
    assert config.ui.mode == "selfservice" and config.ui.language == "en"
    assert config.devices.paper_width_mm == 80 and config.devices.print_automatically is False


@pytest.mark.parametrize(
    "text, words",
    [
        ('[ui]\nmode = "kiosk"\n', "[ui] mode"),
        ("[devices]\npaper_width_mm = 72\n", "paper_width_mm"),
        ('[server]\nurl = "10.0.0.5"\ntoken = "x"\n', "[server] url"),
        ('[server]\nurl = "http://10.0.0.5:8089"\n', "token"),
        ('[ui]\nidle_timeout_s = "soon"\n', "idle_timeout_s"),
        ('[printer]\nuri = "x"\n', "[printer]"),
        ('[ui]\ncolour = "red"\n', "colour"),
        ("[ui\n", "TOML"),
    ],
)
def test_bad_settings_name_key_problem_and_file(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Config.load(path, env={})
    assert words in str(info.value)
    assert str(path) in str(info.value)


def test_bad_env_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        Config.load(tmp_path / "none.toml", env={"VISITOR_KIOSK_DEVICES_PAPER_WIDTH_MM": "wide"})
    assert "VISITOR_KIOSK_DEVICES_PAPER_WIDTH_MM" in str(info.value)


def test_mask_keeps_ends_only() -> None:
    text = mask("张伟 11010119900307001X 13912345678 USA310079070101 order 3f2a")
    assert "11010119900307001X" not in text and "1101**********001X" in text
    assert "139****5678" in text and "USA********0101" in text and "order 3f2a" in text


def test_log_file_never_holds_a_full_id_or_phone(tmp_path: Path) -> None:
    path = setup(tmp_path / "logs", to_stderr=False)
    logging.getLogger("kiosk.test").info("registered %s phone %s", "11010119900307001X", "13912345678")
    try:
        raise ValueError("bad 11010119900307001X")
    except ValueError:
        logging.getLogger("kiosk.test").exception("failed for 13912345678")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "11010119900307001X" not in text and "13912345678" not in text
    assert "1101**********001X" in text and "139****5678" in text
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "_kiosk", False):
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_filter_survives_bad_format_strings() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s %s", ("only one",), None)
    assert MaskingFilter().filter(record)
