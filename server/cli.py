"""`visitorcs-server`: run the server, or administer a site: `init` (a site of its own), kiosks,
operators, integration credentials, the licence, and the site's data (`import` / `export`).
Every subcommand acts on the database of the top-level (or its own) `--data-dir` / `--database`."""

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

    init = sub.add_parser(
        "init", help="set up a site of its own: name, time zone, project, first operator, licence"
    )
    _common(init)
    init.add_argument("--name", required=True, help="the site's name (shown in the service detail)")
    init.add_argument("--timezone", default="Asia/Shanghai", help="IANA zone (default Asia/Shanghai)")
    init.add_argument("--project-id", default="default", help="the platform's project code of this site")
    init.add_argument("--product-id", default="")
    init.add_argument("--operator", required=True, help="the first operator's login name")
    init.add_argument("--password", default=None, help="omit to be prompted (or to read it from stdin)")
    init.add_argument("--display-name", default="")
    init.add_argument("--phone", default=None, help="the operator's mobile (verify codes)")
    init.add_argument("--max-kiosks", type=int, default=None)
    init.add_argument("--expires", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD")

    site = sub.add_parser("site", help="the stored site")
    site_sub = site.add_subparsers(dest="site_command", required=True)
    _common(site_sub.add_parser("show", help="print the site (name, zone, project, licence)"))

    kiosk = sub.add_parser("kiosk", help="manage kiosk credentials")
    kiosk_sub = kiosk.add_subparsers(dest="kiosk_command", required=True)
    _common(kiosk_sub.add_parser("list", help="list kiosks"))
    add = kiosk_sub.add_parser("add", help="add a kiosk and print its bearer token")
    _common(add)
    add.add_argument("--mac", required=True)
    add.add_argument("--name", required=True)
    revoke = kiosk_sub.add_parser("revoke", help="revoke a kiosk's token")
    _common(revoke)
    revoke.add_argument("--mac", required=True)

    operator = sub.add_parser("operator", help="manage front-desk operators (eits login)")
    operator_sub = operator.add_subparsers(dest="operator_command", required=True)
    _common(operator_sub.add_parser("list", help="list operators"))
    for name, words in (
        ("add", "add an operator, or set a new password (also unlocks and enables)"),
        ("reset-password", "set a new password for an existing operator (its sessions end)"),
    ):
        op_add = operator_sub.add_parser(name, help=words)
        _common(op_add)
        op_add.add_argument("--name", required=True, help="login name")
        op_add.add_argument(
            "--password",
            default=None,
            help="password (omit to be prompted; a command-line password shows in `ps`)",
        )
        op_add.add_argument("--display-name", default="")
        op_add.add_argument("--phone", default=None, help="mobile for verify codes")
    for name, words in (
        ("disable", "no more logins; live sessions end"),
        ("enable", "allow logins again"),
    ):
        op = operator_sub.add_parser(name, help=words)
        _common(op)
        op.add_argument("--name", required=True)
    op_phone = operator_sub.add_parser("set-phone", help="the mobile verify codes go to")
    _common(op_phone)
    op_phone.add_argument("--name", required=True)
    op_phone.add_argument("--phone", required=True)

    integ = sub.add_parser("integration", help="credentials of systems calling the feeds (14_对外接口, 01)")
    integ_sub = integ.add_subparsers(dest="integration_command", required=True)
    _common(integ_sub.add_parser("list", help="list integration credentials"))
    i_add = integ_sub.add_parser("add", help="add one (or a new token for a name) and print its token")
    _common(i_add)
    i_add.add_argument("--name", required=True)
    i_revoke = integ_sub.add_parser("revoke", help="revoke an integration credential")
    _common(i_revoke)
    i_revoke.add_argument("--name", required=True)

    mobile = sub.add_parser("mobile", help="the mobile channels (公众号, 小程序, 企微)")
    mobile_sub = mobile.add_subparsers(dest="mobile_command", required=True)
    m_session = mobile_sub.add_parser(
        "session",
        help="print a signed session of the bundled identity layer (Authorization: Bearer <it>): "
        "a host by --person-id, or a visitor by --phone",
    )
    _common(m_session)
    m_who = m_session.add_mutually_exclusive_group(required=True)
    m_who.add_argument("--person-id", default="", help="the employee (host) the session is for")
    m_who.add_argument("--phone", default="", help="the visitor's mobile the session is for")
    m_messages = mobile_sub.add_parser("messages", help="the last notifications (SMS, messages to hosts)")
    _common(m_messages)
    m_messages.add_argument("--limit", type=int, default=20)

    lic = sub.add_parser("licence", help="the site licence (kiosk seats, expiry)")
    lic_sub = lic.add_subparsers(dest="licence_command", required=True)
    lic_set = lic_sub.add_parser("set", help="set how many kiosks may be logged in, and until when")
    _common(lic_set)
    lic_set.add_argument("--max-kiosks", type=int, required=True)
    lic_set.add_argument("--expires", type=date.fromisoformat, required=True, metavar="YYYY-MM-DD")
    lic_show = lic_sub.add_parser("show", help="print the licence")
    _common(lic_show)

    _common(
        sub.add_parser(
            "migrate",
            help="bring the database's schema up to this version's (every start does it too); "
            "prints the revision before and after",
        )
    )

    kinds = "departments, employees, groups, purposes, blacklist, notice, permit, or all (an XLSX workbook)"
    imp = sub.add_parser("import", help="import site data from a CSV or XLSX file")
    _common(imp)
    imp.add_argument("kind", help=kinds)
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--dry-run", action="store_true", help="list what would change and what is refused; write nothing"
    )
    imp.add_argument("--strict", action="store_true", help="write nothing when any row is refused")
    exp = sub.add_parser("export", help="export site data to a CSV or XLSX file (the import's columns)")
    _common(exp)
    exp.add_argument("kind", help=kinds)
    exp.add_argument("file", type=Path)
    return parser


ADMIN_COMMANDS = (
    "init",
    "site",
    "kiosk",
    "operator",
    "integration",
    "mobile",
    "licence",
    "import",
    "export",
    "migrate",
)


def _password(given: str | None, name: str) -> str:
    """The password given, else asked for twice at a terminal, else one line of stdin (scripts)."""
    if given is not None:
        return given
    if sys.stdin.isatty():
        password = getpass.getpass(f"password for {name}: ")
        if password != getpass.getpass("again: "):
            raise ValueError("两次输入的密码不一致")
        return password
    return sys.stdin.readline().rstrip("\n")


def _table(rows: list[dict], columns: tuple[str, ...]) -> None:
    if not rows:
        print("(none)")
        return
    print("\t".join(columns))
    for row in rows:
        print("\t".join(str(row.get(c, "")) for c in columns))


def _admin(args: argparse.Namespace, settings) -> int:  # type: ignore[no-untyped-def]
    """The administration subcommands, on a migrated database."""
    from server import integrations, kiosks, licence, migrate, operators, site_import, site_setup
    from server.db import Database

    db = Database(settings.database_url)
    before = migrate.applied_revisions(db) if args.command == "migrate" else set()
    migrate.upgrade(db)
    try:
        if args.command == "migrate":
            after = migrate.applied_revisions(db)
            words = ", ".join(sorted(before)) or "(empty database)"
            print(
                f"schema {words} -> {', '.join(sorted(after))}"
                if before != after
                else f"schema {words}: up to date"
            )
        elif args.command == "init":
            password = _password(args.password, args.operator)
            site = site_setup.init_site(
                db,
                name=args.name,
                timezone=args.timezone,
                operator=args.operator,
                password=password,
                project_id=args.project_id,
                product_id=args.product_id,
                display_name=args.display_name,
                max_kiosks=args.max_kiosks,
                expires=args.expires,
            )
            if args.phone:
                operators.set_phone(db, args.operator, args.phone)
            print(json.dumps(site, ensure_ascii=False))
            print(f"operator {args.operator} saved; data in {settings.data_dir}")
        elif args.command == "site":
            print(json.dumps({"site": site_setup.read(db), "licence": licence.read(db)}, ensure_ascii=False))
        elif args.command == "kiosk":
            if args.kiosk_command == "add":
                print(kiosks.add(db, mac=args.mac, name=args.name))
            elif args.kiosk_command == "list":
                _table(kiosks.listing(db), ("mac", "name", "revoked", "loggedIn", "lastLogin"))
            else:
                kiosks.revoke(db, mac=args.mac)
                print(f"revoked {args.mac}")
        elif args.command == "operator":
            command = args.operator_command
            if command == "list":
                _table(operators.listing(db), ("name", "displayName", "phone", "disabled", "loggedIn"))
            elif command in ("add", "reset-password"):
                password = _password(args.password, args.name)
                if command == "add":
                    operators.add(db, args.name, password, display_name=args.display_name, phone=args.phone)
                else:
                    operators.reset_password(db, args.name, password, phone=args.phone)
                print(f"operator {args.name} saved")
            elif command in ("disable", "enable"):
                operators.set_disabled(db, args.name, command == "disable")
                print(f"operator {args.name} {command}d")
            else:
                operators.set_phone(db, args.name, args.phone)
                print(f"operator {args.name}: phone saved")
        elif args.command == "integration":
            if args.integration_command == "add":
                project = site_setup.project_of(site_setup.apply(settings, site_setup.read(db)))
                print(integrations.add(db, args.name, project))
            elif args.integration_command == "list":
                _table(integrations.listing(db), ("name", "projectId", "revoked", "created", "lastUsed"))
            else:
                integrations.revoke(db, args.name)
                print(f"revoked {args.name}")
        elif args.command == "mobile":
            _mobile(args, db, settings)
        elif args.command == "licence":
            if args.licence_command == "set":
                licence.set_licence(db, args.max_kiosks, args.expires)
            print(json.dumps(licence.read(db), ensure_ascii=False))
        elif args.command == "import":
            reports = site_import.import_file(
                db, args.kind, args.file, dry_run=args.dry_run, project_id="", strict=args.strict
            )
            refused = any(r.outcome.refused for r in reports)
            applied = not args.dry_run and not (args.strict and refused)
            for line in site_import.describe(reports, args.dry_run, applied):
                print(line)
            if args.strict and refused and not args.dry_run:
                print("有被拒绝的行：--strict 下未写入任何数据")
            return 3 if refused else 0
        elif args.command == "export":
            counts = site_import.export_file(db, args.kind, args.file)
            print(json.dumps(counts, ensure_ascii=False))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    return 0


def _mobile(args: argparse.Namespace, db, settings) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import col, select

    from server import callers
    from server.envelope import ApiError
    from server.models import Notification
    from server.services import mobile_login
    from server.site import SiteContext

    if args.mobile_command == "session":
        sessions = callers.SessionTokens(SiteContext(settings).session_key)
        try:
            print(mobile_login.issue_session(db, sessions, person_id=args.person_id, phone=args.phone))
        except ApiError as exc:
            raise ValueError(exc.msg) from None
        return
    with db.read() as s:
        rows = s.exec(
            select(Notification).order_by(col(Notification.create_time).desc()).limit(args.limit)
        ).all()
    _table(
        [
            {"time": r.create_time, "kind": r.kind, "channel": r.channel, "status": r.status, "text": r.text}
            for r in rows
        ],
        ("time", "kind", "channel", "status", "text"),
    )


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
    if args.command in ADMIN_COMMANDS:
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
