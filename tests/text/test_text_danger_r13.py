"""Classes of reading round 13's misses showed (none is a round-13 sentence): a question asked about one
thing in a spoken run-on does not frame what is reported after the pause; a concept asked about may be said
as present later in the same run-on; a structure failing by its signs (the ground heaving, a crack a finger
goes into, a stair broken); a person named as the one acted on (把人夹住); nobody said where the water is; a
pipe cracked is water, not a structure; a consequence asked about (真着火了谁负责); a quarrel gone quiet; a
light gone out is no fire put out; 打我电话 is a phone call; a goods lift is a lift and a lift lobby a place;
a gas pipe known by its colour; a child in a lift; smoke said with an aspect particle (冒着烟)."""

import pytest

from core.text.danger import read_danger
from core.text.urgency import assess_urgency
from core.text.urgency_rules import EMERGENCY, prepare, rule_urgency


@pytest.mark.parametrize(
    "text",
    ["楼下烧的什么东西 烟呛得人睁不开眼 我爸已经晕倒了", "隔壁刷的啥油漆 味道特别冲 我家阿姨倒在厨房了"],
)
def test_a_question_about_one_thing_then_a_pause_does_not_frame_what_follows(text: str) -> None:
    assert read_danger(text).person_in_state()


@pytest.mark.parametrize("text", ["请问 电梯困人了怎么办", "是不是煤气漏了"])
def test_a_question_right_before_the_mention_still_frames_it(text: str) -> None:
    reading = read_danger(text)
    assert not reading.hazards_now and not reading.states_now


def test_a_concept_asked_about_then_said_as_present_is_present() -> None:
    reading = read_danger("也不知道是不是楼下沉了 客厅地板拱起来了 还一直咔咔响")
    assert "structure" in reading.hazards_now
    assert reading.failing_now()


@pytest.mark.parametrize(
    "text", ["楼后面地基往下陷了", "卫生间地面鼓起来一大块", "外墙的缝能塞进去一根手指", "三楼的楼梯台阶断了一截"]
)
def test_a_structure_failing_by_its_signs(text: str) -> None:
    assert "structure" in read_danger(text).hazards_now


def test_a_person_named_as_the_one_acted_on_is_at_risk() -> None:
    reading = read_danger("小区电动门把人夹住了 拔不出来")
    assert "trapped" in reading.states_now
    assert reading.person_in_state()


@pytest.mark.parametrize("text", ["地库的水没过小腿了 没人在车库里", "楼道水管爆了 水一直往下灌 没有人在楼道"])
def test_nobody_said_where_the_water_is_is_nobody_at_risk(text: str) -> None:
    assert read_danger(text).water_only()


@pytest.mark.parametrize("text", ["厨房水管裂开了 一直在滋水", "暖气管子裂开了 水往外喷"])
def test_a_pipe_cracked_is_water_not_a_structure(text: str) -> None:
    reading = read_danger(text)
    assert "structure" not in reading.hazards_now
    assert "water" in reading.hazards_now


@pytest.mark.parametrize("text", ["楼道里堆满纸箱 真烧起来了谁负责", "充电桩天天冒火花 哪天真着火了谁赔"])
def test_a_consequence_asked_about_is_no_emergency(text: str) -> None:
    assert "fire" not in read_danger(text).hazards_now
    assert rule_urgency(text, prepare(text)).level != EMERGENCY


def test_a_quarrel_gone_quiet_is_over() -> None:
    reading = read_danger("楼下两口子打架 男的说要砍死她 后来也安静了")
    assert "threatened" not in reading.states_now
    assert "violence" not in reading.hazards_now


def test_a_light_gone_out_is_no_fire_put_out() -> None:
    reading = read_danger("电梯突然停了 灯也灭了 我和孩子在里面")
    assert "lift" in reading.hazards_now
    assert "trapped" in reading.states_now


def test_call_me_is_a_phone_call_not_a_blow() -> None:
    text = "我老婆在电梯里 电梯不动了 一直打我电话"
    assert not any("打我" in t for t in rule_urgency(text, prepare(text)).triggers)
    assert assess_urgency(text).hazard != "violence"


def test_a_goods_lift_is_a_lift_and_a_lift_lobby_a_place() -> None:
    assert "lift" in read_danger("快递员被关在货梯里出不来").hazards_now
    assert "lift" not in read_danger("电梯厅里有个阿姨晕倒了").hazards_now


def test_a_gas_pipe_known_by_its_colour_hissing_is_gas() -> None:
    assert "gas" in read_danger("路边那根黄色的管子被挖断了 一直在呲").hazards_now


def test_a_child_said_in_a_lift_is_shut_in() -> None:
    assert "trapped" in read_danger("我儿子在电梯里 电梯卡住不走了").states_now


@pytest.mark.parametrize("text", ["仓库门口那几个桶还冒着烟", "垃圾桶里冒出了烟"])
def test_smoke_said_with_an_aspect_particle_is_smoke(text: str) -> None:
    # 冒着烟 / 冒出了烟: the leave-round-out bench lost a spill that smoked once the model shifted
    assert "smoke" in read_danger(text).hazards_now
