"""The [privacy] settings: what is accepted, what is refused with words, where the key lives."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import Config, ConfigError, default_config_path
from sync import sqlitedb


def test_defaults_encrypt_where_possible_and_keep_a_week(tmp_path: Path) -> None:
    config = Config.load(
        tmp_path / "missing.toml", env={"VISITOR_KIOSK_PATHS_DATA_DIR": str(tmp_path / "data")}
    )
    p = config.privacy
    assert (p.encrypt, p.key_file, p.keep_days, p.forget_on_sign_out) == ("auto", "", 7, False)
    assert config.key_file == default_config_path().parent / "db.key"  # the config dir, not the data dir
    assert not config.key_file.is_relative_to(config.data_dir)


def test_privacy_settings_from_the_file_and_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        '[privacy]\nencrypt = "off"\nkey_file = "~/keys/kiosk.key"\nkeep_days = 3\n', encoding="utf-8"
    )
    config = Config.load(path, env={"VISITOR_KIOSK_PRIVACY_FORGET_ON_SIGN_OUT": "true"})
    assert config.privacy.encrypt == "off" and config.privacy.keep_days == 3
    assert config.privacy.forget_on_sign_out is True
    assert config.key_file == Path("~/keys/kiosk.key").expanduser()


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"VISITOR_KIOSK_PRIVACY_ENCRYPT": "yes"}, "[privacy] encrypt = 'yes' 应为 auto / required / off"),
        ({"VISITOR_KIOSK_PRIVACY_KEEP_DAYS": "0"}, "[privacy] keep_days = 0 应在 1 到 366 天之间"),
        ({"VISITOR_KIOSK_PRIVACY_KEEP_DAYS": "a week"}, "[privacy] keep_days = 'a week' 应为整数"),
    ],
)
def test_bad_privacy_settings_are_refused_with_words(tmp_path: Path, env: dict[str, str], words: str) -> None:
    with pytest.raises(ConfigError) as info:
        Config.load(tmp_path / "none.toml", env=env)
    assert words in str(info.value)


def test_the_key_may_not_live_in_the_data_dir(tmp_path: Path) -> None:
    env = {
        "VISITOR_KIOSK_PATHS_DATA_DIR": str(tmp_path / "data"),
        "VISITOR_KIOSK_PRIVACY_KEY_FILE": str(tmp_path / "data" / "sync" / "db.key"),
    }
    with pytest.raises(ConfigError, match="key_file .* 不能放在数据目录"):
        Config.load(tmp_path / "none.toml", env=env)


def test_required_encryption_without_sqlcipher_stops_at_start_with_words(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sqlitedb, "available", lambda: False)
    with pytest.raises(ConfigError, match="sqlcipher3-wheels"):
        Config.load(tmp_path / "none.toml", env={"VISITOR_KIOSK_PRIVACY_ENCRYPT": "required"})
    assert Config.load(tmp_path / "none.toml", env={}).privacy.encrypt == "auto"  # auto starts (unencrypted)


def test_tests_keep_their_key_beside_their_data(tmp_path: Path) -> None:
    config = Config.for_tests(tmp_path, keep_days=2)
    assert config.key_file == tmp_path / "config" / "db.key" and config.privacy.keep_days == 2
