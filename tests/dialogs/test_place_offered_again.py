"""After filing, a new matter is offered the place just used (还是「…」吗？). Eleventh session: 「没了」 typed there
was taken for a place and read back as 还是「没了」吗？ — any place typed in its stead kept the 还是 wording."""

from __future__ import annotations

from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from tests.dialogs.conftest import Person, resident
from tests.world import World

FULL = "楼下烧烤店每天晚上12点还在吵，幸福里小区3栋2单元501，电话13812345678"


async def _filed_then(engine: DialogEngine, words: str) -> Person:
    """FULL filed, then `words`: a new matter, its place asked about (要另外登记吗？ answered yes when asked)."""
    me = resident(engine)
    await me.say(FULL)
    await me.pick(tx.SUBMIT)
    await me.say(words)
    if not me.said.startswith("还是"):
        await me.pick("是")  # 要另外登记吗？
    return me


async def _offered(engine: DialogEngine) -> Person:
    me = await _filed_then(engine, "另外小区里的健身器材坏了一个多月了")
    assert me.said.startswith(tx.same_place("幸福里小区"))  # the estate: not the flat of the ticket before
    return me


async def test_nothing_said_is_no_place(world: World, engine: DialogEngine) -> None:
    me = await _offered(engine)
    await me.say("没了")
    assert "没了" not in me.said and not me.said.startswith("还是")


async def test_a_place_typed_instead_is_confirmed_as_itself(world: World, engine: DialogEngine) -> None:
    me = await _offered(engine)
    await me.say("金色家园南门")
    assert "金色家园" in me.said and not me.said.startswith("还是")


async def test_a_shared_place_of_the_building_is_offered_without_the_flat(world: World, engine: DialogEngine) -> None:
    """Thirteenth session: 「还有楼下的车天天堵着消防通道」 was offered 还是「…1单元302室」吗？."""
    me = await _filed_then(engine, "还有楼下的车天天堵着消防通道")
    assert me.said.startswith(tx.same_place("幸福里小区3栋2单元")) and "501" not in me.said


async def test_a_matter_at_home_is_offered_the_flat(world: World, engine: DialogEngine) -> None:
    me = await _filed_then(engine, "另外我家卫生间的下水道也堵了")
    assert me.said.startswith(tx.same_place("幸福里小区3栋2单元501室"))
