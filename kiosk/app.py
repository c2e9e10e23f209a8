"""Start-up of the visitor kiosk (`visitor-kiosk`): settings, logging, the bundled server's
child process, then the window. The child starts before PySide6 and the kiosk's own modules
are imported, so the two start-ups overlap; the wiring itself lives in kiosk.context."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()  # the console script imports this module first

log = logging.getLogger(__name__)


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("visitor-kiosk")
    except PackageNotFoundError:  # a frozen build carries its own metadata, or none
        return "0.0.0+unknown"


def tune_runtime() -> None:
    """Process-wide settings for a responsive GUI: device, HTTP and print threads share the
    GIL with the GUI thread, so hand it over every 1 ms instead of Python's default 5 ms."""
    sys.setswitchinterval(0.001)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="visitor-kiosk", description="访客机 (visitor kiosk)")
    parser.add_argument("--version", action="version", version=f"visitor-kiosk {version()}")
    parser.add_argument(
        "command",
        nargs="?",
        choices=("run", "doctor"),
        default="run",
        help="run the kiosk (default), or doctor: check devices, server, licence and fonts, exit 1 if"
        " something required is missing",
    )
    parser.add_argument("--json", action="store_true", help="with doctor: one JSON object")
    parser.add_argument(
        "--config", type=Path, help="settings file (default: the platform config dir's kiosk.toml)"
    )
    parser.add_argument(
        "--mode", choices=("staff", "selfservice"), help="staff console or visitor self-service"
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="interface language")
    parser.add_argument(
        "--render-screens",
        metavar="DIR",
        type=Path,
        help="render every screen of both modes with demo data to PNGs in DIR, then exit",
    )
    parser.add_argument(
        "--size",
        metavar="WxH",
        action="append",
        help="with --render-screens: screen size(s), repeatable or a list (1366x768,1080x1920);"
        " default: 1366x768, 1280x800, 1920x1080 and 1080x1920",
    )
    return parser.parse_args(argv)


def close_on_quit_signals(window: Any) -> None:
    """SIGTERM (systemd, shutdown) and Ctrl+C close the window as its close button does, so
    the same orderly shutdown runs. Qt's loop is C++: a wake-up socket lets Python see them."""
    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)

    def drain(*_: Any) -> None:  # Python runs the signal's handler below around this call
        try:
            reader.recv(64)
        except BlockingIOError:
            pass

    notifier.activated.connect(drain)
    window._quit_signal_sockets = (reader, writer)  # alive as long as the window

    def quit_now(*_: Any) -> None:
        from PySide6.QtWidgets import QApplication

        window.allow_quit()  # the system is shutting down: kiosk mode does not stand in the way
        window.close()
        QApplication.quit()  # also when a window (a dialog, a screen being built) is still up

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, quit_now)


def keep_systemd_informed(window: Any) -> None:
    """Under systemd (Type=notify, WatchdogSec=): ready once the window shows, and a heartbeat
    from the GUI thread's own timer: a window that freezes stops it, and systemd restarts us."""
    from PySide6.QtCore import QTimer

    from kiosk.sdnotify import notify, watchdog_interval_s

    notify("READY=1")
    interval = watchdog_interval_s()
    if interval:
        heartbeat = QTimer(window)
        heartbeat.setInterval(int(interval * 1000))
        heartbeat.timeout.connect(lambda: notify("WATCHDOG=1"))
        heartbeat.start()
        window._watchdog = heartbeat  # lives as long as the window


def run_window(config: Any, embedded: Any) -> int:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from kiosk.context import build_context
    from kiosk.ui import i18n
    from kiosk.ui.main_window import MainWindow
    from sync.sqlitedb import DatabaseUnusable

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("visitor-kiosk")
    from kiosk.ui.fonts import install_bundled_fonts

    install_bundled_fonts()
    i18n.set_language(config.ui.language)
    try:
        context = build_context(config, embedded=embedded)
    except DatabaseUnusable as exc:  # a key that does not fit, SQLCipher missing, a second kiosk
        log.error("the kiosk's databases cannot be opened: %s", exc)
        print(
            f"visitor-kiosk: 本机数据库无法打开 / the kiosk's databases cannot be opened: {exc}",
            file=sys.stderr,
        )
        return 2
    window = MainWindow(context)
    window.present()  # first paint now; the server connects in the background
    log.info("window shown %.2f s after start", time.perf_counter() - STARTED)
    close_on_quit_signals(window)
    keep_systemd_informed(window)
    context.start()
    try:
        return app.exec()
    finally:
        # In order: no callbacks into closed windows, then threads and the child, then widgets.
        from kiosk.sdnotify import notify

        notify("STOPPING=1")
        window.allow_quit()
        window.close()
        context.shutdown()
        signal.set_wakeup_fd(-1)
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        log.info("visitor-kiosk stopped")


def keep_files_private() -> None:
    """Everything this process writes (outbox, cache, photos, logs, SQLite's WAL beside them) is
    for this user only: files 0600, folders 0700 (PIPL: ID numbers and faces are sensitive)."""
    os.umask(0o077)


def main(argv: list[str] | None = None) -> int:
    keep_files_private()
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["server"]:  # the bundled server, as this (possibly frozen) program's child
        from kiosk.embedded import run_server

        return run_server(argv[1:])
    args = parse_args(argv)
    if args.render_screens:
        from kiosk.ui.render_screens import render_all

        return render_all(args.render_screens, language=args.lang, sizes=args.size, mode=args.mode)
    from kiosk.config import Config, ConfigError

    try:
        config = Config.load(args.config)
        if args.mode:
            config.ui.mode = args.mode
        if args.lang:
            config.ui.language = args.lang
        config.validate()
    except ConfigError as exc:
        print(f"visitor-kiosk: {exc}", file=sys.stderr)
        return 2
    if args.command == "doctor":
        from kiosk.doctor import run as doctor

        logging.basicConfig(level=logging.WARNING)
        return doctor(config, as_json=args.json)
    from kiosk.logging_setup import setup as setup_logging

    log_file = setup_logging(config.log_dir)
    log.info(
        "visitor-kiosk starting (mode %s, server %s, log %s)",
        config.ui.mode,
        config.server.url or "bundled",
        log_file,
    )
    tune_runtime()
    embedded = None
    if config.embedded:
        from kiosk.embedded import EmbeddedServer

        # First, so its imports and migrations run while this process loads Qt and the kiosk.
        embedded = EmbeddedServer.for_config(config)
        embedded.start()
    try:
        return run_window(config, embedded)
    finally:  # whatever failed on the way, the child goes with us (stop() is idempotent)
        if embedded is not None:
            embedded.stop()


if __name__ == "__main__":
    sys.exit(main())
