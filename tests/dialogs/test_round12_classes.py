"""Round 12's classes (development data, docs/understanding.md "Round 12's slots"): a position before 花园 is
no community; the door pointed out beside the resident's own is the room; a dash address said again after the
building; a building named as a landmark; where inside the 小区 kept with the address; a second matter with a
place and a time of its own at the address question; the same fault again (昨晚也漏) and the same words said
twice at the time question are the answer; a request to the staff at the time question is kept; after filing,
the visit, the wait, the resident's own part and the same party again; and the place just used offered for
the same resident's next matter. Each failed before the fix beside it (none is a round-12 sentence)."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from bot.dialogs.step import Step
from core.messages import Choices, plain_text
from core.text.address import parse_address
from core.text.answers import new_matter, new_problem, points_back
from tests.dialogs.test_after_filing_same_ticket import noted_on_the_ticket_just_filed
from tests.dialogs.test_intake_slots import at, filed
from tests.dialogs.test_steps import msg, step
from tests.world import World

# ---- the address reader ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["我奶奶在楼下花园摔了一跤 起不来", "孩子在门口花园的滑梯上划破了手"])
def test_a_position_before_a_generic_ending_is_no_community(text: str) -> None:
    assert parse_address(text).community is None


@pytest.mark.parametrize(
    ("text", "room"),
    # 「3-1-401，楼上是501」 was read 501 here; round 26's writers keep the resident's own door when the other is the door
    # right above or below it (study26d, core/text/address._own_door_kept): 401 since the seventeenth session
    [("幸福里5栋1202隔壁，就是1203", "1203"), ("阳光花园3-1-401，楼上是501", "401"),
     ("金桂苑8栋 就是我对门 702那户", "702"), ("翠湖苑4栋 楼下1101那家", "1101")],
)  # fmt: skip
def test_the_door_pointed_out_beside_the_resident_s_own_is_the_room(text: str, room: str) -> None:
    assert parse_address(text).room == room


def test_a_room_of_ones_own_with_a_neighbour_unnamed_stays() -> None:
    assert parse_address("幸福里小区3栋502，楼上那家天天吵").room == "502"


@pytest.mark.parametrize(("text", "known"), [("阳光花园 三楼301", ()), ("幸福里五楼502", ("幸福里小区",))])
def test_a_floor_and_its_door_right_after_the_community_is_the_room(text: str, known: tuple[str, ...]) -> None:
    a = parse_address(text, known)
    assert a.community and a.building is None and a.room == text[-3:]


def test_the_opening_s_time_of_day_said_again_in_the_answer_is_kept_once() -> None:
    s = step(at(Asking.OCCURRED, "路灯晚上全不亮").state, msg("天天晚上，都半个多月了"))
    assert s.state.draft and s.state.draft.occurred_text == "天天晚上，都半个多月了"


def test_a_dash_address_said_again_after_the_building_gives_unit_and_room() -> None:
    a = parse_address("锦绣苑 6栋 在我家门口 6-1-902")
    assert (a.building, a.unit, a.room) == ("6", "1", "902")


@pytest.mark.parametrize("text", ["阳光花园中心花园，靠5栋那边", "翠湖苑 7号楼和8号楼中间的草坪", "金桂苑3号楼对面的空地"])
def test_a_building_named_as_a_landmark_is_not_the_place_s_building(text: str) -> None:
    a = parse_address(text)
    assert a.community and a.building is None and a.room is None


@pytest.mark.parametrize(("text", "building"), [("幸福里3栋楼下花园", "3"), ("阳光花园五号楼门口", "5"),
                                               ("金桂苑3号楼旁边的垃圾桶", "3")])
def test_below_or_at_the_door_of_a_building_is_still_at_it(text: str, building: str) -> None:
    assert parse_address(text).building == building


# ---- the intake ----------------------------------------------------------------------------------------


def test_where_inside_the_community_is_kept_with_the_address() -> None:
    s = step(at(Asking.ADDRESS).state, msg("幸福里小区北门岗亭旁边"))
    d = s.state.draft
    assert d and d.community == "幸福里小区" and d.address_text == "北门岗亭旁边"
    for answer in ("昨晚", "13812345678"):
        s = step(s.state, msg(answer))
    assert "幸福里小区（北门岗亭旁边）" in plain_text(s.replies)


def test_only_the_community_adds_no_detail() -> None:
    s = step(at(Asking.ADDRESS).state, msg("幸福里小区"))
    assert s.state.draft and s.state.draft.address_text is None


def test_a_second_matter_with_a_place_and_a_time_at_the_address_question_is_set_aside() -> None:
    s = step(at(Asking.ADDRESS).state, msg("还有，我们7栋的楼道灯都半个月没人换了"))
    d = s.state.draft
    assert d and d.building is None and d.asking == Asking.ADDRESS
    assert s.state.asides == ["我们7栋的楼道灯都半个月没人换了"]


def test_the_same_fault_again_at_another_time_is_no_second_problem() -> None:
    assert not new_problem("一刮风就响 前天也漏了", "阳台窗户漏雨 一下雨就滴水")
    assert new_problem("电梯也坏了", "楼道灯坏了")  # another thing wrong the same way still is
    s = step(at(Asking.OCCURRED, "阳台窗户漏雨 一下雨就滴").state, msg("下大雨的时候 前天也漏了"))
    d = s.state.draft
    assert d and d.occurred_text and "前天" in d.occurred_text and not s.state.asides


def test_words_set_aside_and_said_again_are_the_answer_not_asked_forever() -> None:
    s = step(at(Asking.OCCURRED).state, msg("另外电梯也坏了两天了"))
    assert s.state.asides and s.state.draft and s.state.draft.asking == Asking.OCCURRED
    s = step(s.state, msg("另外电梯也坏了两天了"))
    d = s.state.draft
    assert d and d.asking != Asking.OCCURRED and d.occurred_text


@pytest.mark.parametrize(("question", "words"), [(Asking.PHONE, "你们师傅上门前先打个招呼，别直接敲门"),
                                               (Asking.ADDRESS, "上回修完没几天又坏了，你们到底会不会修")])
def test_a_request_to_the_staff_at_the_phone_or_address_question_is_kept(question: Asking, words: str) -> None:
    s = step(at(question, "电梯又坏了").state, msg(words))
    d = s.state.draft
    assert d and d.asking == question and not d.phone and not d.address_text and not s.state.asides
    assert d.description and words in d.description and tx.REMARK_KEPT in plain_text(s.replies)


def test_a_place_said_to_the_staff_is_still_a_place() -> None:
    s = step(at(Asking.ADDRESS).state, msg("我在菜市场那边，不在你们管的小区"))
    assert s.state.draft and s.state.draft.asking == Asking.ADDRESS_CONFIRM


def test_the_same_remark_said_again_and_again_is_offered_a_person() -> None:
    s = step(at(Asking.ADDRESS).state, msg("你们快派人来看看吧"))
    said = []
    for _ in range(3):
        s = step(s.state, msg("你们快派人来看看吧"))
        said.append(plain_text(s.replies))
    assert tx.OPTION_HUMAN not in said[0] and tx.OPTION_HUMAN in said[-1]  # not asked the same forever


def test_a_request_to_the_staff_at_the_time_question_is_kept_and_the_question_asked_again() -> None:
    words = "你们师傅上门前先打我电话，家里没人"
    s = step(at(Asking.OCCURRED).state, msg(words))
    d = s.state.draft
    assert d and d.occurred_text is None and d.asking == Asking.OCCURRED
    assert d.description and words in d.description and tx.REMARK_KEPT in plain_text(s.replies)


# ---- after filing ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("words", [
    "还有就是 他们家前天晚上也吵 不只是今天",  # the same party, another time
    "门铃不响 来了直接敲门就行",  # what to do on arrival
    "我是不是要先拍几张照片发给你们",  # the resident's own part
    "是不是得等到后天了",  # the wait
    "那后天上午可以吗",  # a day offered for the visit
])
def test_the_visit_the_wait_and_the_same_party_are_about_the_ticket(words: str) -> None:
    assert points_back(words) and not new_matter(words, "楼上那家每天半夜剁东西 吵得睡不着")


@pytest.mark.parametrize("words", ["门铃不响 来了直接敲门就行", "我是不是要先拍几张照片发给你们", "那后天上午可以吗"])
async def test_after_filing_they_go_to_the_ticket_just_filed(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    assert [e.note for e in await noted_on_the_ticket_just_filed(engine, app, words)] == [words]


# ---- the place just used, offered again ------------------------------------------------------------------


def _filed_then(words: str) -> Step:
    s = step(at(Asking.ADDRESS).state, msg("幸福里小区3栋2单元501"))
    for answer in ("昨晚", "13812345678"):
        s = step(s.state, msg(answer))
    done = filed(s)
    s = step(done.state, msg(words))
    return s


def test_a_new_matter_soon_after_filing_is_offered_the_place_just_used() -> None:
    s = _filed_then("另外 单元门的门禁刷不开了")
    d = s.state.draft
    assert d and d.asking == Asking.ADDRESS_CONFIRM and d.room is None  # 单元门: the entrance, not the flat
    offer = s.replies[-1]
    assert isinstance(offer, Choices) and offer.prompt == tx.same_place("幸福里小区3栋2单元")
    yes = step(s.state, msg("是的"))
    assert yes.state.draft and yes.state.draft.address_ok and yes.state.draft.asking == Asking.OCCURRED
    other = step(s.state, msg(choice=offer.options[1].key))
    assert other.state.draft and other.state.draft.room is None and other.state.draft.asking == Asking.ADDRESS
    typed = step(s.state, msg("阳光花园2栋"))
    d = typed.state.draft
    assert d and (d.community, d.building, d.room) == ("阳光花园", "2", None)


def test_a_new_matter_that_names_its_place_is_not_offered_the_old_one() -> None:
    s = _filed_then("另外 阳光花园5栋的门禁刷不开了")
    d = s.state.draft
    assert d and d.community == "阳光花园" and d.asking != Asking.ADDRESS_CONFIRM
