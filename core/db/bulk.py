"""New rows that a filing writes many of (tickets, their events): one multi-row
`INSERT … RETURNING` per table, through the ORM's bulk INSERT, instead of constructing each object
and flushing it through the unit of work — several times cheaper per row when a bulk import files
hundreds in one transaction. The objects come back loaded from the RETURNING rows and in the
session, as after a flush."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

M = TypeVar("M")


async def insert_returning(s: AsyncSession, model: type[M], rows: Sequence[dict[str, Any]]) -> list[M]:
    """INSERT `rows` (column values, the same keys in each) and return them as `model` objects, in
    order. Python-side column defaults do not apply to a key given as None: give the value."""
    if not rows:
        return []
    statement = insert(model).returning(model, sort_by_parameter_order=True)
    # render_nulls keeps None values in the statement: otherwise rows whose NULL columns differ
    # are grouped apart and go in as several statements
    result = await s.scalars(statement, list(rows), execution_options={"render_nulls": True})
    return list(result)
