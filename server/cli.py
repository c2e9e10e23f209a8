"""`visitorcs-server`: run the server, or manage kiosk credentials (`kiosk add`), operators
(`operator add`) and the site licence (`licence set`)."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
import time
from datetime import date
from pathlib import Path

from platformdirs import user_data_dir

DEFAULT_DATA_DIR = Path(user_data_dir("visitorcs-server", appauthor=False))


def _common(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """--data-dir and --database, before or after the subcommand. Only the top level has
    defaults: a subcommand's copy must not overwrite what was given before it."""
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR if top else argparse.SUPPRESS,
        help=f"pictures, keys and the SQLite file (default {DEFAULT_DATA_DIR})",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        default=None if top else argparse.SUPPRESS,
        help="SQLAlchemy URL, e.g. postgresql+psycopg://user:pw@host/db "
        "(default: $VISITORCS_DATABASE_URL, else SQLite in the data dir)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="visitorcs-server", description="访客系统服务端 (visitorcs)")
    _common(parser, top=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8089)
    parser.add_argument("--demo", action="store_true", help="seed a demo site on first start")
    parser.add_argument(
        "--docs",
        action="store_true",
        help="serve Swagger UI at /doc.html (loads it from a CDN; on with --demo)",
    )
    local = parser.add_argument_group("a kiosk on this machine (the kiosk's embedded server)")
    local.add_argument(
        "--kiosk-token-file",
        type=Path,
        metavar="PATH",
        help="at start, make sure the kiosk --kiosk-mac holds a live token in PATH (0600)",
    )
    local.add_argument("--kiosk-mac", default="")
    local.add_argument("--kiosk-name", default="本机访客机")
    local.add_argument(
        "--parent-pid",
        type=int,
        metavar="PID",
        help="stop when process PID, which started this one, ends (however it ends)",
    )
    sub = parser.add_subparsers(dest="command")
    kiosk = sub.add_parser("kiosk", help="manage kiosk credentials")
    kiosk_sub = kiosk.add_subparsers(dest="kiosk_command", required=True)
    add = kiosk_sub.add_parser("add", help="add a kiosk and print its bearer token")
    _common(add)
    add.add_argument("--mac", required=True)
    add.add_argument("--name", required=True)
    revoke = kiosk_sub.add_parser("revoke", help="revoke a kiosk's token")
    _common(revoke)
    revoke.add_argument("--mac", required=True)

    operator = sub.add_parser("operator", help="manage front-desk operators (eits login)")
    operator_sub = operator.add_subparsers(dest="operator_command", required=True)
    op_add = operator_sub.add_parser("add", help="add an operator, or set a new password (also unlocks)")
    _common(op_add)
    op_add.add_argument("--name", required=True, help="login name")
    op_add.add_argument(
        "--password",
        default=None,
        help="password (omit to be prompted; a command-line password shows in `ps`)",
    )
    op_add.add_argument("--display-name", default="")

    lic = sub.add_parser("licence", help="the site licence (kiosk seats, expiry)")
    lic_sub = lic.add_subparsers(dest="licence_command", required=True)
    lic_set = lic_sub.add_parser("set", help="set how many kiosks may be logged in, and until when")
    _common(lic_set)
    lic_set.add_argument("--max-kiosks", type=int, required=True)
    lic_set.add_argument("--expires", type=date.fromisoformat, required=True, metavar="YYYY-MM-DD")
    lic_show = lic_sub.add_parser("show", help="print the licence")
    _common(lic_show)
    return parser


def _admin(args: argparse.Namespace, settings) -> int:  # type: ignore[no-untyped-def]
    """The `kiosk`, `operator` and `licence` subcommands, on a migrated database."""
    from server import kiosks, licence, migrate, operators
    from server.db import Database

    db = Database(settings.database_url)
    migrate.upgrade(db)
    try:
        if args.command == "kiosk":
            if args.kiosk_command == "add":
                print(kiosks.add(db, mac=args.mac, name=args.name))
            else:
                kiosks.revoke(db, mac=args.mac)
                print(f"revoked {args.mac}")
        elif args.command == "operator":
            password = args.password
            if password is None:
                password = getpass.getpass(f"password for {args.name}: ")
                if password != getpass.getpass("again: "):
                    raise ValueError("两次输入的密码不一致")
            operators.add(db, args.name, password, display_name=args.display_name)
            print(f"operator {args.name} saved")
        elif args.command == "licence":
            if args.licence_command == "set":
                licence.set_licence(db, args.max_kiosks, args.expires)
            print(json.dumps(licence.read(db), ensure_ascii=False))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    return 0


def _exit_with_parent(parent: int, every_s: float = 0.5) -> None:
    """A child server must not outlive the kiosk that started it, even when the kiosk is killed
    or aborts (Qt aborts the process when it finds no display). On POSIX an orphan is
    re-parented, so a parent pid other than `parent` means it is gone (also when it died before
    this process got here): stop as SIGTERM would."""
    import os
    import signal
    import threading

    if os.name != "posix":
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every_s)
        logging.getLogger(__name__).warning("the process that started this server is gone: stopping")
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    import os

    os.umask(0o077)  # the database, its WAL and the pictures hold personal data: this user's only
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from server import logmask

    logmask.install()  # ID numbers and phones never reach the log (our loggers and uvicorn's)
    from server.settings import Settings

    local_kiosk = None
    if args.kiosk_token_file is not None:
        if not args.kiosk_mac:
            print("error: --kiosk-token-file needs --kiosk-mac", file=sys.stderr)
            return 2
        local_kiosk = (args.kiosk_mac, args.kiosk_name, args.kiosk_token_file)
    settings = Settings.build(
        args.data_dir, args.database, demo=args.demo, docs=args.docs, local_kiosk=local_kiosk
    )
    if args.command in ("kiosk", "operator", "licence"):
        return _admin(args, settings)

    from server import serve
    from server.app import create_app

    if args.parent_pid:
        _exit_with_parent(args.parent_pid)

    serve.run(
        create_app(settings),
        host=args.host,
        port=args.port,
        log_level="info",
        log_config=logmask.uvicorn_log_config(),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
