"""Round 18's dialog classes (development data, docs/understanding.md "Round 18's misses"), none a round-18
sentence: after a greeting, words that say there is nothing to report are a greeting still; after filing, a lead
(对了 / 另外 / 还有) before a word for the visit, what the repair costs or who pays, whether the staff reached the
other party, the fault said again or back after the repair, and what the ticket's fault is about to do go to the
ticket just filed, while a fault done by someone (被人撬了) or fumes too strong (油烟太大) is a new matter. Reached
once the bench's resident answered a greeting: a phone declined in words, a lead in traditional characters."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.inputs import lead_only
from bot.dialogs.smalltalk import small_talk
from bot.dialogs.state import Asking
from core.messages import plain_text
from core.text.answers import new_matter
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_after_filing_same_ticket import _filed, _not_noted, noted_on_the_ticket_just_filed
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import msg, step
from tests.world import World


@pytest.mark.parametrize(("said", "kind"), [
    ("没事 就是来问声好", "hello"), ("哈哈 没什么事 打声招呼", "hello"), ("没啥事，随便看看", "hello"),
    ("没别的事 就说声谢谢你们", "thanks"),
])  # fmt: skip
def test_nothing_to_report_is_small_talk(said: str, kind: str) -> None:
    assert small_talk(said) == kind


@pytest.mark.parametrize("said", ["没事", "看看", "没事 就是楼道灯坏了", "随便看看 门口的垃圾桶满了"])
def test_a_matter_or_a_bare_word_is_read_as_before(said: str) -> None:
    assert small_talk(said) is None


async def test_after_a_greeting_nothing_to_report_opens_no_complaint(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await me.say("您好")
    await me.say("没什么事 就打个招呼")
    assert tx.SMALL_TALK_HELLO_REPLY in me.said and tx.ASK_ADDRESS not in me.said
    assert await tickets(app) == []


@pytest.mark.parametrize("words", [
    "对了 我晚上七点以后才在家",  # a lead before when someone is home
    "另外 工人来的时候记得带个电钻",  # a lead before what the worker should bring
    "哦对了 对门那户电话我有 需要发给你们吗",  # the other party's details offered
    "还有 师傅上门前要我先把电闸拉了吗",
    "换个零件大概要多少钱",  # what the repair costs, who pays
    "这个费用谁承担 物业还是业主",
    "你们找过他们了吗",  # whether the staff reached the other party
    "到现在还是没人来 我再说一遍 灯还是不亮",  # said again, nobody come
    "依然不亮 刚修好又坏了",  # the fault still there, back after the repair
    "屋里的菜都快要臭了",  # what the ticket's fault is about to do
])  # fmt: skip
async def test_after_filing_these_go_to_the_ticket_just_filed(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    await noted_on_the_ticket_just_filed(engine, app, words)


@pytest.mark.parametrize("words", ["刚下楼发现电瓶车的座垫被人割了", "隔壁饭馆的油烟特别大", "对了 楼下的灰尘太大了"])
async def test_after_filing_a_fault_done_by_someone_or_fumes_are_a_new_matter(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    await _filed(me)
    await me.say(words)
    assert await _not_noted(me, app)


@pytest.mark.parametrize("text", [
    "另外，我想问一下停车费什么时候退",  # a lead before a question of its own: still a new matter
    "还有个事 师傅把楼道的墙刮坏了",  # the worker named, but something is wrong
    "对了 楼上的花盆摆在窗外 挺危险的",
])  # fmt: skip
def test_a_lead_before_a_matter_stays_a_new_matter(text: str) -> None:
    assert new_matter(text, "楼下烧烤店每天晚上12点还在吵")


# ---- reached once the bench answered its greetings (round 7's p017, p034, p113) ----------------------------


@pytest.mark.parametrize("said", ["号码就不留了", "手机还是免了吧", "我不想留手机 麻烦你们了", "号码就不给了 有事微信上找我"])
def test_declining_the_phone_in_words_is_the_no_phone_option(said: str) -> None:
    s = step(at(Asking.PHONE, "楼道灯坏了").state, msg(said))
    d = s.state.draft
    assert d and d.phone is None and d.phone_declined and d.asking == Asking.REVIEW


@pytest.mark.parametrize("said", ["我不想给号码 怕他们知道是我", "号码不留可不可以", "电话就免了 担心被找上门"])
def test_a_worried_or_asked_decline_is_answered_and_asked_once_more(said: str) -> None:
    # the tenth session's policy: who sees the number is said (or that it may be left out) and it is asked once more
    s = step(at(Asking.PHONE, "楼道灯坏了").state, msg(said))
    d = s.state.draft
    assert d and d.phone is None and not d.phone_declined and d.asking == Asking.PHONE
    assert tx.PRIVACY_ASSURED in plain_text(s.replies) or tx.PHONE_OPTIONAL in plain_text(s.replies)


def test_a_remark_at_the_phone_question_is_still_kept_for_the_staff() -> None:
    s = step(at(Asking.PHONE, "楼道灯坏了").state, msg("你们能不能快点派人来"))
    d = s.state.draft
    assert d and d.asking == Asking.PHONE and not d.phone_declined and tx.REMARK_KEPT in plain_text(s.replies)


@pytest.mark.parametrize(("said", "kind"), [
    ("請問這裡是居委會嗎", "hello"), ("收到 謝謝你們", "thanks"), ("你们是物业还是街道呀", "hello"), ("唔該晒", "thanks"),
])  # fmt: skip
def test_small_talk_in_traditional_characters_or_asking_who_either_way(said: str, kind: str) -> None:
    assert small_talk(said) == kind


@pytest.mark.parametrize(("said", "kind"), [("有點事想問問", "consult"), ("我要報個修", "repair"), ("想反映個事情", "complaint")])
def test_a_lead_in_traditional_characters_only_announces_the_matter(said: str, kind: str) -> None:
    assert lead_only(said) == kind


@pytest.mark.parametrize("told", ["我家門口的聲控燈壞了好幾天了", "单元门口的下水道堵了 臭得很"])
async def test_a_fault_told_after_a_question_lead_is_asked_where(
    world: World, engine: DialogEngine, app: App, told: str
) -> None:
    me = resident(engine)
    await me.say("你好 有点事想问问")
    await me.say(told)
    assert tx.ASK_ADDRESS in me.said


async def test_a_question_told_after_a_question_lead_stays_a_question(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await me.say("你好 有点事想问问")
    await me.say("装修押金一般多久能退")
    assert tx.ASK_ADDRESS not in me.said
