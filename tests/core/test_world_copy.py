"""The test world built once through the directory's services and copied into later tests'
databases (tests/world.py) is the world those services build: the same rows, and the same ids for
what a test adds afterwards (PostgreSQL's sequences go on from where the build left them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text

from bot.app import App
from core.db.models import Base
from core.enums import Role
from tests.conftest import _EMPTY_TABLES
from tests.world import World, _copy_in, _copy_out, build_world_by_services

# what differs between two builds by design: the codes are random (only their hash is kept), and
# the grids' token is new on every change (core/db/grid_version.py)
RANDOM = {("one_time_codes", "code_hash"), ("kv", "value"), ("kv", "updated_at")}


async def _rows(app: App) -> dict[str, list[dict[str, Any]]]:
    found = {}
    async with app.db.transaction() as s:
        for table in Base.metadata.sorted_tables:
            rows = (await s.execute(select(table).order_by(*table.primary_key.columns))).mappings()
            found[table.name] = [{k: v for k, v in r.items() if (table.name, k) not in RANDOM} for r in rows]
    return found


async def _emptied(app: App) -> None:
    async with app.db.engine.begin() as conn:
        if app.db.is_sqlite:
            for table in reversed(Base.metadata.sorted_tables):
                await conn.execute(table.delete())
        else:
            await conn.execute(text(_EMPTY_TABLES))


async def _with_one_more(app: App, world: World) -> dict[str, list[dict[str, Any]]]:
    """The world's rows after a test adds a grid, a worker and a group of its own."""
    await app.directory.add_grid("C", "新村网格", patterns=["新村"])
    added = await app.directory.add_staff("陈静", Role.WORKER, grids=["C", "A"])
    await app.directory.bind_group_direct("test", "group-C", "C")
    await app.directory.bind_staff_identity(added.id, "test", "w4")
    assert (world.worker.name, world.supervisor.role) == ("张伟", Role.SUPERVISOR)
    return await _rows(app)


async def test_a_copied_world_is_the_built_one(app: App) -> None:
    built = await build_world_by_services(app)
    copy = await _copy_out(app.db, built)
    by_services = await _with_one_more(app, built)
    await _emptied(app)
    copied = await _copy_in(app, copy)
    assert [(s.id, s.name, s.role) for s in (copied.worker, copied.worker2, copied.other_worker,
                                             copied.dispatcher, copied.supervisor)] == \
        [(s.id, s.name, s.role) for s in (built.worker, built.worker2, built.other_worker,
                                          built.dispatcher, built.supervisor)]
    assert await _with_one_more(app, copied) == by_services
    assert by_services["staff"] and by_services["group_bindings"]  # the comparison had rows to compare
