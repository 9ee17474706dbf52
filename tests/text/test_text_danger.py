"""The danger concepts, the triage question and the learned model of the urgency detector."""

import numpy as np
import pytest

from core.text.danger import read_danger
from core.text.urgency import HAZARDS, assess_urgency
from core.text.urgency_model import LEVELS, UrgencyModel, featurize, load_default_model
from core.text.urgency_train import TRAINING_FILES, analyse, data_digest, fit


@pytest.mark.parametrize(
    ("text", "who", "state", "frame"),
    [
        ("楼下老人一动不动躺着", "elderly", "collapsed", "now"),
        ("孩子被锁在车里了", "child", "trapped", "now"),
        ("我头晕，想吐", "self", "dizzy", "now"),
        ("邻居没有受伤", "person", "injured", "neg"),
        ("上次有人晕倒过", "person", "unconscious", "past"),
        ("万一有人被困怎么办", "person", "trapped", "hyp"),
    ],
)
def test_who_state_and_frame(text: str, who: str, state: str, frame: str) -> None:
    reading = read_danger(text)
    assert who in reading.who
    states = [(m.concept, m.frame) for m in reading.mentions if m.kind == "state"]
    assert (state, frame) in states


def test_a_habit_word_inside_a_state_is_not_a_habit() -> None:
    # 一动不动 holds 动不动 ("always"): the mention's own words never frame it
    assert read_danger("老人一动不动").states_now == ["collapsed"]


@pytest.mark.parametrize("text", ["3栋2单元电梯不动了", "车动不了了", "电梯门不动了"])
def test_a_machine_that_does_not_move_is_no_person_collapsed(text: str) -> None:
    # 不动了 right after 梯 / 车 / 门 is a fault; read as a person's state it made a stopped lift
    # with nobody inside an injury emergency (「请拨打120」)
    assert "collapsed" not in read_danger(text).states_now
    assert assess_urgency(text).level != "emergency"


def test_a_person_who_does_not_move_still_is() -> None:
    assert read_danger("老人躺在地上不动了").states_now == ["collapsed"]
    assert "collapsed" in read_danger("我爸摔了动不了").states_now


@pytest.mark.parametrize(
    ("text", "hazard"),
    [
        ("屋里一股臭鸡蛋味", "gas"),
        ("洗澡的时候热水器突然喷蒸汽", "steam"),
        ("楼道里好大的烟 看不清路", "smoke"),
        ("车库地面塌陷了一大块", "structure"),
    ],
)
def test_hazards_said_as_present(text: str, hazard: str) -> None:
    assert hazard in read_danger(text).hazards_now


@pytest.mark.parametrize("text", ["燃气费在哪里交", "这个火锅店太火了", "天气太热了睡不着觉"])
def test_harmless_senses_are_no_hazard(text: str) -> None:
    reading = read_danger(text)
    assert not reading.hazards_now or not reading.partial(), reading.mentions


def test_a_dog_is_not_a_person_at_risk() -> None:
    reading = read_danger("我家狗被关在阳台出不来")
    assert reading.who == []
    assert not reading.person_in_state()


@pytest.mark.parametrize(
    "text",
    [
        # the false alarms of issue 15, each for its own reason (sound, consequence, outdoors, past)
        "楼下的麻将馆搓麻将搓到半夜，哗啦啦的，烦死了",
        "有人天天把车停在消防通道上，救护车都进不来",
        "下水道堵了，污水都漫到院子里来了",
        "我的自行车胎上个月爆裂了，想问问哪里能修",
        # the same mechanisms in other words
        "隔壁打牌哗哗的响到一点",
        "请问一下家里水管爆了的话总阀一般在哪里",
    ],
)
def test_harmless_messages_are_no_emergency(text: str) -> None:
    assert assess_urgency(text).level != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "楼下有个老人躺在地上一动不动",
        "孩子被锁在车里，太阳底下晒着，一直在哭",
        "暖气管爆了，蒸汽喷出来，我爸手被烫伤了",
        "電梯突然停了，我們一家四口在裡面，按警鈴沒人回應",
    ],
)
def test_dangers_of_the_issue_are_caught(text: str) -> None:
    got = assess_urgency(text)
    assert got.level == "emergency" or got.triage, got


def test_every_result_is_explained() -> None:
    got = assess_urgency("楼道里一股很浓的煤气味，我妈头晕")
    assert got.level == "emergency"
    assert got.hazard == "gas"
    assert got.reasons and any("煤气" in r for r in got.reasons)
    assert 0.0 < got.confidence <= 1.0
    assert got.hazard in HAZARDS


def test_ordinary_complaints_ask_nothing() -> None:
    for text in ("楼上装修太吵了", "小区垃圾好几天没人收了", "物业费怎么交", "停车位被别人占了"):
        got = assess_urgency(text)
        assert (got.level, got.triage) == ("normal", False), (text, got)


def test_the_shipped_model_is_built_from_the_shipped_data() -> None:
    model = load_default_model()
    assert model is not None
    assert model.info["data_sha256"] == data_digest(TRAINING_FILES), (
        "the urgency data changed: run python -m core.text.urgency_train"
    )
    assert set(model.thresholds) == {"emergency", "rule_emergency", "triage", "triage_partial", "triage_alone"}


def test_fit_save_and_load_give_the_same_probabilities(tmp_path) -> None:  # type: ignore[no-untyped-def]
    texts = ["煤气泄漏了快来人", "着火了", "停水了", "楼道灯坏了", "燃气费怎么交", "楼上太吵了"] * 3
    labels = ["emergency", "emergency", "urgent", "urgent", "normal", "normal"] * 3
    model = fit([analyse(t) for t in texts], labels, {"emergency": 0.5})
    path = tmp_path / "m.json.gz"
    model.save(path)
    again = UrgencyModel.load(path)
    probe = analyse("厨房煤气泄漏").features
    assert np.allclose(list(model.probabilities(probe).values()), list(again.probabilities(probe).values()), atol=1e-4)
    assert max(again.probabilities(probe), key=again.probabilities(probe).__getitem__) == "emergency"
    assert tuple(again.probabilities(featurize("", [], [])).keys()) == LEVELS


@pytest.mark.parametrize("text", ["我爸刚才突然中风了，嘴歪了", "她哮喘发作了，药不在身边", "隔壁大哥犯心脏病了"])
def test_an_acute_illness_is_a_persons_state(text: str) -> None:
    # no hazard, no fall: the person is in danger by their illness (物业吗 我妈在电梯里犯心脏病了 was missed)
    reading = read_danger(text)
    assert "attack" in reading.states_now and reading.person_in_state()


def test_water_with_live_electricity_is_partial_evidence_by_itself() -> None:
    reading = read_danger("卫生间进水了，水已经漫到排插那里，排插还通着电")
    assert reading.live_water() and reading.partial()
    assert not read_danger("卫生间进水了，地上湿了一片").partial()


def test_a_particle_then_a_space_ends_a_spoken_question() -> None:
    # 「物业吗」 asks who is listening; it does not make what follows a question
    assert "attack" in read_danger("是物业吗 我老公犯病了倒在楼梯口").states_now
    assert read_danger("电梯坏了吗").hazards_now == []


def test_a_car_alarm_is_no_gas_alarm() -> None:
    assert assess_urgency("停车场那辆车的报警器响了一晚上").level != "emergency"
    assert assess_urgency("厨房的燃气报警器一直在响，还有味道").level == "emergency"
