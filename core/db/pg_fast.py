"""The two statements every WeChat message runs on PostgreSQL (the claim's CTE, the dialog state's
save with its riders), sent straight to asyncpg inside the session's transaction.

Through SQLAlchemy such a statement cost about 0.43 M instructions of this process (its layers:
greenlet switches, the compiled cache's look-up, an execution context, a cursor, a result), straight
to asyncpg 0.17 M (docs/wechat.md, eighth round). `Prepared` compiles a Core SELECT once with the engine's dialect;
`first` runs it on the connection the session's transaction holds, so BEGIN, COMMIT and ROLLBACK
stay SQLAlchemy's (the statement stands only if that transaction commits, as before).

What SQLAlchemy did around a statement and this module keeps:
- the transaction: the asyncpg adapter opens it lazily on a connection's first statement; if this
  one is first, it opens it the adapter's way (the adapter's lock, then `_start_transaction`);
- the types: each parameter through its type's bind processor, each column through its result
  processor (JSON, aware UTC datetimes), as compiled for the dialect;
- prepared statements: asyncpg's per-connection cache prepares each once per connection, so a new
  connection (a reconnect, a server restart) prepares again; a statement the server forgot
  (`DISCARD ALL` behind the pool's back) fails the try, and its connection is thrown away as broken;
- errors: wrapped as SQLAlchemy's (`sqlalchemy.exc.DBAPIError` subclasses, parameters hidden); one
  that breaks the connection invalidates it first, as core/db/blips.py has SQLAlchemy do;
- `before_cursor_execute` listeners still see the SQL (the tests' and the bench's statement counts).
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

from sqlalchemy import Select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from core.db.blips import broken_connection
from core.db.pg_session import LazySession, translated
from core.db.sqlite_step import binds_of, fill


class Prepared:
    """A Core SELECT (CTEs and all) compiled once, at its first run, for asyncpg."""

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement
        self._compiled: tuple[str, tuple[Any, ...], Any, tuple[Any, ...], Any] | None = None

    def compiled(self, dialect: Any) -> tuple[str, tuple[Any, ...], Any, tuple[Any, ...], Any]:
        if self._compiled is None:
            compiled = self.statement.compile(dialect=dialect)
            bind = binds_of(compiled)
            if bind is None:
                raise TypeError("pg_fast: IN lists and other parameters rendered at execution are not for this path")
            columns = list(self.statement.selected_columns)
            result = tuple(_result_processor(c, dialect) for c in columns)
            row = namedtuple("Row", [c.key for c in columns])  # type: ignore[misc]  # attribute access, as SQLAlchemy's
            self._compiled = (compiled.string, bind, compiled, result, row)
        return self._compiled


def _result_processor(column: Any, dialect: Any) -> Any:
    """The column's result processor as SQLAlchemy would use it. Without a cursor there is no
    driver type code to give it: a type that needs one (NUMERIC's) is not for this path."""
    try:
        return column.type.dialect_impl(dialect).result_processor(dialect, None)
    except Exception as exc:
        raise TypeError(f"pg_fast: column {column.key!r} ({column.type}) needs the driver's type code") from exc


def _connection(session: Session) -> tuple[Connection, Any]:
    connection = session.connection()  # the transaction's, checked out now if it is the first statement
    return connection, connection.connection.dbapi_connection


async def first(s: AsyncSession, prepared: Prepared, params: dict[str, Any]) -> Any:
    """The statement's first row (attributes named as its columns), or None, in `s`'s transaction."""
    lazy = s if isinstance(s, LazySession) and s.lazy else None
    if lazy is not None:  # no session: the transaction's pool connection, the engine's listeners
        connection: Any = None
        adapted = await lazy.raw_connection()
        dialect, dispatch = lazy.sync_engine.dialect, lazy.sync_engine.dispatch
    else:
        connection, adapted = await s.run_sync(_connection)
        dialect, dispatch = connection.dialect, connection.dispatch
    sql, bind, compiled, result, row = prepared.compiled(dialect)
    args = fill(bind, params)  # with the statement's own values
    if dispatch.before_cursor_execute:
        for listener in dispatch.before_cursor_execute:
            listener(connection, None, sql, args, None, False)
    try:
        async with adapted._execute_mutex:  # the adapter's: one operation at a time on its connection
            if adapted._transaction is None:
                await adapted._start_transaction()
            records = await adapted.driver_connection.fetch(sql, *args)
    except Exception as error:
        if lazy is not None:
            if broken_connection(error):
                await lazy.invalidate_raw(error)
            raise translated(error, dialect, adapted, sql) from error
        raise await _translated(s, connection, adapted, sql, error) from error
    if not records:
        return None
    record = records[0]
    return row(*(value if proc is None else proc(value) for value, proc in zip(record, result, strict=True)))


async def _translated(s: AsyncSession, connection: Connection, adapted: Any, sql: str,
                      error: Exception) -> Exception:
    """`error` as SQLAlchemy would have raised it: its DBAPIError subclass for the driver's error,
    the connection invalidated first when the error broke it (a retry then gets a fresh one)."""
    if broken_connection(error):
        await s.run_sync(lambda _: connection.invalidate(error))
    return translated(error, connection.dialect, adapted, sql)
