"""The core decides whether a resolution note reads as work still to come (core/text/unfinished.py), once for every
surface: resolve refuses such a note with SoundsUnfinished unless the caller says the worker confirmed it. A
surface that forgets to ask cannot close the ticket and send the resident a survey for work not done."""

from __future__ import annotations

import pytest

from core.enums import Status
from core.errors import IllegalTransition, InvalidInput, NotAllowed, SoundsUnfinished
from tests.core.test_tickets_service import events, outbox
from tests.world import World


async def test_a_note_of_work_to_come_is_refused_until_confirmed(world: World) -> None:
    t, worker = world.app.tickets, world.actor(world.worker)
    number = await world.file()
    await t.claim(number, worker)
    with pytest.raises(SoundsUnfinished) as refused:
        await t.resolve(number, worker, "  下周二再派人来换水管 ")
    assert refused.value.number == number and refused.value.note == "下周二再派人来换水管"
    assert isinstance(refused.value, InvalidInput) and refused.value.code == "sounds_unfinished"
    assert number in refused.value.message  # fit to show where a surface has no question of its own
    assert await events(world, number) == ["filed", "assigned", "claimed"]  # nothing written
    assert await outbox(world, address="resident-1", purpose="survey") == []
    resolved = await t.resolve(number, worker, "下周二再派人来换水管", unfinished_confirmed=True)
    assert resolved.status == Status.RESOLVED and resolved.resolution_note == "下周二再派人来换水管"
    assert len(await outbox(world, address="resident-1", purpose="survey")) == 1


async def test_a_done_note_needs_no_confirmation(world: World) -> None:
    t, worker = world.app.tickets, world.actor(world.worker)
    number = await world.file()
    await t.claim(number, worker)
    assert (await t.resolve(number, worker, "水管接头换过了，不漏了")).status == Status.RESOLVED


async def test_who_may_not_resolve_is_told_that_first(world: World) -> None:
    """The status and the permission come before the question: nobody is asked about a ticket they cannot close."""
    t = world.app.tickets
    number = await world.file()
    with pytest.raises(IllegalTransition, match="请先接单"):
        await t.resolve(number, world.actor(world.worker), "等厂家寄零件来再装")
    await t.claim(number, world.actor(world.worker))
    with pytest.raises(NotAllowed):
        await t.resolve(number, world.actor(world.worker2), "等厂家寄零件来再装")
