"""The database pool's use, kept by the pool's own events, so each process reports its pool without
being asked: connections open (connect / close) and in use (checkout / checkin)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event

from bot.metrics.instruments import instruments
from core.db.engine import Database


def watch(db: Database) -> None:
    pool = db.engine.sync_engine.pool
    metrics = instruments()
    size = getattr(pool, "size", None)
    if callable(size):
        metrics.pool_limit.inc(size() + max(0, getattr(pool, "_max_overflow", 0)))
    in_use, opened = metrics.pool_connections.labels("in_use"), metrics.pool_connections.labels("open")
    if hasattr(pool, "checkedout"):  # what the pool already holds (a warm-up before serve)
        in_use.inc(pool.checkedout())
        opened.inc(pool.checkedout() + pool.checkedin())
    handlers: dict[str, Callable[..., None]] = {
        "checkout": lambda *_: in_use.inc(),
        "checkin": lambda *_: in_use.dec(),
        "connect": lambda *_: opened.inc(),
        "close": lambda *_: opened.dec(),  # a pooled connection closed (recycled, invalidated, disposed)
        "close_detached": lambda *_: opened.dec(),
    }
    for name, handler in handlers.items():
        event.listen(pool, name, handler)
