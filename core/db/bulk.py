"""New rows that a filing writes many of (residents, tickets, their events): one multi-row
`INSERT … RETURNING` per table instead of constructing each object and flushing it through the unit
of work — several times cheaper per row when a bulk import files hundreds in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached

M = TypeVar("M")
# Below this many rows the objects are built from the values we have (ids from RETURNING id):
# loading them from RETURNING every column costs less per row, but more for a chat's one row.
FEW = 8


# Built once per table: a statement runs from SQLAlchemy's compiled cache cheaply, but building it
# and computing its cache key again on every call costs as much as a small filing's rows.
_STATEMENTS: dict[tuple[str, type[Any]], Insert] = {}


def _returning_objects(model: type[Any]) -> Insert:
    key = ("objects", model)
    if key not in _STATEMENTS:
        _STATEMENTS[key] = insert(model).returning(model, sort_by_parameter_order=True)
    return _STATEMENTS[key]


def _returning_ids(model: type[Any]) -> Insert:
    key = ("ids", model)
    if key not in _STATEMENTS:
        table = model.__table__
        _STATEMENTS[key] = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return _STATEMENTS[key]


async def insert_returning(s: AsyncSession, model: type[M], rows: Sequence[dict[str, Any]]) -> list[M]:
    """INSERT `rows` (column values, the same keys in each) and return them as `model` objects, in
    order and in the session as after a flush. Python-side column defaults do not apply to a key
    given as None: give the value."""
    if not rows:
        return []
    if len(rows) < FEW:
        return await _insert_few(s, model, rows)
    statement = _returning_objects(model)
    # render_nulls keeps None values in the statement: otherwise rows whose NULL columns differ
    # are grouped apart and go in as several statements
    result = await s.scalars(statement, list(rows), execution_options={"render_nulls": True})
    return list(result)


async def insert_ids(s: AsyncSession, model: type[Any], rows: Sequence[dict[str, Any]]) -> list[int]:
    """INSERT `rows` (the same keys in each) into `model`'s table with Core and return their ids, in
    order: for rows the caller keeps only as plain values."""
    if not rows:
        return []
    return list((await s.execute(_returning_ids(model), list(rows))).scalars())


async def _insert_few(s: AsyncSession, model: type[M], rows: Sequence[dict[str, Any]]) -> list[M]:
    mapped: Any = model  # a mapped class: its table, and a constructor that takes the columns
    table = mapped.__table__
    defaulted = [c.key for c in table.columns if c.default is not None or c.server_default is not None]
    missing = [key for key in defaulted if key not in rows[0] and key != "id"]
    if missing:
        raise ValueError(f"{table.name}: give {', '.join(missing)} (a default would not show on the object)")
    # every column given (None where the row has none, as the database will have it), so that the
    # objects have nothing left to load
    full = [{**dict.fromkeys(c.key for c in table.columns if c.key != "id"), **row} for row in rows]
    objects: list[M] = []
    for values, new_id in zip(full, await insert_ids(s, model, full), strict=True):
        obj = mapped(**values, id=new_id)
        make_transient_to_detached(obj)
        s.add(obj)  # in the session, unchanged: as a flushed object is
        objects.append(obj)
    return objects
