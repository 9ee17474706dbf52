"""A dialog step's transaction on SQLite with no ORM session unless something asks for one, and its
Core statements straight to the connection (core/db/sqlite_driver.py), as PostgreSQL's step does
(core/db/pg_session.py, core/db/pg_fast.py).

A WeChat message's step on SQLite runs five or six statements (the claim, the window noted with the
state read, the answer stored, the state saved, what they wrote, the options shown). Each went
through SQLAlchemy's session and Connection: a greenlet, the compiled cache's look-up, an execution
context, a cursor, a result; and the transaction through the session's begin, commit and close.
Here `run` compiles a Core statement once with the engine's dialect, fills in its parameters through
their types' bind processors and runs it on the transaction's pool connection the driver's way
(inline when the driver judges it quick, else one trip to aiosqlite's thread), the rows through
the columns' result processors. The transaction: `BEGIN IMMEDIATE` goes with its first statement,
as the engine's `begin` listener has it; COMMIT or ROLLBACK on the driver; the connection checked in
through the pool.

What is kept of SQLAlchemy's: the types both ways; errors as SQLAlchemy's `DBAPIError` subclasses
(parameters hidden), the connection invalidated first when the error broke it; the engine's
`before_cursor_execute` and `commit` listeners (the tests' and benches' counts); the pool's events.
A statement this path does not take (parameters rendered at execution, such as expanding IN lists,
or Python-side column defaults to compute) and anything else asked of the session (`execute`,
`add`, `run_sync`, …) make the session, which joins the transaction under way (`LazySession`).
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

from sqlalchemy import exc
from sqlalchemy.util import greenlet_spawn

from core.db import pending, sqlite_driver
from core.db.blips import broken_connection
from core.db.pg_session import _LAZY, LazySession

BEGIN = "BEGIN IMMEDIATE"  # as core.db.engine's `begin` listener: two writers queue, neither fails
_NOT_HERE = object()  # a statement this path does not take
_CACHED = 512  # statements remembered (those a step runs are built once; more means built per call)


class Compiled:
    """A Core statement compiled for SQLite: its SQL, how to fill in its parameters, how to read its rows."""

    __slots__ = ("sql", "binds", "results", "row")

    def __init__(self, sql: str, binds: tuple[tuple[str, Any, Any], ...], results: tuple[Any, ...] | None,
                 row: Any) -> None:
        self.sql, self.binds, self.results, self.row = sql, binds, results, row

    def parameters(self, params: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(fill(self.binds, params))


def binds_of(c: Any) -> tuple[tuple[str, Any, Any], ...] | None:
    """A compiled statement's positional parameters: (name, bind processor, bindparam) each, or None
    when they are rendered or computed at execution (SQLAlchemy's execution context does that)."""
    if c.literal_execute_params or c.post_compile_params or c.insert_prefetch or c.update_prefetch \
            or c.escaped_bind_names or c.positiontup is None:
        return None
    processors = c._bind_processors
    return tuple((name, processors.get(name), c.binds[name]) for name in c.positiontup)


def fill(binds: tuple[tuple[str, Any, Any], ...], params: dict[str, Any]) -> list[Any]:
    """The values to send, in order: what `params` gives, else the statement's own (as
    `construct_params` fills them, without building the whole dict of every bind first)."""
    values = []
    for name, process, bind in binds:
        if name in params:
            value = params[name]
        elif bind.required:
            raise exc.InvalidRequestError(f"A value is required for bind parameter {name!r}")
        else:
            value = bind.effective_value
        values.append(value if process is None else process(value))
    return values


_compiled: dict[tuple[int, tuple[str, ...] | None], tuple[Any, Any]] = {}  # id → (statement kept alive, Compiled)


def compiled(statement: Any, dialect: Any, keys: tuple[str, ...] | None = None) -> Compiled | None:
    """`statement` compiled once (`keys`: an INSERT's columns given), or None: not for this path."""
    found = _compiled.get((id(statement), keys))
    if found is not None and found[0] is statement:
        made: Compiled | None = found[1] if found[1] is not _NOT_HERE else None
        return made
    made = _compile(statement, dialect, keys)
    if len(_compiled) >= _CACHED:
        _compiled.clear()  # statements built per call: start over
    _compiled[(id(statement), keys)] = (statement, _NOT_HERE if made is None else made)
    return made


def _compile(statement: Any, dialect: Any, keys: tuple[str, ...] | None) -> Compiled | None:
    c = statement.compile(dialect=dialect, column_keys=list(keys) if keys is not None else None)
    binds = binds_of(c)
    if binds is None:
        return None
    if not c._result_columns:
        return Compiled(c.string, binds, None, None)
    names = [entry[0] for entry in c._result_columns]
    try:
        row = _row_class(names)
    except ValueError:
        return None  # names a plain tuple cannot carry
    results = tuple(entry[3]._cached_result_processor(dialect, None) for entry in c._result_columns)
    return Compiled(c.string, binds, results, row)


def _row_class(names: list[str]) -> Any:
    base = namedtuple("Row", names)  # type: ignore[misc]  # attribute access, as SQLAlchemy's rows
    return type("Row", (base,), {"__slots__": (), "_mapping": property(lambda self: self._asdict())})


class Rows:
    """What a statement returned, read as a SQLAlchemy result is (the calls our callers make)."""

    __slots__ = ("_rows", "rowcount")

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows, self.rowcount = rows, rowcount

    def __iter__(self) -> Any:
        return iter(self._rows)

    def all(self) -> list[Any]:
        return list(self._rows)

    fetchall = all

    def first(self) -> Any:
        return self._rows[0] if self._rows else None

    def one_or_none(self) -> Any:
        if len(self._rows) > 1:
            raise exc.MultipleResultsFound("Multiple rows were found when one or none was required")
        return self.first()

    def one(self) -> Any:
        if not self._rows:
            raise exc.NoResultFound("No row was found when one was required")
        return self.one_or_none()

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None

    def scalar_one_or_none(self) -> Any:
        row = self.one_or_none()
        return None if row is None else row[0]

    def scalar_one(self) -> Any:
        return self.one()[0]

    def scalars(self) -> list[Any]:
        return [row[0] for row in self._rows]


class SqliteLazySession(LazySession):
    """`LazySession` on SQLite: the transaction's BEGIN goes with its first statement, its end on the driver."""

    async def raw_connection(self) -> Any:
        if self.__dict__[_LAZY].fairy is None:
            adapted: sqlite_driver.OneTripConnection = await super().raw_connection()
            adapted.begin_with_next(BEGIN)
        return self.__dict__[_LAZY].adapted

    async def flush_pending(self) -> None:
        """The rows held back for the end: a table's one row (what the resident wrote) straight to the
        driver while there is no session; more rows, and the rest, through the session (one INSERT)."""
        if self.lazy:
            held = pending.held(self)
            for model, rows in list(held.items()):
                if len(rows) == 1 and await run(self, pending.insert_of(model), rows[0], tuple(rows[0])) is not None:
                    del held[model]
        await pending.flush(self)

    async def _end_raw(self, raised: BaseException | None) -> None:
        """COMMIT (or ROLLBACK when the block raised) on the driver, then the connection checked in."""
        state = self.__dict__[_LAZY]
        if state.fairy is None:
            return  # no statement ran (or its connection broke and was thrown away): nothing to end
        adapted: sqlite_driver.OneTripConnection = state.adapted
        fairy = state.fairy
        adapted.begin = None  # a BEGIN still waiting for a statement: nothing to end
        try:
            if adapted._open():
                if raised is not None:
                    await adapted._connection.rollback()
                else:
                    await adapted._connection.commit()
        except Exception as error:
            if raised is not None or broken_connection(error) or _disconnect(self, error):
                await self.invalidate_raw(error)
            if raised is not None:
                return  # the block's own error is the one to see
            raise _translated(self, adapted, "COMMIT", error) from error
        except BaseException as error:  # cancelled mid-COMMIT: where the connection stands is unknown
            await self.invalidate_raw(error)
            raise
        finally:
            if state.fairy is not None:
                state.fairy = None
                await greenlet_spawn(fairy.close)  # checked in (the pool's events and its reset fire)
        if raised is None:
            for listener in self.sync_engine.dispatch.commit:
                listener(None)


async def run(s: SqliteLazySession, statement: Any, params: dict[str, Any],
              keys: tuple[str, ...] | None = None) -> Rows | None:
    """`statement` with `params` in `s`'s transaction, straight to the driver; None: not for this
    path (nothing ran), the caller goes through the session."""
    engine = s.sync_engine
    dialect = engine.dialect
    prepared = compiled(statement, dialect, keys)
    if prepared is None:
        return None
    args = prepared.parameters(params)
    adapted: sqlite_driver.OneTripConnection = await s.raw_connection()
    sql = prepared.sql
    dispatch = engine.dispatch
    if dispatch.before_cursor_execute:
        for listener in dispatch.before_cursor_execute:
            listener(None, None, sql, args, None, False)
    try:
        outcome = adapted.run_here(sql, args)
        if outcome is None:
            outcome = await sqlite_driver.run_on_thread(adapted, sql, args, False)
    except Exception as error:
        if broken_connection(error) or _disconnect(s, error):
            await s.invalidate_raw(error)
        raise _translated(s, adapted, sql, error) from error
    _description, rows, rowcount, _lastrowid = outcome
    if prepared.row is None:
        return Rows([], rowcount)
    row, results = prepared.row, prepared.results
    assert results is not None
    return Rows([row(*(value if process is None else process(value) for value, process in zip(r, results, strict=True)))
                 for r in rows], rowcount)


def _mapped(adapted: Any, error: Exception) -> Exception:
    """The driver's error as SQLAlchemy's adapter raises it (a closed aiosqlite connection's
    ValueError becomes sqlite3's OperationalError)."""
    try:
        adapted._handle_exception(error)
    except Exception as found:
        return found
    return error  # pragma: no cover  (the adapter always raises)


def _disconnect(s: SqliteLazySession, error: Exception) -> bool:
    state = s.__dict__[_LAZY]
    return bool(s.sync_engine.dialect.is_disconnect(_mapped(state.adapted, error), state.adapted, None))


def _translated(s: SqliteLazySession, adapted: Any, sql: str, error: Exception) -> Exception:
    dialect = s.sync_engine.dialect
    mapped = _mapped(adapted, error)
    return exc.DBAPIError.instance(sql, None, mapped, dialect.loaded_dbapi.Error, hide_parameters=True,
                                   connection_invalidated=broken_connection(error) or bool(
                                       dialect.is_disconnect(mapped, adapted, None)), dialect=dialect)
