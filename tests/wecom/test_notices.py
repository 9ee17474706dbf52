"""Who hears what in the WeCom app (core/service/wecom_notices.py), read from the outbox rows the
service writes in each event's transaction: cards to the grid's WeCom-bound workers, their buttons
shown afresh (greyed once anyone acts) on every change, reminders, escalations and emergencies to those who must act."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import App
from core import messages as m
from core.db.models import OutboxMessage, WeComCard
from core.enums import Kind, Urgency
from core.service.actor import Actor
from core.service.tickets import NewTicket
from tests.world import World, build_world


@pytest.fixture
async def world(app: App) -> World:
    """The community, nobody bound to WeCom yet: each test binds whom it needs."""
    return await build_world(app)


async def rows(app: App, *, after: int = 0) -> list[OutboxMessage]:
    async with app.db.transaction() as s:
        return list((await s.execute(select(OutboxMessage).where(
            OutboxMessage.channel == "wecom_app", OutboxMessage.id > after).order_by(OutboxMessage.id))).scalars())


async def last_id(app: App) -> int:
    found = await rows(app)
    return found[-1].id if found else 0


async def cards(app: App) -> list[WeComCard]:
    async with app.db.transaction() as s:
        return list((await s.execute(select(WeComCard).order_by(WeComCard.created_at))).scalars())


def texts(row: OutboxMessage) -> list[str]:
    return [getattr(msg, "text", getattr(msg, "prompt", "")) for msg in m.load(row.payload)]


async def test_nothing_for_a_grid_without_wecom_users(app: App, world: World) -> None:
    await world.file(grid="B")  # 王强 of grid B has no WeCom account
    assert await rows(app) == [] and await cards(app) == []


async def test_assignment_claim_and_reassignment(app: App, world: World) -> None:
    await app.directory.set_wecom_userid("张伟", "zhangwei")
    await app.directory.set_wecom_userid("李娜", "lina")
    await app.directory.set_wecom_userid("王强", "wangqiang")
    number = await world.file()
    [card] = await cards(app)
    assert sorted(card.userids) == ["lina", "zhangwei"]
    [row] = await rows(app)
    assert (row.address, row.purpose) == (f"card:{card.task_id}", "card")
    [choices] = m.load(row.payload)
    assert isinstance(choices, m.Choices) and [o.label for o in choices.options] == ["接单", "退回"]

    # reassigned to grid B: A's card is closed for its holders, B gets its own
    mark = await last_id(app)
    await app.tickets.assign(number, "B", world.actor(world.dispatcher))
    new = await rows(app, after=mark)
    assert [(r.address, r.purpose) for r in new] == [
        (f"card:{card.task_id}", "card_update"), (new[1].address, "card")]
    assert texts(new[0])[-1] == "已改派其他网格" and "网格：阳光花园网格" in texts(new[0])[0]  # where it went
    b_cards = [c for c in await cards(app) if c.closed_at is None]
    assert [c.userids for c in b_cards] == [["wangqiang"]]

    # claimed: B's card closes with who took it; the claimer gets a card of his own
    mark = await last_id(app)
    await app.tickets.claim(number, world.actor(world.other_worker))
    new = await rows(app, after=mark)
    assert texts(new[0])[-1] == "已由王强接单" and "处理中（王强）" in texts(new[0])[0]
    assert new[1].purpose == "card" and [o.label for o in m.load(new[1].payload)[0].options] == ["进展", "办结", "退回"]


async def test_unclaimed_reminder_escalation_and_emergency(app: App, world: World) -> None:
    for name, userid in (("张伟", "zhangwei"), ("李娜", "lina"), ("孙主任", "sunzhuren")):
        await app.directory.set_wecom_userid(name, userid)
    number = await world.file()
    mark = await last_id(app)
    await app.tickets.remind(number, "unclaimed")
    reminded = await rows(app, after=mark)
    assert sorted(r.address for r in reminded) == ["lina", "zhangwei"]
    assert all("仍无人接单" in texts(r)[0] for r in reminded)

    mark = await last_id(app)
    await app.tickets.escalate(number, Actor.system(), 1, "超过7个工作日未办结")
    escalated = [r for r in await rows(app, after=mark) if r.purpose == "escalation"]
    assert sorted(r.address for r in escalated) == ["lina", "sunzhuren", "zhangwei"]
    [refreshed] = [r for r in await rows(app, after=mark) if r.purpose == "card_update"]
    assert "已升级督办" in texts(refreshed)[0]  # the grid's card says so too
    assert all("升级督办" in texts(r)[0] for r in escalated)

    mark = await last_id(app)
    await world.file("电梯困人了，有老人被关在里面", urgency=Urgency.EMERGENCY, kind=Kind.HELP,
                     emergency_triggers=("电梯困人",))
    emergency = [r for r in await rows(app, after=mark) if r.purpose == "emergency"]
    assert sorted(r.address for r in emergency) == ["lina", "sunzhuren", "zhangwei"]
    assert all("紧急工单" in texts(r)[0] and "13812345678" not in texts(r)[0] for r in emergency)


async def test_the_claimers_phone_reaches_only_the_claimer(app: App, world: World) -> None:
    await app.directory.set_wecom_userid("张伟", "zhangwei")
    await app.directory.set_wecom_userid("李娜", "lina")
    number = await world.file()
    await app.tickets.claim(number, world.actor(world.worker))
    with_phone = [r for r in await rows(app) if any("13812345678" in t for t in texts(r))]
    holders = {f"card:{c.task_id}": c.userids for c in await cards(app)}
    assert sorted(r.purpose for r in with_phone) == ["card", "contact"]  # his own card, and the contact
    assert all(r.address == "zhangwei" or holders[r.address] == ["zhangwei"] for r in with_phone)


async def test_bulk_filing_writes_cards_for_each_ticket(app: App, world: World) -> None:
    await app.directory.set_wecom_userid("张伟", "zhangwei")
    news = [NewTicket(description=f"第{i}号楼道灯坏了", channel="test", external_id=f"r-{i}", grid_code="A",
                      category="工程维修", kind=Kind.REPAIR, contact_phone="13812345678") for i in range(5)]
    await app.tickets.file_many(news)
    assert len(await cards(app)) == 5
    assert [r.purpose for r in await rows(app)] == ["card"] * 5


async def test_cards_mask_the_residents_name_and_numbers(app: App, world: World) -> None:
    await app.directory.set_wecom_userid("张伟", "zhangwei")
    await world.file("我是王秀英，电话13900001111，楼上漏水", display_name="王秀英")
    [row] = await rows(app)
    [card] = m.load(row.payload)
    assert isinstance(card, m.Choices)
    assert "王**" in card.prompt and "王秀英" not in card.prompt
    assert "13900001111" not in card.prompt and "139****1111" in card.prompt


async def test_the_group_robot_points_to_the_app_once_the_grid_has_it(app: App, world: World) -> None:
    await app.directory.set_wecom("A", "http://127.0.0.1:9/cgi-bin/webhook/send?key=ROBOT-A")
    await world.file()
    await app.directory.set_wecom_userid("张伟", "zhangwei")
    await world.file()
    async with app.db.transaction() as s:
        posts = list((await s.execute(select(OutboxMessage).where(OutboxMessage.channel == "wecom")
                                      .order_by(OutboxMessage.id))).scalars())
    before, after = (texts(p)[0] for p in posts)
    assert "请在公众号回复「接单" in before
    assert "企业微信「社区工单」应用的卡片" in after and "公众号" not in after
