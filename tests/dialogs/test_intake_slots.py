"""Issue 15's slots, step by step (no database): an answer is a field only if it reads as one, a
second problem mid-form is kept and offered after filing, a resent message is not taken twice, the
triage question, time phrases, and the resident's own duplicate."""

from __future__ import annotations

import pytest

from bot.dialogs import emergency_texts as etx
from bot.dialogs import intake
from bot.dialogs import texts as tx
from bot.dialogs.effects import DuplicateFound, Filed, FileTicket, FindDuplicate
from bot.dialogs.intake.keys import K_TRIAGE_YES
from bot.dialogs.state import Asking
from bot.dialogs.step import Step
from core.messages import Choices, Text, plain_text
from core.service import keys
from core.text.answers import new_problem, reads_as_place
from tests.dialogs.test_steps import ctx, fresh, msg, step

GARBAGE = "对了还有，楼下垃圾好几天没人收了，臭得很"
GARBAGE_WORDS = "楼下垃圾好几天没人收了，臭得很"
LIFT = "另外电梯也坏了两天了"
LIFT_WORDS = "电梯也坏了两天了"  # kept without the 另外 that brought it up
TRIAGE_TEXT = "楼道里有股怪味，不知道是不是煤气"  # partial evidence of gas: the model asks


def at(question: Asking, first: str = "楼道灯坏了") -> Step:
    """A draft that has just asked `question` (answering what is asked before it)."""
    s = step(fresh(), msg(first))
    answers = {Asking.ADDRESS: "幸福里小区3栋", Asking.COMMUNITY: "幸福里小区3栋", Asking.DOOR: "2单元501", Asking.OCCURRED: "昨晚",
               Asking.PHONE: "13812345678"}  # to reach: address, (the door of a flat), time, phone, read-back
    for _ in range(len(answers) + 1):
        assert s.state.draft is not None
        if s.state.draft.asking == question or s.state.draft.asking not in answers:
            break
        s = step(s.state, msg(answers[s.state.draft.asking]))
    assert s.state.draft and s.state.draft.asking == question, s.state.draft
    return s


def filed(s: Step, number: str = "261206-0001") -> Step:
    """Submit (no duplicate found) and report the ticket filed."""
    s = step(s.state, msg(choice=intake.K_SUBMIT))
    (check,) = s.effects
    assert isinstance(check, FindDuplicate)
    s = check.then(s.state.model_copy(deep=True), check, None, ctx())
    (file_it,) = s.effects
    assert isinstance(file_it, FileTicket)
    return file_it.then(s.state.model_copy(deep=True), file_it, Filed(number, "幸福里网格", "明天"), ctx())


# ---- the readers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["菜市场门口", "小区东门", "3栋", "幸福里小区3栋2单元501", "锦绣家园5栋门口"])
def test_places_read_as_places(text: str) -> None:
    assert reads_as_place(text, [("幸福里小区", "幸福里")]) and not new_problem(text)


@pytest.mark.parametrize("text", [GARBAGE, LIFT, "电梯也坏了", "还有3栋的路灯也不亮"])
def test_second_problems_are_no_places(text: str) -> None:
    assert new_problem(text) and not reads_as_place(text)


@pytest.mark.parametrize("text", ["好几天了", "昨晚", "不知道", "就在楼下，一直没人修", "13812345678"])
def test_plain_answers_are_no_second_problem(text: str) -> None:
    assert not new_problem(text)


# ---- 1. an answer is an address only if it reads as one ---------------------------------------------


def test_words_that_are_no_place_are_asked_about_not_taken() -> None:
    s = at(Asking.ADDRESS)
    s = step(s.state, msg("我也不太清楚怎么说"))
    d = s.state.draft
    assert d and not d.address_ok and d.asking == Asking.ADDRESS_CONFIRM
    assert tx.unclear_address("我也不太清楚怎么说") in plain_text(s.replies)
    # the resident confirms: then it is the address, as the issue allows
    s = step(s.state, msg(tx.ADDRESS_IS_HERE))
    assert s.state.draft and s.state.draft.address_ok and s.state.draft.asking == Asking.OCCURRED


def test_a_named_place_gets_the_plain_confirmation() -> None:
    s = step(at(Asking.ADDRESS).state, msg("菜市场门口"))
    assert s.state.draft and s.state.draft.asking == Asking.ADDRESS_CONFIRM
    assert tx.confirm_address("菜市场门口") in plain_text(s.replies)


# ---- 2. a second problem mid-form -------------------------------------------------------------------


def test_the_issue_s_garbage_at_the_address_question_is_no_address() -> None:
    s = step(at(Asking.ADDRESS).state, msg(GARBAGE))
    d = s.state.draft
    assert d and d.asking == Asking.ADDRESS and not d.address_text and not d.address_ok and not d.community
    assert tx.ASIDE_NOTED in plain_text(s.replies) and s.state.asides == [GARBAGE_WORDS]
    assert "垃圾" not in (d.description or "")


@pytest.mark.parametrize("question", [Asking.ADDRESS, Asking.OCCURRED, Asking.PHONE, Asking.REVIEW])
def test_a_second_problem_is_never_a_field_at_any_question(question: Asking) -> None:
    s = at(question)
    before = s.state.draft.model_copy() if s.state.draft else None
    s = step(s.state, msg(LIFT))
    d = s.state.draft
    assert d and before and d.asking == question
    assert (d.occurred_text, d.phone, d.address_text, d.description) == (
        before.occurred_text, before.phone, before.address_text, before.description)
    assert s.state.asides == [LIFT_WORDS]


def test_the_second_problem_is_offered_after_filing_and_filed_on_yes() -> None:
    s = step(at(Asking.OCCURRED).state, msg(LIFT))
    assert s.state.draft and s.state.draft.occurred_text is None  # 「另外电梯也坏了两天了」 is not the time
    s = step(s.state, msg("昨晚"))
    s = step(s.state, msg("13812345678"))
    done = filed(s)
    offer = done.replies[-1]
    assert isinstance(offer, Choices) and offer.prompt == tx.aside_offer(LIFT_WORDS)
    assert [o.label for o in offer.options] == [tx.ASIDE_YES, tx.ASIDE_NO]
    assert done.state.draft is None
    # typed "1" (WeChat's numbered options) takes it up: a new draft from its words
    again = step(done.state, msg("1"))
    d = again.state.draft
    assert d and d.description == LIFT_WORDS and again.state.asides == []
    assert d.occurred_text and "两天" in d.occurred_text
    # a broken lift may ask who is trapped; else the place just used is offered (还是「…」吗？)
    assert d.asking == Asking.TRIAGE or d.asking == Asking.ADDRESS_CONFIRM


def test_declining_the_second_problem_drops_it() -> None:
    s = step(at(Asking.PHONE).state, msg(GARBAGE))
    s = step(s.state, msg("13812345678"))
    done = filed(s)
    no = step(done.state, msg(choice=keys_of(done)[1]))
    assert tx.ASIDE_DROPPED in plain_text(no.replies) and no.state.asides == [] and no.state.draft is None


def test_the_second_problem_is_offered_after_a_cancel_too() -> None:
    s = step(at(Asking.OCCURRED).state, msg(LIFT))
    s = step(s.state, msg("取消"))
    assert s.state.draft is None and tx.aside_offer(LIFT_WORDS) in plain_text(s.replies)


def keys_of(s: Step) -> list[str]:
    last = s.replies[-1]
    assert isinstance(last, Choices)
    return [o.key for o in last.options]


# ---- 3. a resent message ----------------------------------------------------------------------------


def test_the_first_message_resent_at_the_read_back_is_not_appended() -> None:
    first = "楼下烧烤店每天晚上12点还在吵，幸福里小区，电话13812345678"
    s = step(fresh(), msg(first))
    while s.state.draft and s.state.draft.asking != Asking.REVIEW:
        s = step(s.state, msg({Asking.ADDRESS_CONFIRM: "对", Asking.ADDRESS: "3栋", Asking.TRIAGE: "没有"}
                              .get(s.state.draft.asking or Asking.REVIEW, "昨晚")))
    description = s.state.draft.description if s.state.draft else None
    s = step(s.state, msg(first))
    assert s.state.draft and s.state.draft.description == description
    assert tx.ALREADY_NOTED in plain_text(s.replies) and s.state.draft.asking == Asking.REVIEW


def test_words_added_at_the_read_back_and_sent_again_are_added_once() -> None:
    s = at(Asking.REVIEW)
    s = step(s.state, msg("灯罩掉下来了一半"))
    once = s.state.draft.description if s.state.draft else None
    assert once and once.count("灯罩") == 1
    s = step(s.state, msg("灯罩掉下来了一半"))
    assert s.state.draft and s.state.draft.description == once


def test_the_first_message_resent_at_a_question_is_not_an_answer() -> None:
    s = at(Asking.ADDRESS, first="楼道灯坏了好几天了")
    s = step(s.state, msg("楼道灯坏了好几天了"))
    d = s.state.draft
    assert d and d.asking == Asking.ADDRESS and not d.address_text and tx.ALREADY_NOTED in plain_text(s.replies)


# ---- 4. the resident's own duplicate ----------------------------------------------------------------


def test_the_resident_s_own_duplicate_is_offered_and_not_refiled() -> None:
    s = at(Asking.REVIEW)
    s = step(s.state, msg(choice=intake.K_SUBMIT))
    (check,) = s.effects
    assert isinstance(check, FindDuplicate)
    s = check.then(s.state.model_copy(deep=True), check, DuplicateFound("261205-0003", own=True), ctx())
    offer = s.replies[-1]
    assert isinstance(offer, Choices) and offer.prompt == tx.own_duplicate_offer("261205-0003")
    assert [o.label for o in offer.options] == [tx.NO_REFILE_LABEL, tx.FILE_ANYWAY_LABEL]
    skip = step(s.state, msg("1"))
    assert skip.state.draft is None and not skip.effects and tx.not_refiled("261205-0003") in plain_text(skip.replies)
    anyway = step(s.state, msg(choice=keys.encode(keys.NO_JOIN, "261205-0003")))
    assert isinstance(anyway.effects[0], FileTicket)


# ---- 5. the triage question -------------------------------------------------------------------------


def _triage() -> Step:
    s = step(fresh(), msg(TRIAGE_TEXT))
    d = s.state.draft
    assert d and d.asking == Asking.TRIAGE and not d.emergency
    question = s.replies[-1]
    assert isinstance(question, Choices) and question.prompt == tx.ASK_TRIAGE
    assert [o.label for o in question.options] == [tx.TRIAGE_YES, tx.TRIAGE_NO]
    return s


def test_triage_yes_takes_the_emergency_path() -> None:
    s = step(_triage().state, msg(choice=K_TRIAGE_YES))
    d = s.state.draft
    assert d and d.emergency and tx.TRIAGE_TRIGGER in d.triggers
    assert etx.emergency_numbers("96777", d.hazard, hurt=False) in plain_text(s.replies)
    assert d.asking == Asking.ADDRESS and tx.ASK_ADDRESS_EMERGENCY in plain_text(s.replies)
    s = step(s.state, msg("幸福里小区地下车库"))
    (file_it,) = s.effects  # filed at once with the place, no read-back, no phone first
    assert isinstance(file_it, FileTicket) and file_it.draft.urgency == "emergency"


@pytest.mark.parametrize("typed", ["有", "有危险", "1", "係呀", "有人受傷"])  # Cantonese: ninth session
def test_triage_yes_typed(typed: str) -> None:
    s = step(_triage().state, msg(typed))
    assert s.state.draft and s.state.draft.emergency


@pytest.mark.parametrize("typed", ["没有", "2", "没事", "冇", "冇事", "唔係"])
def test_triage_no_goes_on_normally(typed: str) -> None:
    s = step(_triage().state, msg(typed))
    d = s.state.draft
    assert d and not d.emergency and d.triage_done and d.asking == Asking.ADDRESS
    assert "119" not in plain_text(s.replies)


@pytest.mark.parametrize(("typed", "kept"), [("没有，就是水一直在往外冒", "水一直在往外冒"),
                                              ("没人受伤 但是楼道里全是水", "楼道里全是水")])
def test_triage_no_with_words_of_their_own_is_a_no_and_the_words_kept(typed: str, kept: str) -> None:
    """Eighteenth session's user test: 「没有，就是一直坐在边上不动」 was told 「请回答「有危险」或「没有」」."""
    s = step(_triage().state, msg(typed))
    d = s.state.draft
    assert d and not d.emergency and d.triage_done and d.description.endswith(f"；{kept}")
    assert tx.BAD_TRIAGE not in plain_text(s.replies)


def test_triage_unclear_answer_asks_again_and_words_of_danger_settle_it() -> None:
    s = step(_triage().state, msg("嗯嗯"))  # 我也说不好 is "it could be" since danger30 (test_danger30_triage.py)
    assert s.state.draft and s.state.draft.asking == Asking.TRIAGE and tx.BAD_TRIAGE in plain_text(s.replies)
    s = step(s.state, msg("配电箱已经冒烟着火了"))
    assert s.state.draft and s.state.draft.emergency


def test_an_address_said_at_the_triage_question_is_kept_and_the_question_put_again() -> None:
    # residents expect the address question and answer it: kept, said so, not counted as not understood; the
    # question is put once more, then the form goes on (usertest29: put five times, nothing filed)
    s = _triage()
    for answer in ("阳光花园5栋1单元702", "13911112222"):
        s = step(s.state, msg(answer))
        d = s.state.draft
        assert d and not d.emergency, answer
        assert "已记下" in plain_text(s.replies) and tx.OPTION_CANCEL not in plain_text(s.replies), answer
    assert d.asking == Asking.OCCURRED and d.triage_unknown
    s = step(s.state, msg("前天晚上开始的"))
    d = s.state.draft
    assert d.building == "5" and d.room == "702" and d.phone == "13911112222" and d.occurred_text
    assert d and not d.emergency and d.asking == Asking.REVIEW  # nothing asked twice


def test_a_time_said_at_the_triage_question_replaces_the_openings_now() -> None:
    s = step(fresh(), msg("楼道里现在有股怪味，不知道是不是煤气"))
    assert s.state.draft and s.state.draft.asking == Asking.TRIAGE
    s = step(s.state, msg("昨天晚上九点多"))
    d = s.state.draft
    assert d and d.asking == Asking.TRIAGE and "昨天晚上九点多" in (d.occurred_text or "")
    assert "时间已记下" in plain_text(s.replies)


def test_a_problem_in_a_building_with_only_the_community_asks_which_building() -> None:
    s = step(fresh(), msg("楼道的声控灯坏了一个多礼拜 晚上黑漆漆的"))
    s = step(s.state, msg("幸福里小区"))
    d = s.state.draft
    assert d and d.asking == Asking.DOOR
    assert tx.ASK_BUILDING.format(community=d.community) in plain_text(s.replies)
    s = step(s.state, msg("12号楼"))
    d = s.state.draft
    assert d and d.building == "12" and d.asking == Asking.PHONE


@pytest.mark.parametrize("first", ["小区东门的路灯坏了一个多礼拜", "广场上的健身器材坏了"])
def test_a_problem_outdoors_with_only_the_community_asks_no_building(first: str) -> None:
    s = step(fresh(), msg(first))
    s = step(s.state, msg("幸福里小区"))
    d = s.state.draft
    assert d and d.asking != Asking.DOOR and d.building is None


@pytest.mark.parametrize("said", ["是的", "好的", "谢谢", "嗯"])
def test_yes_or_thanks_at_the_address_question_is_asked_again_not_confirmed_as_a_place(said: str) -> None:
    s = step(at(Asking.ADDRESS).state, msg(said))
    d = s.state.draft
    assert d and d.asking == Asking.ADDRESS and d.address_text is None
    # thanks is answered as thanks before the question again (twelfth session), a yes is no address
    assert plain_text(s.replies).startswith(tx.THANKS_MID_FORM) if said == "谢谢" else plain_text(s.replies) == tx.BAD_ADDRESS


def test_ordinary_complaints_are_not_triaged() -> None:
    for text in ("楼下烧烤店每天晚上12点还在吵，幸福里小区3栋2单元501，电话13812345678", "楼道灯坏了", GARBAGE):
        s = step(fresh(), msg(text))
        assert s.state.draft and s.state.draft.asking != Asking.TRIAGE, text


# ---- 6. time phrases --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first, stored",
    [("水管漏水好几天了", "好几天了"), ("楼道灯去年12月就坏了", "去年12月"), ("上周三晚上楼下有人吵架", "上周三晚上"),
     ("每天凌晨垃圾车很吵", "每天凌晨")],
)  # fmt: skip
def test_time_phrases_in_the_first_message_are_kept_whole(first: str, stored: str) -> None:
    s = step(fresh(), msg(first))
    assert s.state.draft and s.state.draft.occurred_text == stored


@pytest.mark.parametrize("answer", ["好几天了", "去年12月", "上周三晚上", "每天凌晨"])
def test_time_phrases_as_answers_are_kept_whole(answer: str) -> None:
    s = step(at(Asking.OCCURRED).state, msg(answer))
    assert s.state.draft and s.state.draft.occurred_text == answer and s.state.draft.asking == Asking.PHONE


def test_yizhi_is_no_time_and_asks_since_when() -> None:
    s = step(fresh(), msg("一直往下滴水"))
    assert s.state.draft and s.state.draft.occurred_text is None
    s = at(Asking.OCCURRED)
    s = step(s.state, msg("一直"))
    assert s.state.draft and s.state.draft.occurred_text is None and s.state.draft.asking == Asking.OCCURRED
    assert isinstance(s.replies[-1], Text) and s.replies[-1].text == tx.ASK_OCCURRED_SINCE
    s = step(s.state, msg("上个月开始的"))
    d = s.state.draft
    assert d and d.occurred_text == "一直，上个月开始的" and d.occurred_at is not None and d.asking == Asking.PHONE


def test_a_phone_after_since_when_keeps_the_goes_on_answer() -> None:
    """Ninth session: 「一直都这样」, then a phone at 「大概从什么时候开始的？」 — the phone was kept but the time asked a
    third time, as if nothing had been said."""
    s = step(at(Asking.OCCURRED).state, msg("一直是这样"))
    assert s.state.draft and s.state.draft.asking == Asking.OCCURRED
    s = step(s.state, msg("13600007777"))
    d = s.state.draft
    assert d and d.occurred_text == "一直是这样" and d.phone == "13600007777" and d.asking != Asking.OCCURRED


def test_a_time_said_at_the_phone_question_is_the_time() -> None:
    """Ninth session: 「上个月开始」 at the phone question (the opening said only 天天) was told the number looks wrong."""
    s = step(fresh(), msg("楼上天天半夜拖桌子，幸福里小区3栋2单元"))
    d = s.state.draft
    if d and d.asking == Asking.OCCURRED:
        s = step(s.state, msg("天天半夜"))
    assert s.state.draft and s.state.draft.asking == Asking.PHONE
    s = step(s.state, msg("去年冬天就开始了"))
    d = s.state.draft
    assert d and "去年冬天就开始了" in (d.occurred_text or "") and d.asking == Asking.PHONE
    assert tx.BAD_PHONE not in plain_text(s.replies)


def test_a_visit_time_said_at_the_phone_question_is_for_the_staff() -> None:
    s = step(at(Asking.PHONE).state, msg("后天上午我在家"))
    d = s.state.draft
    assert d and "后天上午我在家" in (d.description or "") and tx.BAD_PHONE not in plain_text(s.replies)


def test_a_long_sentence_naming_a_place_is_no_address() -> None:
    text = "车库里有根水管一直在滴，刚好滴在配电箱顶上，暂时没出事，但这样下去迟早短路"
    assert not reads_as_place(text)
    s = step(at(Asking.ADDRESS).state, msg(text))
    assert s.state.draft and not s.state.draft.address_ok
    assert tx.unclear_address(text) in plain_text(s.replies)


@pytest.mark.parametrize("typed, files", [("要", True), ("登记一下", True), ("不用了", False), ("算了", False),
                                          ("好的", None)])
def test_the_offer_answered_in_words(typed: str, files: bool | None) -> None:
    s = step(at(Asking.PHONE).state, msg(LIFT))
    s = step(s.state, msg("13812345678"))
    answer = step(filed(s).state, msg(typed))
    if files is None:  # as likely a thank-you for the filing: small talk, the offer still stands
        assert answer.state.draft is None and answer.state.asides == [LIFT_WORDS]
    elif files:
        assert answer.state.draft and answer.state.draft.description == LIFT_WORDS
    else:
        assert answer.state.draft is None and answer.state.asides == [] and tx.ASIDE_DROPPED in plain_text(answer.replies)
