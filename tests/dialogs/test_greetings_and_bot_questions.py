"""Found talking to the bot: 「喂喂喂」「哈喽」「晚上好，打扰了」 opened a complaint (「请问具体在哪里？」), and 「你是机器人吗」
was asked for a phone number; said in the middle of the form they were added to the complaint's text."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.smalltalk import small_talk
from tests.dialogs.conftest import resident, tickets
from tests.world import World


@pytest.mark.parametrize(("said", "kind"), [
    ("喂喂喂", "hello"), ("哈喽", "hello"), ("嗨", "hello"), ("晚上好，打扰了", "hello"), ("你好呀", "hello"), ("有人没", "hello"),
    ("你是机器人吗", "bot"), ("是真人吗", "bot"), ("是真人还是机器人啊", "bot"), ("你是不是自动回复", "bot"),
    # asking who answers (ninth session: 「物业吗」 was read as a consultation, the matter said next as its community)
    ("是物业吗？", "hello"), ("请问这里是居委会吗", "hello"), ("你好 是物业公司吧", "hello"), ("社区在吗", "hello"),
])  # fmt: skip
def test_greetings_and_questions_about_the_bot(said: str, kind: str) -> None:
    assert small_talk(said) == kind


@pytest.mark.parametrize("said", ["机器人坏了", "喂，楼道灯坏了", "你好，三栋电梯不动了", "真人秀节目太吵了",
                                  "物业在吗 我家没水了", "物业费怎么交", "是物业的车吗 堵门口了"])
def test_a_matter_after_a_greeting_is_no_small_talk(said: str) -> None:
    assert small_talk(said) is None


@pytest.mark.parametrize(("said", "reply"), [
    ("喂喂喂", tx.SMALL_TALK_HELLO_REPLY), ("晚上好，打扰了", tx.SMALL_TALK_HELLO_REPLY), ("你是机器人吗", tx.SMALL_TALK_BOT_REPLY),
    ("这里是物业吗", tx.SMALL_TALK_HELLO_REPLY),
])  # fmt: skip
async def test_no_draft_is_opened(world: World, engine: DialogEngine, app: App, said: str, reply: str) -> None:
    me = resident(engine)
    await me.say(said)
    assert reply in me.said and tx.ASK_ADDRESS not in me.said and tx.ASK_PHONE not in me.said
    await me.say("楼道灯坏了一个星期了，幸福里小区3栋2单元，电话13812345678")  # the matter, then, is the complaint
    assert tx.REVIEW_HEAD in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.description.startswith("楼道灯坏了")


async def test_in_the_middle_of_the_form_they_are_answered_not_added(
        world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("我家没水了")
    await me.say("喂？")
    assert tx.STILL_HERE in me.said and tx.ASK_ADDRESS in me.said
    await me.say("你是机器人吗")
    assert tx.SMALL_TALK_BOT_REPLY in me.said and tx.ASK_ADDRESS in me.said
    await me.say("幸福里小区2栋1单元301")
    if tx.ASK_OCCURRED in me.said:
        await me.say("刚才")
    await me.say("13512345678")
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.description == "我家没水了"
