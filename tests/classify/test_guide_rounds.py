"""The guide rounds (21-26) as training rows behind build_default.CATEGORY_ON_GUIDE_ROUNDS, CATEGORY_ON_EARLIER_ROUNDS
and KIND_ON_GUIDE_ROUNDS, decided by bench/category_rounds_procedure.py leaving one round out at a time
(docs/understanding.md, "The guide rounds as training rows (declared)")."""

from __future__ import annotations

import csv
import inspect
from pathlib import Path
from typing import Any

import pytest

from bench.category_kind_extra import Scores, ordinary_rows
from bench.category_procedure import Trainer
from bench.category_rounds_procedure import (
    CATEGORY,
    KIND,
    MAIN,
    MAX_ROUND_FALL,
    Pooled,
    decision,
    fold_trainer,
    training_texts,
)
from core.classify import build_default
from core.classify.build_default import (
    CATEGORY_ON_EARLIER_ROUNDS,
    CATEGORY_ON_GUIDE_ROUNDS,
    GUIDE_ROUNDS,
    GUIDE_ROUNDS_WEIGHT,
    HELDOUT_DIR,
    KIND_ON_GUIDE_ROUNDS,
    CorpusRow,
    build_models,
    category_round_rows,
    extra_category_rows,
    read_corpus,
    round_files,
    written_rows,
)
from core.classify.evaluation import report
from tests.classify.procedure import key


def test_the_guide_rounds_are_21_to_26_and_never_a_blind_one() -> None:
    assert GUIDE_ROUNDS == (21, 22, 23, 24, 25, 26)
    assert [p.name for p in round_files(GUIDE_ROUNDS, leave_out=23)] == [
        f"urgency_r{n}.csv" for n in (21, 22, 24, 25, 26)]
    assert 0 < GUIDE_ROUNDS_WEIGHT <= 1


def test_the_switches_are_what_build_models_uses() -> None:
    defaults = inspect.signature(build_models).parameters
    assert defaults["category_rounds"].default is CATEGORY_ON_GUIDE_ROUNDS
    assert defaults["earlier_rounds"].default is CATEGORY_ON_EARLIER_ROUNDS
    assert defaults["kind_rounds"].default is KIND_ON_GUIDE_ROUNDS


def _captured(monkeypatch: pytest.MonkeyPatch, **switches: bool) -> dict[str, Any]:
    """The rows build_models hands each model (no model trained)."""
    seen: dict[str, Any] = {}

    def category(rows: Any, extra: Any, **kw: Any) -> str:
        seen["category"] = (list(extra), list(kw["guide"]))
        return "category"

    def kind(rows: Any, extra: Any, guide: Any) -> str:
        seen["kind"] = (list(extra), list(guide))
        return "kind"

    monkeypatch.setattr(build_default, "train_category", category)
    monkeypatch.setattr(build_default, "train_kind", kind)
    build_models(**switches)
    return seen


def test_with_the_switches_off_the_models_learn_from_what_they_did_before(monkeypatch: pytest.MonkeyPatch) -> None:
    off = _captured(monkeypatch, category_rounds=False, earlier_rounds=False, kind_rounds=False)
    texts = [r.text for r in read_corpus()]
    extra = extra_category_rows(texts)
    assert off["category"] == (extra, written_rows([*texts, *(t for t, _ in extra)]))  # as before the switches
    assert category_round_rows(texts, False, False) == []
    assert category_round_rows(texts, False, True) == []  # the earlier rounds join only with the guide rounds
    on = _captured(monkeypatch, category_rounds=True, earlier_rounds=False, kind_rounds=True)
    assert on["category"][1][:len(off["category"][1])] == off["category"][1]
    assert on["kind"][1][:len(off["kind"][1])] == off["kind"][1]
    added = on["category"][1][len(off["category"][1]):]
    rounds = {key(r["text"]) for n in GUIDE_ROUNDS for r in ordinary_rows(HELDOUT_DIR / f"urgency_r{n}.csv")}
    assert len(added) > 1000 and {key(r[0]) for r in added} <= rounds
    assert {r[2] for r in added} == {GUIDE_ROUNDS_WEIGHT}
    assert len(on["kind"][1]) > len(off["kind"][1]) + 1000


def _rounds_with_a_repeat(tmp_path: Path, repeated: str) -> Path:
    """A held-out directory like the real one for rounds 14-26 (named one by one, never a blind round), whose
    round 22 also carries ``repeated``, a text of round 21."""
    for n in range(14, 27):
        name = f"urgency_r{n}.csv"
        (tmp_path / name).symlink_to(HELDOUT_DIR / name)
    (tmp_path / "urgency_r22.csv").unlink()
    text = (HELDOUT_DIR / "urgency_r22.csv").read_text(encoding="utf-8")
    with (tmp_path / "urgency_r22.csv").open("w", encoding="utf-8", newline="") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")
        csv.writer(handle, lineterminator="\n").writerow((repeated, "normal", "", "其他", "咨询"))
    return tmp_path


def test_leaving_a_round_out_drops_its_texts_from_every_training_row(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    held = ordinary_rows(HELDOUT_DIR / "urgency_r21.csv")
    monkeypatch.setattr(build_default, "HELDOUT_DIR", _rounds_with_a_repeat(tmp_path, held[0]["text"]))
    corpus = [*read_corpus(), CorpusRow(held[1]["text"], held[1]["category"], held[1]["kind"])]
    scored = {key(r["text"]) for r in held}
    leaky = Trainer(corpus, set(), leave_out=21)  # round 21's file left out, its texts not dropped
    sides = [(what, getattr(c, what)) for c in (MAIN, *CATEGORY.values(), *KIND.values())
             for what in ("category", "kind")]
    assert all(training_texts(leaky, "category", c.category) & scored for c in CATEGORY.values())
    fold = fold_trainer(corpus, held, 21)
    for what, side in sides:
        assert not training_texts(fold, what, side) & scored, (what, side)
    assert len(fold.corpus) == len(corpus) - 1 and fold.dropped > 0
    # the other rounds still join: round 22's own rows are there
    round22 = {key(r["text"]) for r in ordinary_rows(tmp_path / "urgency_r22.csv")} - scored
    assert round22 <= training_texts(fold, "category", CATEGORY["B, category + rounds 21-26"].category)


def _scores(right: int, of: int = 100) -> Scores:
    truth = ["工程维修"] * of
    rep = report(truth, truth[:right] + ["其他"] * (of - right))
    return Scores(rep, rep, rep)


def _pooled(*right: int) -> Pooled:
    return Pooled({21 + i: _scores(n) for i, n in enumerate(right)}, {21 + i: 100 for i in range(len(right))})


def test_the_rule_asks_more_than_one_standard_error_and_no_round_down_a_point(capsys: pytest.CaptureFixture[str]) -> None:
    base = _pooled(80, 80, 80, 80)  # 0.80 of 400 rows: one standard error 0.020
    names = list(CATEGORY)
    assert decision("category", "category", base, {names[0]: _pooled(82, 82, 82, 82)}) is None  # +0.020, not more
    assert decision("category", "category", base, {names[0]: _pooled(84, 84, 84, 82)}) == names[0]
    assert MAX_ROUND_FALL == 0.010
    assert decision("category", "category", base, {names[0]: _pooled(90, 90, 90, 78)}) is None  # a round −2 points
    assert decision("category", "category", base, {names[0]: _pooled(84, 84, 84, 84),
                                                    names[1]: _pooled(86, 86, 86, 86)}) == names[1]
    assert "ADOPT" in capsys.readouterr().out
