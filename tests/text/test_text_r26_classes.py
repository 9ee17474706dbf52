"""Round 26's urgency classes, fixed on branch study26u (docs/understanding.md "Round 26's urgency and consultation sets
read"), in other sentences than round 26's: someone missing or lost now, a person freezing, a child through the ice,
dogs round a person, thinner spilt, a heap of things alight that an extinguisher does not put out, a ceiling shedding;
and what is none of these: a lamp post knocked down by a car, a parcel locker that does not respond, a guard keeping
close to someone, a dated event named by the thing it damaged, last night in Cantonese, a plug pulled, hyperbole."""

from __future__ import annotations

import pytest

from core.text.danger import read_danger
from core.text.normalize import fold, normalize
from core.text.urgency import EMERGENCY, assess_urgency
from core.text.urgency_rules import rule_urgency


def _reading(text: str):  # type: ignore[no-untyped-def]
    return read_danger(fold(normalize(text)))


@pytest.mark.parametrize(("text", "state"), [
    ("我女儿放学就不见了，一个钟头前还在小区门口", "unaccounted"),
    ("我爸有点糊涂，下午出门后到处找不到", "unaccounted"),
    ("花园里有位阿婆，问她说不清自己家住哪", "unaccounted"),
    ("我姑妈独居，中午开始我打给她一直不接", "unaccounted"),
    ("隔壁爷爷三天没见出门了，窗帘也没拉开", "unaccounted"),
    ("楼梯口躺着个流浪汉，冻得嘴唇都发紫了", "freezing"),
    ("有个醉汉倒在路边，喊他都不怎么醒", "unconscious"),
    ("小男孩在冰面上滑，冰面裂了，人掉下去半截", "drowning"),
    ("他一条腿卡在冰窟窿里，我们几个拉不上来", "trapped"),
    ("几条流浪狗围着一个小孩狂叫，孩子吓得不敢动", "threatened"),
])  # fmt: skip
def test_a_person_in_danger_is_read(text: str, state: str) -> None:
    assert state in _reading(text).states_now


@pytest.mark.parametrize(("text", "hazard"), [
    ("车棚里的杂物着了，保安拿灭火器喷了也没用", "fire"),
    ("走廊里一堆纸皮着了", "fire"),
    ("油漆工把一桶天那水打翻了，地上淌得到处都是", "chemical"),
    ("三楼楼梯口流浪狗围着人转，还呲牙", "violence"),
    ("卧室天花板还在不停掉渣，感觉要垮了", "structure"),
])  # fmt: skip
def test_a_hazard_is_read(text: str, hazard: str) -> None:
    assert hazard in _reading(text).hazards_now


@pytest.mark.parametrize("text", [
    "小区门口的指示牌被车撞倒了，歪在绿化带里",  # a thing knocked down
    "快递柜屏幕点了没反应，取不了件",  # a machine
    "停车场的栏杆坏了，十几辆车困在里面出不去",  # cars, not people
    "我家电线没露出来，就是插座松了",  # wires said not bared
    "地铁口电梯里有人吐了，一直没人打扫",  # a mess to clean
    "屋里停暖气了，老爷子冻得直哆嗦",  # shivering by a heating failure: urgent, no state of danger
])  # fmt: skip
def test_no_person_in_danger(text: str) -> None:
    assert not _reading(text).states_now


@pytest.mark.parametrize("text", [
    "前天着火烧黑的那面墙一直没人来刷",  # a dated event named by the thing it damaged
    "上周水管爆过的那块地板现在还翘着",
    "琴晚有人喺车库偷电单车",  # last night in Cantonese
])  # fmt: skip
def test_a_dated_event_is_past(text: str) -> None:
    reading = _reading(text)
    assert not set(reading.hazards_now) & {"fire", "water", "violence"}


def test_the_rules_read_the_named_damage_as_past() -> None:
    assert rule_urgency("上个月着火烧坏的那个配电箱到现在都没换").level != EMERGENCY


@pytest.mark.parametrize("text", [
    "电水壶漏电，我已经拔了插头",
    "插线板冒火花，插头都拔掉了",
    "路灯杆倒了，保安在旁边守着",
])  # fmt: skip
def test_contained(text: str) -> None:
    assert _reading(text).contained


def test_no_smoke_nor_fire_calls_it_off() -> None:
    assert _reading("电表箱刚才啪一声冒了火花，现在没烟也没火").dismissed


@pytest.mark.parametrize("text", [
    "楼下苍蝇多得要爆炸了，什么时候喷药",  # hyperbole
    "隔壁七点就开始打桩，救命，周末都不让睡",  # a cry about a nuisance
])  # fmt: skip
def test_hyperbole_is_no_emergency(text: str) -> None:
    u = assess_urgency(text)
    assert u.level != EMERGENCY and not u.triage


@pytest.mark.parametrize("text", [
    "有个喝醉的男人在小区里乱晃，对着路人骂，现在门卫盯着他了",
    "有个小孩哭着说找不到妈妈，说不清家住哪，我先陪着他在保安室等",
])  # fmt: skip
def test_someone_looked_after_is_no_emergency(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", [
    "我儿子在小区里走丢了，到处找不到，快帮帮我",
    "有人冻僵在单元门口，叫不醒",
    "楼道里堆的杂物着了，灭火器灭不掉",
    "小孩掉进冰窟窿里了，拉不上来",
])  # fmt: skip
def test_these_are_not_quiet(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage


@pytest.mark.parametrize(("text", "live"), [
    ("二十楼的喷淋管爆了 水一直往电梯井里淌 电梯还在运行", True),  # water into the shaft reaches the lift's electrics
    ("楼道积水全流进了电梯井", True),
    ("水管滴水 滴到电梯井旁边的地上了", False),  # beside the shaft
    ("电梯里的按钮不亮了", False),
])  # fmt: skip
def test_water_into_a_lift_shaft_is_live(text: str, live: bool) -> None:
    assert _reading(text).live_water() is live


def test_the_gas_run_out_is_no_gas_hazard() -> None:
    assert "gas" not in _reading("煤气表没气了去哪充").hazards_now
    assert "gas" in _reading("燃气表那里有股味，好像漏气了").hazards_now


@pytest.mark.parametrize("text", ["群里抢红包抢疯了", "煤气总阀是顺时针拧还是逆时针拧"])
def test_no_severe_hazard_in_a_red_packet_or_a_valve_question(text: str) -> None:
    assert not _reading(text).hazards_now
