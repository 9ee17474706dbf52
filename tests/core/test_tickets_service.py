"""The service layer against the real database (SQLite and PostgreSQL)."""

import asyncio
import json

import pytest
from sqlalchemy import select

from core.db.models import OutboxMessage, SurveyAnswer, Ticket, TicketEvent
from core.enums import Kind, Rating, Role, Urgency
from core.errors import IllegalTransition, InvalidInput, NotAllowed, NotFound
from core.service.actor import Actor
from core.service.tickets import NewTicket
from tests.world import CHANNEL, World


async def events(world: World, number: str) -> list[str]:
    async with world.app.db.transaction() as s:
        t = (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()
        return list((await s.execute(select(TicketEvent.type).where(TicketEvent.ticket_id == t.id)
                                     .order_by(TicketEvent.id))).scalars())


async def outbox(world: World, **where: str) -> list[OutboxMessage]:
    async with world.app.db.transaction() as s:
        q = select(OutboxMessage).order_by(OutboxMessage.id)
        for k, v in where.items():
            q = q.where(getattr(OutboxMessage, k) == v)
        return list((await s.execute(q)).scalars())


def text_of(row: OutboxMessage) -> str:
    return json.dumps(row.payload, ensure_ascii=False)


async def test_filing_with_a_grid_assigns_and_tells_the_group(world: World) -> None:
    number = await world.file()
    t = await world.app.queries.by_number(number)
    assert t is not None and t.status == "assigned" and t.number.startswith("261123-")
    assert await events(world, number) == ["filed", "assigned"]
    cards = await outbox(world, address="group-A", purpose="card")
    assert len(cards) == 1 and cards[0].edit_key == f"card:{t.id}"
    card = text_of(cards[0])
    assert "138****5678" in card and "13812345678" not in card
    assert "claim:" + number in card  # the 接单 button
    assert [r.purpose for r in await outbox(world, address="resident-1")] == ["assigned"]


async def test_unrouted_ticket_waits_for_the_dispatcher(world: World) -> None:
    number = await world.file(grid=None)
    t = await world.app.queries.by_number(number)
    assert t is not None and t.status == "submitted"
    assert [r.purpose for r in await outbox(world, address="group-desk")] == ["unrouted"]
    assert [x.number for x in await world.app.queries.dispatch_queue()] == [number]
    await world.app.tickets.assign(number, "B", world.actor(world.dispatcher))
    assert len(await outbox(world, address="group-B", purpose="card")) == 1
    with pytest.raises(NotAllowed):
        await world.app.tickets.assign(number, "A", world.actor(world.worker))


async def test_emergency_alerts_the_supervisors(world: World) -> None:
    await world.file("煤气味很大", urgency=Urgency.EMERGENCY, emergency_triggers=["煤气味"])
    alerts = await outbox(world, address="group-sup", purpose="emergency")
    assert len(alerts) == 1 and "煤气味" in text_of(alerts[0]) and "🚨" in text_of(alerts[0])


async def test_only_the_grid_staff_may_claim_and_only_the_assignee_may_resolve(world: World) -> None:
    number = await world.file()
    tickets = world.app.tickets
    with pytest.raises(NotAllowed, match="不是该工单所属网格"):
        await tickets.claim(number, world.actor(world.other_worker))
    with pytest.raises(NotAllowed):
        await tickets.claim(number, Actor(Role.WORKER, staff_id=9999))
    with pytest.raises(NotAllowed):
        await tickets.claim(number, await world.resident())
    await tickets.claim(number, world.actor(world.worker))
    with pytest.raises(IllegalTransition, match="已有人接单"):
        await tickets.claim(number, world.actor(world.worker2))
    with pytest.raises(NotAllowed, match="张伟"):
        await tickets.resolve(number, world.actor(world.worker2), "修好了")
    assert await events(world, number) == ["filed", "assigned", "claimed"]
    phone_rows = await outbox(world, address="w1", purpose="contact")
    assert len(phone_rows) == 1 and "13812345678" in text_of(phone_rows[0])


async def test_full_round_trip_with_an_unhappy_resident(world: World) -> None:
    t, me, worker = world.app.tickets, await world.resident(), world.actor(world.worker)
    number = await world.file()
    await t.claim(number, worker)
    await t.add_progress(number, worker, "已到现场查看")
    resolved = await t.resolve(number, worker, "已更换灯泡")
    assert resolved.status == "resolved" and resolved.round == 1
    surveys = await outbox(world, address="resident-1", purpose="survey")
    assert len(surveys) == 1 and f"sv:{number}:1:dissatisfied" in text_of(surveys[0])

    outcome = await t.rate(number, me, Rating.DISSATISFIED, comment="灯还是不亮")
    assert outcome.recorded and outcome.reopened and outcome.ticket.status == "reopened"
    assert outcome.ticket.round == 2 and outcome.ticket.assignee_id is None
    again = await t.rate(number, me, Rating.SATISFIED, round_=1)
    assert not again.recorded and again.reason == "already"
    # the group sees it again with its buttons
    last_card = (await outbox(world, address="group-A", purpose="card"))[-1]
    assert "claim:" + number in text_of(last_card) and "灯还是不亮" in text_of(last_card)

    await t.claim(number, worker)
    await t.resolve(number, worker, "更换了整个灯具")
    done = await t.rate(number, me, Rating.BASIC, round_=2)
    assert done.recorded and done.closed and done.ticket.status == "closed"
    async with world.app.db.transaction() as s:
        answers = list((await s.execute(select(SurveyAnswer.round, SurveyAnswer.rating)
                                        .order_by(SurveyAnswer.round))).all())
    assert answers == [(1, "dissatisfied"), (2, "basically_satisfied")]
    assert await events(world, number) == [
        "filed", "assigned", "claimed", "progress", "resolved", "rated", "reopened", "note",
        "claimed", "resolved", "rated", "closed",
    ]


async def test_a_stranger_cannot_tell_a_ticket_exists(world: World) -> None:
    number = await world.file()
    stranger = await world.resident("resident-2")
    with pytest.raises(NotFound) as theirs:
        await world.app.tickets.cancel(number, stranger)
    with pytest.raises(NotFound) as unknown:
        await world.app.tickets.cancel("261123-9999", stranger)
    assert theirs.value.message.replace(number, "N") == unknown.value.message.replace("261123-9999", "N")
    with pytest.raises(NotFound):
        await world.app.tickets.rate(number, stranger, Rating.SATISFIED)


async def test_cancel_only_before_acceptance(world: World) -> None:
    me = await world.resident()
    first = await world.file()
    cancelled = await world.app.tickets.cancel(first, me, "已经自己解决了")
    assert cancelled.status == "cancelled"
    second = await world.file()
    await world.app.tickets.claim(second, world.actor(world.worker))
    with pytest.raises(IllegalTransition, match="无法撤销"):
        await world.app.tickets.cancel(second, me)


async def test_return_goes_back_to_dispatch_and_counts_bounces(world: World) -> None:
    number = await world.file()
    with pytest.raises(InvalidInput):
        await world.app.tickets.return_(number, world.actor(world.worker), "  ")
    t = await world.app.tickets.return_(number, world.actor(world.worker), "不属于本网格", "应由阳光花园处理")
    assert t.status == "returned" and t.return_count == 1
    alert = await outbox(world, address="group-desk", purpose="returned")
    assert "不属于本网格" in text_of(alert[0])
    t = await world.app.tickets.assign(number, "B", world.actor(world.dispatcher))
    assert t.status == "assigned"
    old_card = (await outbox(world, address="group-A", purpose="card"))[-1]
    assert "已改派" in text_of(old_card) and "claim:" not in text_of(old_card)


async def test_merge_makes_the_duplicate_reporter_a_follower(world: World) -> None:
    first = await world.file("3栋电梯坏了", who="resident-1")
    second = await world.file("3栋的电梯又不动了", who="resident-2")
    merged = await world.app.tickets.merge(second, first, world.actor(world.dispatcher))
    assert merged.status == "merged"
    await world.app.tickets.claim(first, world.actor(world.worker))
    resolved_rows_before = len(await outbox(world, address="resident-2", purpose="survey"))
    await world.app.tickets.resolve(first, world.actor(world.worker), "已修复")
    assert len(await outbox(world, address="resident-2", purpose="survey")) == resolved_rows_before + 1
    follower = await world.resident("resident-2")
    outcome = await world.app.tickets.rate(first, follower, Rating.SATISFIED)
    assert outcome.recorded and outcome.ticket.status == "resolved"  # the owner's answer closes it
    with pytest.raises(InvalidInput):
        await world.app.tickets.merge(first, first, world.actor(world.dispatcher))


async def test_escalation_is_idempotent_per_level(world: World) -> None:
    number = await world.file()
    system = Actor.system()
    assert await world.app.tickets.escalate(number, system, 1, "超时未办结")
    assert not await world.app.tickets.escalate(number, system, 1, "超时未办结")
    assert await world.app.tickets.escalate(number, system, 2, "7个工作日未解决")
    assert len(await outbox(world, address="group-sup", purpose="escalation")) == 2


async def test_silence_closes_as_no_answer_never_as_satisfied(world: World) -> None:
    number = await world.file()
    await world.app.tickets.claim(number, world.actor(world.worker))
    await world.app.tickets.resolve(number, world.actor(world.worker), "已处理")
    closed = await world.app.tickets.close_unanswered(number)
    assert closed.status == "closed"
    async with world.app.db.transaction() as s:
        assert (await s.execute(select(SurveyAnswer.rating))).scalars().all() == ["no_answer"]
    late = await world.app.tickets.rate(number, await world.resident(), Rating.SATISFIED)
    assert not late.recorded
    async with world.app.db.transaction() as s:
        assert (await s.execute(select(SurveyAnswer.rating))).scalars().all() == ["no_answer"]


async def test_phone_follow_up_records_the_residents_answer(world: World) -> None:
    number = await world.file()
    await world.app.tickets.claim(number, world.actor(world.worker))
    await world.app.tickets.resolve(number, world.actor(world.worker), "已处理")
    with pytest.raises(NotAllowed):
        await world.app.tickets.rate(number, await world.resident("resident-2"), Rating.SATISFIED, via="phone")
    outcome = await world.app.tickets.rate(number, world.actor(world.worker), Rating.SATISFIED, via="phone")
    assert outcome.recorded and outcome.closed
    async with world.app.db.transaction() as s:
        answer = (await s.execute(select(SurveyAnswer))).scalar_one()
    assert answer.via == "phone" and answer.resident_id == outcome.ticket.resident_id


async def test_two_workers_claiming_at_once_exactly_one_wins(world: World) -> None:
    for _ in range(3):
        number = await world.file()
        results = await asyncio.gather(
            world.app.tickets.claim(number, world.actor(world.worker)),
            world.app.tickets.claim(number, world.actor(world.worker2)),
            return_exceptions=True,
        )
        wins = [r for r in results if not isinstance(r, BaseException)]
        losses = [r for r in results if isinstance(r, BaseException)]
        assert len(wins) == 1 and len(losses) == 1, results
        assert isinstance(losses[0], IllegalTransition) and "已有人接单" in losses[0].message
        assert (await events(world, number)).count("claimed") == 1


async def test_a_failure_inside_the_transaction_leaves_nothing_behind(world: World) -> None:
    number = await world.file()
    before = len(await outbox(world))

    async def broken(*_args: object) -> None:
        raise RuntimeError("disk full")

    world.app.tickets.notifier.on_event = broken  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        await world.app.tickets.claim(number, world.actor(world.worker))
    t = await world.app.queries.by_number(number)
    assert t is not None and t.status == "assigned" and t.assignee_id is None
    assert await events(world, number) == ["filed", "assigned"]
    assert len(await outbox(world)) == before


async def test_bad_input_is_refused_with_a_reason(world: World) -> None:
    tickets = world.app.tickets
    with pytest.raises(InvalidInput, match="描述"):
        await tickets.file(NewTicket(description="   ", channel=CHANNEL, external_id="x"))
    with pytest.raises(InvalidInput, match="太长"):
        await tickets.file(NewTicket(description="吵" * 5000, channel=CHANNEL, external_id="x"))
    with pytest.raises(InvalidInput, match="未知的分类"):
        await tickets.file(NewTicket(description="吵", channel=CHANNEL, external_id="x", category="外星人"))
    with pytest.raises(NotFound):
        await world.file(grid="NOPE")


async def test_queries(world: World) -> None:
    a = await world.file()
    b = await world.file(who="resident-2")
    await world.app.tickets.claim(b, world.actor(world.worker))
    await world.app.tickets.resolve(b, world.actor(world.worker), "ok")
    me = await world.resident()
    assert [t.number for t in await world.app.queries.for_resident(me.resident_id or 0)] == [a]
    assert [t.number for t in await world.app.queries.open_queue()] == [a]
    assert await world.app.queries.overdue(world.app.clock.now()) == []
    world.app.clock.advance(hours=25)  # type: ignore[attr-defined]
    assert [t.number for t in await world.app.queries.overdue(world.app.clock.now())] == [a]
    detail = await world.app.queries.visible_to_resident(b, me.resident_id or 0)
    assert detail is None


async def test_a_consultation_goes_to_the_desk_without_a_repair_deadline(world: World) -> None:
    from core.enums import Kind

    number = await world.file("想问下燃气费在哪里交", kind=Kind.CONSULT, category="其他")
    t = await world.app.queries.by_number(number)
    assert t is not None and t.kind == "consult" and t.needs_dispatcher and t.status == "submitted"
    assert "咨询" in (t.flag_reason or "")
    assert t.due_at == t.first_response_due_at  # answering is the whole of the work
    assert [x.number for x in await world.app.queries.dispatch_queue()] == [number]


@pytest.mark.parametrize("text", ["网格员态度很差 上门的时候还骂人", "上门的师傅收了我200块钱才肯修", "社区工作人员推诿 踢皮球"])
async def test_a_complaint_about_the_staff_goes_to_the_desk_not_their_grid(world: World, text: str) -> None:
    """Eleventh session: 「我要投诉你们网格员 态度很差」 was sent to the grid's group — the accused's own screen,
    the resident's phone beside it. It waits for the desk, the grid only suggested."""
    number = await world.file(text, kind=Kind.COMPLAINT, category="服务质量")
    t = await world.app.queries.by_number(number)
    assert t is not None and t.needs_dispatcher and t.status == "submitted" and t.grid_id is None
    assert "投诉工作人员" in (t.flag_reason or "")
    praise = await world.app.queries.by_number(await world.file("网格员态度特别好 帮了大忙", kind=Kind.PRAISE))
    assert praise is not None and "投诉工作人员" not in (praise.flag_reason or "")


async def test_an_emergency_filed_without_a_kind_is_a_call_for_help(world: World) -> None:
    """Someone in danger asks for help: the words' kind (a gas smell read as 投诉, a fight as 报修) is no kind
    for it. A kind the caller chose stands."""
    async def kind_of(number: str) -> str:
        async with world.app.db.transaction() as s:
            return (await s.execute(select(Ticket.kind).where(Ticket.number == number))).scalar_one()

    read = await world.file("楼下有人拿着刀在追人", kind=None, urgency=Urgency.EMERGENCY)
    chosen = await world.file("楼道里煤气味越来越浓", kind=Kind.REPAIR, urgency=Urgency.EMERGENCY)
    ordinary = await world.file("3栋楼道灯坏了一个星期了", kind=None, urgency=Urgency.NORMAL)
    assert await kind_of(read) == Kind.HELP.value
    assert await kind_of(chosen) == Kind.REPAIR.value
    assert await kind_of(ordinary) != Kind.HELP.value


async def test_an_emergency_returned_alerts_the_heads_and_is_no_hand_off_to_the_resident(world: World) -> None:
    # usertest27: a worker gave back a trapped child's lift ticket; only the dispatchers heard, and the resident read
    # 「需要换一个部门处理」 while someone was in danger
    number = await world.file("3栋电梯里困了个小孩", urgency=Urgency.EMERGENCY)
    await world.app.tickets.return_(number, world.actor(world.worker), "不属于本网格")
    assert await outbox(world, address="group-desk", purpose="returned")
    (heads,) = await outbox(world, address="group-sup", purpose="returned")
    assert "不属于本网格" in text_of(heads)
    told = [text_of(m) for m in await outbox(world, purpose="returned", audience="resident")]
    assert told and "重新安排人员" in told[0] and "换一个部门" not in told[0]


async def test_an_ordinary_ticket_returned_reaches_no_head(world: World) -> None:
    number = await world.file()
    await world.app.tickets.return_(number, world.actor(world.worker), "不属于本网格")
    assert await outbox(world, address="group-sup", purpose="returned") == []
