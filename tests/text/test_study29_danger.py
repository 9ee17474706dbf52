"""Round 29's danger classes (development data since branch study29, docs/understanding.md "Round 29's misses"), in
sentences of our own:

* a vehicle that hit several people (撞了两个老人, 撞了好几个排队的): people hurt, called — a count of people after
  撞了 is the people hit; a count of things (撞了两个垃圾桶) is not;
* a fire or a gas blast in a drama, a film or the news (剧里, 电影里, 新闻里) is not here: a question follows it;
* fright from watching (看得我心慌, 吓得我心慌) is no dizzy spell;
* an incident named as 「…那件事 / 那回事」 with nobody getting an answer since is a past event complained of;
* 「真着火了 消防车咋进来」: how one would get in or out if a fire really broke out is a what-if (round 23's 真着火了怎么办
  was; a fire asked how to put out, 真着火了 怎么灭啊, is not)."""

from __future__ import annotations

import pytest

from core.text.urgency import EMERGENCY, assess_urgency


@pytest.mark.parametrize("text", [
    "一辆电动车冲上人行道 撞了两个老人",
    "外卖车刹不住 撞了好几个在门口排队的",
    "有辆小车倒车太猛 撞了三个人",
])  # fmt: skip
def test_a_vehicle_that_hit_people_is_at_least_asked(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage


@pytest.mark.parametrize("text", ["邻居倒车撞了两个垃圾桶", "快递车撞了好几个石墩 车头凹进去了"])
def test_a_vehicle_that_hit_things_is_no_emergency(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", [
    "电影里有人家煤气爆炸 看得我心慌 我们小区燃气多久查一次",
    "新闻里说别的城市有人家煤气爆炸了 我们小区燃气多久查一次",
    "电视剧里有个小区着火了 好吓人 物业有没有消防演习",
])  # fmt: skip
def test_a_danger_in_a_film_drama_or_the_news_is_no_emergency(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", [
    "上周电梯困人那件事 物业到现在也没给个交代",
    "电梯困人那件事 到现在都没人给个说法",
    "煤气泄漏那回事 你们处理得太慢了 到今天也没个说法",
])  # fmt: skip
def test_a_past_incident_named_as_that_matter_is_no_emergency(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", ["电梯困人了 里面有个老人 心慌得厉害", "我爸突然心慌 胸口疼 喘不上气"])
def test_a_pounding_heart_of_a_person_is_still_read(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage


@pytest.mark.parametrize("text", ["消防通道老被占 真着火了消防车咋进来", "楼道里全是杂物 真着火了人怎么跑"])
def test_if_a_fire_really_broke_out_how_to_get_in_or_out_is_a_what_if(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY


def test_a_fire_asked_how_to_put_out_is_still_an_emergency() -> None:
    assert assess_urgency("厨房真着火了 怎么灭啊").level == EMERGENCY
