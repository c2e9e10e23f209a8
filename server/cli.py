"""`visitorcs-server`: run the server, or manage kiosk credentials (`kiosk add`)."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from platformdirs import user_data_dir

DEFAULT_DATA_DIR = Path(user_data_dir("visitorcs-server", appauthor=False))


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR,
                        help=f"pictures, keys and the SQLite file (default {DEFAULT_DATA_DIR})")
    parser.add_argument("--database", metavar="URL", default=None,
                        help="SQLAlchemy URL, e.g. postgresql+psycopg://user:pw@host/db "
                             "(default: $VISITORCS_DATABASE_URL, else SQLite in the data dir)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="visitorcs-server", description="访客系统服务端 (visitorcs)")
    _common(parser)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8089)
    parser.add_argument("--demo", action="store_true", help="seed a demo site on first start")
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from server.settings import Settings

    settings = Settings.build(args.data_dir, args.database, demo=getattr(args, "demo", False))
    if args.command == "kiosk":
        from server import kiosks
        from server.db import Database

        db = Database(settings.database_url)
        from server import migrate

        migrate.upgrade(db)
        try:
            if args.kiosk_command == "add":
                token = kiosks.add(db, mac=args.mac, name=args.name)
                print(token)
            else:
                kiosks.revoke(db, mac=args.mac)
                print(f"revoked {args.mac}")
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 0

    import uvicorn

    from server.app import create_app

    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0


if __name__ == "__main__":
    sys.exit(main())
