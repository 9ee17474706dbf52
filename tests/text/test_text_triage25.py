"""The triage question on ordinary complaints (issue #15, fifteenth session): a reading with only the model to go on
(no rule, no hazard nor state said as present, no cry) asks at its own threshold, chosen at training; an explosion
said as a simile, a film's sound or the writer's temper is no explosion. Sentences are our own."""

from __future__ import annotations

import numpy as np
import pytest

from core.text.danger import read_danger
from core.text.urgency import assess_urgency, model_alone_reading
from core.text.urgency_model import featurize, load_default_model, simplified
from core.text.urgency_rules import EMERGENCY, NORMAL, URGENT, prepare, rule_urgency
from core.text.urgency_train import Analysed, choose_triage_alone


def _alone(text: str) -> bool:
    return model_alone_reading(rule_urgency(text), read_danger(simplified(prepare(text)[1])))


@pytest.mark.parametrize("text", ["楼下信箱被人塞满了小广告", "我家孩子说车棚里有只很大的狗"])
def test_nothing_but_the_model_to_go_on(text: str) -> None:
    assert _alone(text)


@pytest.mark.parametrize("text", [
    "救命 5号楼",  # a cry
    "电梯卡在七楼 我爸在里面",  # a state and a lift
    "厨房里一股煤气味",  # a severe hazard
    "楼上水管爆了",  # the rules' verdict
])  # fmt: skip
def test_a_rule_a_concept_or_a_cry_is_more_than_the_model(text: str) -> None:
    assert not _alone(text)


def _with(thresholds: dict[str, float]):  # type: ignore[no-untyped-def]
    model = load_default_model()
    assert model is not None
    clone = object.__new__(type(model))
    clone.__dict__.update(model.__dict__)
    clone.thresholds = {**model.thresholds, **thresholds}
    return clone


def test_the_model_alone_asks_at_its_own_threshold() -> None:
    # P(emergency) at the model's "triage" and under 0.99: asked when alone at "triage", not when alone at 0.99
    # (隔壁老人好几天没见着了 is read as a person unaccounted for since branch triage26: no longer the model alone)
    text = next(t for t in ("隔壁老人好几天没见着了", "我妈一个人在家 电话一直没人接", "孩子放学两个小时了还没到家",
                            "我家老人出去遛弯到现在还没回来", "我妈一个人在家 我有点不放心")
                if _alone(t) and assess_urgency(t).level != EMERGENCY
                and assess_urgency(t).emergency_probability >= load_default_model().thresholds["triage"])
    low = _with({"triage_alone": load_default_model().thresholds["triage"]})
    high = _with({"triage_alone": 0.99})
    assert assess_urgency(text, model=low).triage
    assert not assess_urgency(text, model=high).triage
    # a hazard said as present keeps the partial-evidence path whatever triage_alone is
    assert assess_urgency("楼道里有股煤气味 我妈一个人在家", model=high).level == EMERGENCY or assess_urgency(
        "楼道里有股煤气味 我妈一个人在家", model=high).triage


def _item(alone: bool, rule_level: str = NORMAL) -> Analysed:
    return Analysed(featurize("", [], []), rule_level, partial=False, alone=alone)


def test_triage_alone_is_the_highest_that_misses_no_more_emergency() -> None:
    # ordinary alone rows at 0.11, 0.13, 0.18, 0.35; an alone emergency at 0.17; one with a rule's urgent at 0.11
    p = [0.11, 0.13, 0.18, 0.35, 0.17, 0.11]
    labels = [URGENT, NORMAL, NORMAL, URGENT, EMERGENCY, EMERGENCY]
    items = [_item(True)] * 5 + [_item(False, URGENT)]
    probs = np.array([[x, 1 - x, 0.0] for x in p])
    th = choose_triage_alone(probs, items, labels, {"emergency": 0.6, "rule_emergency": 0.5, "triage": 0.1,
                                                    "triage_partial": 0.08})
    assert th["triage_alone"] == 0.16  # 0.2 would miss the emergency at 0.17
    th = choose_triage_alone(probs[:4], items[:4], labels[:4], {"emergency": 0.6, "rule_emergency": 0.5,
                                                                  "triage": 0.1, "triage_partial": 0.08})
    assert th["triage_alone"] == 0.3  # no emergency to lose: the top of the grid


@pytest.mark.parametrize("text", [
    "隔壁装修电锤一开 像要爆炸似的 整面墙都在抖",
    "孩子晚上打游戏 游戏里爆炸声开得老大 吵得睡不着",
    "装修队从早敲到晚 我人都要爆炸了",
    "隔壁每晚放电影 爆炸声轰轰的 墙都在震",
])  # fmt: skip
def test_an_explosion_in_a_simile_a_film_or_a_temper_is_none(text: str) -> None:
    assert rule_urgency(text).level != EMERGENCY
    u = assess_urgency(text)
    assert u.level != EMERGENCY and not u.triage


@pytest.mark.parametrize("text", ["楼下小饭馆突然爆炸了 玻璃全碎了 有人躺在地上", "听见一声爆炸声 接着楼道里全是烟"])
def test_an_explosion_said_as_one_stays_the_rules(text: str) -> None:
    assert rule_urgency(text).level == EMERGENCY
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage


def _cry(text: str) -> bool:
    return read_danger(simplified(prepare(text)[1])).now_cue


@pytest.mark.parametrize("text", ["救命啊 水电费单子看不懂 到底怎么缴费", "救命 快递柜的取件码一直收不到 谁能帮我看看"])
def test_a_cry_about_a_chore_is_hyperbole(text: str) -> None:
    assert not _cry(text)
    assert not assess_urgency(text).triage


@pytest.mark.parametrize("text", ["救命 快递员在门口晕倒了", "救命 门禁坏了 我被关在楼梯间里出不去"])
def test_a_cry_with_a_danger_beside_a_chore_stays_a_cry(text: str) -> None:
    assert _cry(text)
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage
