"""The wider keyword prior for 安全管理 and 其他 (corpus/keywords_more.csv), a switch in build_default
decided on a fresh set by bench/category_keywords.py (docs/understanding.md, "branch category21")."""

from __future__ import annotations

import pytest

from core.classify.build_default import (
    CATEGORY_KEYWORDS,
    CATEGORY_KEYWORDS_MORE,
    WIDER_KEYWORDS,
    category_keywords,
    extra_category_rows,
    read_corpus,
)
from core.classify.classifier import DEFAULT_CATEGORY_FILE, default_model_path
from core.classify.keywords import read_keyword_file
from core.classify.model import TextModel
from tests.classify import trained
from tests.classify.trained import FULL_TRAINING

# Danger already contained, told by someone who is no longer in it: the writers of other rounds file it
# 安全管理, the model trained on the corpus and rounds 5-14 reads the broken thing (工程维修).
CONTAINED = [
    "小区门口拉了警戒线 可是那块招牌还悬着 随时会掉下来",
    "地下车库入口井盖不见了 晚上黑乎乎的 谁走过去都得摔",
    "电梯前天刚困过人 今天又在咯噔咯噔响 我不放心坐",
]


def test_off_is_the_keyword_file_itself() -> None:
    assert category_keywords(False) == CATEGORY_KEYWORDS


def test_on_joins_both_files_terms_and_drops_those_two_labels_share() -> None:
    wider = category_keywords(True)
    assert isinstance(wider, dict)
    base, more = read_keyword_file(CATEGORY_KEYWORDS), read_keyword_file(CATEGORY_KEYWORDS_MORE)
    assert wider["警戒线"] == "安全管理" and wider["业委会"] == "其他"
    assert set(more.values()) == {"安全管理", "其他"}
    for term, label in wider.items():
        assert base.get(term, label) == label and more.get(term, label) == label
    shared = {t for t in base.keys() & more.keys() if base[t] != more[t]}
    assert not shared & wider.keys()
    assert len(wider) > len(base)


def test_the_shipped_category_model_has_the_prior_the_switch_names() -> None:
    model = TextModel.load(default_model_path(DEFAULT_CATEGORY_FILE))
    assert model.featurizer.keywords is not None
    table = category_keywords(WIDER_KEYWORDS)
    expected = read_keyword_file(table) if not isinstance(table, dict) else table
    assert set(model.featurizer.keywords.terms) == {t for t, label in expected.items() if label in model.labels}


@pytest.mark.xdist_group(FULL_TRAINING)
def test_the_wider_prior_reads_contained_danger_as_safety() -> None:
    corpus = read_corpus()
    extra = extra_category_rows([r.text for r in corpus])
    before = [trained.category(corpus, extra, False).predict(t).label for t in CONTAINED]
    after = [trained.category(corpus, extra, True).predict(t).label for t in CONTAINED]
    assert before.count("安全管理") < len(CONTAINED)
    assert after == ["安全管理"] * len(CONTAINED)
