"""A fifth writer's rows on 服务质量's boundary with 工程维修 (corpus/guide_rows_e.csv) behind build_default.GUIDE_ROWS_E
and KIND_ON_GUIDE_ROWS_E, decided on a fresh set by bench/category_guide_rows_e.py (docs/understanding.md,
"Guide rows on 服务质量's boundaries (declared)")."""

from __future__ import annotations

import csv
import inspect
from collections import Counter
from pathlib import Path

import pytest

from bench.category_procedure import Side, Trainer
from core.classify import build_default
from core.classify.build_default import (
    CATEGORIES,
    CATEGORY_FILES,
    GUIDE_ROWS,
    GUIDE_ROWS_D,
    GUIDE_ROWS_D_FILES,
    GUIDE_ROWS_E,
    GUIDE_ROWS_E_FILES,
    GUIDE_ROWS_E_WEIGHT,
    GUIDE_ROWS_FILES,
    GUIDE_ROWS_WEIGHT,
    HELDOUT_DIR,
    KIND_GUIDE_ROWS_D_WEIGHT,
    KIND_GUIDE_ROWS_E_WEIGHT,
    KIND_GUIDE_ROWS_WEIGHT,
    KIND_ON_GUIDE_ROWS,
    KIND_ON_GUIDE_ROWS_D,
    KIND_ON_GUIDE_ROWS_E,
    URGENCY_DIR,
    build_models,
    category_written_rows,
    extra_category_rows,
    extra_kind_rows,
    guide_rows,
    guide_rows_d,
    guide_rows_e,
    read_corpus,
    written_rows,
)
from core.classify.classifier import DEFAULT_CATEGORY_FILE, DEFAULT_KIND_FILE, default_model_path
from core.classify.model import TextModel
from tests.classify import trained
from tests.classify.procedure import key as _key
from tests.classify.procedure import run_on, texts_of
from tests.classify.trained import FULL_TRAINING


def _file_rows() -> list[dict[str, str]]:
    with GUIDE_ROWS_E_FILES[0].open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_rows_lean_on_the_two_labels_and_are_new_texts() -> None:
    rows = _file_rows()
    assert list(rows[0]) == ["text", "category", "kind"]
    counts = Counter(r["category"] for r in rows)
    assert set(counts) == CATEGORIES and counts["服务质量"] >= 100 and counts["工程维修"] >= 100
    assert {r["kind"] for r in rows} <= {r.kind for r in read_corpus()}
    keys = [_key(r["text"]) for r in rows]
    assert len(set(keys)) == len(keys) == len(guide_rows_e([]))
    earlier = {_key(r.text) for r in read_corpus()}
    for path in (*GUIDE_ROWS_FILES, *GUIDE_ROWS_D_FILES):
        earlier |= texts_of(path)
    assert not set(keys) & earlier


def test_no_row_is_a_text_of_the_urgency_data_or_a_held_out_file() -> None:
    # Rounds 25 and 27 (written blind) are not opened: the procedure drops the texts of the file it scores.
    held: set[str] = set()
    for path in [*URGENCY_DIR.iterdir(), *HELDOUT_DIR.iterdir()]:
        if path.suffix in (".csv", ".jsonl") and "_r25" not in path.name and "_r27" not in path.name:
            held |= texts_of(path)
    assert len(held) > 10_000 and not {_key(r["text"]) for r in _file_rows()} & held


def test_the_fifth_writer_joins_once_at_its_own_weight(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [r.text for r in read_corpus()]
    first, fourth = guide_rows(texts), guide_rows_d([*texts, *(t for t, _ in guide_rows(texts))])
    five = written_rows(texts, fourth=True, fifth=True, fifth_weight=0.4)
    assert five[:len(first) + len(fourth)] == [*first, *fourth]
    assert [r[2] for r in five[len(first) + len(fourth):]] == [0.4] * len(_file_rows())  # type: ignore[misc]
    assert written_rows(texts, first=False, fifth=True) == guide_rows_e(texts)
    assert {r[2] for r in guide_rows_e(texts)} == {GUIDE_ROWS_E_WEIGHT}
    # A text the fourth writer wrote too joins once, as first written, even with the fourth writer off.
    path = tmp_path / "rows.csv"
    path.write_text(f"text,category,kind\n{fourth[0][0]},其他,咨询\n说好上午来修门锁 等到天黑也没人,服务质量,投诉\n",
                    encoding="utf-8")
    monkeypatch.setattr(build_default, "GUIDE_ROWS_E_FILES", (path,))
    assert written_rows(texts, first=False, fifth=True) == [("说好上午来修门锁 等到天黑也没人", "服务质量",
                                                             GUIDE_ROWS_E_WEIGHT)]


def test_a_procedure_side_trains_on_the_fifth_writer_and_drops_the_scored_texts() -> None:
    corpus = read_corpus()
    rows = _file_rows()
    scored = {_key(rows[0]["text"]), _key(rows[-1]["text"])}
    trainer = Trainer(corpus, scored)
    _, without = trainer.rows("category", Side(GUIDE_ROWS_WEIGHT))
    _, with_e = trainer.rows("category", Side(GUIDE_ROWS_WEIGHT, e_weight=0.2))
    added = with_e[len(without):]
    assert with_e[:len(without)] == without and len(added) == len(rows) - 2
    assert {r[2] for r in added} == {0.2} and trainer.dropped == 2  # type: ignore[misc]


def test_the_switches_are_off_and_the_shipped_models_follow_them() -> None:
    # main ships the models without rows e until bench/category_guide_rows_e.py's rule says KEEP on a fresh set
    defaults = inspect.signature(build_models).parameters
    assert defaults["fifth_written"].default is GUIDE_ROWS_E
    assert defaults["kind_fifth_written"].default is KIND_ON_GUIDE_ROWS_E
    assert 0 < GUIDE_ROWS_E_WEIGHT <= 1 and 0 < KIND_GUIDE_ROWS_E_WEIGHT <= 1
    corpus = read_corpus()
    texts = [r.text for r in corpus]
    kind_seen = [*texts, *(t for t, _ in extra_kind_rows(corpus))]
    expected = {
        DEFAULT_CATEGORY_FILE: (category_written_rows(texts, extra_category_rows(texts, CATEGORY_FILES),
                                                      first=GUIDE_ROWS, fourth=GUIDE_ROWS_D, fifth=GUIDE_ROWS_E),
                                GUIDE_ROWS_WEIGHT),
        DEFAULT_KIND_FILE: (written_rows(kind_seen, "kind", {r.kind for r in corpus}, first=KIND_ON_GUIDE_ROWS,
                                         fourth=KIND_ON_GUIDE_ROWS_D, fourth_weight=KIND_GUIDE_ROWS_D_WEIGHT,
                                         fifth=KIND_ON_GUIDE_ROWS_E, fifth_weight=KIND_GUIDE_ROWS_E_WEIGHT),
                            KIND_GUIDE_ROWS_WEIGHT),
    }
    for path, (rows, weight) in expected.items():
        shipped = (TextModel.load(default_model_path(path)).info or {})["supplement"]["own_weights"]
        total = sum(r[2] if len(r) > 2 else weight for r in rows)  # type: ignore[misc]
        assert shipped["rows"] == len(rows) and shipped["total"] == pytest.approx(total)


@pytest.mark.xdist_group(FULL_TRAINING)
def test_the_rows_change_what_the_category_model_reads() -> None:
    corpus = read_corpus()
    texts = [r.text for r in corpus]
    extra = extra_category_rows(texts, CATEGORY_FILES)
    seen = [*texts, *(t for t, _ in extra)]
    first, both = written_rows(seen), written_rows(seen, fifth=True)
    without = trained.category(corpus, extra, guide=first, guide_weight=GUIDE_ROWS_WEIGHT)
    with_e = trained.category(corpus, extra, guide=both, guide_weight=GUIDE_ROWS_WEIGHT)
    assert with_e.info["supplement"]["own_weights"]["rows"] == len(both) > len(first)
    service = [(r[0], r[1]) for r in both[len(first):] if r[1] == "服务质量"]
    hits = [sum(model.predict(t).label == label for t, label in service) for model in (without, with_e)]
    assert hits[1] > hits[0]


@pytest.mark.xdist_group(FULL_TRAINING)
def test_the_procedure_prints_totals_and_verdicts_never_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Project-written messages, not from any round or writer's file.
    fresh = [("约好周三来换水表 师傅放了鸽子 电话打过去说忘了", "服务质量", "投诉"),
             ("五楼走廊的吸顶灯不亮了 麻烦派电工换一下", "工程维修", "报修"),
             ("水泵房半夜轰隆隆响 吵得睡不着", "噪音扰民", "投诉"),
             ("请问车位月租在哪里续费", "其他", "咨询")]
    stdout = run_on(tmp_path, "bench/category_guide_rows_e.py", fresh, monkeypatch)
    assert "verdict for 'category + rows e'" in stdout and "verdict for 'kind + rows e'" in stdout
    assert "服务质量 missed" in stdout and not any(text in stdout for text, *_ in fresh)
