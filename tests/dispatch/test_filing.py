"""Intake end to end: `app.tickets.file` with no grid given, through the real assessor and router,
to the right grid's group (the outbox) — or to the dispatcher's queue — and the desk's tools."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import build_app
from core.clock import ManualClock
from core.config import Settings
from core.db.engine import Database
from core.db.models import TicketFollower
from core.enums import EventType, Kind, Status, Urgency
from core.errors import InvalidInput, NotAllowed
from core.service.tickets import NewTicket
from tests.dispatch.conftest import events, outbox, text_of
from tests.world import CHANNEL, World


def new(text: str, who: str = "resident-1", **kwargs: object) -> NewTicket:
    kwargs.setdefault("contact_phone", "13812345678")
    return NewTicket(description=text, channel=CHANNEL, external_id=who, **kwargs)  # type: ignore[arg-type]


async def test_a_complaint_with_no_grid_reaches_the_right_group(world: World) -> None:
    app = world.app
    t = await app.tickets.file(new("幸福里小区3栋2单元楼道灯坏了一个星期了，晚上上楼很黑"))
    assert t.status == Status.ASSIGNED and t.category == "工程维修" and t.kind == Kind.REPAIR
    assert t.department == "维修" and not t.needs_dispatcher
    assert t.category_confidence is not None and t.category_confidence >= app.settings.classifier_threshold
    grid = await app.directory.grid("A")
    assert t.grid_id == grid.id
    cards = await outbox(app, address="group-A", purpose="card")
    assert len(cards) == 1 and t.number in text_of(cards[0]) and "138****5678" in text_of(cards[0])
    assert not await outbox(app, address="group-B") and not await outbox(app, address="group-desk")
    assigned = [e for e in await events(app, t.number) if e.type == EventType.ASSIGNED]
    assert len(assigned) == 1 and assigned[0].data["grid"] == "A"
    assert "1-6栋" in (assigned[0].note or "") and "维修：张伟" in (assigned[0].note or "")  # why, and who


async def test_the_other_buildings_go_to_the_other_grid(world: World) -> None:
    t = await world.app.tickets.file(new("幸福里小区八号楼门口的垃圾三天没人收了，臭死了"))
    assert t.status == Status.ASSIGNED and t.category == "环境卫生" and t.department == "保洁"
    assert t.grid_id == (await world.app.directory.grid("B")).id
    assert len(await outbox(world.app, address="group-B", purpose="card")) == 1


async def test_a_shared_location_routes_when_the_text_has_no_address(world: World) -> None:
    from core.messages import GeoPoint

    t = await world.app.tickets.file(new("楼下垃圾没人收", point=GeoPoint(30.2804, 120.1633, "阳光花园东门")))
    assert t.grid_id == (await world.app.directory.grid("B")).id


async def test_no_address_waits_in_the_dispatch_queue(world: World) -> None:
    t = await world.app.tickets.file(new("楼道灯坏了一个星期了"))
    assert t.status == Status.SUBMITTED and t.grid_id is None and t.flag_reason == "未匹配到网格"
    assert [r.purpose for r in await outbox(world.app, address="group-desk")] == ["unrouted"]
    assert [x.number for x in await world.app.queries.dispatch_queue()] == [t.number]


async def test_a_low_confidence_ticket_waits_for_the_dispatcher(world: World, settings: Settings,
                                                               clock: ManualClock, db: Database) -> None:
    text = "幸福里小区3栋的情况请处理一下"
    assert world.app.assessor is not None
    confidence = world.app.assessor.assess(text).category_confidence
    assert confidence is not None
    # the threshold is configuration: set it just above this message's confidence
    strict = build_app(Settings(database_url=settings.database_url, classifier_threshold=min(1.0, confidence + 0.01)),
                       clock=clock, db=db)
    t = await strict.tickets.file(new(text))
    assert t.status == Status.SUBMITTED and t.grid_id is None and t.needs_dispatcher
    assert "分类置信度低" in (t.flag_reason or "") and "建议派往「幸福里网格」" in (t.flag_reason or "")  # its name, no id
    assert not await outbox(strict, address="group-A")
    desk = await outbox(strict, address="group-desk", purpose="unrouted")
    assert len(desk) == 1 and t.number in text_of(desk[0])
    assert t.number in [x.number for x in await strict.queries.dispatch_queue()]
    # the dispatcher confirms the category and sends it on: both recorded
    dispatcher = world.actor(world.dispatcher)
    await strict.tickets.reclassify(t.number, dispatcher)
    await strict.tickets.assign(t.number, "A", dispatcher)
    evs = await events(strict, t.number)
    reclassified = [e for e in evs if e.type == EventType.RECLASSIFIED]
    assert len(reclassified) == 1 and reclassified[0].data["corrected"] is False
    assert len(await outbox(strict, address="group-A", purpose="card")) == 1


async def test_an_emergency_is_routed_and_alerted_even_when_unsure(world: World) -> None:
    t = await world.app.tickets.file(new("救命！幸福里小区5栋1单元电梯困人了，里面有个老人，快来人"))
    assert t.urgency == Urgency.EMERGENCY and any("困" in w for w in t.emergency_triggers)
    assert t.status == Status.ASSIGNED and t.grid_id == (await world.app.directory.grid("A")).id
    alerts = await outbox(world.app, address="group-sup", purpose="emergency")
    assert len(alerts) == 1 and "电梯困人" in text_of(alerts[0])


async def test_what_the_dialog_already_knows_is_kept(world: World) -> None:
    t = await world.app.tickets.file(new("楼下太吵了", category="噪音扰民", kind=Kind.COMPLAINT,
                                         community="阳光花园", building="7"))
    assert t.category == "噪音扰民" and t.kind == Kind.COMPLAINT and t.category_confidence is None
    assert t.grid_id == (await world.app.directory.grid("B")).id and t.department == "保安"


async def test_smart_dispatch_can_be_switched_off(settings: Settings, clock: ManualClock, db: Database) -> None:
    plain = build_app(Settings(database_url=settings.database_url, smart_dispatch=False), clock=clock, db=db)
    assert plain.assessor is None and plain.router is None and plain.duplicates is None


async def test_dispatcher_corrections_are_recorded(world: World) -> None:
    app = world.app
    t = await app.tickets.file(new("幸福里小区3栋2单元楼道灯坏了一个星期了"))
    dispatcher = world.actor(world.dispatcher)
    fixed = await app.tickets.reclassify(t.number, dispatcher, category="安全管理", kind=Kind.REPORT)
    assert fixed.category == "安全管理" and fixed.kind == Kind.REPORT
    ev = [e for e in await events(app, t.number) if e.type == EventType.RECLASSIFIED][-1]
    assert ev.data["corrected"] is True and ev.data["from_category"] == "工程维修"
    with pytest.raises(NotAllowed):
        await app.tickets.reclassify(t.number, world.actor(world.worker), category="其他")


async def test_split_undoes_a_wrong_join(world: World) -> None:
    app = world.app
    t = await app.tickets.file(new("楼道灯坏了一个星期了", community="幸福里小区", building="3", unit="2"))
    joiner = await world.resident("resident-2")
    await app.tickets.join(t.number, joiner)
    dispatcher = world.actor(world.dispatcher)
    fresh = await app.tickets.split(t.number, joiner.resident_id or 0, dispatcher,
                                    description="幸福里小区8栋电梯坏了，按了没反应")
    assert fresh.number != t.number and fresh.resident_id == joiner.resident_id
    # read afresh: 8栋 is the other grid, whatever the joined ticket's address was
    assert fresh.grid_id == (await app.directory.grid("B")).id and fresh.category == "工程维修"
    assert fresh.building is None and fresh.community is None
    async with app.db.transaction() as s:
        left = (await s.execute(select(TicketFollower).where(TicketFollower.ticket_id == t.id))).scalars().all()
    assert left == []
    notes = [e.note for e in await events(app, t.number) if e.type == EventType.NOTE]
    assert any(fresh.number in (n or "") for n in notes)
    assert any(t.number in (e.note or "") for e in await events(app, fresh.number) if e.type == EventType.NOTE)
    # the split-off resident hears about their own ticket on the chat they joined from
    assert "assigned" in [r.purpose for r in await outbox(app, address="resident-2")]
    with pytest.raises(InvalidInput, match="没有关注"):
        await app.tickets.split(t.number, joiner.resident_id or 0, dispatcher)
    with pytest.raises(InvalidInput, match="发起人"):
        await app.tickets.split(t.number, t.resident_id, dispatcher)
    with pytest.raises(NotAllowed):
        await app.tickets.split(t.number, t.resident_id, world.actor(world.worker))


async def test_split_undoes_a_wrong_merge_with_the_merged_ticket_s_content(world: World) -> None:
    app = world.app
    keep = await app.tickets.file(new("幸福里小区3栋2单元楼道灯坏了一个星期了"))
    other = await app.tickets.file(new("幸福里小区3栋2单元楼道里有人堆了很多纸箱", who="resident-2",
                                       contact_phone="13900001111"))
    dispatcher = world.actor(world.dispatcher)
    await app.tickets.merge(other.number, keep.number, dispatcher)
    fresh = await app.tickets.split(keep.number, other.resident_id, dispatcher, grid_code="A")
    assert fresh.description == other.description and fresh.contact_phone == "13900001111"
    assert fresh.category == other.category and fresh.status == Status.ASSIGNED
    merged = await app.queries.by_number(other.number)
    assert merged is not None and merged.status == Status.MERGED  # history stays as it was
