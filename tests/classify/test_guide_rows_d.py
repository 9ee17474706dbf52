"""A fourth writer's rows on 安全管理's boundaries (corpus/guide_rows_d.csv) behind build_default.GUIDE_ROWS_D
and KIND_ON_GUIDE_ROWS_D, decided on a fresh set by bench/category_guide_rows_d.py (docs/understanding.md,
"Guide rows on 安全管理's boundaries (declared)")."""

from __future__ import annotations

import csv
import inspect
import re
from collections import Counter
from pathlib import Path

import pytest

from core.classify.build_default import (
    CATEGORIES,
    CATEGORY_FILES,
    GUIDE_ROWS_D,
    GUIDE_ROWS_D_FILES,
    GUIDE_ROWS_D_WEIGHT,
    GUIDE_ROWS_FILES,
    GUIDE_ROWS_WEIGHT,
    HELDOUT_DIR,
    KIND_GUIDE_ROWS_D_WEIGHT,
    KIND_ON_GUIDE_ROWS_D,
    build_models,
    category_written_rows,
    extra_category_rows,
    extra_rows,
    guide_rows,
    guide_rows_d,
    read_corpus,
    write_extra,
    written_rows,
)
from core.classify.classifier import DEFAULT_CATEGORY_FILE, default_model_path
from core.classify.model import TextModel
from tests.classify import trained
from tests.classify.procedure import key as _key
from tests.classify.procedure import run_on, texts_of
from tests.classify.trained import FULL_TRAINING

ROOT = Path(__file__).resolve().parents[2]


def _file_rows() -> list[dict[str, str]]:
    with GUIDE_ROWS_D_FILES[0].open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_rows_lean_on_safety_and_are_new_texts() -> None:
    rows = _file_rows()
    assert list(rows[0]) == ["text", "category", "kind"]  # the writer gave no urgency column
    counts = Counter(r["category"] for r in rows)
    assert set(counts) <= CATEGORIES and counts["安全管理"] >= 200 and len(rows) >= 600
    assert {r["kind"] for r in rows} <= {r.kind for r in read_corpus()}
    keys = [_key(r["text"]) for r in rows]
    assert len(set(keys)) == len(keys)
    earlier = {_key(r.text) for r in read_corpus()}
    for path in GUIDE_ROWS_FILES:
        with path.open(encoding="utf-8", newline="") as handle:
            earlier |= {_key(r["text"]) for r in csv.DictReader(handle)}
    assert not set(keys) & earlier


def test_no_row_is_a_text_of_a_development_or_held_out_file() -> None:
    # The frozen blind rounds (r23-r25, r27) are not opened here: the procedure drops their texts when it scores one.
    held: set[str] = set()
    for path in HELDOUT_DIR.iterdir():
        if path.suffix in (".csv", ".jsonl") and not re.search(r"_r2[3457]", path.name):
            held |= texts_of(path)
    assert not {_key(r["text"]) for r in _file_rows()} & held


def test_a_file_without_an_urgency_column_is_read(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("text,category,kind\n地下车库的消防通道被两辆车堵死了,安全管理,举报\n"
                    "请问小区的灭火器多久检查一次,安全管理,咨询\n", encoding="utf-8")
    assert extra_rows([], (path,)) == [("地下车库的消防通道被两辆车堵死了", "安全管理"),
                                       ("请问小区的灭火器多久检查一次", "安全管理")]
    assert [k for _, k in extra_rows([], (path,), "kind", {"举报", "咨询"})] == ["举报", "咨询"]


def test_a_row_may_carry_its_own_weight(tmp_path: Path) -> None:
    path = write_extra(tmp_path / "s.csv", [("车库灯不亮", "工程维修")],
                       [("楼道里有人给电瓶车充电", "安全管理"), ("门卫又睡着了", "安全管理", 0.5)], 0.15)
    with path.open(encoding="utf-8", newline="") as handle:
        assert [r["weight"] for r in csv.DictReader(handle)] == ["", "0.15", "0.5"]


def test_the_fourth_writer_joins_once_at_its_own_weight() -> None:
    texts = [r.text for r in read_corpus()]
    first = guide_rows(texts)
    fourth = guide_rows_d([*texts, *(t for t, _ in first)])
    both = written_rows(texts, fourth=True, fourth_weight=0.4)
    assert both[:len(first)] == first and [r[2] for r in both[len(first):]] == [0.4] * len(fourth)  # type: ignore[misc]
    assert len(fourth) == len(_file_rows()) and {r[2] for r in fourth} == {GUIDE_ROWS_D_WEIGHT}
    assert written_rows(texts, first=False, fourth=False) == [] and written_rows(texts) == first
    kinds = written_rows(texts, "kind", {"咨询", "建议"}, first=False, fourth=True)
    assert {r[1] for r in kinds} == {"咨询", "建议"}


def test_the_switches_are_off_and_the_shipped_model_follows_them() -> None:
    # main ships the models without rows d until bench/category_guide_rows_d.py's rule says KEEP on a fresh set
    defaults = inspect.signature(build_models).parameters
    assert defaults["fourth_written"].default is GUIDE_ROWS_D
    assert defaults["kind_fourth_written"].default is KIND_ON_GUIDE_ROWS_D
    assert 0 < GUIDE_ROWS_D_WEIGHT <= 1 and 0 < KIND_GUIDE_ROWS_D_WEIGHT <= 1
    category = TextModel.load(default_model_path(DEFAULT_CATEGORY_FILE)).info or {}
    texts = [r.text for r in read_corpus()]
    extra = extra_category_rows(texts, CATEGORY_FILES)
    shipped = category["supplement"]["own_weights"]["rows"]
    assert shipped == len(category_written_rows(texts, extra))
    assert (shipped > len(category_written_rows(texts, extra, fourth=False))) is GUIDE_ROWS_D


@pytest.mark.xdist_group(FULL_TRAINING)
def test_the_rows_change_what_the_category_model_reads() -> None:
    corpus = read_corpus()
    texts = [r.text for r in corpus]
    extra = extra_category_rows(texts, CATEGORY_FILES)
    first = written_rows([*texts, *(t for t, _ in extra)])
    both = written_rows([*texts, *(t for t, _ in extra)], fourth=True)
    without = trained.category(corpus, extra, guide=first, guide_weight=GUIDE_ROWS_WEIGHT)
    with_d = trained.category(corpus, extra, guide=both, guide_weight=GUIDE_ROWS_WEIGHT)
    assert with_d.info["supplement"]["own_weights"]["rows"] == len(both) > len(first)
    fourth = [(r[0], r[1]) for r in both[len(first):]]
    hits = [sum(model.predict(t).label == label for t, label in fourth) for model in (without, with_d)]
    assert hits[1] > hits[0]


@pytest.mark.xdist_group(FULL_TRAINING)
def test_the_procedure_prints_totals_and_verdicts_never_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Project-written messages, not from any round or writer's file.
    fresh = [("配电房的门一直敞着 里面嗡嗡响 小孩在门口玩", "安全管理", "举报"),
             ("上次困人的那部电梯现在能用了 但还是想请人再检修一遍", "工程维修", "报修"),
             ("保安对来访的老人大呼小叫 态度太差", "服务质量", "投诉"),
             ("请问停车月卡在哪里办 多少钱一个月", "其他", "咨询")]
    stdout = run_on(tmp_path, "bench/category_guide_rows_d.py", fresh, monkeypatch)
    assert "verdict for 'category + rows d'" in stdout and "verdict for 'kind + rows d'" in stdout
    assert not any(text in stdout for text, *_ in fresh)
