"""usertest29b: a resident who joined someone else's ticket read, through 查询, the first resident's name and
phone in the words and in a worker's note (their push messages were masked); 查询 named the grid by its code;
some group commands (查询 of another grid's ticket, 查询 in the desk's group, a worker's 撤销) got no reply."""

from __future__ import annotations

from datetime import timedelta

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from core.clock import ManualClock
from core.enums import Status
from tests.dialogs.conftest import in_group, resident, tickets
from tests.world import World

OWNER = "幸福里小区5栋门口的垃圾桶满了好几天没人清，我叫欧阳秀兰，电话13722223333"


async def _followed(engine: DialogEngine) -> tuple[str, object]:
    number = await resident(engine).file(OWNER)
    other = resident(engine, "resident-2")
    await other.say("幸福里小区5栋门口的垃圾桶从昨天上午开始一直没人清，电话13900004444")
    await other.pick(tx.SUBMIT)
    assert tx.JOIN_LABEL in other.said
    await other.pick(tx.JOIN_LABEL)
    return number, other


async def test_a_follower_reads_the_ticket_masked_as_their_notices_are(world: World, engine: DialogEngine,
                                                                         app: App) -> None:
    number, other = await _followed(engine)
    zhang = in_group(engine, "w1")
    await zhang.say(f"接单 {number}")
    await zhang.say(f"进展 {number} 已联系欧阳秀兰 13722223333 明天清运")
    await other.say(f"查询 {number}")  # type: ignore[attr-defined]
    said = other.said  # type: ignore[attr-defined]
    assert f"工单 {number}" in said and "明天清运" in said
    assert "13722223333" not in said and "欧阳秀兰" not in said
    await other.say("我的投诉")  # type: ignore[attr-defined]
    assert "13722223333" not in other.said and "欧阳秀兰" not in other.said  # type: ignore[attr-defined]
    owner = resident(engine)
    await owner.say(f"查询 {number}")
    assert "13722223333" in owner.said  # the resident's own words stay as written


async def test_a_worker_reads_the_grid_by_its_name(world: World, engine: DialogEngine) -> None:
    number = await resident(engine).file(OWNER)
    li = resident(engine, "w2")
    await li.say(f"查询 {number}")
    assert "幸福里网格" in li.said and "网格 A" not in li.said


async def test_group_commands_that_cannot_be_done_are_answered(world: World, engine: DialogEngine) -> None:
    number = await resident(engine).file(OWNER)
    wang = in_group(engine, "w3", "group-B")  # another grid's worker
    assert await wang.say(f"查询 {number}") != []
    zhao = in_group(engine, "d1", "group-desk")
    assert await zhao.say(f"查询 {number}") != []
    zhang = in_group(engine, "w1")
    assert await zhang.say(f"撤销 {number}") != []
    assert await zhang.say(f"查询 {number}") != []


async def test_a_return_left_waiting_for_its_note_does_not_take_later_chatter(
        world: World, engine: DialogEngine, app: App, clock: ManualClock) -> None:
    number = await world.file()
    li = in_group(engine, "w2")
    await li.press(f"ret:{number}")
    await li.pick("不属于本网格")
    clock.advance(timedelta(minutes=20))
    await li.say("好的收到")
    assert (await tickets(app))[0].status != Status.RETURNED
