"""Round 24's false emergencies that the fourteenth session saw and left, fixed as classes on branch study24u
(docs/understanding.md "Round 24's consultations and a writer's danger-worded negatives"), in other sentences: 救命
shouted in a game (the rules' cry too), a neighbour away (在外地, 出国, 回老家)
beside a burst pipe, the one whose job it is (不归他管) and a valve the writer shut (关了自家阀门), 明火 at a barbecue,
an injury already treated (已经打了疫苗, 包扎好了), a fire not lit (火也没点着), a cough from incense or paper burnt."""

from __future__ import annotations

import pytest

from core.text.danger import read_danger
from core.text.normalize import fold, normalize
from core.text.urgency import EMERGENCY, assess_urgency


@pytest.mark.parametrize("text", [
    "小区里一帮小孩玩躲猫猫，一直在喊救命，吵死了",
    "对面那户的热水器漏了，水流到楼道里，他们人在外地",
    "楼上水管爆了，水从天花板往下流，那家人回老家了",
    "物业值班的说这不归他管，楼道水管爆了，水还在往外冒，我只好关了自家阀门",
    "有人在天台烧烤，明火很旺，还一边喝酒",
    "邻居家的狗把我女儿咬了，不深，已经打了狂犬疫苗，狗还在楼下没牵",
    "几个小孩拿打火机在车棚玩，我吼了一声就跑了，火也没点着",
    "对门在门口烧纸，烟往我家飘，呛得我闺女直咳嗽",
    "楼下有人烧香，呛得我头疼",
])  # fmt: skip
def test_these_are_no_emergency(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize(("text", "frame"), [
    ("邻居家的狗把我女儿咬了，不深，已经打了狂犬疫苗", "over"),
    ("孩子的手被铁皮划了个口子，已经包扎好了", "over"),
])  # fmt: skip
def test_a_treated_injury_is_over(text: str, frame: str) -> None:
    reading = read_danger(fold(normalize(text)))
    assert not reading.states_now and any(m.frame == frame for m in reading.mentions if m.kind == "state")


def test_a_valve_the_writer_shut_contains() -> None:
    assert read_danger(fold(normalize("厨房水管裂了，我先关了自家阀门"))).contained


@pytest.mark.parametrize("text", [
    "救命啊，有人在楼下喊救命，好像有人掉进化粪池了",
    "楼上水管爆了，水往下灌，楼上老太太一个人在家腿脚不便",
    "狗把孩子咬了，腿上好深的口子，我们正在去医院打疫苗的路上，血还在流",
    "楼下在烧纸，火苗窜到绿化带里了，草都烧起来了",
    "楼下在烧香，烟很大，我家老人呛得喘不上气了",
    "阳台烧烤架起火了，火苗窜到遮阳棚上了",
    "孩子玩打火机把沙发点着了，火越来越大",
])  # fmt: skip
def test_these_stay_emergencies(text: str) -> None:
    assert assess_urgency(text).level == EMERGENCY


@pytest.mark.parametrize("text", ["楼梯间有股怪味，不知道是不是燃气", "地下室闻到一股焦味，会不会是哪里着火了"])
def test_a_smell_guessed_to_be_gas_or_fire_is_asked_whatever_the_model_says(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage
