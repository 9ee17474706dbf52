"""Shared fixtures: every database test runs on SQLite, and on PostgreSQL when it is reachable.

Under CI=true PostgreSQL (127.0.0.1:5432, database `test`) and Redis must be there: a missing one
fails the run instead of skipping. Each pytest process (each pytest-xdist worker) works in its own
PostgreSQL schema, so two runs or workers on one server do not meet; tables are emptied between tests.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from bot.app import App, build_app
from core.clock import ManualClock
from core.config import Settings
from core.db.engine import Database
from core.db.migrate import upgrade
from core.db.models import Base
from core.keyvalue import RedisStore
from core.service import accounts

if TYPE_CHECKING:
    from tests.cli.workers_server import TwoWorkers

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SHANGHAI = ZoneInfo("Asia/Shanghai")
# Monday 2026-11-23 10:00 in Shanghai: a plain working day
START = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)


def _reachable_pg() -> str | None:
    """None if PostgreSQL answers, else the reason it does not."""

    async def probe() -> None:
        db = Database(PG_URL)
        try:
            async with db.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        finally:
            await db.dispose()

    try:
        asyncio.run(asyncio.wait_for(probe(), 5))
        return None
    except Exception as exc:  # any failure to connect means "not here"
        return f"{type(exc).__name__}: {exc}"


@pytest.fixture(scope="session", autouse=True)
def pinyin_table_loaded() -> None:
    """The pinyin table behind same-sound community typos loads once per process, on the first look (over two
    seconds on a loaded machine): loaded here, so hypothesis's per-example deadline and the bounded-time checks
    measure the input's cost, whichever test happens to read a typo first."""
    from core.text.address_typo import same_sound

    same_sound("幸", "杏")


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashes() -> Iterator[PasswordHasher]:
    """Desk passwords hashed with argon2id at its lowest cost. At the production cost (RFC 9106's
    64 MiB, three passes) each hash or check is 50-100 ms of CPU, and the desk tests set four
    passwords and log in at least once each: about a minute of a run. Hashing, checking, rehashing and
    the sessions' epochs go through the same code. Yields the production hasher, whose strength
    tests/cli/test_password_cost.py checks."""
    strong, dummy = accounts._HASHER, accounts._DUMMY_HASH
    accounts._HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    accounts._DUMMY_HASH = accounts._HASHER.hash("not a password anyone has")
    yield strong
    accounts._HASHER, accounts._DUMMY_HASH = strong, dummy


@pytest.fixture(scope="session")
def pg_schema() -> Iterator[str]:
    reason = _reachable_pg()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"CI=true but PostgreSQL at {PG_URL} is not reachable: {reason}")
        pytest.skip(f"PostgreSQL not reachable at {PG_URL} ({reason})")
    schema = f"t_{os.getpid()}_{uuid.uuid4().hex[:8]}"

    async def create() -> None:
        admin = Database(PG_URL)
        async with admin.engine.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        await admin.dispose()
        db = Database(PG_URL, schema=schema)
        await upgrade(db)
        await db.dispose()

    async def drop() -> None:
        admin = Database(PG_URL)
        async with admin.engine.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        await admin.dispose()

    asyncio.run(create())
    yield schema
    asyncio.run(drop())


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"

    async def create() -> None:
        db = Database(f"sqlite:///{path}")
        await upgrade(db)
        await db.dispose()

    asyncio.run(create())
    return path


@pytest.fixture(scope="session")
def pg_database(pg_schema: str) -> Iterator[str]:
    """A PostgreSQL database of its own, migrated, for what cannot be pointed at the tests' schema
    (`serve` as a subprocess, the doctor reading DATABASE_URL's own schema). One for the run, shared
    (what uses it keys its rows apart): DROP DATABASE forces a checkpoint, which on a busy server
    took a minute per test."""
    from tests.cli import workers_server

    url = workers_server.create_database(PG_URL)
    yield url
    workers_server.drop_database(PG_URL, url)


# Under pytest-xdist (pyproject's addopts) every worker process builds the session fixtures it needs
# itself. The tests that need the run's own PostgreSQL database go to one worker (--dist loadgroup):
# one CREATE DATABASE and one `serve --workers 2` for the run, as without xdist.
SHARED_ONCE = ("pg_database", "two_workers")


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(name in getattr(item, "fixturenames", ()) for name in SHARED_ONCE):
            item.add_marker(pytest.mark.xdist_group("pg_database"))


@pytest.fixture(scope="session")
def two_workers(pg_database: str, tmp_path_factory: pytest.TempPathFactory,
                unused_tcp_port_factory: Callable[[], int]) -> Iterator[TwoWorkers]:
    """`serve --workers 2` on `pg_database`, shared by the tests of several processes
    (tests/cli/workers_server.py); its teardown checks that SIGTERM stops them all."""
    from tests.cli import workers_server

    server = workers_server.start(pg_database, tmp_path_factory.mktemp("two_workers"), unused_tcp_port_factory())
    try:
        yield server
        code, survivors = server.stop()
        assert code == 0, server.output()
        assert not survivors, f"workers outlived serve: {survivors}"
    finally:
        if server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if backend == "sqlite":
        target = tmp_path / "test.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), target)
        return f"sqlite:///{target}"
    request.getfixturevalue("pg_schema")
    return PG_URL


# Empties the schema's tables between PostgreSQL tests, children first, and restarts their ids (as
# TRUNCATE … RESTART IDENTITY did). DELETE on the few rows a test leaves takes milliseconds where
# TRUNCATE of 27 tables, which replaces their files, took 0.4-0.8 s a test on a busy server; a table
# left with many rows (the query-plan test's 100,000) is truncated as well, so that no test after it
# scans the dead ones.
_EMPTY_TABLES = """DO $$
DECLARE t text; s text; n bigint;
BEGIN
  FOREACH t IN ARRAY ARRAY[TABLES] LOOP
    EXECUTE format('DELETE FROM %I', t);
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 1000 THEN EXECUTE format('TRUNCATE %I CASCADE', t); END IF;
  END LOOP;
  FOR s IN SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = current_schema() LOOP
    EXECUTE format('ALTER SEQUENCE %I RESTART', s);
  END LOOP;
END $$""".replace("TABLES", ", ".join(f"'{t.name}'" for t in reversed(Base.metadata.sorted_tables)))


@pytest.fixture
async def db(backend: str, db_url: str, request: pytest.FixtureRequest) -> AsyncIterator[Database]:
    schema = request.getfixturevalue("pg_schema") if backend == "postgresql" else None
    database = Database(db_url, schema=schema)
    if schema:
        async with database.engine.begin() as conn:
            await conn.execute(text(_EMPTY_TABLES))
    yield database
    await database.dispose()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url)


@pytest.fixture
async def app(settings: Settings, clock: ManualClock, db: Database) -> AsyncIterator[App]:
    application = build_app(settings, clock=clock, db=db)
    yield application


# the shared key-value store (core/keyvalue.py) in Redis, under a prefix of its own, emptied after
@pytest.fixture
async def redis_store(clock: ManualClock) -> AsyncIterator[RedisStore]:
    store = RedisStore(REDIS_URL, clock, prefix=f"test:{uuid.uuid4().hex}:")
    try:
        await store.redis.ping()
    except Exception as exc:  # not reachable: skip here, fail under CI
        await store.close()
        if IN_CI:
            pytest.fail(f"CI=true but Redis at {REDIS_URL} is not reachable: {exc}")
        pytest.skip(f"Redis not reachable at {REDIS_URL} ({exc})")
    yield store
    keys = [k async for k in store.redis.scan_iter(match=store.prefix + "*")]
    if keys:
        await store.redis.delete(*keys)
    await store.close()
