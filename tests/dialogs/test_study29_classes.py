"""Round 29's dialog classes (development data since branch study29, docs/understanding.md "Round 29's misses"), in
sentences of our own: the same question whether the phone may be left out, asked again after 可以不留, is the answer
(不留) — not a loop that asks for ever; 「还在吗」 (is anyone still there) is a greeting, after filing too, not a
message the urgency model may ask the triage question about; a bare night followed by a worry (晚上锁不上门怎么办) at the
since-when question is when the trouble will bite, not when it began; after filing, which door it is (对了 隔壁是502)
goes to the ticket, and things thrown from above, or an errand at the desk (a fee, a receipt) asked, are a matter of
their own."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.smalltalk import small_talk
from bot.dialogs.state import Asking
from core.messages import plain_text
from core.text.answers import new_matter
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_after_filing_same_ticket import _filed, noted_on_the_ticket_just_filed
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import msg, step
from tests.world import World


@pytest.mark.parametrize(("first", "again"), [
    ("电话能不留吗", "电话能不留吗"),
    ("非得留号码吗", "那不留行不行"),
    ("不留电话行吗", "不留电话行吗"),
])  # fmt: skip
def test_asking_again_whether_the_phone_may_be_left_out_declines_it(first: str, again: str) -> None:
    s = step(at(Asking.PHONE, "楼下花坛的栏杆掉漆了 很难看").state, msg(first))
    assert s.state.draft and s.state.draft.asking == Asking.PHONE and tx.PHONE_OPTIONAL in plain_text(s.replies)
    s = step(s.state, msg(again))
    d = s.state.draft
    assert d and d.phone_declined and d.asking != Asking.PHONE


@pytest.mark.parametrize("said", ["喂 还在不在", "您好 请问还在吗", "你们还在吗"])
def test_asking_whether_anyone_is_still_there_is_a_greeting(said: str) -> None:
    assert small_talk(said) == "hello"


@pytest.mark.parametrize("said", ["水还在漏吗", "楼下那帮人还在吗"])
def test_asking_whether_a_thing_or_a_person_is_still_there_is_no_greeting(said: str) -> None:
    assert small_talk(said) is None


async def test_after_filing_asking_whether_anyone_is_there_asks_no_triage_question(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await _filed(me)
    await me.say("喂 请问还在吗")
    assert tx.ASK_TRIAGE not in me.said and len(await tickets(app)) == 1


@pytest.mark.parametrize("said", ["能不能快点派人 晚上锁不上门怎么办", "晚上门都没法锁 咋办"])
def test_a_night_followed_by_a_worry_is_no_start_time(said: str) -> None:
    s = step(at(Asking.OCCURRED, "单元门的闭门器坏了 门合不上").state, msg(said))
    d = s.state.draft
    assert d and d.occurred_text is None and d.asking == Asking.OCCURRED


def test_a_night_dated_or_said_alone_is_still_the_time() -> None:
    s = step(at(Asking.OCCURRED, "单元门的闭门器坏了 门合不上").state, msg("昨天晚上就这样了"))
    assert s.state.draft and s.state.draft.occurred_text == "昨天晚上就这样了"


@pytest.mark.parametrize("words", ["对了 隔壁是502", "哦对了 对门那户就是三零一的"])
async def test_after_filing_which_door_it_is_goes_to_the_ticket(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    await noted_on_the_ticket_just_filed(engine, app, words)


@pytest.mark.parametrize("words", ["楼上在往下泼水", "楼上又往下丢东西", "上面往下倒剩菜"])
def test_after_filing_things_thrown_from_above_are_a_new_matter(words: str) -> None:
    assert new_matter(words, "楼下饭店的排风扇半夜还在响")


@pytest.mark.parametrize("words", ["顺便问下 停车费的收据去哪领", "燃气费在哪交啊"])
def test_after_filing_an_errand_asked_at_the_desk_is_a_new_matter(words: str) -> None:
    assert new_matter(words, "楼下饭店的排风扇半夜还在响")


@pytest.mark.parametrize("words", ["这个维修费谁承担", "修好要多久", "车位的事啥时候有结果"])
def test_after_filing_a_question_about_the_ticket_stays_with_it(words: str) -> None:
    assert not new_matter(words, "我的车位被人占了 好几天不挪")
