"""New rows that a filing writes many of and then only reads in memory (tickets, their events):
one multi-row `INSERT … RETURNING id` per table instead of the ORM's unit of work, which costs
several times more per object when a bulk import files hundreds in one transaction.

The objects stay ordinary mapped instances: afterwards they look as if just loaded (id set, every
column attribute present, no pending changes), detached rather than in the session — nothing in
the transaction looks them up again by identity."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value


async def insert_all(s: AsyncSession, objects: Sequence[Any]) -> None:
    """INSERT new (transient) objects of one mapped class, setting their ids."""
    if not objects:
        return
    mapper = inspect(type(objects[0]))
    table = mapper.local_table
    (pk,) = mapper.primary_key
    # attribute key -> column, the primary key left to the database
    columns = {prop.key: prop.columns[0] for prop in mapper.column_attrs if prop.columns[0] is not pk}
    rows = [{column.key: getattr(obj, key) for key, column in columns.items()} for obj in objects]
    for key, column in columns.items():
        # a column default would be skipped by an explicit NULL: callers set those values themselves
        if column.default is not None and any(row[column.key] is None for row in rows):
            raise ValueError(f"{table.name}.{key} left to its default; set it explicitly for a bulk insert")
    result = await s.execute(insert(table).returning(pk, sort_by_parameter_order=True), rows)
    for obj, row, new_id in zip(objects, rows, result.scalars(), strict=True):
        state = inspect(obj)
        for key, column in columns.items():
            if key not in state.dict:  # never set: NULL in the row, None on the object
                set_committed_value(obj, key, row[column.key])
        setattr(obj, pk.key, new_id)
        make_transient_to_detached(obj)
