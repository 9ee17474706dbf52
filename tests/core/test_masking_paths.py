"""Personal data in free text reaches groups and other staff masked, whatever path it came in by
(core/privacy.py applied where each message is rendered)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from core.db.models import ChannelIdentity, OutboxMessage, Ticket, TicketEvent
from core.enums import EventType, Rating
from core.importing import file_in_batches, read_csv
from core.service.actor import Actor
from tests.world import World

LEAKY = "我电话13912345678，座机0571-88886666，身份证号330102199001011234"
SECRETS = ("13912345678", "88886666", "330102199001011234")


async def rows(world: World, **where: object) -> list[OutboxMessage]:
    async with world.app.db.transaction() as s:
        q = select(OutboxMessage).order_by(OutboxMessage.id)
        for k, v in where.items():
            q = q.where(getattr(OutboxMessage, k) == v)
        return list((await s.execute(q)).scalars())


def text_of(row: OutboxMessage) -> str:
    return json.dumps(row.payload, ensure_ascii=False)


async def test_an_imported_description_reaches_the_grid_group_masked(world: World, tmp_path: Path) -> None:
    """The issue's reproduction: a CSV row whose description carries a mobile, a landline and an ID."""
    f = tmp_path / "intake.csv"
    # a matter the category model reads with confidence: a row it is unsure of goes to the dispatcher, not the grid
    f.write_text(f"description,phone,name,grid\n\"3栋楼道灯坏了一个星期，{LEAKY}\",13912345678,王小明,A\n", encoding="utf-8")
    news, errors = read_csv(f, world.app.settings.categories)
    assert not errors
    await file_in_batches(world.app.tickets, news)
    cards = await rows(world, address="group-A", purpose="card")
    assert cards, "the grid group gets the card"
    card = text_of(cards[0])
    for secret in SECRETS:
        assert secret not in card, f"{secret} shown to the grid group: {card}"
    assert "139****5678" in card and "0571-****6666" in card


async def test_the_residents_name_in_the_text_is_masked_for_the_group(world: World) -> None:
    number = await world.file("我是王小明，3栋楼道灯坏了", who="wang", display_name="王小明")
    card = text_of((await rows(world, address="group-A", purpose="card"))[0])
    assert "王小明" not in card and "王**" in card
    assert number in card


async def test_the_claimer_sees_the_phone_other_staff_do_not(world: World) -> None:
    number = await world.file(LEAKY, contact_phone="13912345678")
    await world.app.tickets.claim(number, world.actor(world.worker))
    await world.app.tickets.add_progress(number, world.actor(world.worker), "已联系居民13912345678，明早上门")
    await world.app.tickets.escalate(number, Actor.system(), 2, "居民来电13912345678催办")
    async with world.app.db.transaction() as s:
        staff_of = dict((await s.execute(select(ChannelIdentity.external_id, ChannelIdentity.staff_id))).all())
    private = [r for r in await rows(world, audience="staff")]
    assert private
    for row in private:
        text = text_of(row)
        if staff_of.get(row.address) == world.worker.id:
            continue
        assert "13912345678" not in text, f"{row.address} ({row.purpose}) sees the phone: {text}"
    contact = [r for r in private if r.purpose == "contact"]
    assert contact and "13912345678" in text_of(contact[0])  # the claimer calls the resident


async def test_reopened_by_an_unhappy_resident_the_card_shows_the_reason_once(world: World) -> None:
    number = await world.file(who="owner")
    worker = world.actor(world.worker)
    await world.app.tickets.claim(number, worker)
    await world.app.tickets.resolve(number, worker, "已修好")
    owner = await world.resident("owner")
    outcome = await world.app.tickets.rate(number, owner, Rating.DISSATISFIED)
    assert outcome.reopened
    card = text_of((await rows(world, address="group-A", purpose="card"))[-1])
    assert "居民不满意：居民不满意" not in card
    # the reason comes as the next message, and the group sees it (masked)
    await world.app.tickets.add_survey_comment(number, owner, 1, "晚上还是很吵，打我电话13912345678")
    card = text_of((await rows(world, address="group-A", purpose="card"))[-1])
    assert "居民不满意：晚上还是很吵" in card and card.count("晚上还是很吵") == 1
    assert "13912345678" not in card and "139****5678" in card


async def test_a_reopened_ticket_starts_its_round_without_the_old_escalation(world: World) -> None:
    number = await world.file(who="owner")
    worker = world.actor(world.worker)
    await world.app.tickets.claim(number, worker)
    await world.app.tickets.escalate(number, Actor.system(), 2, "超时未办结")
    await world.app.tickets.resolve(number, worker, "已修好")
    await world.app.tickets.rate(number, await world.resident("owner"), Rating.DISSATISFIED, comment="没修好")
    async with world.app.db.transaction() as s:
        t = (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()
        assert t.escalation_level == 0 and t.escalated_at is None
        ev = (await s.execute(select(TicketEvent).where(
            TicketEvent.ticket_id == t.id, TicketEvent.type == EventType.REOPENED))).scalar_one()
        assert ev.data["escalation_reset"] == {"from_level": 2, "why": ev.data["escalation_reset"]["why"]}
        assert ev.data["escalation_reset"]["why"]
    # and a new escalation in the new round is one, not refused as "already at that level"
    assert await world.app.tickets.escalate(number, Actor.system(), 1, "新一轮超时")


async def test_any_row_addressed_to_a_group_is_masked_whoever_writes_it(world: World) -> None:
    """A reply, a report or an alert written straight to the outbox gets the group rule too."""
    from core import messages as m
    from core.outbox import enqueue

    async with world.app.db.transaction() as s:
        enqueue(s, world.app.clock.now(), channel="test", address="group-A", audience="group", purpose="reply",
                messages=[m.Text(LEAKY), m.Choices(f"确认？{LEAKY}", (m.Choice("k", "好"),))])
        enqueue(s, world.app.clock.now(), channel="test", address="resident-1", audience="resident",
                purpose="reply", messages=[m.Text(LEAKY)])
    group, resident = await rows(world, purpose="reply")
    for secret in SECRETS:
        assert secret not in text_of(group)
    assert text_of(resident).count("13912345678") == 1  # a resident's own words come back as written


async def test_the_timeline_per_audience(world: World) -> None:
    from core.privacy import Audience
    from core.texts import timeline

    number = await world.file("楼道灯坏了", who="owner", display_name="王小明")
    worker = world.actor(world.worker)
    await world.app.tickets.claim(number, worker)
    await world.app.tickets.add_progress(number, worker, "已联系王小明13912345678，明早上门")
    detail = await world.app.queries.detail(number)
    assert detail is not None

    def shown(audience: Audience | str) -> str:
        return "\n".join(timeline.lines(detail.events, detail.staff_names, world.app.tz, audience,
                                        resident_names=["王小明"]))

    assert "王小明13912345678" in shown("resident") and "王小明13912345678" in shown(Audience.CLAIMER)
    for audience in (Audience.FOLLOWER, Audience.DESK, "staff", Audience.GROUP):
        assert "13912345678" not in shown(audience) and "王小明" not in shown(audience), audience
        assert "139****5678" in shown(audience)
    assert "网格员张伟接单" in shown("staff") and "工作人员张师傅接单" in shown(Audience.FOLLOWER)
