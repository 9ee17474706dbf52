"""SQLite through aiosqlite in one trip to its thread per statement.

aiosqlite runs each call on the connection's own thread, and SQLAlchemy's adapter makes three or
four such calls per statement (make a cursor, execute, fetch the rows, close the cursor), and
one more for the rollback a pooled connection gets when it goes back, transaction or not. Each
trip wakes that thread and then the event loop again, and together they were most of a webhook
message's CPU on SQLite (52 trips per message, 9 for the bare claim). Here one function runs
the whole statement on the thread and brings back what SQLAlchemy reads afterwards: the rows,
the description, rowcount and lastrowid. A transaction's BEGIN goes with its first statement
(`begin_with_next`), and a rollback or commit with no transaction open is skipped.

`create_engine` passes `dbapi()` as the engine's `module`; behaviour is the adapter's own (same
exceptions, same results), only the trips are fewer. Server-side cursors (`stream()`) keep the
adapter's own cursor.
"""

from __future__ import annotations

import collections
import sqlite3
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
    AsyncAdapt_aiosqlite_ss_cursor,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_

_Outcome = tuple[Any, list[Any], int, int | None]


def _run(raw: sqlite3.Connection, begin: str | None, operation: str, parameters: Any, many: bool) -> _Outcome:
    """On the connection's thread: the transaction's BEGIN if it is the first statement, and the
    statement, start to finish."""
    cursor = raw.cursor()
    try:
        if begin is not None:
            cursor.execute(begin)
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else []
        return description, rows, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


class OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A buffered cursor whose statement is one call on aiosqlite's thread."""

    __slots__ = ("_description", "_rowcount", "_lastrowid", "_arraysize")

    def __init__(self, adapt_connection: AsyncAdapt_aiosqlite_connection) -> None:
        # no aiosqlite cursor (the base class would fetch one from the thread)
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None
        self._arraysize = 1

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int:
        return self._lastrowid  # type: ignore[return-value]

    @property
    def arraysize(self) -> int:
        return self._arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._arraysize = value

    async def _async_soft_close(self) -> None:
        return None  # nothing is open on the thread

    def close(self) -> None:
        self._rows.clear()

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        self._trip(operation, parameters, many=False)

    def executemany(self, operation: Any, seq_of_parameters: Any) -> Any:
        self._trip(operation, seq_of_parameters, many=True)

    def _trip(self, operation: Any, parameters: Any, *, many: bool) -> None:
        try:
            outcome = await_(self._run_async(operation, parameters, many))
        except Exception as error:
            self._adapt_connection._handle_exception(error)
        self._description, rows, self._rowcount, self._lastrowid = outcome
        self._rows = collections.deque(rows)

    async def _run_async(self, operation: Any, parameters: Any, many: bool) -> _Outcome:
        adapted: OneTripConnection = self._adapt_connection  # type: ignore[assignment]
        async with adapted._execute_mutex:
            connection: aiosqlite.Connection = self._connection  # type: ignore[assignment]
            begin, adapted.begin = adapted.begin, None  # sent once, whatever the statement does
            result: _Outcome = await connection._execute(  # type: ignore[no-untyped-call]
                _run, connection._conn, begin, operation, parameters, many)
            return result

    def nextset(self) -> None:
        raise NotImplementedError("one statement per call")

    def setinputsizes(self, *inputsizes: Any) -> None:
        return None


class StreamCursor(AsyncAdapt_aiosqlite_ss_cursor):
    """The adapter's own server-side cursor (`stream()`), after the transaction's pending BEGIN."""

    __slots__ = ()

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        adapted: OneTripConnection = self._adapt_connection  # type: ignore[assignment]
        begin, adapted.begin = adapted.begin, None
        if begin is not None:
            connection: aiosqlite.Connection = self._connection  # type: ignore[assignment]
            try:
                await_(connection._execute(connection._conn.execute, begin))  # type: ignore[no-untyped-call]
            except Exception as error:
                adapted._handle_exception(error)
        return super().execute(operation, parameters)


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ("begin",)
    _cursor_cls = OneTripCursor  # type: ignore[assignment]
    _ss_cursor_cls = StreamCursor

    def __init__(self, dbapi: Any, connection: Any) -> None:
        super().__init__(dbapi, connection)
        self.begin: str | None = None  # a BEGIN that goes with the next statement

    def begin_with_next(self, statement: str) -> None:
        """Open the transaction with `statement` when the first statement in it runs (SQLite
        takes the write lock of BEGIN IMMEDIATE then, as it would have a trip earlier)."""
        self.begin = statement

    def rollback(self) -> None:
        # the pool's reset of every returned connection: nothing to undo after a commit (reading
        # in_transaction from this thread is safe: nothing runs on the connection meanwhile)
        self.begin = None
        if self._open():
            super().rollback()

    def commit(self) -> None:
        self.begin = None  # a transaction without a statement: nothing to commit
        if self._open():
            super().commit()

    def _open(self) -> bool:
        raw = self._connection._connection
        return raw is not None and bool(raw.in_transaction)


class OneTripDbapi(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> OneTripConnection:
        adapted = super().connect(*arg, **kw)
        return OneTripConnection(self, adapted._connection)


def dbapi() -> OneTripDbapi:
    return OneTripDbapi(aiosqlite, sqlite3)
