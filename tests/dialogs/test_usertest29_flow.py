"""usertest29's dialog-flow findings (branch fixflow29), none of them the tester's sentences: the triage question
asked once and at most once more, then the form goes on (filed flagged for the desk to call back), a typed 1 after
its re-ask never a yes; openings that say nothing yet; a phone sent first; progress asked in words; small talk after
filing."""

from __future__ import annotations

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import flow_texts as ftx
from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_steps import fresh, msg, step
from tests.world import World

# the reading is unsure whether anyone is in danger: the triage question comes first
UNSURE = "小区滑梯的扶手断了 好多小孩在上面玩"


def test_the_triage_question_is_put_twice_at_most_then_the_form_goes_on() -> None:
    s = step(fresh(), msg(UNSURE))
    assert s.state.draft and s.state.draft.asking == Asking.TRIAGE
    s = step(s.state, msg("阳光花园"))
    assert s.state.draft and s.state.draft.asking == Asking.TRIAGE  # asked once more
    s = step(s.state, msg("儿童乐园旁边"))
    d = s.state.draft
    assert d and d.asking != Asking.TRIAGE and d.triage_unknown and not d.emergency
    assert ftx.TRIAGE_GONE_ON in plain_text(s.replies)
    s = step(s.state, msg("前天下午"))
    s = step(s.state, msg("13922224444"))
    assert s.state.draft and s.state.draft.asking == Asking.REVIEW


def test_a_typed_1_after_the_question_was_put_again_is_no_yes() -> None:
    s = step(fresh(), msg("厨房水管裂了 水一直往外冒"))
    s = step(s.state, msg("13922224444"))  # the phone instead of yes or no
    s = step(s.state, msg("1"))  # meant as 提交
    d = s.state.draft
    assert d and not d.emergency and d.triage_unknown and "紧急" not in plain_text(s.replies)


def test_words_that_are_no_answer_are_asked_about_once_more_not_three_times() -> None:
    s = step(fresh(), msg("厨房水管裂了 水一直往外冒"))
    s = step(s.state, msg("嗯嗯"))
    assert s.state.draft and s.state.draft.asking == Asking.TRIAGE
    s = step(s.state, msg("我也说不好"))
    d = s.state.draft
    assert d and d.asking == Asking.ADDRESS and d.triage_unknown


def test_danger_said_later_in_the_form_is_the_yes_it_did_not_get() -> None:
    s = step(fresh(), msg("厨房水管裂了 水一直往外冒"))
    s = step(s.state, msg("嗯嗯"))
    s = step(s.state, msg("不知道"))
    s = step(s.state, msg("有危险"))
    d = s.state.draft
    assert d and d.emergency and tx.TRIAGE_TRIGGER in d.triggers


def test_a_clear_answer_still_settles_it_at_the_second_asking() -> None:
    s = step(fresh(), msg("厨房水管裂了 水一直往外冒"))
    s = step(s.state, msg("幸福里小区5栋1单元302"))
    s = step(s.state, msg("没有"))
    d = s.state.draft
    assert d and d.triage_done and not d.triage_unknown and not d.emergency


async def test_unanswered_it_is_filed_to_the_grid_and_flagged_for_a_call_back(world: World, engine: DialogEngine,
                                                                               app: App) -> None:
    me = resident(engine)
    for words in ("厨房水管裂了 水一直往外冒", "幸福里小区5栋1单元302", "13922224444", "今天早上"):
        await me.say(words)
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.urgency != "emergency" and t.grid_id is not None  # the grid has it at once
    assert t.needs_dispatcher and t.flag_reason == ftx.TRIAGE_UNKNOWN_REASON


# ---- openings with no matter in them, and what follows filing ------------------------------------------

FULL = "阳光花园2栋1单元楼道的灯不亮了 前天开始的 电话13566668888"


def test_a_phone_sent_first_is_the_phone_and_what_happened_is_still_asked() -> None:
    s = step(fresh(), msg("13955556666"))
    d = s.state.draft
    assert d and d.phone == "13955556666" and not d.description and d.asking == Asking.DESCRIPTION
    assert plain_text(s.replies).startswith("电话已记下")
    s = step(s.state, msg("阳光花园3栋楼道灯不亮了"))
    d = s.state.draft
    assert d and d.description == "阳光花园3栋楼道灯不亮了" and d.phone == "13955556666"


async def test_an_address_form_before_the_lead_is_still_only_a_lead(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    await me.say("师傅 我想反映个问题")
    assert me.said.startswith(tx.ASK_DESCRIPTION_FOR["complaint"][:6])
    await me.say("阳光花园5栋的电梯停了两天了")
    assert tx.ASIDE_NOTED not in me.said


async def test_how_to_use_the_bot_is_answered_with_the_help_never_filed(world: World, engine: DialogEngine,
                                                                       app: App) -> None:
    me = resident(engine)
    await me.say("你们这东西我不会弄啊")
    assert me.said.startswith("使用说明")
    await me.say("幸福里小区6栋门口的垃圾好几天没人收了")  # the matter, taken as the complaint itself
    assert tx.ASIDE_NOTED not in me.said
    await me.say("这个咋弄")  # mid-form: the help, then the question again
    assert me.said.startswith("使用说明") and "电话" in me.said
    assert not await tickets(app)


async def test_asking_after_a_ticket_in_words_lists_the_resident_s_tickets(world: World, engine: DialogEngine,
                                                                           app: App) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    for words in ("查一下进度", "我前天报修的那个灯的事", "单号忘了"):
        await me.say(words)
        assert tx.MY_HEAD.format(count=1) in me.said and number in me.said, words
    (t,) = await tickets(app)
    assert "进度" not in t.description


async def test_goodbyes_and_a_word_on_the_service_after_filing_are_no_note(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    for words in ("拜拜", "还挺快的", "还行吧 下次快点"):
        await me.say(words)
        assert tx.noted_on_ticket(number) not in me.said and me.said, words


async def test_the_aside_offer_s_words_with_nothing_set_aside_are_no_note(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    await me.say("另外登记一下")
    assert me.said == ftx.NOTHING_SET_ASIDE and number not in me.said


# ---- slots: a remark at the spot question, a corrected building in the words, 谢谢 at a consultation's question --


def test_how_bad_it_is_said_at_the_spot_question_is_a_remark_not_the_spot() -> None:
    s = step(fresh(), msg("小区的路灯坏了好几盏"))
    s = step(s.state, msg("阳光花园"))
    s = step(s.state, msg("老人出来散步 黑灯瞎火的很不安全"))
    d = s.state.draft
    assert d and d.address_text is None and "散步" in (d.description or "") and d.asking == Asking.DOOR
    s = step(s.state, msg("西门进来那条路"))
    d = s.state.draft
    assert d and d.address_text and "西门" in d.address_text


def test_a_corrected_building_is_corrected_in_the_words_too() -> None:
    s = step(fresh(), msg("阳光花园6栋地下室积水"))
    s = step(s.state, msg("说错了 是7栋"))
    d = s.state.draft
    assert d and d.building == "7" and d.description == "阳光花园7栋地下室积水"


async def test_thanks_at_a_consultation_s_question_promises_no_registration(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    await me.say("请问一下 小区的快递柜归谁管")
    assert me.said.startswith(tx.ASK_COMMUNITY_QUESTION)
    await me.say("谢谢")
    assert me.said.startswith(ftx.THANKS_MID_QUESTION)


def test_a_phone_changed_at_the_read_back_leaves_no_old_number_in_the_words() -> None:
    s = step(fresh(), msg("阳光花园2栋门口的消防通道被车堵了，13677778888"))
    for words in ("今天上午", "修改", "电话", "13677779999"):
        s = step(s.state, msg(words))
    d = s.state.draft
    assert d and d.phone == "13677779999" and "8888" not in (d.description or "") and "消防通道" in (d.description or "")
