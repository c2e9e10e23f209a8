"""Schema management: Alembic migrations under server/migrations, applied at start.

Alembic (~0.2 s to import) loads only when the database is behind the scripts' head: the
check reads `alembic_version` and the scripts' revision lines as text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from server import leader
from server.db import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=]*)?=(.*)$", re.M)


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def script_heads() -> set[str]:
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None:
            return set()  # a script we cannot read this way: let Alembic decide
        revisions.add(revision.group(1))
        if down is not None:
            parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return revisions - parents


def applied_revisions(db: Database) -> set[str]:
    try:
        with db.engine.connect() as connection:
            return {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}
    except DBAPIError:  # no table yet: a new database
        return set()


def upgrade(db: Database) -> None:
    heads = script_heads()
    if heads and applied_revisions(db) == heads:
        return
    from alembic import command

    config = alembic_config(db.url)
    with db.engine.begin() as connection:
        leader.wait_for_turn(connection)  # several instances starting at once on PostgreSQL
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
