"""A dialog step's transaction on PostgreSQL with no ORM session unless something asks for one.

A WeChat message's step runs two statements, both straight to asyncpg (core/db/pg_fast.py). Around
them SQLAlchemy's session still began, committed and closed: an AsyncSession and its Session made,
a Connection made, a greenlet for each of its trips, the session's transaction state machine; about
0.5 M instructions a message, what a raw asyncpg transaction does in 0.3 M (docs/wechat.md, ninth
round). `LazySession` is an AsyncSession that is not one yet: `pg_fast.first` runs on the pool
connection it checks out, in a transaction begun the adapter's way (so that SQLAlchemy's adapter
knows it is open), and the end commits or rolls back on the driver and checks the connection in.
The first use of anything else (`execute`, `add`, `run_sync`, …) makes it the session it stands
for, on the same connection and in the same transaction, and from then on everything is as in
`Database.transaction`: the session commits or rolls back, its errors and invalidations are
SQLAlchemy's. Either way the transaction's work stands or falls together.

What the raw end keeps of SQLAlchemy's: a failed COMMIT raises SQLAlchemy's error (invalidated
first when it broke the connection); the engine's `commit` listeners hear the commit (tests and
benches count transactions); the pool's checkout and checkin events fire as they did.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import exc
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlalchemy.util import greenlet_spawn

from core.db import pending
from core.db.blips import broken_connection
from core.db.completion import to_completion

_LAZY = "_lazy_state"  # the instance attribute that holds what a not-yet session has


class _State:
    __slots__ = ("engine", "kw", "info", "fairy", "adapted", "materialized")

    def __init__(self, engine: AsyncEngine, kw: dict[str, Any]) -> None:
        self.engine, self.kw = engine, kw
        self.info: dict[Any, Any] = {}
        self.fairy: Any = None  # the pool's connection, once the first raw statement took one
        self.adapted: Any = None  # SQLAlchemy's asyncpg adapter on it (its lock, its transaction)
        self.materialized = False


class LazySession(AsyncSession):
    """An AsyncSession made on first use of anything but `info` (see the module's docstring)."""

    def __init__(self, engine: AsyncEngine, kw: dict[str, Any]) -> None:  # AsyncSession.__init__ deferred to first use
        self.__dict__[_LAZY] = _State(engine, kw)

    def __getattr__(self, name: str) -> Any:
        # only for what the instance does not have yet: AsyncSession's own attributes, made now
        if name == _LAZY or name.startswith("__"):
            raise AttributeError(name)
        self._materialize()
        return object.__getattribute__(self, name)

    @property  # a plain dict until the session exists
    def info(self) -> dict[Any, Any]:
        state: _State = self.__dict__[_LAZY]
        return self.sync_session.info if state.materialized else state.info

    @property
    def sync_engine(self) -> Any:
        """The engine's (its dialect, its listeners)."""
        return self.__dict__[_LAZY].engine.sync_engine

    @property
    def lazy(self) -> bool:
        """Not a session yet: statements go to the driver (`pg_fast.first`)."""
        return not self.__dict__[_LAZY].materialized

    def _materialize(self) -> None:
        state: _State = self.__dict__[_LAZY]
        if state.materialized:
            return
        bind: Any = state.engine
        if state.fairy is not None:  # the transaction is under way on this connection: the session joins it
            bind = AsyncConnection(state.engine, Connection(state.engine.sync_engine, connection=state.fairy))
        AsyncSession.__init__(self, bind, info=state.info, **{k: v for k, v in state.kw.items() if k != "bind"})
        self.sync_session.begin()  # no I/O (as `Database.transaction`'s)
        if state.fairy is not None:
            # the session's transaction takes the connection now (no I/O: asyncpg's BEGIN was sent), so
            # that its COMMIT is the one that ends the statements already run
            self.sync_session.connection()
        state.materialized = True  # (only once it is whole: else the end is still the driver's)

    async def flush_pending(self) -> None:
        """The rows held back for the end (core/db/pending.py), through the session."""
        await pending.flush(self)

    async def raw_connection(self) -> Any:
        """The adapter of the connection this transaction runs on, checked out on first use."""
        state: _State = self.__dict__[_LAZY]
        if state.fairy is None:
            sync_engine = state.engine.sync_engine
            try:
                state.fairy = await greenlet_spawn(sync_engine.pool.connect)
            except sync_engine.dialect.loaded_dbapi.Error as error:  # as engine.connect() raises it
                await greenlet_spawn(Connection._handle_dbapi_exception_noconnection, error, sync_engine.dialect,
                                     sync_engine)
            state.adapted = state.fairy.dbapi_connection
        return state.adapted

    async def invalidate_raw(self, error: BaseException) -> None:
        """The connection broke: thrown away (the pool's checkin with it), never used again."""
        state: _State = self.__dict__[_LAZY]
        fairy, state.fairy = state.fairy, None
        if fairy is not None:
            await greenlet_spawn(fairy.invalidate, error)

    async def _end_raw(self, raised: BaseException | None) -> None:
        """COMMIT (or ROLLBACK when the block raised) on the driver, then the connection checked in."""
        state: _State = self.__dict__[_LAZY]
        if state.fairy is None:
            return  # no statement ran (or its connection broke and was thrown away): nothing to end
        adapted, fairy = state.adapted, state.fairy
        try:
            async with adapted._execute_mutex:
                if adapted._transaction is not None:
                    end = adapted._transaction.rollback if raised is not None else adapted._transaction.commit
                    await adapted._call_and_discard(end)
        except Exception as error:
            if broken_connection(error) or raised is not None:  # a failed ROLLBACK: the connection is suspect
                await self.invalidate_raw(error)
            if raised is not None:
                return  # the block's own error is the one to see
            raise translated(error, state.engine.sync_engine.dialect, adapted, "COMMIT") from error
        except BaseException as error:  # cancelled mid-COMMIT: where the connection stands is unknown
            await self.invalidate_raw(error)
            raise
        finally:
            if state.fairy is not None:
                state.fairy = None
                await greenlet_spawn(fairy.close)  # checked in (the pool's events fire)
        if raised is None:
            dispatch = state.engine.sync_engine.dispatch
            for listener in dispatch.commit:
                listener(None)


def translated(error: Exception, dialect: Any, adapted: Any, sql: str) -> Exception:
    """`error` as SQLAlchemy would have raised it: its DBAPIError subclass for the driver's error."""
    dbapi = dialect.loaded_dbapi
    mapped: Exception = error
    if not isinstance(error, dbapi.Error):
        try:
            type(adapted)._handle_exception_no_connection(dbapi, error)
        except Exception as found:  # the adapter's DBAPI class for asyncpg's error
            mapped = found
    return exc.DBAPIError.instance(sql, None, mapped, dbapi.Error, hide_parameters=True,
                                   connection_invalidated=broken_connection(error), dialect=dialect)


@asynccontextmanager
async def transaction(engine: AsyncEngine, kw: dict[str, Any],
                      lazy: type[LazySession] | None = None) -> AsyncIterator[AsyncSession]:
    """`Database.transaction` with a `LazySession` (`lazy`: SQLite's, core/db/sqlite_step.py): commits
    when the block ends, rolls back if it raises, the connection checked in either way (even if the
    caller is cancelled meanwhile)."""
    session = (lazy or LazySession)(engine, kw)
    try:
        yield session
        if not session.lazy or pending.waiting(session):
            await session.flush_pending()  # rows held back for one multi-row INSERT
    except BaseException:
        await to_completion(_end(session, sys.exc_info()[1]))
        raise
    await _end(session, None)
    await asyncio.sleep(0)  # a turn of the loop, as `Database.transaction` gives the tasks waiting for a connection


async def _end(session: LazySession, raised: BaseException | None) -> None:
    if session.lazy:
        await session._end_raw(raised)
        return
    await session.run_sync(_end_session, raised)


def _end_session(sync_session: Any, raised: BaseException | None) -> None:
    """The session's end (as `Database.transaction`'s), and the connection it joined closed after it."""
    joined = sync_session.bind if isinstance(sync_session.bind, Connection) else None
    try:
        transaction = sync_session.get_transaction()
        if transaction is not None:
            if raised is not None:
                transaction.rollback()
            else:
                transaction.commit()
    finally:
        try:
            sync_session.close()
        finally:
            if joined is not None:
                joined.close()  # the pool's connection checked in
