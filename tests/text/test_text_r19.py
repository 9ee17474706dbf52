"""Round 19's urgency classes (development data, docs/understanding.md "Round 19's misses"), none a round-19
sentence: someone shut in somewhere by someone or something (被关在 / 被锁在 a room, a cry from inside) is trapped;
a water hose, valve or joint burst is water (asked about with nobody at risk, not called); a mild symptom (a cough,
sore eyes, a headache) put down to an ordinary nuisance (cigarette smoke, cooking fumes, glare, noise) is no person
in danger unless a severe hazard is said beside it; people kept away or the thing propped up contains a failing
structure; what a kind of people keep doing (…的太多了) is a habit; a gas stove's hose is gas; a wall crack growing
is a structure failing."""

from __future__ import annotations

import pytest

from core.text.danger import read_danger
from core.text.urgency import EMERGENCY, assess_urgency


def _asked_or_called(text: str) -> bool:
    u = assess_urgency(text)
    return u.level == EMERGENCY or u.triage


@pytest.mark.parametrize("text", [
    "我被锁在小区地下室的设备间 门从外面打不开 里面没信号",
    "老爸被关在单元楼顶的天台上了 铁门推不开 外面零下好几度",
    "小孩钻进了废旧冰箱 门关上了 里面一直在哭",
])  # fmt: skip
def test_someone_shut_in_somewhere_is_trapped(text: str) -> None:
    reading = read_danger(text)
    assert "trapped" in reading.states_now
    assert _asked_or_called(text)


@pytest.mark.parametrize("text", ["我被锁在门外了 钥匙忘带了", "我被反锁在家里了 等老公回来开门", "隔壁屋里面一直在敲"])
def test_locked_out_or_shut_in_at_home_or_a_noise_inside_is_not_trapped(text: str) -> None:
    assert "trapped" not in read_danger(text).states_now


@pytest.mark.parametrize("text", ["马桶的进水软管崩开了 我拿毛巾裹着", "洗衣机龙头的接头裂了 我按着呢 快派人来"])
def test_a_water_hose_or_joint_burst_is_water_and_asked_about_not_called(text: str) -> None:
    reading = read_danger(text)
    assert reading.water_only()
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", [
    "对面楼的广告屏通宵亮着 照得眼睛疼",
    "楼下广场舞音响 吵得我头疼",
    "楼下饭店的油烟往上窜 女儿被熏得咳个不停",
    "对门老在楼道里吸烟 烟味飘进来 我妈闻了就一直咳",
])  # fmt: skip
def test_a_mild_symptom_from_an_ordinary_nuisance_is_no_person_in_danger(text: str) -> None:
    assert not read_danger(text).states_now
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", ["闻到一股煤气味 熏得头疼", "楼下有人抽烟 楼道里全是浓烟 孩子一直咳"])
def test_a_symptom_beside_a_severe_hazard_still_counts(text: str) -> None:
    assert "dizzy" in read_danger(text).states_now
    assert _asked_or_called(text)


@pytest.mark.parametrize("text", [
    "楼顶的铁皮被风掀起来一半 我们已经把底下的人都叫走了 用绳子先绑住了",
    "围墙往外歪了 保安已经拉了警戒线",
    "阳台的雨棚塌了一半 临时拿竹竿顶住了",
])  # fmt: skip
def test_people_kept_away_or_the_thing_propped_up_contains_it(text: str) -> None:
    assert read_danger(text).contained


def test_what_a_kind_of_people_keep_doing_is_a_habit() -> None:
    text = "小区里遛狗不拴绳的人太多了 狗追着孩子跑 物业管不管"
    reading = read_danger(text)
    assert "violence" not in reading.hazards_now and "threatened" not in reading.states_now
    assert assess_urgency(text).level != EMERGENCY
    assert assess_urgency("有条大狗在追着我家孩子咬 快来人").level == EMERGENCY  # going on now: still called


def test_a_gas_stove_hose_is_gas() -> None:
    assert "gas" in read_danger("灶台那根胶管被老鼠咬了个洞 有股怪味").hazards_now


def test_a_wall_crack_growing_is_a_structure_failing() -> None:
    reading = read_danger("楼道的墙缝越来越大 晚上还听见响")
    assert "structure" in reading.hazards_now and reading.failing_now()
