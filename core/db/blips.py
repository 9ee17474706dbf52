"""Telling a database blip from a bug, and throwing a broken connection away.

A blip is an error that says nothing about the request: the server closed our connection (a
restart, a failover, `pg_terminate_backend`), the network dropped it, the pool had no connection
free in time, SQLite stayed locked past its busy timeout, PostgreSQL chose us as a deadlock's or a
serialization conflict's victim. The same work on a fresh connection a moment later may well
succeed; a bug would fail again the same way.

asyncpg reports a server-closed connection in several ways, and SQLAlchemy only notices some of
them (it asks the connection whether it is closed, which lags the error): a connection that got
`AdminShutdownError` could go back to the pool and fail the next task that took it with
`InternalClientError: cannot switch to state …; another operation … is in progress`. `install`
makes every such error invalidate the connection (and the pool's other connections, which the
same restart killed), so a retry gets a fresh one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncEngine

# asyncpg's classes by name (importing asyncpg here would load it for SQLite users too)
_BROKEN = frozenset({
    "ConnectionDoesNotExistError",  # the connection went away mid-operation
    "ConnectionFailureError",  # class 08: connection exceptions
    "PostgresConnectionError",
    "OperatorInterventionError",  # class 57: admin shutdown, crash shutdown, cannot connect now
    "AdminShutdownError",
    "CrashShutdownError",
    "CannotConnectNowError",
    "InternalClientError",  # a connection left mid-protocol by an earlier failure
    # the server forgot the connection's prepared statements (a `DISCARD ALL` behind the pool's back):
    # asyncpg's cache and SQLAlchemy's would name them on that connection forever
    "InvalidSQLStatementNameError",
    "ConnectionResetError", "ConnectionAbortedError", "BrokenPipeError", "ConnectionRefusedError",
})
_RETRY = frozenset({"SerializationError", "DeadlockDetectedError"})
# not "another operation is in progress" alone: two tasks sharing a session is our bug, not a blip
_BROKEN_WORDS = ("connection is closed", "connection was closed", "cannot switch to state")
_SQLITE_BUSY = ("database is locked", "database table is locked")


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception, the driver's error SQLAlchemy wrapped, and their causes."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop()
        if item is None or any(item is s for s in seen) or len(seen) > 10:
            continue
        seen.append(item)
        todo += [getattr(item, "orig", None), item.__cause__, item.__context__]
    return seen


def _names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def broken_connection(exc: BaseException) -> bool:
    """The connection this error came from cannot be used again."""
    for item in _chain(exc):
        if _names(item) & _BROKEN:
            return True
        if any(word in str(item) for word in _BROKEN_WORDS):
            return True
    return False


def is_transient(exc: BaseException) -> bool:
    """A blip: the same work may succeed if tried again on a fresh connection."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, PoolTimeout):
        return True
    if broken_connection(exc):
        return True
    for item in _chain(exc):
        if _names(item) & _RETRY:
            return True
        if type(item).__name__ == "OperationalError" and any(w in str(item) for w in _SQLITE_BUSY):
            return True
    return False


def install(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "handle_error")
    def on_error(context: Any) -> None:
        if not context.is_disconnect and broken_connection(context.original_exception):
            context.is_disconnect = True  # invalidated, never handed to the next task
