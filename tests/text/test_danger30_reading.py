"""Branch danger30 (usertest1), the reading: danger missed — violence at home with the resident hiding, stroke signs,
a charger's power strip too hot to touch — and danger imagined — 打 for a phone call, an angry complaint's
exclamation marks. Sentences of our own, not the tester's."""

from __future__ import annotations

import pytest

from core.text.urgency import EMERGENCY, NORMAL, assess_urgency


@pytest.mark.parametrize("words", [
    "我男人喝醉了正在家里摔东西，我带着儿子躲进卫生间了",
    "他发酒疯在家砸家具，我们娘俩锁在卧室里不敢出来",
])
def test_violence_at_home_with_the_resident_hiding_is_an_emergency(words: str) -> None:
    u = assess_urgency(words)
    assert u.level == EMERGENCY and u.hazard == "violence"


@pytest.mark.parametrize("words", [
    "我外公吃饭的时候突然嘴角歪了，话也说不利索",
    "我妈刚才一边手脚突然没劲了，半边脸发麻",
])
def test_stroke_signs_are_a_person_in_danger(words: str) -> None:
    u = assess_urgency(words)
    assert u.level == EMERGENCY and "attack" in u.state


@pytest.mark.parametrize("words", [
    "车棚里几辆电瓶车一起在充电，排插烫得不敢碰",
    "走廊里接了个插线板给电动车充电，充电器都烧焦了",
])
def test_a_charger_too_hot_to_touch_is_asked_about_at_least(words: str) -> None:
    u = assess_urgency(words)
    assert u.level == EMERGENCY or u.triage
    assert u.hazard == "fire"


@pytest.mark.parametrize("words", ["打我姐那个手机就行", "有事你们打给我老公", "直接打我家座机", "打他这个号码吧"])
def test_da_before_a_phone_is_calling_not_hitting(words: str) -> None:
    u = assess_urgency(words)
    assert u.level == NORMAL and not u.triage and u.hazard is None


@pytest.mark.parametrize("words", ["他又打我了，我打电话叫了我哥", "有人在楼下打人"])
def test_hitting_is_still_read_beside_a_phone_call(words: str) -> None:
    u = assess_urgency(words)
    assert u.hazard == "violence" and (u.level != NORMAL or u.triage)


@pytest.mark.parametrize("words", [
    "你们物业是吃干饭的吗！！！门口垃圾堆了好几天，臭得要命",
    "到底有没有人管！！！楼下的垃圾都发臭了",
    "物业都死哪去了！！！垃圾三天没人收",
])
def test_an_angry_complaints_exclamation_marks_ask_no_danger_question(words: str) -> None:
    u = assess_urgency(words)
    assert u.level == NORMAL and not u.triage


@pytest.mark.parametrize("words", ["救命啊！！！5栋", "快来人！！！有人晕倒了"])
def test_exclamation_marks_with_a_cry_still_count(words: str) -> None:
    assert assess_urgency(words).level == EMERGENCY
