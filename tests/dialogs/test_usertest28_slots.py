"""usertest28's dialog-slot findings (eighteenth session, branch fixslots28), none of them the tester's sentences:
answers given before their question are kept (an address at the danger question, a phone at a consultation's
小区, a 小区 at its phone question), the time question takes only times, and a few smaller slips."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import emergency_texts as etx
from bot.dialogs import texts as tx
from bot.dialogs import worker_texts as wtx
from bot.dialogs.intake.fields import address_label
from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.conftest import in_group, resident, tickets
from tests.dialogs.test_after_filing_followups import _emergency_filed
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import fresh, msg, step
from tests.world import World

# a home fault with words that make the bot ask whether anyone is in danger, the 小区 named but not the door
HOME_FAULT = "我住阳光花园，卫生间的马桶一直漏水，家里就我一个老太婆"


def test_an_address_sent_at_the_danger_question_is_kept_and_the_question_put_again() -> None:
    s = step(fresh(), msg(HOME_FAULT))
    assert s.state.draft and s.state.draft.asking == Asking.TRIAGE
    s = step(s.state, msg("阳光花园9栋2单元703"))
    d = s.state.draft
    assert d and (d.building, d.unit, d.room) == ("9", "2", "703")
    assert d.asking == Asking.TRIAGE and plain_text(s.replies).startswith("地址已记下")
    s = step(s.state, msg("没有"))
    assert s.state.draft and s.state.draft.asking != Asking.DOOR  # the door is not asked again


def test_a_door_sent_at_the_danger_question_reaches_the_emergency() -> None:
    s = step(fresh(), msg(HOME_FAULT))
    s = step(s.state, msg("9栋2单元703"))
    s = step(s.state, msg("有危险"))
    d = s.state.draft
    assert d and d.emergency and (d.community, d.building, d.room) == ("阳光花园", "9", "703")


async def test_a_phone_sent_at_a_consultation_s_community_question_is_kept(world: World, engine: DialogEngine,
                                                                           app: App) -> None:
    me = resident(engine)
    await me.say("请问下 小区的车位月租是多少")
    assert me.said.startswith(tx.ASK_COMMUNITY_QUESTION)
    await me.say("13566667777")
    assert me.said.startswith("电话已记下") and tx.ASK_COMMUNITY_QUESTION in me.said
    await me.say("幸福里")
    assert "13566667777" in me.said  # the read-back: nothing else asked
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.contact_phone == "13566667777" and t.community == "幸福里小区"


async def test_a_community_sent_at_a_suggestion_s_phone_question_is_kept(world: World, engine: DialogEngine,
                                                                         app: App) -> None:
    me = resident(engine)
    await me.say("提个建议 小区健身器材旁边能不能放几张长椅")
    await me.say("跳过")  # the 小区, not given when asked
    assert me.said.startswith(tx.ASK_PHONE)
    await me.say("阳光花园")
    assert me.said.startswith("地址已记下") and tx.ASK_PHONE in me.said
    await me.say("13566667777")
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.contact_phone == "13566667777" and t.community == "阳光花园"


def test_a_skip_at_the_time_question_is_no_time_and_is_not_asked_again() -> None:
    s = step(at(Asking.OCCURRED, "小区东门的道闸坏了 抬不起来").state, msg("跳过"))
    d = s.state.draft
    assert d and d.occurred_text is None and d.asking == Asking.PHONE
    s = step(s.state, msg("13566667777"))
    assert s.state.draft and s.state.draft.asking == Asking.REVIEW
    assert f"时间：{tx.NOT_PROVIDED}" in plain_text(s.replies)


def test_a_bare_no_at_the_time_question_asks_again_and_the_time_after_it_is_the_time() -> None:
    s = step(at(Asking.OCCURRED, "小区东门的道闸坏了 抬不起来").state, msg("没有"))
    assert s.state.draft and s.state.draft.occurred_text is None and s.state.draft.asking == Asking.OCCURRED
    s = step(s.state, msg("前天开始的"))
    d = s.state.draft
    assert d and d.occurred_text == "前天开始的" and "前天" not in (d.description or "")


def test_not_knowing_when_is_stored_as_the_button_says_it() -> None:
    s = step(at(Asking.OCCURRED, "小区东门的道闸坏了 抬不起来").state, msg("我也不清楚"))
    assert s.state.draft and s.state.draft.occurred_text == tx.OCCURRED_OPTIONS[-1]


def test_not_knowing_something_else_at_the_time_question_is_a_remark() -> None:
    s = step(at(Asking.OCCURRED, "小区东门的道闸坏了 抬不起来").state, msg("不清楚是哪个保安管的"))
    d = s.state.draft
    assert d and d.occurred_text is None and d.asking == Asking.OCCURRED
    assert "不清楚是哪个保安管的" in (d.description or "")


async def test_a_claim_of_a_ticket_with_no_phone_does_not_say_the_phone_was_sent(world: World, engine: DialogEngine,
                                                                                  app: App) -> None:
    number = await world.file(contact_phone=None)
    claimed = await in_group(engine, "w1").press(f"claim:{number}")
    assert "居民电话已私信" not in plain_text(claimed) and "没有留电话" in plain_text(claimed)
    with_phone = await world.file("5栋门口的井盖翘起来了")
    assert plain_text(await in_group(engine, "w1").press(f"claim:{with_phone}")) == wtx.claimed(with_phone)


async def test_a_suggestion_is_acknowledged_as_a_suggestion(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("提个建议 小区健身器材旁边能不能放几张长椅")
    await me.say("幸福里")
    await me.say("13566667777")
    await me.pick(tx.SUBMIT)
    assert "您的建议已收到" in me.said and "投诉编号" not in me.said


async def test_thanks_after_an_emergency_get_no_evacuation_advice(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    number = await _emergency_filed(me)
    await me.say("太谢谢李师傅了")
    assert me.said == etx.thanked_on_emergency(number) and "撤离" not in me.said
    await me.say("快点 里面好闷")  # words that are more than thanks: as before
    assert me.said == tx.noted_on_emergency(number)


def test_a_floor_or_a_landmark_after_the_address_stays_in_the_place() -> None:
    for said, place in (("幸福里6栋11楼的消防栓玻璃碎了", "幸福里小区6栋（11楼）"),
                        ("阳光花园健身广场的路灯全灭了", "阳光花园（健身广场）"),
                        ("幸福里西门的道闸坏了 抬不起来", "幸福里小区（西门）")):
        d = step(fresh(), msg(said)).state.draft
        assert d is not None and address_label(d) == place, (said, address_label(d))


def test_what_happened_corrected_mid_form_replaces_the_description() -> None:
    s = step(at(Asking.OCCURRED, "幸福里5栋后面的健身器材坏了").state, msg("说错了 其实是5栋后面的路灯不亮 不是健身器材"))
    d = s.state.draft
    assert d and d.description == "5栋后面的路灯不亮" and d.asking == Asking.OCCURRED
    assert "健身器材" not in plain_text(s.replies)


def test_a_detail_or_a_time_after_no_is_not_a_new_description() -> None:
    for said in ("不对 是前天开始的", "不是的 灯罩也掉了一半", "其实是晚上才不亮"):
        s = step(at(Asking.OCCURRED, "幸福里5栋后面的路灯不亮").state, msg(said))
        assert s.state.draft and s.state.draft.description.startswith("幸福里5栋后面的路灯不亮"), said


def test_a_corrected_address_leaves_no_old_address_in_the_words() -> None:
    s = step(at(Asking.OCCURRED, "楼道里的灭火器被人拿走了 幸福里小区4栋2单元").state, msg("不对 是阳光花园4栋2单元 我写错了"))
    d = s.state.draft
    assert d and d.community == "阳光花园" and d.description == "楼道里的灭火器被人拿走了"


def test_an_address_inside_the_words_of_the_matter_stays() -> None:
    s = step(at(Asking.OCCURRED, "幸福里小区4栋门口的垃圾桶满了").state, msg("不对 是阳光花园4栋"))
    d = s.state.draft
    assert d and d.community == "阳光花园" and d.description == "幸福里小区4栋门口的垃圾桶满了"


@pytest.mark.parametrize(("said", "phrase"), [
    ("单元门的锁坏了有些日子了 幸福里3栋2单元", "有些日子"),
    ("都凌晨两点了楼下KTV还在唱 幸福里3栋2单元501", "凌晨两点"),
])  # fmt: skip
def test_a_time_said_in_the_opening_is_not_asked_again(said: str, phrase: str) -> None:
    d = step(fresh(), msg(said)).state.draft
    assert d and d.occurred_text == phrase and not d.occurred_vague and d.asking != Asking.OCCURRED


def test_a_time_noted_at_the_danger_question_is_not_asked_again() -> None:
    s = step(fresh(), msg(HOME_FAULT))
    s = step(s.state, msg("天天"))
    assert "时间已记下" in plain_text(s.replies)
    s = step(s.state, msg("没有"))
    s = step(s.state, msg("9栋2单元703"))
    assert s.state.draft and s.state.draft.occurred_text == "天天" and s.state.draft.asking == Asking.PHONE
