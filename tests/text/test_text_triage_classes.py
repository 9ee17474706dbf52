"""Classes of ordinary complaint that asked the triage question for nothing (issue #15; none is a sentence of
any set): a detector's name is no smoke nor a call to the police; a hurt said to be slight; a state word in
hyperbole (气得我心梗, 吵到窒息), an eye-roll or a bewildering bill; "broken" said of a gate or a phone; a
draught pouring in; a worker named by role then a kinship address (保安大爷) is no elderly person at risk; a
praise with nothing said as present; water with nobody at risk that the model does not lean towards."""

import pytest

from core.text.danger import read_danger
from core.text.urgency import assess_urgency
from core.text.urgency_model import simplified
from core.text.urgency_rules import EMERGENCY, prepare


def _read(text: str):  # type: ignore[no-untyped-def]
    return read_danger(simplified(prepare(text)[1]))


@pytest.mark.parametrize("text", ["卧室的烟雾报警器没电了 一直滴滴叫", "烟雾探测器的灯一直闪红光 是不是坏了"])
def test_a_detectors_name_is_no_smoke_nor_a_call_for_help(text: str) -> None:
    reading = _read(text)
    assert "smoke" not in reading.hazards_now
    assert not reading.now_cue


def test_smoke_said_beside_a_detector_is_still_smoke() -> None:
    assert "smoke" in _read("烟雾报警器一直在叫 走廊里全是烟").hazards_now


@pytest.mark.parametrize(
    "text", ["我妈下台阶崴了一下 膝盖磕破了 没什么大碍 就是那个台阶要修", "孩子滑板摔了 胳膊蹭破了 不严重"]
)
def test_a_hurt_said_to_be_slight_is_no_state_now(text: str) -> None:
    reading = _read(text)
    assert not reading.states_now and not reading.partial()


@pytest.mark.parametrize(
    "text",
    ["这个月的账单 看得我都晕了", "物业的电话永远打不通 气得我心梗", "楼下的音响吵到窒息", "那个门卫冲我翻白眼 什么态度"],
)
def test_a_state_word_in_hyperbole_is_no_state(text: str) -> None:
    assert not _read(text).states_now


@pytest.mark.parametrize("text", ["the garage door is broken again", "my laptop screen is broken"])
def test_broken_said_of_a_thing_is_no_injury(text: str) -> None:
    assert "injured" not in _read(text).states_now


def test_a_broken_bone_is_an_injury() -> None:
    assert "injured" in _read("grandpa slipped on the ice and has a broken leg").states_now


def test_a_draught_pouring_in_is_no_water() -> None:
    assert assess_urgency("楼道的窗户合不上 北风一直往里灌").level != EMERGENCY
    assert not assess_urgency("楼道的窗户合不上 北风一直往里灌").triage


@pytest.mark.parametrize("text", ["保安大爷挺热心的 就是门口那个喇叭太吵", "门卫大妈人不错 就是快递老放错"])
def test_a_worker_named_by_role_is_no_elderly_person(text: str) -> None:
    assert "elderly" not in _read(text).who


@pytest.mark.parametrize("text", ["保安大爷人挺好的，就是晚上门口的道闸一直响", "保安大爷人挺好的 就是晚上门口的道闸一直响"])
def test_the_guard_praised_then_a_noise_is_not_asked(text: str) -> None:
    # found talking to the bot (issue #15): the model leaned on 大爷 read as an elderly person
    assert not assess_urgency(text).triage


def test_a_worker_named_by_role_in_danger_is_still_a_person_in_danger() -> None:
    u = assess_urgency("门卫大爷在岗亭里倒在地上一动不动 快来人")
    assert u.level == EMERGENCY


@pytest.mark.parametrize("text", ["今天保洁阿姨帮我把婴儿车抬上了楼 给她点个赞", "表扬一下值班的保安小李 半夜还在巡逻"])
def test_a_praise_with_nothing_said_as_present_is_not_asked(text: str) -> None:
    from core.text.urgency import quiet_praise
    from core.text.urgency_rules import rule_urgency

    prepared = prepare(text)
    assert quiet_praise(text, rule_urgency(text, prepared), read_danger(simplified(prepared[1])))
    u = assess_urgency(text)
    assert u.level != EMERGENCY and not u.triage


def test_a_praise_that_says_a_person_in_danger_is_no_quiet_praise() -> None:
    from core.text.urgency import quiet_praise
    from core.text.urgency_rules import rule_urgency

    text = "点赞保安小李 不过我爸刚在楼道里晕倒了 快来"
    prepared = prepare(text)
    assert not quiet_praise(text, rule_urgency(text, prepared), read_danger(simplified(prepared[1])))
    assert assess_urgency(text).level == EMERGENCY


@pytest.mark.parametrize("text", ["阳台的排水管断了 雨水全冲到客厅了", "储藏室的水管裂了 水往外喷 东西都泡了"])
def test_water_with_nobody_at_risk_is_urgent_and_asked_only_when_the_model_leans(text: str) -> None:
    # the rules' emergency on water with nobody at risk is partial evidence: asked from triage_partial on, not before
    # (the second sentence sits at the threshold: P 0.061 with the model of 07003c9, 0.081 since study24u's rebuild)
    from core.text.urgency_model import load_default_model

    u = assess_urgency(text)
    model = load_default_model()
    assert model is not None and u.level == "urgent"
    # asked from the lower of triage_partial and triage: the trainer's search may put triage_partial above triage (0.12 over
    # 0.10 since branch triage26), and any reading at P >= triage is asked whatever its evidence
    th = model.thresholds
    assert u.triage is (u.emergency_probability >= min(th["triage_partial"], th["triage"]))


def test_water_with_nobody_at_risk_is_not_asked_when_the_model_does_not_lean() -> None:
    u = assess_urgency("阳台的排水管断了 雨水全冲到客厅了")
    assert u.level == "urgent" and not u.triage


def test_water_with_someone_at_risk_is_still_an_emergency() -> None:
    assert assess_urgency("楼上水管爆了 水漫进屋里 我爸瘫在床上动不了").level == EMERGENCY
