"""Round 13's classes (development data, docs/understanding.md "Round 13's slots"): a clock time with 多 kept
whole; 现在 behind a suggestion and a time inside a consultation's question are no onset; after filing, the
model's hint of danger alone on words about people, what the visit costs or who pays, a call back asked for,
the same thing at another time, and the ticket's own fault once more go to the ticket just filed, while a
message that asks for this to be passed on too, a neighbour putting something somewhere and a noise told by
its sound are new matters; Cantonese thanks is small talk; a new matter's lead is not its description; a
second problem typed at the duplicate question is set aside. Each failed before the fix beside it (none is a
round-13 sentence)."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.aftercare import small_talk
from bot.dialogs.effects import DuplicateFound
from bot.dialogs.intake.flow import after_duplicate_check
from bot.dialogs.intake.keys import K_SUBMIT
from bot.dialogs.state import Asking
from bot.dialogs.understand import Reader
from core.text.answers import matter_words, new_matter
from core.text.timephrase import parse_time_phrase
from tests.dialogs.test_after_filing_same_ticket import noted_on_the_ticket_just_filed
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_round12_classes import _filed_then
from tests.dialogs.test_steps import ctx, msg, step
from tests.world import World

NOW = datetime(2026, 12, 6, 15, 0)
NOISE = "楼下烧烤店每天晚上12点还在吵"


# ---- the time reader and the opening's time ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "said"), [("前天夜里两点多开始滴水", "前天夜里两点多"),
                                           ("今早六点多钟就开始电钻", "今早六点多钟")])
def test_a_clock_time_with_duo_is_kept_whole(text: str, said: str) -> None:
    phrase = parse_time_phrase(text, NOW)
    assert phrase is not None and phrase.text.startswith(said)


@pytest.mark.parametrize("opening", ["建议在东门加个自行车棚 现在车子都停在路边", "请问今年会不会统一换水表"])
async def test_a_suggestion_s_present_or_a_time_inside_the_question_is_no_onset(app: App, opening: str) -> None:
    assert Reader(app.assessor).read(opening, NOW, []).time_text is None


async def test_a_complaint_s_present_is_still_its_time(app: App) -> None:
    assert Reader(app.assessor).read("现在楼上在砸墙 吵死了", NOW, []).time_text == "现在"


# ---- after filing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("words", [
    "那要收费吗 材料费多少",  # what the visit costs
    "玻璃是不是物业负责换",  # who pays
    "可以叫师傅回个电话吗",  # a call back
    "噪音是从十一点开始的 上周六也是",  # when it began, the same thing at another time
    "我爸在家 让师傅直接上来",  # words about people: the model's hint alone
    "宝宝要洗澡",
])  # fmt: skip
async def test_after_filing_these_go_to_the_ticket_just_filed(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    await noted_on_the_ticket_just_filed(engine, app, words)


def test_the_ticket_s_own_fault_once_more_is_not_new() -> None:
    assert not new_matter("又塌了一块", "车库顶上的水泥往下塌")
    assert new_matter("又停水了", NOISE)  # another fault: new


@pytest.mark.parametrize("words", [
    "楼上总是半夜弹钢琴 这个也顺便说一下",
    "对门邻居把旧沙发扔在单元门口",
    "楼上咚咚咚",
])  # fmt: skip
def test_these_after_filing_are_new_matters(words: str) -> None:
    assert new_matter(words, NOISE)


@pytest.mark.parametrize("words", ["多谢晒", "唔该晒", "辛苦晒"])
def test_cantonese_thanks_is_small_talk(words: str) -> None:
    assert small_talk(words) == "thanks"


@pytest.mark.parametrize(("words", "said"), [("另外，3栋的信箱被撬了", "3栋的信箱被撬了"),
                                            ("还有个事 车库入口的灯不亮", "车库入口的灯不亮"),
                                            ("还有人在车库里抽烟", "还有人在车库里抽烟")])
def test_a_new_matter_s_lead_is_not_its_description(words: str, said: str) -> None:
    assert matter_words(words) == said


def test_a_new_matter_after_filing_is_described_without_its_lead() -> None:
    d = _filed_then("另外 单元门的门禁刷不开了").state.draft
    assert d is not None and d.description == "单元门的门禁刷不开了"


def test_a_second_problem_typed_at_the_duplicate_question_is_set_aside() -> None:
    s = at(Asking.REVIEW, "3栋门口的路灯不亮了")
    s = step(s.state, msg(choice=K_SUBMIT))
    (check,) = s.effects
    s = after_duplicate_check(s.state.model_copy(deep=True), check, DuplicateFound("261206-0009"), ctx())
    assert s.state.draft and s.state.draft.asking == Asking.DUPLICATE
    s = step(s.state, msg("另外 楼道里的扶手也松了"))
    assert s.state.asides == ["楼道里的扶手也松了"]
    assert s.state.draft and s.state.draft.asking == Asking.DUPLICATE
    assert tx.BAD_ANSWER not in " ".join(str(r) for r in s.replies)
