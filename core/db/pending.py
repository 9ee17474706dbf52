"""Rows a transaction writes but never reads back (outbox messages from the notifier) wait in the
session and go in as one multi-row INSERT per table just before commit — several times cheaper than
an ORM object each when a bulk filing writes thousands. `Database.transaction` flushes them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession

_KEY = "pending_inserts"
_INSERTS: dict[type[Any], Insert] = {}


def insert_later(s: AsyncSession, model: type[Any], row: dict[str, Any]) -> None:
    s.info.setdefault(_KEY, {}).setdefault(model, []).append(row)


async def flush(s: AsyncSession) -> None:
    pending: dict[type[Any], list[dict[str, Any]]] = s.info.pop(_KEY, {})
    for model, rows in pending.items():
        # a Core insert on the table: the ORM's bulk INSERT leaves out None values, so rows that
        # alternate between null columns (a card with an edit_key, a resident's with an identity)
        # split into one-row groups and went in one statement each
        if model not in _INSERTS:
            _INSERTS[model] = insert(model.__table__)  # built once: every transaction that notifies runs it
        await s.execute(_INSERTS[model], rows)
