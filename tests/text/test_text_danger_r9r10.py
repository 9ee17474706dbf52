"""Rounds 9 and 10's classes of failure, as meanings (issue #15), in wordings of our own: a failing
structure or a swaying load over people, an animal attacking, someone who has not come up or come
out, a negated modifier (没拴的狗) or 没了 ("gone") that denies nothing, hot pipes that scald nobody,
断了 of a thing, a fight already parted, the switch already pulled, the writer shut in at home, a
vehicle or a card reader that is stuck, a person who only speaks or is sent for, hyperbole about a
nuisance, and the emergency's hazard (shock before water, structure before what falls from it, a
child in a pond is water, a stopped lift in an emergency is someone trapped)."""

import pytest

from core.text.danger import read_danger
from core.text.urgency import assess_urgency, hazard_of
from core.text.urgency_model import simplified
from core.text.urgency_rules import prepare, rule_urgency


def _read(text: str):  # type: ignore[no-untyped-def]
    return read_danger(simplified(prepare(text)[1]))


def _hazard(text: str, emergency: bool = True) -> str | None:
    prepared = prepare(text)
    return hazard_of(rule_urgency(text, prepared), read_danger(simplified(prepared[1])), emergency)


@pytest.mark.parametrize(
    "text",
    [
        "单元门口那堵墙上裂开一道口子 夜里一直咯吱咯吱响",  # the failure goes on
        "吊车上挂着的钢筋晃得厉害 下面好多人在走",  # a load swaying over people
        "车棚的墙往外鼓出来一块 旁边就是小卖部",
    ],
)
def test_a_structure_failing_or_a_load_over_people_is_partial_evidence(text: str) -> None:
    reading = _read(text)
    assert reading.failing_now() and reading.partial()


@pytest.mark.parametrize("text", ["客厅墙上有条裂缝 好多年了", "外墙有点脏 想请人洗一洗", "树枝长得太密了 挡光"])
def test_an_old_crack_or_an_object_named_without_falling_is_not(text: str) -> None:
    reading = _read(text)
    assert not reading.failing_now()
    assert "falling" not in reading.hazards_now


def test_an_animal_attacking_now_is_violence_and_a_negated_modifier_denies_nothing() -> None:
    reading = _read("一条没牵绳的狼狗 已经扑倒一个老人了 还在追人")
    assert "violence" in reading.hazards_now
    assert reading.partial()


def test_gone_is_no_negation() -> None:
    # 没了 after a verb is "washed away", not "there is no …": the rising water is present
    assert "water" in _read("桥边的护栏被冲没了 水涨得很快").hazards_now


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("修管子的师傅下到井里 好久没上来", "trapped"),
        ("电梯卡住了 里面还有个阿姨没出来", "trapped"),
        ("对门那户烧煤炉取暖 敲了半天门没动静", "unconscious"),
    ],
)
def test_someone_not_come_up_or_not_answering(text: str, state: str) -> None:
    assert state in _read(text).states_now


@pytest.mark.parametrize(
    "text",
    ["暖气管子在滴水 水是温的", "热水器下面一直渗水", "热水管漏了 地上一滩水"],
)
def test_a_hot_pipe_named_is_no_steam(text: str) -> None:
    assert "steam" not in _read(text).hazards_now


def test_scalding_steam_is_steam() -> None:
    assert "steam" in _read("管道井里一直往外喷热汽 整个楼道都是白雾").hazards_now


@pytest.mark.parametrize("text", ["停车场的道闸杆被撞断了", "水龙头下面的角阀断了 一直在喷水", "晾衣杆断了"])
def test_a_thing_broken_is_no_injury(text: str) -> None:
    assert "injured" not in _read(text).states_now


def test_a_leg_broken_is() -> None:
    assert "injured" in _read("老人摔了一跤 腿好像断了").states_now


def test_a_fight_parted_is_over() -> None:
    assert "violence" not in _read("两个年轻人在门口打架 已经被保安拉开了").hazards_now


def test_the_switch_pulled_is_contained_and_no_live_electricity() -> None:
    reading = _read("楼上漏水漏到我家灯上 电闸我已经拉了")
    assert reading.contained
    assert "electric" not in reading.hazards_now


@pytest.mark.parametrize("text", ["我被反锁在家里了 上班要迟到了", "钥匙丢了 我被关在门外"])
def test_the_writer_shut_in_at_home_or_locked_out_is_not_trapped(text: str) -> None:
    assert "trapped" not in _read(text).states_now


def test_a_child_locked_in_is_still_trapped() -> None:
    assert "trapped" in _read("孩子被反锁在家里出不来 一直在哭").states_now


@pytest.mark.parametrize(("text", "state"), [("出口的门坏了 车都出不去", "trapped"), ("门禁刷卡没反应", "unconscious")])
def test_a_vehicle_or_a_card_reader_stuck_is_no_person(text: str, state: str) -> None:
    assert state not in _read(text).states_now


@pytest.mark.parametrize("text", ["水管爆了 水一直流 师傅说找不到阀门", "水管爆了 满地是水 快来个人看看"])
def test_a_person_who_only_speaks_or_is_sent_for_is_not_at_risk(text: str) -> None:
    assert _read(text).water_only()


def test_a_cry_for_help_about_a_nuisance_is_hyperbole() -> None:
    assert not _read("救命 对面的音响从早放到晚").now_cue
    assert _read("救命 厨房着火了").now_cue


def test_stative_zhe_le_is_no_fire() -> None:
    assert rule_urgency("井盖碎了 我拿个垃圾桶挡着了").level != "emergency"
    assert rule_urgency("垃圾桶着了 冒黑烟").level == "emergency"


@pytest.mark.parametrize(
    ("text", "hazard"),
    [
        ("地上全是水 有人碰了插座被电了一下 现在站不起来", "electric"),  # the state names its hazard
        ("隔壁拆墙 我家墙上的裂缝越来越大 灰一直往下掉", "structure"),
        ("有个小孩掉进小区池塘里了", "water"),
        ("救命 电梯停了 里面就我一个", "trapped"),
        ("工人下到化粪池里半天没上来 喊他也不应", "confined"),
    ],
)
def test_the_emergency_hazard(text: str, hazard: str) -> None:
    assert _hazard(text) == hazard


def test_shipped_model_asks_about_a_structure_failing_over_people() -> None:
    got = assess_urgency("挡墙鼓起来一大块 一直往外渗泥 底下是停车位和一个报刊亭")
    assert got.level == "emergency" or got.triage
