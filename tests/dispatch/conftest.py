from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.app import App
from core.db.models import OutboxMessage, Ticket, TicketEvent
from core.dispatch.assessor import ClassifierAssessor
from core.dispatch.evaluation import bench_index
from core.dispatch.router import GridIndex
from tests.world import World, build_world


@pytest.fixture(scope="session")
def index() -> GridIndex:
    """The benchmark district (core/dispatch/data/bench_grids.toml), in memory."""
    return bench_index()


@pytest.fixture(scope="session")
def assessor() -> ClassifierAssessor:
    from core.config import DEFAULT_CATEGORIES

    return ClassifierAssessor([c.name for c in DEFAULT_CATEGORIES])


@pytest.fixture
async def world(app: App) -> World:
    """Two grids that split 幸福里 by buildings and own 阳光花园, with a centre each."""
    w = await build_world(app)
    await app.directory.add_grid("A", "幸福里网格", patterns=["幸福里小区|幸福里 1-6栋"], center=(30.2741, 120.1551),
                                 radius_m=300, update=True)
    await app.directory.add_grid("B", "阳光花园网格", patterns=["阳光花园", "幸福里小区 7-12栋"],
                                 center=(30.2803, 120.1632), radius_m=300, update=True)
    return w


async def outbox(app: App, **where: str) -> list[OutboxMessage]:
    async with app.db.transaction() as s:
        q = select(OutboxMessage).order_by(OutboxMessage.id)
        for k, v in where.items():
            q = q.where(getattr(OutboxMessage, k) == v)
        return list((await s.execute(q)).scalars())


async def events(app: App, number: str) -> list[TicketEvent]:
    async with app.db.transaction() as s:
        t = (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()
        return list((await s.execute(select(TicketEvent).where(TicketEvent.ticket_id == t.id)
                                     .order_by(TicketEvent.id))).scalars())


def text_of(row: OutboxMessage) -> str:
    return json.dumps(row.payload, ensure_ascii=False)
