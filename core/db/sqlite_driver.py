"""SQLite through aiosqlite in one trip to its thread per statement.

aiosqlite runs each call on the connection's own thread, and SQLAlchemy's adapter makes three or
four such calls per statement (make a cursor, execute, fetch the rows, close the cursor), and
one more for the rollback a pooled connection gets when it goes back, transaction or not. Each
trip wakes that thread and then the event loop again, and together they were most of a webhook
message's CPU on SQLite (52 trips per message, 9 for the bare claim). Here one function runs
the whole statement on the thread and brings back what SQLAlchemy reads afterwards: the rows,
the description, rowcount and lastrowid. A transaction's BEGIN goes with its first statement
(`begin_with_next`), and a rollback or commit with no transaction open is skipped.

Inside a transaction already open (its `BEGIN IMMEDIATE` has run, so this connection holds the
write lock and no statement can wait for another's), a statement known to be quick runs right
here on the event loop's thread: no trip at all. So does the transaction's BEGIN with its first
statement, when the write lock is free (tried without waiting; if another connection holds it,
BEGIN waits for it on the thread, as before). A trip costs more CPU than such a statement
(waking the thread, then the loop through its self-pipe), and a webhook message made thirteen of
them. "Known to be quick": its SQL has run before and never worked longer than `INLINE_LIMIT`
(CPU time of the thread running it), and, run here, did not take longer than `WAIT_LIMIT`
(elapsed: a disk) `WAITS` times in a row; a statement that ever is slow goes back to the thread
for good. Elapsed time on aiosqlite's thread says nothing (it waits there for the GIL behind the
loop's Python, and at the start of a burst for a core too: judged by elapsed time, a saturation
run of the webhook ended with the claim and two more of its five statements on the thread, the
floor with its one); nor does one wait alone here (the GIL, a busy machine). A SELECT run here
is interrupted past `INLINE_LIMIT` elapsed and run again on the thread (a read rolls nothing
back); judged as above. executemany, COMMIT (which may checkpoint the WAL and sync) and
ROLLBACK always take the trip.

`create_engine` passes `dbapi()` as the engine's `module`; behaviour is the adapter's own (same
exceptions, same results), only the trips are fewer. Server-side cursors (`stream()`) keep the
adapter's own cursor.
"""

from __future__ import annotations

import collections
import sqlite3
import time
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

INLINE_LIMIT = 0.002  # seconds of CPU: a statement that ever works longer never runs on the loop's thread again
WAIT_LIMIT = 0.02  # seconds elapsed, run inline: beyond GIL switches (5 ms) and a busy machine's turns
WAITS = 3  # runs in a row that long: slow for good (waiting on a disk)
SLOW = -1  # in `speeds`: never inline again; else how many inline runs in a row took past WAIT_LIMIT
_LOOK_EVERY = 1000  # SQLite virtual-machine steps between looks at the clock in a SELECT run inline
_REMEMBERED = 4096  # statements' SQL whose speed is remembered (the statement cache holds far fewer)


def _run(raw: sqlite3.Connection, begin: str | None, operation: str, parameters: Any, many: bool,
         speeds: dict[str, int] | None = None, inline: bool = False) -> _Outcome:
    """The transaction's BEGIN if it is the first statement, and the statement, start to finish
    (on the connection's thread, or `inline`). With `speeds`, whether it was quick is noted there."""
    cursor = raw.cursor()
    try:
        if begin is not None:
            cursor.execute(begin)
        started, worked = time.perf_counter(), time.thread_time()
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else []
        if speeds is not None:
            _note(speeds, operation, time.thread_time() - worked, time.perf_counter() - started if inline else None)
        return description, rows, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


def _note(speeds: dict[str, int], operation: str, worked: float, took: float | None) -> None:
    """Remember whether `operation` was quick (`worked`: CPU seconds; `took`: elapsed, when run
    inline); once slow, slow for good (a dict: safe from either thread)."""
    before = speeds.get(operation, 0)
    if before == SLOW or worked > INLINE_LIMIT:
        after = SLOW
    elif took is not None and took > WAIT_LIMIT:
        after = before + 1 if before + 1 < WAITS else SLOW
    else:
        after = 0
    if operation not in speeds and len(speeds) >= _REMEMBERED:
        speeds.clear()  # a flood of one-off statements (built per call): start over
    speeds[operation] = after


async def _ready(value: Any) -> Any:
    """An awaitable already done: `await_` on it costs no turn of the event loop."""
    return value


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
        adapted: OneTripConnection = self._adapt_connection  # type: ignore[assignment]
        try:
            outcome = adapted.run_here(operation, parameters) if not many else None
            if outcome is None:
                outcome = await_(self._run_async(operation, parameters, many))
            else:
                # still through `await_`: SQLAlchemy's async layer insists that every statement awaits
                outcome = await_(_ready(outcome))
        except Exception as error:
            adapted._handle_exception(error)
        self._description, rows, self._rowcount, self._lastrowid = outcome
        self._rows = collections.deque(rows)

    async def _run_async(self, operation: Any, parameters: Any, many: bool) -> _Outcome:
        return await run_on_thread(self._adapt_connection, operation, parameters, many)  # type: ignore[arg-type]

    def nextset(self) -> None:
        raise NotImplementedError("one statement per call")

    def setinputsizes(self, *inputsizes: Any) -> None:
        return None


async def run_on_thread(adapted: OneTripConnection, operation: Any, parameters: Any, many: bool) -> _Outcome:
    """The statement (after the transaction's pending BEGIN) in one trip to aiosqlite's thread."""
    async with adapted._execute_mutex:
        connection: aiosqlite.Connection = adapted._connection  # type: ignore[assignment]
        begin, adapted.begin = adapted.begin, None  # sent once, whatever the statement does
        result: _Outcome = await connection._execute(  # type: ignore[no-untyped-call]
            _run, connection._conn, begin, operation, parameters, many, None if many else adapted.speeds)
        return result


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
    __slots__ = ("begin", "speeds", "busy_ms")
    _cursor_cls = OneTripCursor  # type: ignore[assignment]
    _ss_cursor_cls = StreamCursor

    def __init__(self, dbapi: Any, connection: Any) -> None:
        super().__init__(dbapi, connection)
        self.begin: str | None = None  # a BEGIN that goes with the next statement
        self.speeds: dict[str, int] = dbapi.speeds  # SQL → SLOW or not (shared by the engine's connections)
        self.busy_ms: int | None = None  # the connection's busy timeout, read when first needed

    def run_here(self, operation: str, parameters: Any) -> _Outcome | None:
        """`operation` run on this (the event loop's) thread when that is safe and known to be
        quick; None: take the trip."""
        raw: sqlite3.Connection | None = self._connection._connection
        if raw is None or self._execute_mutex.locked() or self.speeds.get(operation, SLOW) == SLOW:
            return None
        if self.begin is not None:
            if raw.in_transaction or not self._begin_here(raw, self.begin):
                return None
        elif not raw.in_transaction:
            return None
        if not operation.lstrip()[:6].upper() == "SELECT":
            return _run(raw, None, operation, parameters, False, self.speeds, inline=True)
        started, worked = time.perf_counter(), time.thread_time()
        deadline = started + INLINE_LIMIT
        raw.set_progress_handler(lambda: time.perf_counter() > deadline, _LOOK_EVERY)
        try:
            return _run(raw, None, operation, parameters, False, self.speeds, inline=True)
        except sqlite3.OperationalError:
            if time.perf_counter() <= deadline:
                raise  # not our interruption
            # past the limit: again on the thread (the transaction goes on); slow for good if it
            # was working most of that time (not when the machine gave this thread no core)
            if time.thread_time() - worked > INLINE_LIMIT / 2:
                self.speeds[operation] = SLOW
            return None
        finally:
            raw.set_progress_handler(None, 0)

    def begin_with_next(self, statement: str) -> None:
        """Open the transaction with `statement` when the first statement in it runs (SQLite
        takes the write lock of BEGIN IMMEDIATE then, as it would have a trip earlier)."""
        self.begin = statement

    def _begin_here(self, raw: sqlite3.Connection, begin: str) -> bool:
        """The transaction's BEGIN here if the write lock is free now (False: another connection
        holds it, and BEGIN waits for it on the thread as before)."""
        if self.busy_ms is None:
            self.busy_ms = int(raw.execute("PRAGMA busy_timeout").fetchone()[0])
        raw.execute("PRAGMA busy_timeout = 0")
        try:
            raw.execute(begin)
        except sqlite3.OperationalError:
            return False
        finally:
            raw.execute(f"PRAGMA busy_timeout = {self.busy_ms}")
        self.begin = None
        return True

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
    def __init__(self, aiosqlite: Any, sqlite: Any) -> None:
        super().__init__(aiosqlite, sqlite)
        self.speeds: dict[str, int] = {}

    def connect(self, *arg: Any, **kw: Any) -> OneTripConnection:
        # made on aiosqlite's thread, used there and (statements run inline) on the event loop's,
        # never by both at once
        kw.setdefault("check_same_thread", False)
        adapted = super().connect(*arg, **kw)
        return OneTripConnection(self, adapted._connection)


def dbapi() -> OneTripDbapi:
    return OneTripDbapi(aiosqlite, sqlite3)
