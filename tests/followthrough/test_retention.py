"""Retention: anonymise after a year, delete after two, legal hold respected, every run logged."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.app import build_retention
from core.clock import ManualClock
from core.db.models import (
    ChannelIdentity,
    OutboxMessage,
    Resident,
    RetentionRun,
    SurveyAnswer,
    Ticket,
    TicketEvent,
)
from core.enums import Rating
from core.followthrough.retention import redact
from core.messages import MediaRef
from core.service.actor import Actor
from tests.world import World


async def closed_ticket(world: World, clock: ManualClock, days_ago: int, who: str, *, hold: bool = False,
                        text: str = "3栋2单元楼道灯坏了，电话13912345678，身份证110101199003071234") -> str:
    app = world.app
    now = clock.now()
    clock.set(now - timedelta(days=days_ago))
    number = await world.file(text, who=who, building="3", unit="2", room="501", community="幸福里小区",
                              address_text="幸福里小区3栋2单元501室", photos=[MediaRef("test", f"photo-{who}")])
    await app.tickets.claim(number, world.actor(world.worker))
    await app.tickets.resolve(number, world.actor(world.worker), "已换灯，住户电话13912345678已回访",
                              photos=[MediaRef("test", f"after-{who}")])
    await app.tickets.rate(number, await world.resident(who), Rating.SATISFIED, comment="谢谢，我电话13912345678")
    await app.tickets.add_survey_comment(number, await world.resident(who), 1, "再补充一句，电话13912345678")
    if hold:
        await app.tickets.set_legal_hold(number, Actor.system(), True, "诉讼中")
    clock.set(now)
    return number


async def ticket(world: World, number: str) -> Ticket | None:
    async with world.app.db.transaction() as s:
        return (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one_or_none()


async def test_anonymise_delete_and_legal_hold(world: World, clock: ManualClock) -> None:
    app = world.app
    old = await closed_ticket(world, clock, 400, "old")  # anonymised
    held = await closed_ticket(world, clock, 400, "held", hold=True)
    ancient = await closed_ticket(world, clock, 800, "ancient")  # deleted
    ancient_held = await closed_ticket(world, clock, 800, "ancient-held", hold=True)
    recent = await closed_ticket(world, clock, 100, "recent")
    clock.set(clock.now() - timedelta(days=800))
    still_open = await world.file("井盖松动", who="open")
    clock.set(clock.now() + timedelta(days=800))
    retention = build_retention(app)
    ancient_id = (await ticket(world, ancient)).id  # type: ignore[union-attr]

    dry = await retention.run(dry_run=True, actor="test")
    assert (dry.anonymised_tickets, dry.deleted_tickets, dry.held) == (1, 1, 2)
    assert (await ticket(world, ancient)) is not None  # a dry run changes nothing
    assert (await ticket(world, old)).contact_phone == "13812345678"  # type: ignore[union-attr]

    result = await retention.run(actor="test")
    assert (result.anonymised_tickets, result.deleted_tickets, result.held) == (1, 1, 2)
    assert result.numbers == {"anonymised": [old], "deleted": [ancient]}
    assert result.anonymised_residents == 2  # "old"; "ancient", whose only ticket is gone …
    assert result.deleted_residents == 1  # … and then nothing points at "ancient" any more

    t = await ticket(world, old)
    assert t is not None and t.anonymised_at == clock.now()
    assert (t.contact_phone, t.room, t.address_text, t.photos, t.origin_identity_id) == (None, None, None, [], None)
    assert (t.community, t.building, t.unit, t.category) == ("幸福里小区", "3", "2", "工程维修")  # the figures need these
    assert "13912345678" not in t.description and "110101199003071234" not in t.description
    assert "13912345678" not in (t.resolution_note or "")
    async with app.db.transaction() as s:
        events = list((await s.execute(select(TicketEvent).where(TicketEvent.ticket_id == t.id))).scalars())
        answer = (await s.execute(select(SurveyAnswer).where(SurveyAnswer.ticket_id == t.id))).scalar_one()
        outbox = (await s.execute(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.ticket_id == t.id))).scalar_one()
        resident = await s.get(Resident, t.resident_id)
        identities = (await s.execute(select(ChannelIdentity.external_id).where(
            ChannelIdentity.resident_id == t.resident_id))).scalars().all()
        gone = [(await s.execute(select(func.count()).select_from(table).where(table.ticket_id == ancient_id)))
                .scalar_one() for table in (TicketEvent, SurveyAnswer, OutboxMessage)]
    assert all(ev.attachments == [] and "13912345678" not in (ev.note or "") + str(ev.data) for ev in events)
    assert answer.rating == Rating.SATISFIED.value and "13912345678" not in (answer.comment or "")
    assert outbox == 0
    assert resident is not None and (resident.name, resident.phone) == (None, None)
    assert identities == []  # silent for a year: the chat identity goes too
    assert gone == [0, 0, 0]  # the deleted ticket took its events, answers and messages with it

    for number in (held, ancient_held, recent, still_open):  # legal hold, too young, still open
        kept = await ticket(world, number)
        assert kept is not None and kept.anonymised_at is None and kept.contact_phone == "13812345678"
    assert await ticket(world, ancient) is None

    again = await retention.run(actor="test")  # nothing left to do
    assert (again.anonymised_tickets, again.deleted_tickets) == (0, 0)
    async with app.db.transaction() as s:
        runs = (await s.execute(select(RetentionRun.dry_run, RetentionRun.actor, RetentionRun.anonymised_tickets,
                                       RetentionRun.deleted_tickets, RetentionRun.held)
                                .order_by(RetentionRun.id))).all()
    assert [tuple(r) for r in runs] == [(True, "test", 1, 1, 2), (False, "test", 1, 1, 2), (False, "test", 0, 0, 2)]


async def test_lifting_the_hold_lets_retention_proceed(world: World, clock: ManualClock) -> None:
    app = world.app
    number = await closed_ticket(world, clock, 800, "held", hold=True)
    retention = build_retention(app)
    assert (await retention.run()).deleted_tickets == 0
    await app.tickets.set_legal_hold(number, Actor.system(), False)
    assert (await retention.run()).deleted_tickets == 1


async def test_only_supervisors_set_a_hold(world: World, clock: ManualClock) -> None:
    import pytest

    from core.errors import NotAllowed

    number = await world.file()
    with pytest.raises(NotAllowed):
        await world.app.tickets.set_legal_hold(number, world.actor(world.dispatcher), True)
    t = await world.app.tickets.set_legal_hold(number, world.actor(world.supervisor), True, "投诉人起诉")
    assert t.legal_hold


def test_redact_phones_and_ids() -> None:
    assert redact("电话13812345678，座机0571-88886666，身份证11010119900307123X，3栋501室") == \
        "电话［已删除］，座机［已删除］，身份证［已删除］，3栋501室"
    assert redact("工单 261123-0042") == "工单 261123-0042"
