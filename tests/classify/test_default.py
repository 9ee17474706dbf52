"""The shipped default models on messages written for these tests (none of them is in the corpus)."""

from __future__ import annotations

import time

import pytest

from core.classify import ComplaintClassifier
from core.classify.build_default import read_corpus

HELD_OUT = {
    "工程维修": [
        "5号楼的电梯今天早上又停了，按钮都不亮",
        "我家卫生间顶上一直滴水，应该是楼上的管子漏了，麻烦派人来看",
        "楼道的灯全灭了，晚上根本看不见台阶",
        "家里水龙头出水特别小，是不是水压有问题",
    ],
    "环境卫生": [
        "垃圾站那边臭得要命，垃圾堆了好几天没人拉走",
        "楼下草坪上到处是狗屎，保洁也不清理",
        "楼道里全是烟头和纸屑，好久没打扫了",
        "小区里老鼠蟑螂越来越多，能不能统一消杀",
    ],
    "安全管理": [
        "有人把电动车推到楼道里飞线充电，太危险了",
        "小区大门保安不在，外面的人随便进出",
        "消防通道被好几辆车堵住了，着火了消防车都进不来",
        "最近小区连着丢了好几辆自行车，监控也是坏的",
    ],
    "服务质量": [
        "物业客服电话打了一下午都没人接",
        "前台工作人员态度很差，问她事情爱理不理的",
        "物业费又涨了，服务却越来越差，账目也不公开",
        "维修师傅答应上午来，结果等到晚上都没来，也不打个电话",
    ],
    "噪音扰民": [
        "楼下广场舞音响开得震天响，每晚跳到十点多",
        "隔壁装修电钻声从早响到晚，周末也不停",
        "楼上半夜还在跑跳，咚咚咚吵得睡不着觉",
        "小区门口烧烤摊每天吵到凌晨两点",
    ],
    "邻里纠纷": [
        "对门邻居把鞋柜和纸箱都堆在楼道里，挡住了我家的门",
        "楼上邻居家漏水到我家，跟他们说了好几次就是不肯修",
        "邻居的车天天停在我家车位上，打电话给他还骂人",
        "邻居把杂物堆在公共走廊，说了好几次也不搬，还跟我吵架",
    ],
    "其他": [
        "请问社区在哪里办理居住证明？需要带什么材料",
        "我家的小狗走丢了，白色的泰迪，有人看到请联系我",
        "请问今年的医保在哪里交费",
        "建议社区多组织一些老年人的兴趣活动",
    ],
}

KINDS = {
    "请问物业费一年要交多少钱？": "咨询",
    "建议在小区里多装几个路灯": "建议",
    "举报12栋有人群租，一套房子住了十几个人": "举报",
    "厨房的水管坏了，麻烦派师傅来修一下": "报修",
    "物业电话一直没人接，太不负责任了": "投诉",
}


def test_held_out_messages_are_not_in_the_corpus() -> None:
    corpus = {row.text for row in read_corpus()}
    assert not corpus & {t for texts in HELD_OUT.values() for t in texts}
    assert not corpus & set(KINDS)


def test_labels_of_the_default_models(default_classifier: ComplaintClassifier) -> None:
    assert set(default_classifier.category_model.labels) == set(HELD_OUT)
    assert set(default_classifier.kind_model.labels) == {"咨询", "求助", "投诉", "举报", "建议", "报修"}


@pytest.mark.parametrize("category, text", [(c, t) for c, texts in HELD_OUT.items() for t in texts])
def test_default_category(default_classifier: ComplaintClassifier, category: str, text: str) -> None:
    result = default_classifier.classify(text)
    assert result.category.label == category, result.category.ranking


@pytest.mark.parametrize("text, kind", KINDS.items())
def test_default_kind(default_classifier: ComplaintClassifier, text: str, kind: str) -> None:
    assert default_classifier.classify(text).kind.label == kind


@pytest.mark.parametrize(
    "text, category",
    [
        ("電梯又壞了，按鈕都不亮，住在高層的老人下不了樓", "工程维修"),
        ("樓下廣場舞音響太大聲，每天晚上吵到十點", "噪音扰民"),
        ("垃圾站的垃圾好幾天沒人清理，臭氣熏天", "环境卫生"),
    ],
)
def test_traditional_input(default_classifier: ComplaintClassifier, text: str, category: str) -> None:
    assert default_classifier.classify(text).category.label == category


def test_confidence_is_lower_for_vague_text(default_classifier: ComplaintClassifier) -> None:
    clear = default_classifier.classify("楼下广场舞太吵了，每天晚上跳到十点")
    vague = default_classifier.classify("你好")
    assert clear.category.confidence > vague.category.confidence
    assert default_classifier.classify("").category.confidence < 0.5


def test_load_with_own_category_model_keeps_default_kind(tmp_path, default_classifier) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "cat.json.gz"
    default_classifier.category_model.save(path)
    loaded = ComplaintClassifier.load(path)
    assert loaded.kind_model.labels == default_classifier.kind_model.labels
    assert loaded.classify("电梯坏了").category.label == "工程维修"
    with pytest.raises(ValueError, match="not found"):
        ComplaintClassifier.load(tmp_path / "missing.json.gz")


def test_classify_is_fast(default_classifier: ComplaintClassifier) -> None:
    # Generous bound (CI machines vary); the bench reports the real figure.
    text = "3栋2单元电梯又坏了，困了人半天没人来修，电话13800138000"
    default_classifier.classify(text)
    started = time.perf_counter()
    for _ in range(50):
        default_classifier.classify(text)
    assert (time.perf_counter() - started) / 50 < 0.02
