"""Opening the database: SQLite file by default (WAL), PostgreSQL when DATABASE_URL says so."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Executable, event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, SessionTransaction

from core.db import blips, pending, pg_session, sqlite_driver, sqlite_step
from core.db import grid_version as _grid_version  # noqa: F401  # its Session event gives changed grids a new token
from core.db.completion import to_completion
from core.db.fair_pool import FairAsyncPool

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_URL = "sqlite:///var/complaint-bot.db"


def async_url(url: str) -> str:
    """Accept the URLs people write (sqlite:///x.db, postgresql://…) and pick the async drivers."""
    parsed = make_url(url)
    driver = parsed.drivername
    if driver in ("sqlite", "sqlite+pysqlite"):
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif driver in ("postgresql", "postgres", "postgresql+psycopg2", "postgresql+psycopg"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    elif driver not in ("sqlite+aiosqlite", "postgresql+asyncpg"):
        raise ValueError(f"unsupported database URL scheme {driver!r}: use sqlite:/// or postgresql://")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, *, schema: str | None = None, echo: bool = False) -> AsyncEngine:
    """`schema` (PostgreSQL only) sets the search_path: tests use one schema per run."""
    url = async_url(url)
    # a failed statement's exception (and a log line quoting it) never carries its parameters: they
    # hold residents' words and phones
    kwargs: dict[str, Any] = {"echo": echo, "hide_parameters": True}
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": 30}
        # SQLite writes one transaction at a time anyway; with one connection the others wait their
        # turn in the pool's queue instead of in SQLite's busy handler, which sleeps in growing steps
        # and turns a burst of messages into seconds of latency
        kwargs.update(pool_size=1, max_overflow=0, pool_timeout=60)
        kwargs["module"] = sqlite_driver.dbapi()  # one trip to aiosqlite's thread per statement
    else:
        # No pre-ping: it costs a round trip on every checkout, and every message takes several.
        # After a server restart the first use of each stale connection fails once and SQLAlchemy
        # discards the whole pool (core/db/blips.py makes sure of it); every caller treats a failed
        # transaction as retryable: a dialog step is tried again on a fresh connection, and if that
        # fails too the webhook answers 5xx and the platform resends; the sender and timers try again.
        kwargs.update(pool_size=10, max_overflow=10, pool_recycle=1800)
        if schema:
            kwargs["connect_args"] = {"server_settings": {"search_path": schema}}
    kwargs["poolclass"] = FairAsyncPool  # no task left waiting for a connection for long
    engine = create_async_engine(url, **kwargs)
    blips.install(engine)
    if is_sqlite(url):
        _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below); the driver's implicit transactions would defer the
        # write lock and turn a concurrent claim into "database is locked" instead of a wait.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock at BEGIN: two writers queue up instead of one failing
        # when its read snapshot turns out stale. SQLite has one writer at a time anyway. It goes
        # to aiosqlite's thread with the transaction's first statement (one trip fewer).
        adapted = connection.connection.dbapi_connection
        if isinstance(adapted, sqlite_driver.OneTripConnection):
            if not adapted._open():  # (open: a session joining a step's transaction begun on the driver)
                adapted.begin_with_next(sqlite_step.BEGIN)
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """The engine and the session factory; `transaction()` is the unit of work."""

    def __init__(self, url: str, *, schema: str | None = None, echo: bool = False) -> None:
        self.url = async_url(url)
        self._sqlite = is_sqlite(self.url)  # asked on every message: the URL parsed once
        self.schema = schema
        self.engine = create_engine(url, schema=schema, echo=echo)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False, autoflush=True)

    @property
    def is_sqlite(self) -> bool:
        return self._sqlite

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One transaction: commits when the block ends, rolls back if it raises; the session is
        closed either way. (What `async with sessions() as s, s.begin()` does, in one greenlet
        for the end instead of three and a task: a message runs several transactions.)"""
        session = self.sessions()
        began = session.sync_session.begin()  # no I/O: the first statement takes the connection
        try:
            yield session
            await pending.flush(session)  # rows held back for one multi-row INSERT
        except BaseException:
            # rolled back and closed even if the caller is cancelled meanwhile (as the session's
            # own `async with` does it)
            await to_completion(session.run_sync(_end, began, sys.exc_info()))
            raise
        await session.run_sync(_end, began, (None, None, None))
        # one turn of the loop, as the session's own `async with` took (its close ran in a task):
        # a task waiting for the connection takes it before this one can ask for it again (with
        # SQLite's single connection, a task going from one transaction to the next would
        # otherwise keep it from the others)
        await asyncio.sleep(0)

    def step_transaction(self) -> AbstractAsyncContextManager[AsyncSession]:
        """`transaction()` for a step whose statements go straight to the driver (a dialog step):
        its session is made only if something asks for one (core/db/pg_session.py, core/db/sqlite_step.py)."""
        return pg_session.transaction(self.engine, self.sessions.kw,
                                      sqlite_step.SqliteLazySession if self._sqlite else pg_session.LazySession)

    @asynccontextmanager
    async def using(self, session: AsyncSession | None) -> AsyncIterator[AsyncSession]:
        """The caller's transaction when it passes one (several small steps, one commit — what a
        webhook answering within seconds needs), else a transaction of its own."""
        if session is not None:
            yield session
            return
        async with self.transaction() as s:
            yield s

    async def refresh_statistics(self) -> None:
        """Tell the planner how big the tables are now. Without statistics, SQLite reads every open
        ticket through the status index and sorts them for the open queue: 74 ms at 100,000 open
        tickets, growing with them, against 3 ms from the open-deadline index. PostgreSQL sorted
        the overdue list from a bitmap scan: 37 ms, against 5 ms. PostgreSQL's autovacuum analyses in
        time, but only after a table has changed by a tenth. SQLite's run reads the tables (40 ms
        at 100,000 tickets, about half a second at a million, once an hour); PostgreSQL's samples."""
        async with self.engine.begin() as conn:  # the statistics are rows: commit them
            if self.is_sqlite:
                # in full: a sample (analysis_limit) saw only the first few hundred entries of the
                # status index, took every status for rare and kept the sort
                await conn.exec_driver_sql("ANALYZE")
            else:
                await conn.exec_driver_sql("ANALYZE tickets, ticket_events, outbox")

    async def dispose(self) -> None:
        await self.engine.dispose()


def _end(session: Session, began: SessionTransaction, raised: Any) -> None:
    """Commit (or roll back, when `raised` holds an exception) and close."""
    try:
        began.__exit__(*raised)
    finally:
        session.close()


def _execute(session: Session, statement: Executable, params: dict[str, Any]) -> CursorResult[Any]:
    return session.connection().execute(statement, params)


async def run_core(s: AsyncSession, statement: Executable, params: dict[str, Any]) -> CursorResult[Any]:
    """A prebuilt Core statement on the session's connection: past the ORM layer, which would take
    an INSERT with parameters for a bulk insert of objects (and costs a little on every call). One
    greenlet for the whole (`await s.connection()`, then its `execute`, made two). In a SQLite step's
    transaction with no session yet, straight to the driver (core/db/sqlite_step.py)."""
    if type(s) is sqlite_step.SqliteLazySession and s.lazy:
        rows = await sqlite_step.run(s, statement, params)
        if rows is not None:
            return cast("CursorResult[Any]", rows)  # read as one (first, one_or_none, rowcount, …)
    return await s.run_sync(_execute, statement, params)


def dialect_insert(sqlite: bool) -> Any:
    """The INSERT with ON CONFLICT of the database in use (SQLite's or PostgreSQL's)."""
    return sqlite_insert if sqlite else pg_insert


async def per_transaction(s: AsyncSession, cache: str, key: Any, load: Callable[[], Awaitable[T]]) -> T:
    """`load()` once per transaction and `key`: what does not change inside one transaction (grids,
    group bindings, staff) is asked for again and again by a bulk filing's notifications."""
    found: dict[Any, T] = s.info.setdefault(cache, {})
    if key not in found:
        found[key] = await load()
    return found[key]
