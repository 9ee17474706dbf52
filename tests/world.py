"""A small community for tests: two grids, their workers, a dispatcher, a supervisor, and group
chats on a test channel."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import exists, insert, literal, select, text, union_all

from bot.app import App
from core.clock import ManualClock
from core.db import grid_version
from core.db.engine import Database
from core.db.models import Base, KeyValue, Staff
from core.enums import Kind, Role
from core.service.actor import Actor
from core.service.tickets import NewTicket

CHANNEL = "test"


@dataclass
class World:
    app: App
    worker: Staff  # grid A
    worker2: Staff  # grid A
    other_worker: Staff  # grid B
    dispatcher: Staff
    supervisor: Staff

    def actor(self, staff: Staff) -> Actor:
        return Actor.staff(staff.id, Role(staff.role))

    async def file(self, text: str = "3栋楼道灯坏了一个星期了", *, who: str = "resident-1",
                   grid: str | None = "A", **kwargs: object) -> str:
        new = NewTicket(description=text, channel=CHANNEL, external_id=who, grid_code=grid,
                        category=kwargs.pop("category", "工程维修"),  # type: ignore[arg-type]
                        contact_phone=kwargs.pop("contact_phone", "13812345678"),  # type: ignore[arg-type]
                        # tests state the kind; the classifier's guess is tested on its own
                        kind=kwargs.pop("kind", Kind.COMPLAINT),  # type: ignore[arg-type]
                        **kwargs)  # type: ignore[arg-type]
        t = await self.app.tickets.file(new)
        return t.number

    async def resident(self, who: str = "resident-1") -> Actor:
        from core.service.tickets import identify_resident

        async with self.app.db.transaction() as s:
            r, i = await identify_resident(s, CHANNEL, who, None, self.app.clock.now())
            return Actor.resident(r.id, i.id)


@dataclass(frozen=True)
class _Copy:
    """The rows the services wrote for the world on an empty database, and PostgreSQL's sequences."""

    rows: dict[str, list[dict[str, Any]]]
    sequences: dict[str, int]
    staff_ids: tuple[int, ...]


# by dialect and the clock's time at building (the rows hold it): one build through the services per
# database kind and run, later worlds are the same rows copied in (about a quarter of a dialog test's
# time on PostgreSQL went to the 30-odd transactions of building it)
_COPIES: dict[tuple[str, datetime], _Copy] = {}


async def build_world(app: App) -> World:
    """The world through the directory's services; on an empty database, with the clock where the
    first build had it, the rows that build wrote, copied (tests/core/test_world_copy.py checks
    that a copy is the build)."""
    key = (app.db.engine.dialect.name, app.clock.now())
    if not isinstance(app.clock, ManualClock) or not await _empty(app.db):
        return await build_world_by_services(app)
    if key in _COPIES:
        return await _copy_in(app, _COPIES[key])
    world = await build_world_by_services(app)
    _COPIES[key] = await _copy_out(app.db, world)
    return world


async def _empty(db: Database) -> bool:
    tables = Base.metadata.sorted_tables
    query = union_all(*(select(literal(1)).where(exists(select(literal(1)).select_from(t))) for t in tables))
    async with db.transaction() as s:
        return (await s.execute(query)).first() is None


async def _copy_out(db: Database, world: World) -> _Copy:
    rows: dict[str, list[dict[str, Any]]] = {}
    async with db.transaction() as s:
        for table in Base.metadata.sorted_tables:
            found = [dict(r) for r in (await s.execute(select(table))).mappings()]
            if found:
                rows[table.name] = found
        sequences = {} if db.is_sqlite else {name: int(value) for name, value in (await s.execute(text(
            "SELECT sequencename, last_value FROM pg_sequences"
            " WHERE schemaname = current_schema() AND last_value IS NOT NULL"))).all()}
    staff = (world.worker, world.worker2, world.other_worker, world.dispatcher, world.supervisor)
    return _Copy(rows, sequences, tuple(x.id for x in staff))


async def _copy_in(app: App, copy: _Copy) -> World:
    async with app.db.transaction() as s:
        for table in Base.metadata.sorted_tables:
            rows = copy.rows.get(table.name)
            if table.name == KeyValue.__tablename__ and rows:
                # a token of its own, as a build would have written (core/db/grid_version.py)
                rows = [{**r, "value": secrets.token_hex(8)} if r["key"] == grid_version.KEY else r for r in rows]
            if rows:
                await s.execute(insert(table), rows)
        for name, value in copy.sequences.items():
            await s.execute(text("SELECT setval(CAST(:name AS regclass), :value)"), {"name": name, "value": value})
        found = {x.id: x for x in (await s.execute(select(Staff).where(Staff.id.in_(copy.staff_ids)))).scalars()}
    return World(app, *(found[i] for i in copy.staff_ids))


async def build_world_by_services(app: App) -> World:
    d = app.directory
    await d.add_grid("A", "幸福里网格", patterns=["幸福里小区"])
    await d.add_grid("B", "阳光花园网格", patterns=["阳光花园"])
    w1 = await d.add_staff("张伟", Role.WORKER, grids=["A"], department="维修")
    w2 = await d.add_staff("李娜", Role.WORKER, grids=["A"], department="保洁")
    w3 = await d.add_staff("王强", Role.WORKER, grids=["B"])
    disp = await d.add_staff("赵敏", Role.DISPATCHER)
    sup = await d.add_staff("孙主任", Role.SUPERVISOR)
    await d.bind_group_direct(CHANNEL, "group-A", "A")
    await d.bind_group_direct(CHANNEL, "group-B", "B")
    await d.bind_group_direct(CHANNEL, "group-sup", "supervisors")
    await d.bind_group_direct(CHANNEL, "group-desk", "dispatchers")
    for staff, ext in ((w1, "w1"), (w2, "w2"), (w3, "w3"), (disp, "d1"), (sup, "s1")):
        await d.bind_staff_identity(staff.id, CHANNEL, ext)
    return World(app, w1, w2, w3, disp, sup)
