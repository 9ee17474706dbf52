"""The urgency sets' ordinary messages as extra category and kind training rows, and reproducible model files."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from core.classify.build_default import (
    CATEGORY_FILES,
    CATEGORY_KEYWORDS,
    CATEGORY_LAST_ROUND,
    EXTRA_FILES,
    EXTRA_NAME,
    HELDOUT_DIR,
    KIND_EXTRA_WEIGHT,
    KIND_ON_EXTRA,
    NEWEST_ROUND,
    CorpusRow,
    extra_category_rows,
    extra_files,
    extra_kind_rows,
    read_corpus,
    train_category,
    train_kind,
)
from core.classify.classifier import DEFAULT_CATEGORY_FILE, DEFAULT_KIND_FILE, default_model_path
from core.classify.model import TextModel, TrainOptions, _supplement_weights, train

from .conftest import SMALL_ROWS

URGENCY_ROWS = [
    ("text", "label", "hazard", "category", "kind"),
    ("厨房一股煤气味，快来人", "emergency", "gas", "安全管理", "求助"),
    ("电梯坏了一天了没人修", "urgent", "", "工程维修", "报修"),
    ("电梯坏了一天了没人修", "normal", "", "工程维修", "报修"),  # the same text again
    ("有车堵住了我家车库门口", "normal", "", "停车管理", "投诉"),
    ("楼下垃圾三天没人收", "normal", "", "环境卫生", "投诉"),
    ("3栋2单元的电梯又坏了，按了没反应，麻烦尽快派人来修", "normal", "", "工程维修", "报修"),
]


def _write(path: Path, rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_extra_rows_leave_out_emergencies_unknown_categories_and_repeats(tmp_path: Path) -> None:
    path = _write(tmp_path / "urgency.csv", URGENCY_ROWS)
    rows = extra_category_rows(["3栋2单元的电梯又坏了，按了没反应，麻烦尽快派人来修"], [path])
    assert rows == [("电梯坏了一天了没人修", "工程维修"), ("楼下垃圾三天没人收", "环境卫生")]


def test_the_projects_extra_rows_are_ordinary_messages_of_the_seven_categories() -> None:
    corpus = read_corpus()
    rows = extra_category_rows([r.text for r in corpus])
    counts = Counter(category for _, category in rows)
    assert set(counts) == {r.category for r in corpus}
    assert len(rows) > 2500
    assert all(path.is_file() for path in EXTRA_FILES)


KIND_ROWS = [
    ("text", "label", "hazard", "category", "kind"),
    ("地下室里全是水，有人摔倒了起不来", "emergency", "injury", "安全管理", "求助"),
    ("阳台的推拉门滑轨变形了，推不动", "normal", "", "工程维修", "报修"),
    ("谢谢王师傅，半夜来修好了我家的水管", "normal", "", "服务质量", "表扬"),
    ("小区停车位怎么申请", "normal", "", "停车管理", "咨询"),  # no configured category, a kind all the same
    ("隔壁天天在楼道里抽烟", "urgent", "", "邻里纠纷", "投诉"),
]


def test_extra_kind_rows_leave_out_emergencies_kinds_the_corpus_lacks_and_corpus_texts(tmp_path: Path) -> None:
    path = _write(tmp_path / "urgency.csv", KIND_ROWS)
    corpus = [CorpusRow("隔壁天天在楼道里抽烟", "邻里纠纷", "投诉"), CorpusRow("电梯坏了", "工程维修", "报修"),
              CorpusRow("物业几点下班", "其他", "咨询")]
    assert extra_kind_rows(corpus, [path]) == [("阳台的推拉门滑轨变形了，推不动", "报修"), ("小区停车位怎么申请", "咨询")]


def test_rounds_up_to_the_last_are_read_one_may_be_left_out() -> None:
    assert EXTRA_FILES == extra_files(NEWEST_ROUND) and NEWEST_ROUND >= 14
    assert CATEGORY_FILES == extra_files(CATEGORY_LAST_ROUND) and CATEGORY_LAST_ROUND <= NEWEST_ROUND
    assert extra_files(19)[-1] == HELDOUT_DIR / "urgency_r19.csv" and all(path.is_file() for path in extra_files(19))
    assert [p.name for p in extra_files(14)][-2:] == ["urgency_r13.csv", "urgency_r14.csv"]
    without = extra_files(19, leave_out=17)
    assert len(without) == len(extra_files(19)) - 1 and HELDOUT_DIR / "urgency_r17.csv" not in without


def test_the_projects_extra_kind_rows_are_ordinary_messages_of_the_corpus_kinds() -> None:
    corpus = read_corpus()
    rows = extra_kind_rows(corpus)
    counts = Counter(kind for _, kind in rows)
    assert set(counts) == {r.kind for r in corpus}
    assert len(rows) > 3000 and counts["报修"] > counts["求助"]


def test_extra_kind_rows_weigh_alike_not_balanced_per_kind() -> None:
    model = train_kind(read_corpus()[:120], [("阳台的推拉门滑轨变形了，推不动", "报修")])
    assert model.info["supplement"]["weight"] == KIND_EXTRA_WEIGHT
    assert "balanced" not in model.info["supplement"]


def test_the_shipped_models_learnt_from_the_rounds_the_switches_name() -> None:
    corpus = read_corpus()
    category = TextModel.load(default_model_path(DEFAULT_CATEGORY_FILE))
    kind = TextModel.load(default_model_path(DEFAULT_KIND_FILE))
    # rows with their own weight are the guide-written rows (build_default.GUIDE_ROWS, tests/classify/test_guide_rows.py)
    guide = category.info["supplement"].get("own_weights", {}).get("rows", 0)
    assert category.info["supplement"]["rows"] - guide == len(extra_category_rows([r.text for r in corpus]))
    if KIND_ON_EXTRA:
        kind_guide = kind.info["supplement"].get("own_weights", {}).get("rows", 0)
        assert kind.info["supplement"]["rows"] - kind_guide == len(extra_kind_rows(corpus))
    else:
        assert "supplement" not in kind.info


def test_a_balanced_supplement_adds_each_labels_weight_in_proportion_to_the_users_rows(tmp_path: Path) -> None:
    texts = [(s, d) for s, d, _ in SMALL_ROWS]
    labels = [label for *_, label in SMALL_ROWS]
    mine = Counter(labels)
    # a supplement ten times as large for one label as for another
    extra = [("", f"化粪池又满了{i}", "维修") for i in range(20)] + [("", f"冲击钻太吵{i}", "噪音") for i in range(2)]
    path = tmp_path / "extra.csv"
    _write(path, [("subject", "detail", "label"), *extra])
    balanced = train(texts, labels, supplement=path, supplement_weight=1.0, supplement_balance=True,
                     calibration_folds=0)
    plain = train(texts, labels, supplement=path, supplement_weight=1.0, calibration_folds=0)
    assert balanced.info["supplement"]["balanced"] is True
    assert balanced.info["options"]["supplement_balance"] is True
    assert "supplement_balance" not in plain.info["options"] and "balanced" not in plain.info["supplement"]
    assert not np.allclose(balanced.coef, plain.coef)
    # each label's supplement rows together weigh supplement_weight × the user's rows of that label
    y = np.array([0] * mine["维修"] + [1] * mine["噪音"] + [2] * mine["卫生"])
    extra_y = np.array([0] * 20 + [1] * 2)
    weights = _supplement_weights(y, extra_y, TrainOptions(supplement_weight=0.5, supplement_balance=True))
    assert weights[:20].sum() == pytest.approx(0.5 * mine["维修"])
    assert weights[20:].sum() == pytest.approx(0.5 * mine["噪音"])
    assert _supplement_weights(y, extra_y, TrainOptions(supplement_weight=0.5)).tolist() == [0.5] * 22


def test_model_files_record_file_names_not_paths(tmp_path: Path) -> None:
    corpus = read_corpus()[:120]
    model = train_category(corpus, [("楼下垃圾三天没人收", "环境卫生")])
    assert model.info["options"]["keywords"] == CATEGORY_KEYWORDS.name
    assert model.info["options"]["supplement"] == EXTRA_NAME
    again = train_category(corpus, [("楼下垃圾三天没人收", "环境卫生")])
    model.save(tmp_path / "a.json.gz")
    again.save(tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()


@pytest.mark.parametrize("extra", [(), (("楼下垃圾三天没人收", "环境卫生"),)])
def test_without_extra_rows_nothing_about_them_is_recorded(extra: tuple[tuple[str, str], ...]) -> None:
    model = train_category(read_corpus()[:120], extra)
    assert ("supplement" in model.info) == bool(extra)
