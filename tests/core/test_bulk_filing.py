"""A bulk filing's outbox rows: on PostgreSQL a batch's rows go in with COPY, a chat's few with a
plain INSERT; both must write the same rows."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from core import messages as m
from core.db import pending
from core.db.models import ChannelIdentity, OutboxMessage, Ticket, TicketEvent
from core.enums import Kind
from core.errors import NotFound
from core.importing import file_in_batches
from core.service.tickets import NewTicket
from tests.world import CHANNEL, World

SKIP = {"id", "number", "resident_id", "origin_identity_id", "ticket_id", "event_id", "identity_id",
        "actor_resident_id", "edit_key", "payload", "address"}


def batch(prefix: str) -> list[NewTicket]:
    texts = ["3栋楼道灯坏了", "楼下烧烤店太吵", "救命！电梯困人了，快来人", "垃圾没人清运"]
    return [
        NewTicket(description=f"{texts[i % 4]}（{i}）", channel=CHANNEL, external_id=f"{prefix}{i % 20}",
                  category="工程维修", kind=Kind.COMPLAINT, grid_code=None if i % 5 == 0 else "AB"[i % 2],
                  contact_phone="13812345678" if i % 3 else None, display_name=f"居民{i % 20}")
        for i in range(60)
    ]


def values(row: Any, number: str, prefix: str) -> dict[str, Any]:
    out = {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key not in SKIP}
    if isinstance(row, OutboxMessage):
        out["address"] = row.address.replace(prefix, "")
        out["edit_key"] = row.edit_key and row.edit_key.replace(str(row.ticket_id), "")
        out["payload"] = str(m.dump(m.load(row.payload))).replace(number, "")
        out["identity"] = row.identity_id is not None
    return out


async def written(world: World, numbers: list[str], prefix: str) -> list[dict[str, Any]]:
    async with world.app.db.transaction() as s:
        out = []
        for number in numbers:
            t = (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()
            events = (await s.execute(select(TicketEvent).where(TicketEvent.ticket_id == t.id)
                                      .order_by(TicketEvent.id))).scalars()
            messages = (await s.execute(select(OutboxMessage).where(OutboxMessage.ticket_id == t.id)
                                        .order_by(OutboxMessage.id))).scalars()
            identity = await s.get(ChannelIdentity, t.origin_identity_id)
            assert identity is not None and identity.external_id.startswith(prefix)
            out.append({"ticket": values(t, number, prefix), "events": [values(e, number, prefix) for e in events],
                        "outbox": [values(r, number, prefix) for r in messages]})
        return out


async def test_copied_outbox_rows_are_the_rows_an_insert_writes(world: World,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    copy_from = pending.COPY_FROM
    copied = [t.number for t in await world.app.tickets.file_many(batch("a-"))]
    monkeypatch.setattr(pending, "COPY_FROM", 10**9)  # the same batch again, through INSERT
    inserted = [t.number for t in await world.app.tickets.file_many(batch("b-"))]
    first, second = await written(world, copied, "a-"), await written(world, inserted, "b-")
    assert len(first) == 60 and sum(len(x["outbox"]) for x in first) >= copy_from  # COPY on PostgreSQL
    assert first == second


async def test_parallel_import_files_every_row_once_and_returns_numbers_in_row_order(world: World) -> None:
    news = batch("p-")
    numbers = await file_in_batches(world.app.tickets, news, batch=7, concurrency=4)
    assert len(numbers) == len(set(numbers)) == 60
    async with world.app.db.transaction() as s:
        rows = dict((await s.execute(select(Ticket.number, Ticket.description)
                                     .where(Ticket.number.in_(numbers)))).all())
    assert [rows[n] for n in numbers] == [n.description for n in news]


async def test_a_failing_batch_stops_the_parallel_import(world: World) -> None:
    news = batch("q-")
    news[5] = NewTicket(description="没有这个网格", channel=CHANNEL, external_id="q-x", grid_code="NOPE")
    with pytest.raises(NotFound):
        await file_in_batches(world.app.tickets, news, batch=5, concurrency=3)
    async with world.app.db.transaction() as s:
        filed = (await s.execute(select(Ticket.description).where(Ticket.description.like("%（%）")))).scalars().all()
    # the failing batch (rows 5-9) wrote nothing, and the import stopped: of 12 batches, the ones
    # in flight beside it at most
    assert not any(f"（{i}）" in d for d in filed for i in range(5, 10))
    assert len(filed) <= 25
