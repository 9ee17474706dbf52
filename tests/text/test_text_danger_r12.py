"""Classes of reading round 12's misses showed (none is a round-12 sentence): partial evidence that fired
on ordinary complaints — a thing named for its other use (a gas cooker, a lighter, a gap called 口子, a
tree blown over), a fall that only tells of a hazard, an alarm called off or contained, a figure of
speech — and two emergencies the reader lacked: fire said spreading, ice hanging over a way."""

import pytest

from core.text.danger import read_danger
from core.text.urgency import assess_urgency
from core.text.urgency_rules import EMERGENCY, prepare, rule_urgency


@pytest.mark.parametrize(
    "text",
    ["燃气停了两天了 家里老人要做饭", "想换个燃气灶 哪个牌子好用", "燃气热水器换新的了 装在阳台"],
)
def test_a_gas_supply_or_appliance_named_is_no_leak(text: str) -> None:
    assert "gas" not in read_danger(text).hazards_now


@pytest.mark.parametrize("text", ["燃气灶那边有股味 像是漏气", "燃气热水器一直嘶嘶响"])
def test_a_gas_appliance_with_a_sign_of_a_leak_is_gas(text: str) -> None:
    assert "gas" in read_danger(text).hazards_now


def test_a_lighter_is_no_weapon() -> None:
    reading = read_danger("几个小孩拿打火机在车棚里玩 说了也不听")
    assert "violence" not in reading.hazards_now
    assert not reading.partial()


@pytest.mark.parametrize("text", ["路边井盖裂了个大口子", "单元门口的雨棚破了个口子 一下雨就漏"])
def test_a_gap_in_a_thing_is_no_wound(text: str) -> None:
    assert "injured" not in read_danger(text).states_now


def test_a_cut_is_still_a_wound() -> None:
    assert "injured" in read_danger("我老公切菜把手划了个大口子").states_now


@pytest.mark.parametrize("text", ["大风吹倒了一棵树 挡住了小区的路", "台风把路边的广告牌刮倒了 压着几辆自行车"])
def test_a_thing_blown_over_is_no_person_collapsed(text: str) -> None:
    assert "collapsed" not in read_danger(text).states_now


def test_a_person_blown_over_who_cannot_get_up_is() -> None:
    assert "collapsed" in read_danger("老人被风刮倒了 起不来").states_now


@pytest.mark.parametrize(
    "text",
    ["楼梯上全是油 已经有两个人滑倒了 赶紧来拖一下", "地砖翘起来了 今天又有人绊倒了", "坡道结冰 早上已经有老人摔了 还没人撒盐"],
)
def test_an_earlier_fall_on_a_hazard_that_remains_is_no_one_down_now(text: str) -> None:
    reading = read_danger(text)
    assert not reading.person_in_state()
    assert assess_urgency(text).level != EMERGENCY


def test_someone_lying_where_they_fell_is_still_down() -> None:
    reading = read_danger("我妈刚才在楼梯上滑倒了 起不来")
    assert reading.person_in_state()


def test_a_water_boiler_named_is_no_steam() -> None:
    assert "steam" not in read_danger("宿舍楼的开水器坏了 今天打不到开水").hazards_now


def test_stranded_upstairs_said_across_clauses_is_nobody_trapped() -> None:
    assert "trapped" not in read_danger("电梯坏了三天，我爸腿脚不好住二十楼，要去医院复查下不来").states_now


def test_a_later_just_now_is_a_new_event_after_a_habit() -> None:
    text = "物业你好 楼下的车每天都停在消防通道上 这个要管 还有刚才我看到地下室冒烟了 烟越来越大"
    assert "smoke" in read_danger(text).hazards_now


@pytest.mark.parametrize(
    "text",
    [
        "燃气报警器半夜响了 燃气公司上门测过了说没漏气 是探头坏了",
        "楼道的火灾报警器响了一早上 保安查了没着火 太吵了",
        "孩子玩游戏大喊救命 把邻居吓到了 其实是误会 没事",
        "卫生间水管爆了 阀门我们已经关了 就是地上全是水 麻烦明天来修",
    ],
)
def test_an_alarm_called_off_or_contained_is_not_asked_on_the_rules_word(text: str) -> None:
    reading = read_danger(text)
    assert reading.called_off()
    result = assess_urgency(text)
    assert result.level != EMERGENCY and not result.triage


@pytest.mark.parametrize("text", ["隔壁ktv天天吵到爆炸", "打死我也不挪车 凭什么让我挪", "客服热线打死都打不通"])
def test_a_figure_of_speech_is_no_emergency_for_the_rules(text: str) -> None:
    assert rule_urgency(text, prepare(text)).level != EMERGENCY


@pytest.mark.parametrize("text", ["电瓶车充电着了 火往楼上蔓延", "楼道配电箱着了，火顺着电线往楼上窜"])
def test_fire_said_spreading_is_fire(text: str) -> None:
    reading = read_danger(text)
    assert "fire" in reading.hazards_now
    result = assess_urgency(text)
    assert result.level == EMERGENCY or result.triage


def test_ice_hanging_over_a_way_people_pass_is_a_load_over_people() -> None:
    text = "单元门上方挂着好几根冰锥，天一暖开始化了，底下就是进出的门"
    reading = read_danger(text)
    assert "falling" in reading.hazards_now and reading.failing_now()
    result = assess_urgency(text)
    assert result.level == EMERGENCY or result.triage


def test_an_experiential_guo_after_the_mention_is_past() -> None:
    reading = read_danger("听说西门那条大黄狗咬过人 现在还拴着吗")
    assert "violence" not in reading.hazards_now


@pytest.mark.parametrize(
    "text",
    [
        "我跟你说一下 楼下的快递车每天都占着消防通道 你们管管 还有就是我刚才下楼看见配电房里冒烟了 烟越来越大 我已经让大家走楼梯了 是不是着火了",
        "楼道那根电线外皮全破了 铜丝露出来了 挨着楼梯铁扶手 那几个小学生放学天天扶着走",
    ],
)
def test_a_question_or_habit_far_off_in_a_run_on_frames_another_sentence(text: str) -> None:
    reading = read_danger(text)
    assert ({"smoke", "electric"} & set(reading.hazards_now))


def test_a_question_right_after_a_mention_still_frames_it() -> None:
    assert "gas" not in read_danger("楼道里有股怪味 不知道是不是煤气").hazards_now
