"""Answers that come a question late (tenth session, talking to `complaint-bot chat`): the rest of the address
typed at the time, phone or triage question finishes the address; a room number is never an emergency; the
number "on file" that the bot cannot see is asked for plainly; a hurry after filing is told it was passed on."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.effects import FindDuplicate
from bot.dialogs.state import Asking
from core.db.models import TicketEvent
from core.enums import EventType
from core.messages import plain_text
from core.text.urgency import assess_urgency
from tests.dialogs.conftest import resident
from tests.dialogs.test_after_filing_same_ticket import _filed, _said_events
from tests.dialogs.test_intake_slots import TRIAGE_TEXT, at
from tests.dialogs.test_steps import fresh, msg, step
from tests.world import World


async def _urges(app: App) -> list[TicketEvent]:
    async with app.db.transaction() as s:
        return list((await s.execute(select(TicketEvent).where(TicketEvent.type == EventType.REMINDED.value)
                                     .order_by(TicketEvent.id))).scalars())


def _asked(opening: str, *answers: str):  # type: ignore[no-untyped-def]
    s = step(fresh(), msg(opening))
    for answer in answers:
        s = step(s.state, msg(answer))
    return s


def test_the_rest_of_the_address_at_the_time_question_finishes_it() -> None:
    s = _asked("单元门的门禁坏了，刷卡没反应", "阳光花园7栋")
    assert s.state.draft and s.state.draft.asking == Asking.OCCURRED
    s = step(s.state, msg("2单元"))
    d = s.state.draft
    assert d and (d.community, d.building, d.unit) == ("阳光花园", "7", "2")
    assert d.asking == Asking.OCCURRED and "2单元" not in (d.description or "")
    assert tx.PLACE_ADDED.format(place="阳光花园7栋2单元") in plain_text(s.replies)


def test_a_room_at_the_phone_question_finishes_the_address_and_the_phone_is_asked_again() -> None:
    s = _asked("楼道的声控灯不亮了，晚上黑乎乎的", "幸福里小区3栋2单元", "前天")
    assert s.state.draft and s.state.draft.asking == Asking.PHONE
    s = step(s.state, msg("是602"))
    d = s.state.draft
    assert d and d.room == "602" and d.asking == Asking.PHONE and not d.phone


@pytest.mark.parametrize("late", ["楼上602", "5栋2单元", "翠湖苑3单元"])
def test_another_door_or_building_is_no_completion(late: str) -> None:
    s = _asked("单元门的门禁坏了，刷卡没反应", "阳光花园7栋")
    s = step(s.state, msg(late))
    d = s.state.draft
    assert d and (d.building, d.unit, d.room) == ("7", None, None)


@pytest.mark.parametrize("text", ["1203", "2单元1203", "8栋", "十二栋三单元", "A座 1501"])
def test_a_door_alone_is_no_emergency_nor_a_question(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == "normal" and not u.triage


def test_a_room_number_at_the_triage_question_takes_no_emergency_path() -> None:
    s = step(fresh(), msg(TRIAGE_TEXT))
    assert s.state.draft and s.state.draft.asking == Asking.TRIAGE
    for answer in ("不清楚", "幸福里小区3栋", "hmm", "1203"):
        s = step(s.state, msg(answer))
        assert s.state.draft is None or not s.state.draft.emergency, answer


@pytest.mark.parametrize("text", ["就是微信绑定的那个", "用我注册时候的号码就行", "你们系统里有我的电话"])
def test_a_number_on_file_is_asked_for_plainly(text: str) -> None:
    s = _asked("小区门口的垃圾桶满了好几天没人清", "翠湖苑北门", "是的", "好几天了")
    assert s.state.draft and s.state.draft.asking == Asking.PHONE, plain_text(s.replies)
    s = step(s.state, msg(text))
    assert tx.PHONE_NOT_SEEN in plain_text(s.replies)


@pytest.mark.parametrize("words", ["帮我催一下", "麻烦尽快处理吧", "再催催"])
async def test_hurrying_the_ticket_just_filed_is_noted_and_said_so(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    number = await _filed(me)
    await me.say(words)
    assert me.said == tx.urged_on_ticket(number)
    assert not await _said_events(app) and len(await _urges(app)) == 1  # a real 催办 since work30, not a note
    await me.say("楼道那个灯还是不亮 快点来修")  # more than a hurry: noted as before
    assert me.said == tx.noted_on_ticket(number)


@pytest.mark.parametrize(("door", "unit", "room"), [("1203", None, "1203"), ("3单元702", "3", "702"), ("跳过", None, None)])
def test_a_problem_at_home_with_the_building_alone_asks_the_door(door: str, unit: str | None, room: str | None) -> None:
    s = step(fresh(), msg("我住幸福里小区6栋，家里阳台的推拉门坏了关不上，前天开始的"))
    d = s.state.draft
    assert d and d.asking == Asking.DOOR and tx.ASK_ROOM.format(place="幸福里小区6栋") in plain_text(s.replies)
    s = step(s.state, msg(door))
    d = s.state.draft
    assert d and (d.building, d.unit, d.room) == ("6", unit, room) and d.asking == Asking.PHONE


def test_a_shared_part_of_the_building_asks_no_door() -> None:
    s = step(fresh(), msg("幸福里小区6栋的电梯按钮坏了，前天开始的"))
    assert s.state.draft and s.state.draft.asking == Asking.PHONE


@pytest.mark.parametrize("said", ["好的谢谢", "对的 辛苦了师傅", "没问题 谢谢啊"])
def test_a_polite_yes_at_the_read_back_submits(said: str) -> None:
    s = step(at(Asking.REVIEW).state, msg(said))
    assert [type(e) for e in s.effects] == [FindDuplicate]  # submitted: the duplicate check comes first
    assert said not in (s.state.draft.description if s.state.draft else "")


def test_thanks_alone_at_the_read_back_is_told_how_to_finish() -> None:
    s = step(at(Asking.REVIEW).state, msg("谢谢啊"))
    assert not s.effects and tx.REVIEW_HOW in plain_text(s.replies)


@pytest.mark.parametrize("said", ["电话就不留了吧 怕他知道是我投诉的", "我不想留电话 怕被报复"])
def test_declining_for_fear_is_reassured_and_asked_once_more(said: str) -> None:
    s = step(at(Asking.PHONE, "隔壁天天在楼道里烧纸 呛得不行").state, msg(said))
    d = s.state.draft
    assert d and not d.phone_declined and d.asking == Asking.PHONE and tx.PRIVACY_ASSURED in plain_text(s.replies)
    assert said not in (d.description or "")
    s = step(s.state, msg("还是不留了"))  # declined again: so be it
    assert s.state.draft and s.state.draft.phone_declined and s.state.draft.asking == Asking.REVIEW


@pytest.mark.parametrize("said", ["电话能不能不给啊", "必须要填电话吗", "不留号码行不行"])
def test_asking_whether_the_phone_may_be_left_out_is_no_decline(said: str) -> None:
    s = step(at(Asking.PHONE, "小区健身器材的螺丝松了 晃得厉害").state, msg(said))
    d = s.state.draft
    assert d and not d.phone_declined and d.asking == Asking.PHONE and tx.PHONE_OPTIONAL in plain_text(s.replies)
    s = step(s.state, msg("13912340000"))
    assert s.state.draft and s.state.draft.phone == "13912340000"


def test_a_door_in_chinese_numerals_finishes_the_address() -> None:
    s = _asked("单元门的门禁坏了，刷卡没反应", "阳光花园7栋")
    s = step(s.state, msg("二单元六零一"))
    d = s.state.draft
    assert d and (d.building, d.unit, d.room) == ("7", "2", "601") and d.asking == Asking.OCCURRED


def test_a_phone_at_the_time_question_is_said_to_be_kept() -> None:
    s = step(at(Asking.OCCURRED).state, msg("我电话是一八九一二三四五六七八"))
    d = s.state.draft
    assert d and d.phone == "18912345678" and d.asking == Asking.OCCURRED
    assert tx.slots_noted([tx.SLOT_NAMES[1]]) in plain_text(s.replies)


@pytest.mark.parametrize("yes", ["是额", "对头", "要得"])
def test_a_regional_yes_is_no_time_and_submits_the_read_back(yes: str) -> None:
    s = step(at(Asking.OCCURRED).state, msg(yes))
    assert s.state.draft and s.state.draft.occurred_text is None and s.state.draft.asking == Asking.OCCURRED
    s = step(at(Asking.REVIEW).state, msg(yes))
    assert [type(e) for e in s.effects] == [FindDuplicate]


@pytest.mark.parametrize(("first", "more"), [
    ("楼上漏水", "漏到我家卫生间了 天花板都湿了"), ("隔壁装修太吵了", "电钻吵得孩子没法睡午觉"),
])  # fmt: skip
def test_more_of_the_matter_at_where_is_kept_and_where_asked_again(first: str, more: str) -> None:
    # eleventh session: 「漏到我家卫生间了 天花板都湿了」 at "where?" was offered back as a place (「…」看起来不太像地址。是在这里吗？)
    s = step(fresh(), msg(first))
    assert s.state.draft and s.state.draft.asking == Asking.ADDRESS
    s = step(s.state, msg(more))
    d = s.state.draft
    assert d and d.asking == Asking.ADDRESS and more in (d.description or "") and not d.address_text
    assert tx.REMARK_KEPT in plain_text(s.replies)


# fourteenth session, talking to the chat: impatience just after filing (怎么还没人来修啊 都两天了, 你们到底管不管) was
# answered 「已补充到工单…如要反映别的问题，请直接描述」 — a hurry in other words, told it was passed on as one
@pytest.mark.parametrize("words", ["怎么还没人来修啊 都两天了", "你们到底管不管", "到底有没有人管啊！", "都三天了还没人来"])
async def test_impatience_is_a_hurry_too(world: World, engine: DialogEngine, app: App, words: str) -> None:
    me = resident(engine)
    number = await _filed(me)
    await me.say(words)
    assert me.said == tx.urged_on_ticket(number)
    assert [e.note for e in await _urges(app)] == [words]  # a real 催办 with their words since work30, not a note
