"""The written category guide applied to the category's training rows: an overlay (corpus/guide_relabels.csv)
behind build_default.GUIDE_RELABELS, decided on a fresh set by bench/category_guide.py (docs/categories.md)."""

from __future__ import annotations

import csv
import inspect
from collections import Counter
from pathlib import Path

import pytest

from core.classify.build_default import (
    CATEGORIES,
    CATEGORY_FILES,
    GUIDE_RELABELS,
    GUIDE_RELABELS_FILE,
    build_models,
    extra_category_rows,
    extra_files,
    guide_relabels,
    read_corpus,
    relabel,
    relabel_corpus,
)
from tests.classify import trained
from tests.classify.procedure import run_on
from tests.classify.trained import FULL_TRAINING


def _training_keys() -> set[tuple[str, str]]:
    """(text, label) of every row the category may train on: the corpus and the urgency sets' ordinary rows."""
    keys = {(" ".join(r.text.split()), r.category) for r in read_corpus()}
    for path in extra_files(19):
        with path.open(encoding="utf-8", newline="") as handle:
            keys |= {(" ".join(r["text"].split()), r["category"].strip()) for r in csv.DictReader(handle)
                     if r["label"].strip() != "emergency"}
    return keys


def test_the_overlay_loads_and_every_new_label_is_one_of_the_seven() -> None:
    with GUIDE_RELABELS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    relabels = guide_relabels()
    assert len(relabels) == len(rows) > 100  # one entry per row, none twice
    assert set(relabels.values()) <= CATEGORIES
    assert all(old != new and old in CATEGORIES | {"停车管理"} for (_, old), new in relabels.items())


def test_every_relabelled_text_is_a_training_row_with_that_label() -> None:
    assert not set(guide_relabels()) - _training_keys()


def test_a_row_is_relabelled_only_where_text_and_old_label_match() -> None:
    (text, old), new = next(iter(guide_relabels().items()))
    relabels = guide_relabels()
    assert relabel(f"  {text} ", old, relabels) == new
    assert relabel(text, "噪音扰民" if old != "噪音扰民" else "其他", relabels) != new
    assert relabel(text, old, None) == old


def test_the_overlay_brings_parking_rows_in_with_a_guide_category() -> None:
    texts = [r.text for r in read_corpus()]
    plain = extra_category_rows(texts, CATEGORY_FILES)
    guided = extra_category_rows(texts, CATEGORY_FILES, guide_relabels())
    parking = {" ".join(t.split()) for (t, old), _ in guide_relabels().items() if old == "停车管理"}
    assert len(guided) > len(plain)
    assert {" ".join(t.split()) for t, _ in guided} - {" ".join(t.split()) for t, _ in plain} <= parking
    assert Counter(label for _, label in guided)["工程维修"] > Counter(label for _, label in plain)["工程维修"]


@pytest.mark.xdist_group(FULL_TRAINING)
def test_the_switch_changes_the_labels_the_category_model_learns() -> None:
    relabels = guide_relabels()
    corpus = read_corpus()
    texts = [r.text for r in corpus]
    assert build_models.__kwdefaults__["guide"] is GUIDE_RELABELS is False  # main ships the model without it
    assert "guide" in inspect.signature(build_models).parameters
    guided_corpus = relabel_corpus(corpus, relabels)
    assert [r.category for r in guided_corpus] != [r.category for r in corpus]
    assert [r.kind for r in guided_corpus] == [r.kind for r in corpus]  # the kind model's rows are untouched
    without = trained.category(corpus, extra_category_rows(texts, CATEGORY_FILES))
    with_guide = trained.category(guided_corpus, extra_category_rows(texts, CATEGORY_FILES, relabels))
    learnt = {" ".join(t.split()) for t in texts} | {" ".join(t.split()) for t, _ in
                                                       extra_category_rows(texts, CATEGORY_FILES, relabels)}
    rows = [(text, new) for (text, _), new in relabels.items() if text in learnt]
    hits = [sum(model.predict(t).label == new for t, new in rows) for model in (without, with_guide)]
    assert hits[1] > hits[0]


@pytest.mark.xdist_group(FULL_TRAINING)
def test_the_procedure_prints_totals_and_verdicts_never_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Project-written messages, not from any round.
    fresh = [("有人把电瓶车推进楼道里插着电过夜 线从窗户拉下来", "安全管理"),
             ("物业费现在能不能用支付宝交 去哪里交", "其他"),
             ("楼下井盖碎了 我拿了块木板先盖着 麻烦派人来换", "工程维修"),
             ("楼上那家每天半夜剁排骨 咚咚咚的", "噪音扰民")]
    stdout = run_on(tmp_path, "bench/category_guide.py", [(text, category, "投诉") for text, category in fresh], monkeypatch)
    assert "verdict for 'guide'" in stdout and "verdict for 'guide + rounds 15-19'" in stdout
    assert not any(text in stdout for text, _ in fresh)
