"""Round 8's classes of failure, as meanings (issue #15): nobody as the subject, an event over later in
its own clause, a dated event named by what it left, disgust, a machine that stopped, someone shut in
calling out, someone who cannot be woken, an engine left running, water with nobody at risk."""

import pytest

from core.text.danger import read_danger
from core.text.urgency import assess_urgency


def _states(text: str) -> list[tuple[str, str]]:
    return [(m.concept, m.frame) for m in read_danger(text).mentions if m.kind == "state"]


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("电梯停在五楼了，没人被困，就是上不去", "trapped"),
        ("广告牌掉下来了 没有人受伤", "injured"),
        ("車庫裡冇人困住", "trapped"),
    ],
)
def test_nobody_as_the_subject_denies_the_state(text: str, state: str) -> None:
    assert (state, "neg") in _states(text)
    assert state not in read_danger(text).states_now


def test_somebody_as_the_subject_is_still_at_risk() -> None:
    assert "trapped" in read_danger("有人被困在电梯里").states_now


def test_over_later_in_its_own_clause() -> None:
    # 困了人 … 已经自己出来了 in one clause: the trapping is over, not happening
    assert ("trapped", "over") in _states("电梯刚才困了人已经自己出来了")
    assert "trapped" in read_danger("电梯困了人 一直出不来").states_now


def test_a_dated_event_named_by_what_it_left_is_told_not_happening() -> None:
    # 到现在还 speaks of the mess, not the fire: 前天着火的那户 is a description
    reading = read_danger("前天着火的那户 东西到现在还堆在楼道里")
    assert "fire" not in reading.hazards_now
    assert "fire" in read_danger("前天装的燃气灶 现在着火了").hazards_now


@pytest.mark.parametrize("text", ["楼道里有人吐痰 恶心死了", "垃圾堆得好恶心", "真恶心人"])
def test_disgust_is_no_symptom(text: str) -> None:
    assert "dizzy" not in read_danger(text).states_now


def test_nausea_still_is() -> None:
    assert "dizzy" in read_danger("我妈一直恶心想吐").states_now


@pytest.mark.parametrize("text", ["电梯停在一楼不动了", "车库道闸卡住不动了", "扶梯突然不动了"])
def test_a_stopped_machine_a_few_words_back_is_no_collapse(text: str) -> None:
    assert "collapsed" not in read_danger(text).states_now


def test_a_person_between_the_machine_and_the_stillness_is_collapsed() -> None:
    assert "collapsed" in read_danger("电梯里我爸倒着不动了").states_now


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("电梯里关着个送水的师傅", "trapped"),
        ("储藏室门坏了 阿姨在里面一直拍门", "trapped"),
        ("我爸躺沙发上 喊了好几声都不醒", "unconscious"),
        ("保安趴在桌上 拍他不醒", "unconscious"),
    ],
)
def test_new_wordings_of_trapped_and_unconscious(text: str, state: str) -> None:
    assert state in read_danger(text).states_now


def test_an_engine_left_running_with_someone_slumped_is_partial_evidence() -> None:
    reading = read_danger("地库有辆车一直没熄火 里面的人趴着 敲窗不醒")
    assert "co" in reading.hazards_now and reading.partial()


def test_blood_that_will_not_stop_is_no_water() -> None:
    # 止不住 belonged to water alone: a cut that would not stop bleeding was filed under 工程维修
    reading = read_danger("手被玻璃割了 血止不住")
    assert "water" not in reading.hazards_now
    assert "bleeding" in reading.states_now


def test_a_stove_that_will_not_light_is_no_gas_hazard() -> None:
    # the idiom 打不着 is blanked before reading: the blank right after 灶 is the harmless sense
    assert "gas" not in read_danger("燃气灶____").hazards_now
    got = assess_urgency("燃气灶打不着火")
    assert (got.level, got.triage) == ("normal", False)


def test_water_with_nobody_at_risk_is_property_only() -> None:
    assert read_danger("楼上水管爆了 水从天花板往下滴 他家人不在").property_only()
    assert not read_danger("水管爆了 水漫进屋 老人在屋里走不动").property_only()
    assert not read_danger("水管爆了 水淹到插线板 还通着电").property_only()
    assert "H:property-only" in read_danger("地下室进水了 水到脚踝").tokens()


def test_a_burst_pipe_alone_is_asked_about_and_with_someone_at_risk_is_an_emergency() -> None:
    # rounds 7 and 8, written apart, file a burst pipe with nobody at risk as urgent: the bot asks
    # whether anyone is in danger instead of shouting 119 / 120; a person at risk makes it an emergency
    alone = assess_urgency("水管爆了")
    assert alone.level != "emergency" and alone.triage
    assert assess_urgency("水管爆了 水漫进屋 我妈腿脚不好 在里面出不来").level == "emergency"


def test_a_face_drooping_is_an_illness_not_a_failing_structure() -> None:
    # 嘴角歪了 read as 歪了 (structure) filed a stroke under 工程维修
    reading = read_danger("我爸吃饭时嘴角歪了 筷子也拿不住")
    assert "structure" not in reading.hazards_now
    assert "structure" in read_danger("院墙歪了 快倒了").hazards_now
