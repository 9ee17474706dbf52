"""Nested model selection: choices are made on the training part only, thresholds for a precision."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.classify.model import TrainOptions, analyze_all, train
from core.classify.selection import (
    candidates_for,
    nested_cross_validate,
    select,
    threshold_for_precision,
    train_selected,
)

from .conftest import SMALL_ROWS

ROWS = SMALL_ROWS * 3  # 45 rows, 15 per label: enough for 3 outer x 2 inner folds


def test_threshold_is_the_lowest_confidence_that_keeps_the_precision() -> None:
    confidence = np.array([0.95, 0.9, 0.8, 0.7, 0.6, 0.5])
    correct = np.array([True, True, True, False, True, False])
    assert threshold_for_precision(confidence, correct, 1.0) == 0.8
    assert threshold_for_precision(confidence, correct, 0.8) == 0.6
    assert threshold_for_precision(confidence, np.zeros(6, dtype=bool), 0.9) == 1.0


def test_candidates_without_a_keyword_file_drop_the_prior(tmp_path: Path) -> None:
    assert all("keywords" not in c for c in candidates_for(None))
    tree = tmp_path / "tree.csv"
    with_tree = candidates_for(tree)
    assert any(c.get("keywords") == tree for c in with_tree)
    assert len(with_tree) == len(candidates_for(None))


def test_nested_cross_validation_reports_each_outer_fold(tmp_path: Path) -> None:
    tree = tmp_path / "tree.csv"
    tree.write_text("level1,level2\n维修,电梯故障\n卫生,垃圾清运\n噪音,广场舞噪音\n", encoding="utf-8")
    texts = [(s, d) for s, d, _ in ROWS]
    labels = [label for *_, label in ROWS]
    rep = nested_cross_validate(texts, labels, tree, outer=3, inner=2, precision=0.8)
    assert len(rep.fold_accuracy) == len(rep.chosen) == len(rep.thresholds) == 3
    assert rep.report is not None and rep.report.accuracy > 0.6
    assert all(0.0 <= t <= 1.0 for t in rep.thresholds)
    assert all(0.0 <= c <= 1.0 for c in rep.auto_coverage)


def test_train_selected_records_its_choice() -> None:
    texts = [(s, d) for s, d, _ in ROWS]
    labels = [label for *_, label in ROWS]
    model, chosen = train_selected(texts, labels, None, folds=2, precision=0.9)
    assert model.info["selection"]["options"] == chosen.options
    assert model.predict("垃圾站太臭了").label == "卫生"
    assert chosen.threshold == pytest.approx(model.info["selection"]["threshold_for_precision"]["0.9"], abs=1e-4)


def test_balanced_class_weight_lifts_a_rare_label() -> None:
    # 13 维修 rows against 5 卫生 rows: weighing each label alike raises the rare label's score on a
    # message that gives little evidence either way, which is what keeps a frequent broad label from
    # soaking up uncertain messages.
    rows = [r for r in SMALL_ROWS if r[2] != "噪音"]
    texts = [(s, d) for s, d, label in rows if label == "维修"] * 3 + [(s, d) for s, d, label in rows if label == "卫生"]
    labels = ["维修"] * 15 + ["卫生"] * 5
    plain = train(texts, labels, calibration_folds=0)
    balanced = train(texts, labels, calibration_folds=0, class_weight="balanced")
    probe = "小区里的问题"
    rare = plain.labels.index("卫生")
    assert balanced.probabilities(probe)[rare] > plain.probabilities(probe)[rare]


def test_the_inner_cv_ranks_by_macro_f1_and_may_weigh_labels_alike() -> None:
    assert any(c.get("class_weight") == "balanced" for c in candidates_for(None))
    texts = [(s, d) for s, d, _ in ROWS]
    labels = [label for *_, label in ROWS]
    model, chosen = train_selected(texts, labels, None, folds=2, precision=0.9)
    assert model.info["selection"]["metric"] == "macro_f1"
    assert 0.0 < chosen.inner_score <= 1.0
    analyses = analyze_all(texts, TrainOptions())
    with pytest.raises(ValueError, match="metric"):
        select(analyses, labels, candidates_for(None), folds=2, metric="recall")
