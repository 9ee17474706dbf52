"""Questions about the service itself — how long, when someone is there, whether the other side will know who
complained — answered in the middle of the form and after it, never taken as a field, a remark or a new matter
(thirteenth session, talking to the chat: 「会不会让他知道是我投诉的」 became part of the complaint, 「多久能处理啊」 at
the time question was told 「没看出是什么时候」, and after filing the privacy question opened a new draft)."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.service_questions import service_question
from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import msg, step
from tests.world import World


@pytest.mark.parametrize(("words", "kind"), [
    ("会不会让他知道是我投诉的", "privacy"), ("能匿名吗", "privacy"), ("别告诉楼上是我说的", "privacy"),
    ("我的电话会泄露吗", "privacy"), ("多久能处理啊", "when"), ("大概什么时候能来修", "when"), ("修好要几天", "when"),
    ("你们几点上班", "hours"), ("晚上有人处理吗", "hours"), ("周末也有人值班吗", "hours"),
    ("晚上有人吵", None), ("好几天了", None), ("什么时候开始的记不清了", None), ("谁知道是哪家干的", None),
    ("前几天开始的 什么时候能修", "when"),  # at the time question the time wins (the caller's guard, below)
])  # fmt: skip
def test_the_reader(words: str, kind: str | None) -> None:
    assert service_question(words) == kind


@pytest.mark.parametrize("question", [Asking.ADDRESS, Asking.OCCURRED, Asking.REVIEW])
@pytest.mark.parametrize(("words", "kind"), [("会不会让他知道是我投诉的", "privacy"), ("多久能处理啊", "when"),
                                             ("你们晚上有人处理吗", "hours")])
def test_mid_form_answered_and_the_question_put_again(question: Asking, words: str, kind: str) -> None:
    s = at(question)
    before = s.state.draft.description if s.state.draft else None
    s = step(s.state, msg(words))
    assert s.state.draft is not None and s.state.draft.asking == question
    assert s.state.draft.description == before  # not added to what happened
    assert plain_text(s.replies[:1]) == tx.SERVICE_ANSWERS[kind]
    assert s.state.draft.occurred_text in (None, "昨晚")  # never taken as when


def test_at_the_phone_question_privacy_is_told_with_the_phone_optional() -> None:
    s = step(at(Asking.PHONE).state, msg("能匿名吗"))
    assert s.state.draft is not None and s.state.draft.asking == Asking.PHONE and s.state.draft.phone is None
    assert plain_text(s.replies[:1]) == tx.PRIVACY_ASSURED
    s = step(s.state, msg("不留了"))
    assert s.state.draft is not None and s.state.draft.phone_declined


def test_a_time_with_the_question_is_the_time() -> None:
    s = step(at(Asking.OCCURRED).state, msg("前几天开始的 什么时候能修好"))
    assert s.state.draft is not None and s.state.draft.asking != Asking.OCCURRED
    assert "前几天" in (s.state.draft.occurred_text or "")


def test_words_with_the_question_are_kept_for_the_staff() -> None:
    s = step(at(Asking.OCCURRED).state, msg("楼上又开始拖椅子了 你们什么时候能来处理"))
    assert s.state.draft is not None and s.state.draft.asking == Asking.OCCURRED
    assert "又开始拖椅子" in (s.state.draft.description or "")
    assert plain_text(s.replies[:1]) == tx.SERVICE_ANSWERS["when"]


@pytest.mark.parametrize(("words", "kind"), [("会不会让他知道是我投诉的", "privacy"), ("能匿名吗", "privacy"),
                                             ("你们晚上有人处理吗", "hours")])
async def test_after_filing_answered_no_draft(world: World, engine: DialogEngine, app: App, words: str,
                                              kind: str) -> None:
    me = resident(engine)
    await me.say("3栋楼道灯坏了一个星期了")
    await me.say("幸福里小区3栋")
    await me.say("13812345678")
    await me.say("提交")
    assert "已提交" in me.said, me.said
    await me.say(words)
    assert me.said == tx.SERVICE_ANSWERS[kind]
    assert len(await tickets(app)) == 1


def test_more_than_the_question_is_kept() -> None:
    s = step(at(Asking.OCCURRED).state, msg("几时能恢复？老人要吃药"))
    assert s.state.draft is not None and "老人要吃药" in (s.state.draft.description or "")


@pytest.mark.parametrize("words", ["我怕他知道了报复我", "怕邻居找我麻烦"])
def test_a_fear_of_the_other_side_is_answered(words: str) -> None:
    assert service_question(words) == "privacy"
    s = step(at(Asking.OCCURRED).state, msg(words))
    assert s.state.draft is not None and s.state.draft.asking == Asking.OCCURRED
    assert s.state.draft.occurred_text in (None, "昨晚")  # never taken as when (it was: 时间：我怕他知道了报复我)
    assert plain_text(s.replies[:1]) == tx.SERVICE_ANSWERS["privacy"]


def test_giving_up_for_fear_is_reassured_and_told_how_to_stop() -> None:
    s = step(at(Asking.ADDRESS).state, msg("算了 不投诉了 怕邻居找麻烦"))
    assert s.state.draft is not None and s.state.draft.asking == Asking.ADDRESS
    assert s.state.draft.address_text is None  # it was offered as the address
    said = plain_text(s.replies)
    assert tx.SERVICE_ANSWERS["privacy"] in said and tx.CANCEL_IF_YOU_WISH in said


@pytest.mark.parametrize("words", ["算了不投了 反正也没人管", "不报了，等他们自己修吧"])
def test_giving_up_with_a_reason_is_told_how_to_stop(words: str) -> None:
    s = step(at(Asking.ADDRESS).state, msg(words))
    assert s.state.draft is not None and s.state.draft.address_text is None  # never offered as the address
    assert plain_text(s.replies).startswith(tx.CANCEL_IF_YOU_WISH)
    s = step(s.state, msg("取消"))
    assert s.state.draft is None and plain_text(s.replies).startswith(tx.CANCELLED)


def test_never_mind_at_the_time_question_is_no_giving_up() -> None:
    s = step(at(Asking.OCCURRED).state, msg("算了 记不清了"))
    assert s.state.draft is not None
