"""The grids' version: a token in the `kv` table that changes in the same transaction as any change
to the grids written through the ORM (every grid writer in the app: `grid add`, the grid import,
the demo). A process may then keep the active grids it read, and read them again only when the
token it sees differs (`core.service.chats`, `bot/conversation/context.py`): every dialog step
needs the grids, and they hardly ever change. The token is read in a statement that runs anyway
(WeChat: the one that notes the person wrote, core/inbound.py), so that keeping them costs no
statement. An edit made outside the app (SQL by hand) does not change the token: a process reads
the grids again at least every `MAX_AGE` seconds whatever it says.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from core.db.models import Grid, KeyValue

KEY = "grids:version"
MAX_AGE = 60.0  # seconds a process keeps the grids it read, whatever the token says

# the token as a column of a statement that runs anyway ('' until the grids first change)
VERSION = func.coalesce(select(KeyValue.value).where(KeyValue.key == KEY).scalar_subquery(), "").label(
    "grids_version")


@event.listens_for(Session, "after_flush")
def _bump(session: Session, _flush_context: Any) -> None:
    """A flush that wrote a grid (new, changed or deleted: the session still lists them here)
    gives the grids a new token, in the same transaction."""
    def grids(objects: Any) -> list[Grid]:
        return [o for o in objects if isinstance(o, Grid)]

    if not (grids(session.new) or grids(session.deleted) or any(session.is_modified(g) for g in grids(session.dirty))):
        return
    connection = session.connection()
    insert = (sqlite_insert if connection.dialect.name == "sqlite" else pg_insert)(KeyValue).values(
        key=KEY, value=secrets.token_hex(8), expires_at=None, updated_at=datetime.now(UTC))
    connection.execute(insert.on_conflict_do_update(index_elements=[KeyValue.key], set_={
        "value": insert.excluded.value, "updated_at": insert.excluded.updated_at}))
