"""Property: any sequence of service calls, legal or not, leaves a ticket in a legal state, with one
event for every change and nothing changed by a refused call."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.app import build_app
from core import lifecycle
from core.clock import ManualClock
from core.config import Settings
from core.db.engine import Database
from core.db.models import Ticket, TicketEvent
from core.enums import FINAL_STATUSES, Rating, Status
from core.errors import DomainError
from core.service.actor import Actor
from core.service.permissions import DESK_ROLES
from tests.conftest import START
from tests.world import World, build_world

STEPS = st.lists(st.tuples(
    st.sampled_from(["claim", "progress", "resolve", "return", "cancel", "rate_ok", "rate_bad", "reopen",
                     "assign", "escalate", "close_silent", "merge", "flag", "join"]),
    st.sampled_from(["worker", "worker2", "other_worker", "dispatcher", "owner", "stranger"]),
), min_size=1, max_size=18)

STATUS_EVENTS = {"filed", "assigned", "claimed", "resolved", "returned", "reopened", "cancelled", "merged",
                 "closed"}


async def snapshot(world: World, number: str) -> tuple[Ticket, list[TicketEvent]]:
    async with world.app.db.transaction() as s:
        t = (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()
        evs = list((await s.execute(select(TicketEvent).where(TicketEvent.ticket_id == t.id)
                                    .order_by(TicketEvent.id))).scalars())
        return t, evs


async def act(world: World, number: str, other: str, action: str, who: str) -> None:
    tickets = world.app.tickets
    actors = {
        "worker": world.actor(world.worker), "worker2": world.actor(world.worker2),
        "other_worker": world.actor(world.other_worker), "dispatcher": world.actor(world.dispatcher),
        "owner": await world.resident("owner"), "stranger": await world.resident("stranger"),
    }
    a = actors[who]
    match action:
        case "claim":
            await tickets.claim(number, a)
        case "progress":
            await tickets.add_progress(number, a, "进展")
        case "resolve":
            await tickets.resolve(number, a, "办结")
        case "return":
            await tickets.return_(number, a, "不属于本网格")
        case "cancel":
            await tickets.cancel(number, a)
        case "rate_ok":
            await tickets.rate(number, a, Rating.SATISFIED)
        case "rate_bad":
            await tickets.rate(number, a, Rating.DISSATISFIED, comment="不行")
        case "reopen":
            await tickets.reopen(number, a, "复查")
        case "assign":
            await tickets.assign(number, "A", a)
        case "escalate":
            if a.role not in DESK_ROLES:
                raise DomainError("only timers and the desk escalate")
            await tickets.escalate(number, Actor.system(), 1, "超时")
        case "close_silent":
            if a.role not in DESK_ROLES:
                raise DomainError("only timers close unanswered tickets")
            await tickets.close_unanswered(number)
        case "merge":
            await tickets.merge(number, other, a)
        case "flag":
            await tickets.flag(number, a, "人工")
        case "join":
            await tickets.join(number, a)


async def scenario(url: str, steps: list[tuple[str, str]]) -> None:
    db = Database(url)
    app = build_app(Settings(database_url=url), clock=ManualClock(START), db=db)
    try:
        world = await build_world(app)
        number = await world.file(who="owner")
        other = await world.file("另一个问题", who="someone-else")
        for action, who in steps:
            app.clock.advance(minutes=7)  # type: ignore[attr-defined]
            before, before_events = await snapshot(world, number)
            try:
                await act(world, number, other, action, who)
                refused = False
            except DomainError:
                refused = True
            after, after_events = await snapshot(world, number)
            new = after_events[len(before_events):]
            assert after_events[:len(before_events)] == before_events or all(
                a.id == b.id for a, b in zip(after_events, before_events, strict=False)), "events are append-only"
            if refused:
                assert not new, f"{action} by {who} was refused but wrote {[e.type for e in new]}"
                assert (after.status, after.assignee_id, after.round) == (before.status, before.assignee_id,
                                                                            before.round)
            if after.status != before.status:
                changes = [e for e in new if e.from_status is not None]
                assert changes, f"status changed {before.status}→{after.status} without an event"
                assert changes[0].from_status == before.status and changes[-1].to_status == after.status
                for e in changes:  # each recorded change is one the lifecycle allows
                    assert any(rule.to is not None and Status(e.from_status) in rule.allowed_from
                               and rule.to == Status(e.to_status) for rule in lifecycle.RULES.values())
            # invariants of a legal state
            status = Status(after.status)
            assert status in Status
            if status is Status.ACCEPTED:
                assert after.assignee_id is not None
            if status in (Status.ASSIGNED, Status.REOPENED, Status.RETURNED, Status.SUBMITTED):
                assert after.assignee_id is None
            assert (after.closed_at is not None) == (status in FINAL_STATUSES)
            status_events = [e for e in after_events if e.type in STATUS_EVENTS]
            assert status_events[-1].to_status == after.status
    finally:
        await db.dispose()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    return sqlite_template


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_any_sequence_of_calls_keeps_the_ticket_legal(steps: list[tuple[str, str]], template: Path,
                                                       tmp_path: Path) -> None:
    target = tmp_path / "prop.db"
    shutil.copy(template, target)
    try:
        asyncio.run(scenario(f"sqlite:///{target}", steps))
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
