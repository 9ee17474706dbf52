"""Round 22's false emergencies (development data, docs/understanding.md "Round 22's false emergencies"), none a
round-22 sentence. A danger held for now by whatever is at hand (a stool put out to keep people off, a cloth wrapped
round a leak, an appliance off with the window open) is not called (asked when the model would have called it); a
danger the writer says nobody is at (现在没人在那, 还没人经过, 还没蜇到人) or whose person is fine (人好好的, 缓过来了) is
neither called nor asked — the triage question is answered already; a burning smell whose smoke was looked for and
not seen, and a crack growing over days with nothing sudden, are not called; a wall that cannot be moved, 吓死个人 and
能不能来人 are no one collapsed, no person, no cry. Classes the rebuild showed on other rounds: a failing structure
people must pass, 哪天 as hypothetical, sewage backing up, an estate's name before its door."""

from __future__ import annotations

import pytest

from core.text.danger import read_danger
from core.text.urgency import EMERGENCY, assess_urgency
from core.text.urgency_model import model_text, without_doors
from core.text.urgency_rules import rule_urgency


def _frames(text: str, concept: str) -> set[str]:
    return {m.frame for m in read_danger(text).mentions if m.concept == concept}


@pytest.mark.parametrize("text", [
    "空调外机支架锈了 外机歪着 我在下面放了两个凳子挡着人",
    "厨房水管接头往外喷热水 我先用抹布缠住了",
    "热水器用着用着有股煤气味 我关了不用了 窗户也开着",
])  # fmt: skip
def test_held_with_what_is_at_hand_is_not_called(text: str) -> None:
    assert read_danger(text).held()
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", [
    "车棚里一股汽油味 刺鼻得很 现在没人在那",
    "单元门口的铁栅栏倒了一片 这会儿还没人经过",
    "阳台外面挂着个马蜂窝 还没蜇到人",
    "配电间门口有股煤气味 暂时没人在 麻烦派人来看看",
])  # fmt: skip
def test_nobody_there_said_is_not_called(text: str) -> None:
    danger = read_danger(text)
    assert danger.said_safe()
    u = assess_urgency(text)
    assert u.level != EMERGENCY
    assert not u.triage


@pytest.mark.parametrize("text", [
    "我儿子被锁家里了 八岁 人好好的 能不能找人来开个锁",
    "大爷刚才在电梯口头晕 歇了一会儿缓过来了",
])  # fmt: skip
def test_the_person_said_to_be_fine(text: str) -> None:
    assert not read_danger(text).person_in_state()
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", [
    "对面三楼窗户一直往外冒黑烟 家里好像没人在家",  # nobody at home is no one safe: the flat may burn
    "有个大叔倒在车库里一动不动 旁边没人管",  # a person in a bad state: nobody else near does not help
    "楼道里煤气味越来越浓 现在没人在",  # the danger growing: asked at least
])  # fmt: skip
def test_nobody_near_does_not_call_off_a_danger_to_someone(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage


def test_a_burning_smell_with_no_smoke_seen_is_asked() -> None:
    u = assess_urgency("车库里闻到一股烧焦味 转了一圈没看到烟 也没见明火")
    assert u.level != EMERGENCY
    assert u.triage


def test_a_burning_smell_with_smoke_is_still_called() -> None:
    assert assess_urgency("车库里一股烧焦味 墙角那台充电桩在冒黑烟").level == EMERGENCY


def test_a_wall_that_cannot_be_moved_is_no_one_collapsed() -> None:
    assert "collapsed" not in read_danger("想把客厅那面墙打掉 哪面墙不能动啊").states_now


@pytest.mark.parametrize("text", [
    "卫生间顶上那条缝这几天一天比一天长 还往下掉灰",
    "围墙这两天越歪越厉害了 墙皮往下掉",
])  # fmt: skip
def test_a_crack_growing_over_days_is_not_called(text: str) -> None:
    assert read_danger(text).slow_failure()
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", [
    "这两天墙缝越裂越大 刚才咔的一声 又掉了一块",  # something sudden now
    "阳台这几天裂得越来越宽 楼下天天有老人坐着",  # people beneath
])  # fmt: skip
def test_a_crack_with_something_sudden_or_people_beneath_is_no_slow_failure(text: str) -> None:
    assert not read_danger(text).slow_failure()


def test_a_cloth_that_will_not_hold_is_no_danger_held() -> None:
    assert read_danger("水管接头一直在喷 用毛巾包住了 但是包不住").persisting


def test_a_smoke_alarm_that_stopped_is_called_off() -> None:
    assert read_danger("煎鱼冒了点烟 烟感响了一阵 现在不叫了 怎么关掉").dismissed


@pytest.mark.parametrize("text", [
    "小区后门那段挡土墙被雨冲歪了 孩子们放学就走那条路",
    "单元外面那架铁梯一直在晃 楼上的人只能走它下楼",
])  # fmt: skip
def test_a_failing_structure_people_must_pass_is_asked_at_least(text: str) -> None:
    assert read_danger(text).failing_now()
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage


def test_some_day_is_hypothetical_to_the_rules() -> None:
    assert rule_urgency("窗台外面那盆花没固定 哪天掉下来砸到人").level != EMERGENCY


def test_sewage_backing_up_is_no_flood_to_the_rules() -> None:
    assert rule_urgency("小区污水管堵了 脏水倒灌进一楼两户人家").level != EMERGENCY
    assert rule_urgency("河水倒灌进一楼住户家里 水越来越深").level == EMERGENCY


def test_the_estates_name_before_its_door_is_no_words_of_danger() -> None:
    # the model's n-grams: 「阳光花园」 taught danger as the door's numbers once did (test_urgency_address_blind)
    assert without_doors(model_text("金色家园7栋2单元 楼道灯不亮了")).strip() == "楼道灯不亮了"
    assert "花园" in without_doors(model_text("小区花园里有个老人晕倒了 叫不醒"))


def test_asking_whether_someone_can_come_is_no_cry_for_help() -> None:
    # 能不能来人查查 asks for a visit; 快来人 / 来人啊 cry for help
    assert not read_danger("配电间门口有股煤气味 能不能来人查查").now_cue
    assert read_danger("来人啊 楼道着火了").now_cue


@pytest.mark.parametrize("text", ["家里有蟑螂 吓死个人", "楼道堆满了纸箱 过个人都难", "物业把我的个人信息贴在公告栏上了"])
def test_personal_and_idioms_are_no_person(text: str) -> None:
    assert "person" not in read_danger(text).who


def test_a_dog_biting_clothes_is_no_violence_now() -> None:
    # the injured state already told clothes apart (被狗咬了裤腿); the hazard did not, and a rebuild called it
    assert "violence" not in read_danger("邻居家的狗咬住了我女儿的衣角不放").hazards_now
    assert "violence" in read_danger("邻居家的狗扑上来咬我女儿 腿上全是血").hazards_now
