"""Alembic migrations, driven from code (no alembic.ini): `complaint-bot db upgrade` calls `upgrade`,
`serve` calls `ensure_current`. For developers: `python -m core.db.migrate revision "message"`
autogenerates a new revision against a scratch SQLite database at head."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from core.db.engine import Database
from core.progress import SILENT, Progress

MIGRATIONS = Path(__file__).parent / "migrations"


class SchemaOutOfDate(RuntimeError):
    pass


def alembic_config(connection: Any = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head


async def current_revision(db: Database) -> str | None:
    async with db.engine.connect() as conn:
        return await conn.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())


async def upgrade(db: Database, revision: str = "head", progress: Progress = SILENT) -> tuple[str | None, str]:
    """Apply migrations up to `revision`. Returns (before, after)."""
    before = await current_revision(db)
    scripts = ScriptDirectory.from_config(alembic_config())
    steps = len(list(scripts.iterate_revisions(revision, before))) if revision == "head" else None
    progress.stage("migrations", steps)

    def apply(c: Any) -> None:
        config = alembic_config(c)
        config.attributes["on_version_apply"] = lambda **_: progress.advance()
        command.upgrade(config, revision)

    async with db.engine.begin() as conn:
        await conn.run_sync(apply)
    return before, (await current_revision(db)) or ""


async def ensure_current(db: Database) -> None:
    current, head = await current_revision(db), head_revision()
    if current != head:
        state = "empty" if current is None else f"at revision {current}"
        raise SchemaOutOfDate(
            f"the database schema is {state}, the code needs {head}: run `complaint-bot db upgrade` first"
        )


async def _autogenerate(message: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{tmp}/scratch.db")
        await upgrade(db)
        async with db.engine.begin() as conn:
            await conn.run_sync(
                lambda c: command.revision(alembic_config(c), message=message, autogenerate=True)
            )
        await db.dispose()


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "revision":
        sys.exit('usage: python -m core.db.migrate revision "message"')
    asyncio.run(_autogenerate(sys.argv[2]))
