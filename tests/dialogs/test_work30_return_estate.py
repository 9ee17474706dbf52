"""work30 (usertest1 item 16): a worker's 退回 whose words name another estate as the place's owner (「那是锦绣家园的楼，
不归我们管」) was labelled 不属于物业职责 — the generic 「不归我们管」 read as not the property's job. The desk re-routes a
不属于本网格 return to another grid, and refuses a 不属于物业职责 one: an estate named as whose it is, with the generic
words, is the grid reason. A company or a body named (电梯公司, 自来水公司) still is not the property's job."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs.worker_words import split_reason
from core.db.models import TicketEvent
from core.enums import EventType
from tests.dialogs.conftest import in_group
from tests.world import World

OTHER_GRID, NOT_OURS = "不属于本网格", "不属于物业职责"


@pytest.mark.parametrize("said", [
    "那是锦绣家园的楼，不归我们管",
    "这栋属于阳光花园小区的 不是我们管的",
    "地址是金桂苑的，不归我们这边",
    "别的小区的事 不归我们管",
    "这是隔壁小区的，我们管不了",
])
def test_another_estate_named_as_the_owner_is_the_grid_reason(said: str) -> None:
    assert split_reason(said)[0] == OTHER_GRID


@pytest.mark.parametrize("said", [
    "电梯坏了是电梯公司的事，不归我们管",
    "这是自来水公司的管子 不归我们管",
    "业主自己家里的水管，不归物业管",
])
def test_a_company_or_the_owner_named_is_still_not_the_propertys_job(said: str) -> None:
    assert split_reason(said)[0] == NOT_OURS


async def test_typed_in_the_group_the_return_goes_back_as_another_grids(world: World, engine: DialogEngine,
                                                                         app: App) -> None:
    number = await world.file("幸福里小区9栋单元门的门禁刷不开")
    zhang = in_group(engine, "w1")
    await zhang.say(f"退回 {number[-4:]} 那是锦绣家园的楼，不归我们管")
    async with app.db.transaction() as s:
        (ev,) = (await s.execute(select(TicketEvent).where(TicketEvent.type == EventType.RETURNED.value))).scalars()
    assert ev.data["reason"] == OTHER_GRID
