"""Assigning a ticket to a named worker (指派) from the desk: the rule (core/service/permissions.py),
the change (the worker holds it as after a claim, an ASSIGNED event with the acting staff member),
who hears it (the worker in person with the phone, the former holder relieved, the grid's card names
the holder, the WeCom app's cards), and the refusals (a worker assigning, a stranger to the grid, a
stale form)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import App
from core import messages as m
from core.db.models import OutboxMessage, Ticket, TicketEvent, WeComCard
from core.enums import EventType, Role, Status
from core.errors import InvalidInput, NotAllowed
from core.service.actor import Actor
from core.service.permissions import StaffFacts, TicketFacts, Verb, assignee_refusal, decide
from core.service.stale import StaleForm
from tests.world import World


def texts(row: OutboxMessage) -> str:
    return " ".join(getattr(x, "text", getattr(x, "prompt", "")) for x in m.load(row.payload))


async def outbox(app: App, after: int = 0) -> list[OutboxMessage]:
    async with app.db.transaction() as s:
        return list((await s.execute(select(OutboxMessage).where(OutboxMessage.id > after)
                                     .order_by(OutboxMessage.id))).scalars())


async def mark(app: App) -> int:
    rows = await outbox(app)
    return rows[-1].id if rows else 0


async def ticket(app: App, number: str) -> Ticket:
    async with app.db.transaction() as s:
        return (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()


def test_the_rule_desk_may_worker_may_not() -> None:
    t = TicketFacts("261123-0001", Status.ASSIGNED, 1, None, 5)
    worker = StaffFacts(1, Role.WORKER, frozenset({1}))
    dispatcher = StaffFacts(2, Role.DISPATCHER, frozenset())
    head = StaffFacts(3, Role.SUPERVISOR, frozenset())
    assert decide(Actor.staff(2, Role.DISPATCHER), Verb.ASSIGN_WORKER, t, staff=dispatcher) is None
    assert decide(Actor.staff(3, Role.SUPERVISOR), Verb.ASSIGN_WORKER, t, staff=head) is None
    refused = decide(Actor.staff(1, Role.WORKER), Verb.ASSIGN_WORKER, t, staff=worker)
    assert isinstance(refused, NotAllowed) and refused.message == "只有调度员或负责人可以指派处理人。"
    # whom it may go to: an active member of the grid, not the one already holding it
    assert assignee_refusal(worker, 1, t, name="张伟", grid_name="A") is None
    assert isinstance(assignee_refusal(worker, 2, t, name="张伟", grid_name="B"), InvalidInput)
    gone = StaffFacts(1, Role.WORKER, frozenset({1}), active=False)
    assert isinstance(assignee_refusal(gone, 1, t, name="张伟", grid_name="A"), InvalidInput)
    held = TicketFacts("261123-0001", Status.ACCEPTED, 1, 1, 5)
    assert "无需重复指派" in str(assignee_refusal(worker, 1, held, name="张伟", grid_name="A"))


async def test_the_worker_holds_it_and_hears_it(app: App, world: World) -> None:
    number = await world.file(contact_phone="13812345678")
    before = await mark(app)
    t = await app.tickets.assign_worker(number, world.worker.id, world.actor(world.dispatcher), note="今天处理")
    assert (t.status, t.assignee_id, t.accepted_at is not None) == (Status.ACCEPTED.value, world.worker.id, True)
    async with app.db.transaction() as s:
        ev = (await s.execute(select(TicketEvent).where(TicketEvent.ticket_id == t.id)
                              .order_by(TicketEvent.id.desc()).limit(1))).scalar_one()
    assert (ev.type, ev.actor_staff_id, ev.data["assignee_id"], ev.note) == (
        EventType.ASSIGNED.value, world.dispatcher.id, world.worker.id, "今天处理")
    rows = await outbox(app, before)
    to_worker = [r for r in rows if r.address == "w1"]
    assert len(to_worker) == 1 and "调度指派您处理工单" in texts(to_worker[0])
    assert "13812345678" in texts(to_worker[0])  # the holder's full phone, as after a claim
    card = next(r for r in rows if r.address == "group-A" and r.purpose == "card")
    assert "处理中（张伟）" in texts(card) and "13812345678" not in texts(card)
    assert not [r for r in rows if r.address == "w2"]  # the rest of the grid is not asked to claim
    resident = next(r for r in rows if r.address == "resident-1")
    assert "张师傅" in texts(resident)  # by surname, as the timeline names workers to residents
    # the worker goes on as the holder; the other worker of the grid may not
    await app.tickets.add_progress(number, world.actor(world.worker), "已到现场")
    with pytest.raises(NotAllowed):
        await app.tickets.resolve(number, world.actor(world.worker2), "好了")


async def test_reassigning_relieves_the_former_holder(app: App, world: World) -> None:
    number = await world.file()
    await app.tickets.claim(number, world.actor(world.worker))
    before = await mark(app)
    await app.tickets.assign_worker(number, world.worker2.id, world.actor(world.supervisor))
    rows = await outbox(app, before)
    assert "已改由李娜处理" in texts(next(r for r in rows if r.address == "w1"))
    assert "调度指派您处理工单" in texts(next(r for r in rows if r.address == "w2"))
    assert (await ticket(app, number)).assignee_id == world.worker2.id


async def test_refusals_change_nothing(app: App, world: World) -> None:
    number = await world.file()
    version = (await ticket(app, number)).version
    with pytest.raises(NotAllowed):  # a worker does not assign others
        await app.tickets.assign_worker(number, world.worker2.id, world.actor(world.worker))
    with pytest.raises(InvalidInput, match="不是「幸福里网格」的在岗工作人员"):
        await app.tickets.assign_worker(number, world.other_worker.id, world.actor(world.dispatcher))
    await app.directory.update_staff(world.worker2.id, role=Role.WORKER, grids=["A"], active=False)
    with pytest.raises(InvalidInput):
        await app.tickets.assign_worker(number, world.worker2.id, world.actor(world.dispatcher))
    assert (await ticket(app, number)).version == version
    app.clock.advance(minutes=1)  # type: ignore[attr-defined]
    await app.tickets.add_note(number, world.actor(world.dispatcher), "先看看")  # someone changes it meanwhile
    with pytest.raises(StaleForm):
        await app.tickets.assign_worker(number, world.worker.id, world.actor(world.dispatcher), version=version)
    assert (await ticket(app, number)).assignee_id is None
    unrouted = await world.file(grid=None)
    with pytest.raises(InvalidInput, match="请先派单到网格"):
        await app.tickets.assign_worker(unrouted, world.worker.id, world.actor(world.dispatcher))
    # to another grid's worker in one step, naming the grid
    await app.tickets.assign_worker(number, world.other_worker.id, world.actor(world.dispatcher), grid_code="B")
    t = await ticket(app, number)
    assert (t.assignee_id, t.status) == (world.other_worker.id, Status.ACCEPTED.value)


async def test_wecom_cards_say_who_has_it(app: App, world: World) -> None:
    await app.directory.set_wecom_userid("张伟", "zhangwei")
    await app.directory.set_wecom_userid("李娜", "lina")
    number = await world.file()
    before = await mark(app)
    await app.tickets.assign_worker(number, world.worker2.id, world.actor(world.dispatcher))
    rows = [r for r in await outbox(app, before) if r.channel == "wecom_app"]
    update = next(r for r in rows if r.purpose == "card_update")
    assert "已指派给李娜" in texts(update)
    async with app.db.transaction() as s:
        open_cards = list((await s.execute(select(WeComCard).where(WeComCard.closed_at.is_(None)))).scalars())
    assert [c.userids for c in open_cards] == [["lina"]]
    work = next(r for r in rows if r.purpose == "card")
    assert [o.label for o in m.load(work.payload)[0].options] == ["进展", "办结", "退回"]
