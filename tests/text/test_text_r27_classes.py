"""Round 27's four emergencies neither called nor asked (seventeenth session, read after its blind score), as classes
in our own sentences: smoke that creeps out under a door (往外窜烟, 门底下钻烟), a child or an elder not home long
past the hour, lips gone purple in an unheated flat, a newborn in the cold."""

from __future__ import annotations

import pytest

from core.text.danger import DangerReading, read_danger
from core.text.urgency import EMERGENCY, assess_urgency
from core.text.urgency_model import simplified
from core.text.urgency_rules import prepare, rule_urgency


def _reached(text: str) -> bool:
    """Called an emergency, or the triage question asked (the issue's recall counts both)."""
    u = assess_urgency(text)
    return u.level == EMERGENCY or u.triage


@pytest.mark.parametrize("text", ["楼下那户门缝底下一直往外窜烟 喊了也没人答应", "对面邻居家门底下钻烟出来 报警器一直响"])
def test_smoke_creeping_out_under_a_door_is_an_emergency(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY and u.hazard == "fire"


@pytest.mark.parametrize("text", ["我爸早上出去买菜到现在都没回来 手机也打不通", "女儿补习班九点下课 这么晚了还没到家"])
def test_someone_vulnerable_not_home_long_past_the_hour_is_reached(text: str) -> None:
    assert _reached(text) and "unaccounted" in assess_urgency(text).state


@pytest.mark.parametrize("text", ["家里停暖气了 外婆在床上缩成一团 嘴唇都青紫了", "新生儿才十天 家里没暖气 孩子冻得直哭"])
def test_a_person_freezing_is_reached(text: str) -> None:
    assert _reached(text) and "freezing" in assess_urgency(text).state


@pytest.mark.parametrize("text", [
    "我家孩子放学回来了在写作业",
    "烧烤店的烟往外冒 熏得人受不了",
    "上个月门缝里冒过烟 后来查了是楼下在烧纸",
    "暖气不热 冻得直哆嗦 什么时候来修",
])  # fmt: skip
def test_ordinary_words_beside_them_are_no_emergency(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", ["孩子放学就不见了 小区监控能不能帮我看看", "我妈出去遛弯到现在没回来 你们能不能帮忙找找"])
def test_a_child_or_an_elder_unaccounted_for_is_asked_whatever_the_request_beside(text: str) -> None:
    assert _reached(text)


def test_an_adult_out_late_is_not_asked_for_that() -> None:
    assert "unaccounted" not in assess_urgency("我老公出去喝酒到现在没回来 能不能帮我看看监控").state


# --- round 27's urgency set read whole (branch study27u, eighteenth session): none of these is a round-27 sentence ---


def _danger(text: str) -> DangerReading:
    return read_danger(simplified(prepare(text)[1]))


@pytest.mark.parametrize("text", [
    "停车场有个喝多的人抄起酒瓶子砸人",  # something picked up and brought down on people
    "门卫大爷被一个男的推倒了 那男的还在踹他",  # knocked down and kicked
    "一个小伙子一直在踢地上的人",
])  # fmt: skip
def test_violence_done_now_is_read(text: str) -> None:
    assert "violence" in _danger(text).hazards_now


@pytest.mark.parametrize("text", ["邻居刷墙把半桶稀料碰翻了 他老公还在边上抽烟", "有人把一桶天那水洒在楼梯上 旁边有人吸烟"])
def test_a_solvent_spilt_beside_a_cigarette_is_a_chemical_hazard(text: str) -> None:
    assert "chemical" in _danger(text).hazards_now


def test_someone_shut_in_a_cold_store_is_freezing() -> None:
    assert "freezing" in _danger("冷冻库的门从外面扣上了 搬货的小哥被关在里面").states_now


@pytest.mark.parametrize("text", [
    "楼上独居的王奶奶敲了好几天门都没人开 报纸堆在门口",  # nobody has answered the door for days
    "门口有个老太太转来转去 问她家住哪她也答不上来",  # asked where home is, cannot say
])  # fmt: skip
def test_someone_unaccounted_for_is_read(text: str) -> None:
    assert "unaccounted" in _danger(text).states_now and _reached(text)


def test_a_wall_splitting_with_a_crack_is_a_failing_structure() -> None:
    d = _danger("咔嚓一声 楼道的墙裂开了一道大口子 楼上的人还没下来")
    assert "structure" in d.hazards_now and d.failing_now() and "trapped" in d.states_now


def test_breathing_hard_in_the_heat_is_a_state() -> None:
    text = "停电好几个小时了 屋里三十七度 外公心脏不好 现在开始喘了"
    d = _danger(text)
    assert "dizzy" in d.states_now and "heat" in d.hazards_now and _reached(text)


def test_water_dripping_through_a_light_fitting_is_live() -> None:
    assert _danger("楼上水管爆了 水从灯座里往下滴 地上全是水").live_water()
    assert "electric" in _danger("卫生间顶上漏水 浴霸里一直在滴水").hazards_now


def test_water_through_a_light_fitting_is_called() -> None:
    u = assess_urgency("楼上水管爆了 水哗哗地从吊灯里往下流 地上已经没过脚面了")
    assert u.level == EMERGENCY and u.hazard == "electric"


# false emergencies and triage on ordinary rows


@pytest.mark.parametrize("text", [
    "对门把旧沙发全堆到我家门口 门都推不开 我出不去",  # a door blocked by things: nobody is in danger
    "隔壁小孩打游戏一直大喊 着火了快跑 吵得睡不着",  # a cry in a game
    "对面那家看电视声音开老大 里面一直在喊救命 吵死人",
])  # fmt: skip
def test_not_emergencies(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", [
    "电梯按键全坏了，按哪层都没反应，没人被困，就是老人下不了楼",  # a button that does not respond, nobody trapped
    "物业的报修系统整个瘫了 一上午都提交不了",  # a system gone down is no person collapsed
    "一到夏天 天台上的蚊子都要爆炸了",  # hyperbole of numbers
    "楼上装修把我家水管打破了，现在只能关总闸，家里没水用",  # water shut off at the main
    "邻居把几个煤气罐放在楼梯间 虽然现在没事 总让人不放心",  # said safe for now
])  # fmt: skip
def test_not_asked(text: str) -> None:
    u = assess_urgency(text)
    assert u.level != EMERGENCY and not u.triage


def test_the_lift_rule_reads_nobody_trapped_across_clauses() -> None:
    assert rule_urgency("电梯按钮失灵了，按哪层都不动，没有人被困，就是不方便").level != EMERGENCY


def test_an_emergency_beside_them_still_is() -> None:
    assert _reached("电梯卡在两层中间了，按哪层都没反应，我妈被困在里面")
    assert assess_urgency("家里着火了 我出不去 快来人").level == EMERGENCY


def test_someone_not_seen_for_days_with_no_other_sign_is_asked_not_called() -> None:
    u = assess_urgency("二楼独居的张大爷好几天没下楼了 门口的快递堆着")
    assert u.level != EMERGENCY and u.triage
    # with a sign behind the door (a knock unanswered, the television on all along) the model may call it
    assert _reached("对门老太太三天没出门了 敲门也没人应 屋里电视一直开着")


def test_a_bite_treated_is_over() -> None:
    assert "violence" not in _danger("楼下的狗咬了人 人已经去打针了").hazards_now


def test_walking_over_it_is_no_past() -> None:
    # 踩过去 / 走过去 is a direction, not 过去 "in the past" (a live wire in water someone is about to step over)
    assert "electric" in _danger("电线掉在水里还通着电 有个小孩要踩过去了").hazards_now


def test_a_head_a_little_dizzy_is_a_state() -> None:
    assert "dizzy" in _danger("燃气管嘶嘶响 我闻着头有点晕").states_now


@pytest.mark.parametrize("text", ["电视里爆炸声放得震天响 吵得人睡不着", "楼上看战争片 电影里炸了一晚上"])
def test_an_explosion_on_a_screen_is_no_fire(text: str) -> None:
    assert "fire" not in _danger(text).hazards_now


def test_a_handrail_broken_is_no_broken_hand() -> None:
    assert "injured" not in _danger("楼梯的扶手断了 老人上下楼没地方扶").states_now


def test_cars_that_cannot_get_in_or_out_are_no_person_trapped() -> None:
    assert "trapped" not in _danger("地库入口的水漫过了坡道 车进不去也出不来").states_now
