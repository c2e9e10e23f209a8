"""Start-up: the window shows at once in the connecting state; with no server configured the
bundled server starts as a child process with demo data and the kiosk provisions its own
credential, kept for the next start; bad settings stop start-up with words, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.app import main
from kiosk.config import Config
from kiosk.context import build_context
from kiosk.ui.main_window import MainWindow


@pytest.mark.timeout(180)
def test_embedded_server_start_provisions_and_keeps_the_token(qtbot, tmp_path: Path) -> None:
    config = Config.for_tests(tmp_path, mac="AA:BB:CC:DD:EE:31", simulate="no")
    assert config.embedded
    context = build_context(config, with_devices=False)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    context.start()
    try:
        assert window.stack.currentWidget() is window.state_page
        assert "正在连接服务器" in window.state_page.title.text()
        qtbot.waitUntil(lambda: context.state != "connecting", timeout=120000)
        assert context.state == "ready", context.words
        assert window.content is not None and window.stack.currentWidget() is window.content
        token_file = context.embedded.data_dir / "kiosk-token"
        assert token_file.read_text().strip() == context.client.token
        assert context.services.reference.purposes()  # demo data is there
        hint = window.content.login_page.demo_hint  # the demo login is on the login screen
        assert hint.isVisible() and "admin" in hint.text() and "admin123" in hint.text()
    finally:
        window.close()
        context.shutdown()
    assert context.embedded.process.poll() is not None  # the child is gone with the kiosk


def test_bad_config_exits_with_words(tmp_path: Path, capsys) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('[ui]\nmode = "kiosk"\n', encoding="utf-8")
    assert main(["--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert "[ui] mode" in err and str(path) in err and "Traceback" not in err


def test_a_machine_without_a_chinese_font_is_told_so(qtbot, tmp_path: Path, monkeypatch) -> None:
    """Given no font that can write Chinese, the window says so in the banner (readable words)."""
    from kiosk.ui import fonts

    monkeypatch.setattr(fonts.QFontDatabase, "families", staticmethod(lambda *_: []))
    config = Config.for_tests(tmp_path, server_url="http://127.0.0.1:9", token="t", mac="AA:BB:CC:DD:EE:32")
    context = build_context(config, with_devices=False)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    try:
        assert "Chinese font" in window.banner.text()
    finally:
        window.close()
        context.shutdown()
