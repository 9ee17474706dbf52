"""The safety reading after the category model (core/dispatch/safety_reading.py, branch category26): where the model
is unsure, names 安全管理 as a fair second choice and the text names one of the guide's security words, the message
is filed 安全管理; a confident model, a small probability, no security word or no 安全管理 category leave the model's
answer. The second-choice layer (declared, not adopted) never moves a danger the urgency reader reads as contained.
None of these sentences is in a held-out set or the corpus; the predictions are built here, so the layers are tested
apart from the model's weights."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from core.classify import Prediction
from core.classify.classifier import Classification
from core.dispatch import safety_reading as layer
from core.dispatch.assessor import ClassifierAssessor
from core.dispatch.safety_reading import SAFETY, safety_reading
from core.text.urgency import danger_contained

CATEGORIES = ("工程维修", "环境卫生", "噪音扰民", "服务质量", "安全管理", "邻里纠纷", "其他")


def unsure(label: str = "工程维修", top: float = 0.55, safety: float = 0.35) -> Prediction:
    rest = round(1 - top - safety, 4)
    return Prediction(label, top, ((label, top), (SAFETY, safety), ("其他", rest)))


@pytest.mark.parametrize("text", [
    "三号门的保安一晚上都不在岗亭",
    "车棚那边最近老有陌生人转悠",
    "二期的監控好幾天都是黑屏",  # Traditional: read folded to Simplified
    "楼梯间的灭火器压力表指到红区了",
])  # fmt: skip
def test_an_unsure_model_with_a_security_word_files_safety(text: str) -> None:
    got, why = safety_reading(unsure(), text, CATEGORIES, second_choice=False, words=True)
    assert got.label == SAFETY and got.confidence == pytest.approx(0.35)
    assert why is not None and "security word" in why


@pytest.mark.parametrize("prediction", [
    unsure(top=0.85, safety=0.12),  # the model is sure
    unsure(top=0.6, safety=0.2),  # 安全管理 too unlikely
])
def test_a_sure_model_or_an_unlikely_safety_stands(prediction: Prediction) -> None:
    got, why = safety_reading(prediction, "三号门的保安一晚上都不在岗亭", CATEGORIES, second_choice=False, words=True)
    assert (got, why) == (prediction, None)


def test_no_security_word_leaves_the_model_answer() -> None:
    prediction = unsure()
    assert safety_reading(prediction, "楼下的路灯坏了好几盏", CATEGORIES, second_choice=False, words=True) == (
        prediction, None)


def test_without_a_safety_category_nothing_moves() -> None:
    prediction = unsure()
    assert safety_reading(prediction, "车棚那边最近老有陌生人转悠", ("工程维修", "其他"), words=True) == (prediction, None)


def test_the_switches_off_leave_the_model_answer() -> None:
    prediction = unsure()
    assert safety_reading(prediction, "车棚那边最近老有陌生人转悠", CATEGORIES, second_choice=False, words=False) == (
        prediction, None)


def test_both_layers_are_off_after_rounds_25_and_26() -> None:
    # adopted on rounds 21-24 by the declared rule, then behind the model alone on round 25 and blind round 26
    assert not layer.SAFETY_WORDS and not layer.SAFETY_SECOND_CHOICE


@pytest.mark.parametrize("text", [
    "闻到煤气味 我已经关了总阀 开了窗 味道散了 麻烦派人来查查",
    "燃气公司来测过了说没漏气 就是想问问报警器怎么复位",
])
def test_a_contained_danger_is_read_as_contained_and_not_moved(text: str) -> None:
    assert danger_contained(text)
    prediction = unsure(top=0.5, safety=0.4)
    assert safety_reading(prediction, text, CATEGORIES, second_choice=True, words=False) == (prediction, None)


def test_a_live_matter_is_moved_by_the_second_choice() -> None:
    text = "楼道里堆满了纸箱 把安全出口堵死了"
    assert not danger_contained(text)
    got, why = safety_reading(unsure(top=0.5, safety=0.4), text, CATEGORIES, second_choice=True, words=False)
    assert got.label == SAFETY and why is not None and "second choice" in why


@dataclass
class _Fixed:
    """A classifier that answers one reading whatever the text."""

    category: Prediction

    def classify(self, text: str) -> Classification:
        return Classification(self.category, Prediction("投诉", 0.9, (("投诉", 0.9),)))


def test_the_assessor_files_what_the_layer_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    assessor = ClassifierAssessor(CATEGORIES, classifier=_Fixed(unsure()))  # type: ignore[arg-type]
    assert assessor.assess("三号门的保安一晚上都不在岗亭").category != SAFETY  # switched off: the model's answer
    monkeypatch.setattr(layer, "SAFETY_WORDS", True)
    assert assessor.assess("三号门的保安一晚上都不在岗亭").category == SAFETY
    assert assessor.assess("楼下的路灯坏了好几盏").category == "工程维修"
