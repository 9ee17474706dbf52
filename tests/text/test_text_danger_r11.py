"""Classes of danger the reader lacked until round 11's misses were read (none is a round-11 sentence):
a wish to die told to someone, a bare conductor where people touch it, water reaching live equipment."""

import pytest

from core.text.danger import read_danger
from core.text.urgency import assess_urgency
from core.text.urgency_model import UrgencyModel, load_default_model


@pytest.mark.parametrize(
    "text",
    [
        "隔壁大哥前天晚上跟我讲活不下去了 今天一天没见他出门",
        "她昨天发微信说不想活了 现在电话打不通",
        "有个女的站在天台边上 说要跳下去",
    ],
)
def test_a_wish_to_die_told_to_someone_is_a_person_in_danger(text: str) -> None:
    reading = read_danger(text)
    assert "suicidal" in reading.states_now
    assert reading.person_in_state() and reading.partial()
    result = assess_urgency(text)
    assert result.level == "emergency" or result.triage


@pytest.mark.parametrize(
    "text",
    ["楼上电钻从早响到晚 吵得人都不想活了", "他前年自杀过一次 现在好了", "万一有人想不开怎么办"],
)
def test_a_nuisance_hyperbole_or_a_past_attempt_is_no_danger_now(text: str) -> None:
    assert "suicidal" not in read_danger(text).states_now


@pytest.mark.parametrize(
    "text",
    [
        "三楼的电线外皮破了 铜线露出来 搭在楼梯扶手上",
        "小区门口的灯线裸露着 缠在铁栏杆上",
        "健身器材旁边有根电线破了皮 小孩一伸手就能摸到",
    ],
)
def test_a_bare_conductor_people_can_touch_is_partial_evidence(text: str) -> None:
    reading = read_danger(text)
    assert reading.live_conductor() and reading.partial()
    assert "H:electric+reach:now" in reading.tokens()


@pytest.mark.parametrize("text", ["插座面板掉了 线都露着", "楼道墙里的电线老化了 外皮破了 露出铜丝"])
def test_a_bare_conductor_nobody_touches_is_a_fault(text: str) -> None:
    assert not read_danger(text).live_conductor()


def test_water_overflowing_into_live_equipment_is_live_water() -> None:
    reading = read_danger("消防水箱溢出来了，水淌进了地下室的配电房")
    assert reading.live_water() and reading.partial()


def test_overflowing_water_alone_is_a_fault_asked_about_at_most() -> None:
    reading = read_danger("楼顶水箱溢水了，顺着外墙往下流")
    assert reading.hazards_now == ["water"] and reading.water_only() and not reading.partial()


@pytest.mark.parametrize("text", ["电梯坏了三天了 我妈住在九楼上下不来", "三单元电梯停了，住二十楼上去不了的老人在楼上下不去"])
def test_someone_stranded_upstairs_by_a_stopped_lift_is_not_trapped(text: str) -> None:
    assert "trapped" not in read_danger(text).states_now


def test_someone_in_a_stopped_lift_still_is() -> None:
    assert "trapped" in read_danger("电梯卡在五楼和六楼中间，我爸在里面下不来").states_now


@pytest.mark.parametrize("text", ["一辆面包车横在小区出口，我们都出不去", "不知道谁的车挡住了我家车库，我出不去了"])
def test_a_car_parked_across_the_way_out_shuts_nobody_in(text: str) -> None:
    assert "trapped" not in read_danger(text).states_now


@pytest.mark.parametrize("text", ["隔壁KTV唱到半夜，吵得要爆炸了", "夏天楼道里热到爆炸 能不能装个风扇"])
def test_a_nuisance_said_to_explode_is_no_fire(text: str) -> None:
    assert "fire" not in read_danger(text).hazards_now


def test_a_ceiling_struck_with_a_stick_is_no_violence() -> None:
    assert "violence" not in read_danger("楼上嫌我们吵 拿拖把杆子一直捅天花板").hazards_now


def test_a_person_struck_with_a_stick_still_is() -> None:
    assert "violence" in read_danger("楼下有人拿棍子打人").hazards_now


def test_a_bare_conductor_people_touch_is_asked_about_whatever_the_model_says() -> None:
    shipped = load_default_model()
    assert shipped is not None
    strict = UrgencyModel(shipped.vocabulary, shipped.idf, shipped.weights, shipped.coef, shipped.intercept,
                          {**shipped.thresholds, "triage": 0.99, "triage_partial": 0.99})
    result = assess_urgency("车棚的电线皮烂了 铜丝露着 正好挂在自行车架的铁皮上", model=strict)
    assert result.triage or result.level == "emergency"


@pytest.mark.parametrize("text", ["楼道里有股怪味，不知道是不是煤气", "厨房一直听见嘶嘶响 是不是燃气漏了"])
def test_a_severe_hazard_guessed_at_about_something_sensed_is_partial_evidence(text: str) -> None:
    # retraining on round 11 moved the first below the triage threshold (0.17 → 0.13): the reading,
    # not the model's luck, should keep the question
    assert read_danger(text).suspected() and read_danger(text).partial()


@pytest.mark.parametrize("text", ["燃气费是不是又涨了", "群里说楼道有股味，是不是煤气啊"])
def test_a_question_about_the_topic_or_hearsay_is_no_suspicion(text: str) -> None:
    assert not read_danger(text).suspected()
