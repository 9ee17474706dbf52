import asyncio
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from core.db.engine import Database, async_url
from core.db.migrate import SchemaOutOfDate, current_revision, ensure_current, head_revision, upgrade
from core.db.models import Base
from core.service.numbering import allocate_number, format_number, parse_number


async def test_migrations_match_the_models(db: Database) -> None:
    assert await current_revision(db) == head_revision()

    def diff(conn: object) -> list[object]:
        context = MigrationContext.configure(conn, opts={"compare_type": True})  # type: ignore[arg-type]
        return list(compare_metadata(context, Base.metadata))

    async with db.engine.connect() as conn:
        assert await conn.run_sync(diff) == []


async def test_fresh_database_is_refused_until_upgraded(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}/fresh.db")
    try:
        with pytest.raises(SchemaOutOfDate, match="complaint-bot db upgrade"):
            await ensure_current(db)
        before, after = await upgrade(db)
        assert (before, after) == (None, head_revision())
        assert await upgrade(db) == (head_revision(), head_revision())  # idempotent
        await ensure_current(db)
    finally:
        await db.dispose()


async def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}/wal.db")
    try:
        async with db.engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
    finally:
        await db.dispose()


def test_database_urls() -> None:
    assert async_url("sqlite:///x.db") == "sqlite+aiosqlite:///x.db"
    assert async_url("postgresql://u:p@h/db") == "postgresql+asyncpg://u:p@h/db"
    assert async_url("postgres://h/db") == "postgresql+asyncpg://h/db"
    with pytest.raises(ValueError, match="unsupported"):
        async_url("mysql://h/db")


def test_ticket_numbers_are_typable_and_exact() -> None:
    assert format_number(date(2026, 11, 23), 42) == "261123-0042"
    assert format_number(date(2026, 11, 23), 12345) == "261123-12345"
    for typed in ("261123-0042", " 2611230042 ", "＃２６１１２３－００４２", "261123 0042", "261123 — 0042",
                  "261123_0042"):
        assert parse_number(typed) == "261123-0042", typed
    assert parse_number("261123-12345") == "261123-12345"
    # an argument that is not exactly a number is refused, never mined for one
    for typed in ("261204-0001' OR '1'='1", "查询 261123-0042", "编号261123 0042吧", "261123-0042;",
                  "261123-0042 261123-0043", "13812345678", "我家501", "261323-0001", "26112300421", ""):
        assert parse_number(typed) is None, typed


async def test_numbers_are_unique_under_concurrency(db: Database) -> None:
    day = date(2026, 11, 23)
    numbers = await asyncio.gather(*(allocate_number(db, day) for _ in range(30)))
    assert len(set(numbers)) == 30
    assert sorted(numbers) == [format_number(day, i) for i in range(1, 31)]
    assert await allocate_number(db, date(2026, 11, 24)) == "261124-0001"  # a new day starts again
