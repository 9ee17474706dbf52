"""Round 26's dialog classes (development data, docs/understanding.md "Round 26's dialog misses"), none a round-26
sentence. A known 小区 written in Traditional characters the vocabulary's fold lacks is found; 现在 followed by how
someone is now (现在没事了) is no time. After filing: a warning should it go on (要是还吵…再找你们) and a thing the
resident turned off (关掉了) are not news, the same party named with when (还是上次那家) is the ticket's; smoke coming in
(烟都进屋里来了), a neighbour keeping animals and a shop's goods in shared space are news. Mid-form: a matter the
complaint does not name told with 刚才 at the since-when question is set aside, also when said again."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.app import App, conversation_engine
from bot.conversation.store import DatabaseStateStore
from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from core.text.address import community_key, parse_address
from core.text.answers import new_matter
from core.text.timephrase import parse_time_phrase
from tests.dialogs.conftest import SameBuilding, resident, tickets
from tests.dialogs.test_after_filing_same_ticket import FULL
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import msg, step
from tests.world import World

NOW = datetime(2026, 12, 7, 15, 0)


@pytest.mark.parametrize(("said", "known", "building", "room"), [
    ("濱海花園3座1201", "滨海花园", "3", "1201"),
    ("我住鳳凰城7棟502", "凤凰城", "7", "502"),
])  # fmt: skip
def test_a_known_community_in_traditional_characters_is_found(said: str, known: str, building: str, room: str) -> None:
    got = parse_address(said, [known, "幸福里小区"])
    assert (got.community, got.building, got.room) == (known, building, room)


def test_a_community_key_is_the_same_in_either_script() -> None:
    assert community_key("濱海花園") == community_key("滨海花园")


@pytest.mark.parametrize("said", [
    "我爸在楼梯上绊了一下 现在没事了 那个台阶要修",
    "孩子被门夹了手 现在已经好了 门的闭门器太猛",
])  # fmt: skip
def test_how_someone_is_now_is_no_time(said: str) -> None:
    phrase = parse_time_phrase(said, NOW)
    assert phrase is None or "现在" not in phrase.text


@pytest.mark.parametrize("said", ["现在又停水了", "现在楼道灯全不亮"])
def test_now_before_the_trouble_is_still_a_time(said: str) -> None:
    phrase = parse_time_phrase(said, NOW)
    assert phrase is not None and phrase.text == "现在"


@pytest.mark.parametrize("words", [
    "好的 今晚要是还吵我再联系你们",  # a warning should it go on
    "总阀我已经关掉了 谢谢师傅",  # what the resident turned off
    "又在吵了 还是上次那家",  # the same party, with when
])  # fmt: skip
def test_round_26_words_about_the_ticket_are_no_new_matter(words: str) -> None:
    assert not new_matter(words, FULL)


@pytest.mark.parametrize("words", [
    "隔壁烧香 烟都进屋里来了",  # smoke coming in
    "对门在楼道里养了几只鸽子",  # a neighbour keeping animals
    "楼下超市把货架摆到消防通道上了",  # a shop's goods in shared space
    "灯罩掉了",  # fallen off, still a fault
])  # fmt: skip
def test_round_26_news_after_filing_is_a_new_matter(words: str) -> None:
    assert new_matter(words, FULL)


def test_news_told_with_just_now_at_since_when_is_set_aside_also_when_said_again() -> None:
    s = step(at(Asking.OCCURRED, "楼上每天晚上拖椅子 吵得睡不着").state, msg("刚才那个保安对我妈大喊大叫"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED and "刚才" not in (d.occurred_text or "")
    assert tx.ASIDE_NOTED in plain_text(s.replies)
    s = step(s.state, msg("刚才那个保安对我妈大喊大叫"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED and "刚才" not in (d.occurred_text or "")
    s = step(s.state, msg("一个多月了"))
    assert s.state.draft is not None and "一个多月了" in (s.state.draft.occurred_text or "")


def test_the_complaint_s_own_trouble_with_just_now_at_since_when_is_still_the_time() -> None:
    s = step(at(Asking.OCCURRED, "楼上每天晚上拖椅子 吵得睡不着").state, msg("刚才又在拖"))
    d = s.state.draft
    assert d is not None and "刚才" in (d.occurred_text or "")


@pytest.mark.parametrize(("said", "room"), [
    ("绿城7栋2单元803 楼下是703", "803"),  # the door right below the resident's
    ("锦园5栋 我住1105 对门是1106", "1105"),  # said to be theirs
    ("锦园5栋2单元 对门是1106 我是1105", "1105"),
    ("锦园5栋801隔壁 就是802", "802"),  # the door pointed out beside theirs, as before
    ("锦园5栋，楼上是901", "901"),  # no door of their own
])  # fmt: skip
def test_the_resident_s_own_door_and_the_neighbour_s(said: str, room: str) -> None:
    assert parse_address(said, ["绿城", "锦园"]).room == room


async def test_the_place_corrected_at_the_duplicate_offer_is_changed_and_read_back(world: World, app: App) -> None:
    app.duplicates = SameBuilding(app)
    engine = conversation_engine(app, DatabaseStateStore(app.db))
    neighbour = resident(engine, "neighbour")
    await neighbour.file("楼道的声控灯不亮了，阳光花园8栋，前天，13900004444")
    (t,) = await tickets(app)
    me = resident(engine)
    await me.say("楼道的声控灯坏了，阳光花园8栋，今天，13900005555")
    await me.pick(tx.SUBMIT)
    assert tx.duplicate_offer(t.number) in me.said
    await me.say("不好意思 我说错了 是9栋 不是8栋")
    assert "没太明白" not in me.said and "阳光花园9栋" in me.said, me.said
    await me.pick(tx.SUBMIT)
    mine = (await tickets(app))[-1]
    assert len(await tickets(app)) == 2 and mine.building == "9"


def test_our_unit_named_without_its_number_is_asked() -> None:
    s = step(at(Asking.ADDRESS, "我们单元门口的感应灯坏了").state, msg("阳光花园6栋"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.DOOR
    s = step(s.state, msg("3单元"))
    assert s.state.draft is not None and s.state.draft.unit == "3"


def test_a_remark_kept_at_since_when_and_said_again_goes_on_with_its_time() -> None:
    s = step(at(Asking.OCCURRED, "单元门的闭门器坏了").state, msg("你们来之前先打电话"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED and tx.REMARK_KEPT in plain_text(s.replies)
    s = step(s.state, msg("你们来之前先打电话"))
    d = s.state.draft
    assert d is not None and d.asking != Asking.OCCURRED and d.occurred_text == tx.OCCURRED_OPTIONS[-1]


def test_how_the_thing_is_said_at_since_when_is_kept_and_when_asked_again() -> None:
    s = step(at(Asking.OCCURRED, "楼梯扶手坏了").state, msg("扶手底下那颗螺丝是松的 一摇就晃"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED and d.occurred_text is None
    assert "螺丝是松的" in (d.description or "")
    s = step(s.state, msg("上个月"))
    assert s.state.draft is not None and s.state.draft.occurred_text == "上个月"


@pytest.mark.parametrize(("opening", "said"), [
    ("客厅暖气片不热", "入冬通暖以后就不热"),  # an onset with no time word: the answer
    ("卫生间下水堵了", "自从楼上装修就堵"),
])  # fmt: skip
def test_a_fault_told_with_its_onset_at_since_when_is_still_the_answer(opening: str, said: str) -> None:
    s = step(at(Asking.OCCURRED, opening).state, msg(said))
    d = s.state.draft
    assert d is not None and d.asking != Asking.OCCURRED and d.occurred_text == said
