"""Rows a transaction writes but never reads back (outbox messages from the notifier) wait in the
session and go in together per table just before commit — several times cheaper than an ORM object
each when a bulk filing writes thousands. `Database.transaction` flushes them."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, Insert, insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import Session

_KEY = "pending_inserts"
_INSERTS: dict[type[Any], Insert] = {}
COPY_FROM = 50  # rows; COPY takes two round trips, so a chat's few rows go in as a plain INSERT


def insert_later(s: AsyncSession, model: type[Any], row: dict[str, Any]) -> None:
    s.info.setdefault(_KEY, {}).setdefault(model, []).append(row)


def held(s: AsyncSession) -> dict[type[Any], list[dict[str, Any]]]:
    """The rows waiting for `flush`, by model (a caller that writes some itself takes them out)."""
    return s.info.get(_KEY, {})  # type: ignore[no-any-return]


def waiting(s: AsyncSession) -> bool:
    """Whether rows wait for `flush`."""
    return bool(s.info.get(_KEY))


async def flush(s: AsyncSession) -> None:
    pending: dict[type[Any], list[dict[str, Any]]] = s.info.pop(_KEY, {})
    for model, rows in pending.items():
        if len(rows) < COPY_FROM or not await _copy(await s.connection(), model, rows):
            # Core on the session's connection in one greenlet (a WeChat message's one row: the
            # ORM session's execute, after a greenlet for the connection, cost twice as much)
            await s.run_sync(_execute, insert_of(model), rows)


def _execute(session: Session, statement: Insert, rows: list[dict[str, Any]]) -> None:
    session.flush()  # the ORM's objects first, as the session's execute did (nothing to do: no statement)
    session.connection().execute(statement, rows)


def insert_of(model: type[Any]) -> Insert:
    # a Core insert on the table: the ORM's bulk INSERT leaves out None values, so rows that
    # alternate between null columns (a card with an edit_key, a resident's with an identity)
    # split into one-row groups and went in one statement each
    if model not in _INSERTS:
        _INSERTS[model] = insert(model.__table__)  # built once: every transaction that notifies runs it
    return _INSERTS[model]


async def _copy(conn: AsyncConnection, model: type[Any], rows: list[dict[str, Any]]) -> bool:
    """On PostgreSQL, COPY the rows (the same keys in each) into the table through the driver, in the
    transaction already under way: no statement to render and parse, and no per-value processing in
    SQLAlchemy, which cost more than the rows themselves. Returns False where it does not apply."""
    if conn.dialect.name != "postgresql" or len(rows) < COPY_FROM:
        return False
    driver = (await conn.get_raw_connection()).driver_connection
    if driver is None or not driver.is_in_transaction():
        return False  # never outside the caller's transaction
    table = model.__table__
    keys = list(rows[0])
    # JSON columns go to the driver as JSON text, as SQLAlchemy's own bind processing sends them
    as_json = [isinstance(table.c[key].type, JSON) for key in keys]
    records = [tuple(json.dumps(row[key]) if encode else row[key] for key, encode in zip(keys, as_json, strict=True))
               for row in rows]
    await driver.copy_records_to_table(table.name, records=records, columns=[table.c[key].name for key in keys])
    return True
