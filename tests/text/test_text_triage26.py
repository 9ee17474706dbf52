"""Recognition gaps behind the model-alone triage question (issue #15, sixteenth session, branch triage26): danger
said in words the concepts did not know left only the model to go on, so the model-alone threshold could not rise
without losing them. Each sentence here is our own; each names its concept as present now, so a rule, not the model
alone, decides and staff see the reason. The ordinary sentences guard the senses that must stay harmless."""

from __future__ import annotations

import pytest

from core.text.danger import read_danger
from core.text.urgency_model import simplified
from core.text.urgency_rules import prepare


def _now(text: str) -> set[str]:
    d = read_danger(simplified(prepare(text)[1]))
    return set(d.hazards_now) | set(d.states_now)


@pytest.mark.parametrize(("text", "concept"), [
    # something overhead about to come down
    ("商铺门头的招牌一边的螺丝脱了 风一吹就晃", "falling"),
    ("走廊的吊顶一整块往下垂 随时会掉", "falling"),
    ("单元门上面的雨棚在往下坠 钢架都弯了", "falling"),
    ("地库的顶板在掉混凝土块", "falling"),
    ("楼顶那个太阳能被风掀起来了 挂在边上", "falling"),
    ("外机的支架锈断了 机器挂在墙外面", "falling"),
    ("二楼的护栏整个松了 一推就晃", "structure"),
    # carbon monoxide read off a meter
    ("报警器上的CO数值一直往上跳", "co"),
    ("检测仪显示一氧化碳浓度三百多", "co"),
    # a person down, in words of a dialect
    ("阿拉爷爷在弄堂里倒脱了", "collapsed"),
    ("佢喺浴室跌咗 起唔到身", "collapsed"),
    ("那个人被打得趴地上了", "collapsed"),
    ("有个骑车的被货车撞倒了 躺着", "injured"),
    ("外卖小哥被车撞倒了", "injured"),
    # blood, labour, blood sugar, breath
    ("他手上血都出来了", "bleeding"),
    ("隔壁的孕妇羊水好像破了", "attack"),
    ("我爸低血糖 手一直抖", "attack"),
    ("老太太喘得厉害", "dizzy"),
    ("对面的阿婆叫她也不答应", "unconscious"),
    # nobody has seen a neighbour living alone for days
    ("楼上的独居老人好几天没出门了", "unaccounted"),
    ("对门大爷三天没开灯了", "unaccounted"),
    # a fight, a weapon, a thief at work
    ("停车场两个人打交 好凶", "violence"),
    ("楼下有个男的拎着铁棍在追人", "violence"),
    ("一帮人围着一个小孩打", "violence"),
    ("隔壁小孩又在挨打", "violence"),
    ("楼上的小孩一直在喊别打了 哭得很厉害", "violence"),
    ("车棚里有人正在拆电缆", "violence"),
    ("对门好像进贼了 屋里有手电光", "violence"),
    # gas escaping after the flame went out
    ("做饭做到一半火灭了 气还在往外冒", "gas"),
])  # fmt: skip
def test_the_concept_is_read_as_present(text: str, concept: str) -> None:
    assert concept in _now(text)


@pytest.mark.parametrize(("text", "concept"), [
    ("我跟他打交道好几年了", "violence"),  # 打交道: dealing with someone
    ("这种人不好打交道", "violence"),
    ("他生气了一直在冒火", "gas"),  # temper, not gas
    ("暖气一直在冒热气", "gas"),
    ("冬天CO2浓度高 开窗通风", "co"),  # carbon dioxide
    ("我家的猫三天没出门了", "unaccounted"),  # an animal, not a neighbour (no person: read but not partial)
    ("快递员把我的快递撞倒了", "injured"),  # a parcel knocked over
    ("老王说话不好听 叫他改他也不答应", "unconscious"),  # refusing, not unresponsive
    ("小区秋千上有颗螺丝掉了", "falling"),  # a loose screw at hand height, nothing overhead
])  # fmt: skip
def test_other_senses_stay_harmless(text: str, concept: str) -> None:
    if concept == "unaccounted":
        d = read_danger(simplified(prepare(text)[1]))
        assert not d.person_in_state()
        return
    assert concept not in _now(text)


@pytest.mark.parametrize(("text", "concept"), [
    ("广告牌被风吹得直响 有两颗螺丝已经脱了", "falling"),
    ("对门阿婆两天没开门了 她平时天天一早就出去买菜", "unaccounted"),  # her routine is not a habit of the danger
])  # fmt: skip
def test_read_beside_a_routine_or_a_loose_fixing(text: str, concept: str) -> None:
    assert concept in _now(text)


def test_a_habit_is_still_a_habit() -> None:
    d = read_danger(simplified(prepare("楼道的灯天天坏 电线老是冒火花")[1]))
    assert "electric" not in d.hazards_now


@pytest.mark.parametrize(("text", "concept"), [
    ("风把卧室门带上了 锁扣死了 我儿子在里面", "trapped"),
    ("楼顶的铁门被风刮上了 我们几个在上面下不来", "trapped"),
    ("地下室那个大铁柜里有人在敲", "trapped"),
    ("there is a burglar in the flat next door", "violence"),
])  # fmt: skip
def test_shut_in_by_a_door_or_a_burglar(text: str, concept: str) -> None:
    assert concept in _now(text)


def test_a_parcel_in_a_locker_is_nobody_shut_in() -> None:
    assert "trapped" not in _now("快递柜里有人的包裹放了一个星期")


@pytest.mark.parametrize(("text", "concept"), [
    ("卫生间的软管崩了 水一直往外冒 我关了阀门也没用还在流", "water"),  # shut, and not over
    ("二楼平台的栏杆松了 一碰就晃 小孩们天天在那儿追着跑", "structure"),  # children there daily: exposed
    ("我们几个在天台晒被子下不去了 门从里面锁上了", "trapped"),
    ("a toddler is asleep in a parked car, it's 38 degrees out", "heat"),
])  # fmt: skip
def test_still_going_on_or_people_exposed(text: str, concept: str) -> None:
    assert concept in _now(text)


def test_a_valve_shut_that_worked_is_over() -> None:
    d = read_danger(simplified(prepare("水管裂了 我关了阀门 现在不漏了")[1]))
    assert "water" not in d.hazards_now
