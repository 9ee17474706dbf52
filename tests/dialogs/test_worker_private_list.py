"""我的工单 from a worker in a private chat (seventeenth session, usertest27): the worker was answered as a resident,
「您还没有提交过投诉」. Now it lists the tickets they hold and their grids' waiting ones, as the WeCom app does; a
resident's 我的工单 is still their complaints."""

from __future__ import annotations

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from core.texts import workers as to_workers
from tests.dialogs.conftest import resident
from tests.world import World

LAMP = "幸福里小区3栋楼道灯坏了一个星期了，电话13812345678"


async def test_a_workers_list_in_private(world: World, engine: DialogEngine, app: App) -> None:
    number = await resident(engine).file(LAMP)
    zhang = resident(engine, "w1")  # 张伟, a worker of grid A, writing to the bot privately
    await zhang.say("我的工单")
    assert to_workers.MINE_HEADER.format(count=1) in zhang.said and number in zhang.said
    assert to_workers.MINE_WAITING in zhang.said and tx.NO_TICKETS not in zhang.said


async def test_a_worker_of_another_grid_sees_none_of_it(world: World, engine: DialogEngine, app: App) -> None:
    await resident(engine).file(LAMP)
    wang = resident(engine, "w3")  # 王强, grid B
    await wang.say("我的工单")
    assert wang.said == to_workers.MINE_EMPTY


async def test_a_residents_my_tickets_are_their_complaints(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    number = await me.file(LAMP)
    await me.say("我的工单")
    assert number in me.said and to_workers.MINE_HEADER.format(count=1) not in me.said
