"""What the declared category procedures (bench/category_guide_rows*.py) share: how a candidate model pair is
trained, the corpus CV, scoring a fresh set once against the rule, and the development rounds left out one at a
time. Each procedure script names its own candidates and switches; the rule itself is
bench/category_kind_extra.verdict's.
"""

from __future__ import annotations

import argparse
import csv
import math
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.category_kind_extra import Scores, _key, _line, ordinary_rows, score, verdict
from bench.label_agreement import _rows as labelled_rows
from core.classify.build_default import (
    CATEGORIES,
    CATEGORY_LAST_ROUND,
    EXTRA_WEIGHT,
    GUIDE_ROUNDS_WEIGHT,
    HELDOUT_DIR,
    KIND_EXTRA_WEIGHT,
    KIND_KEYWORDS,
    NEWEST_ROUND,
    WIDER_KEYWORDS,
    CorpusRow,
    Weighted,
    category_keywords,
    extra_category_rows,
    extra_files,
    extra_kind_rows,
    guide_relabels,
    round_files,
    round_rows,
    train_category,
    train_kind,
    write_extra,
    written_rows,
)
from core.classify.classifier import ComplaintClassifier
from core.classify.evaluation import CrossValidation, Report, cross_validate
from core.classify.model import TextModel

Extra = list[tuple[str, str]]


@dataclass(frozen=True)
class Side:
    """How one model of a pair learns: the first three writers' rows at a weight (0: none), the fourth's and the
    fifth's each at its own (0: none), the extra rows (or none) to which round, other training options (name,
    value) if any."""

    guide_weight: float
    d_weight: float = 0.0
    last_round: int | None = None  # None: build_default's (category 14, kind 19)
    options: tuple[tuple[str, Any], ...] = ()
    emergency_weight: float = 0.0  # explored: the extra files' emergencies' category, each at this weight
    e_weight: float = 0.0
    extra: bool = True
    rounds: tuple[int, ...] = ()  # development rounds whose ordinary rows join as rows (build_default.round_rows)
    rounds_weight: float = GUIDE_ROUNDS_WEIGHT
    relabel_rounds: bool = False  # the guide's overlay on those rows' category


@dataclass(frozen=True)
class Candidate:
    category: Side
    kind: Side
    decides: str  # "category" or "kind": the figures its rule reads ("-" for without: both)


def emergency_rows(seen: Sequence[str], files: Sequence[Path], weight: float) -> list[Weighted]:
    """(text, category, weight) of the files' emergencies (build_default leaves them out), each text once."""
    known, rows = {_key(t) for t in seen}, []
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            for r in csv.DictReader(handle):
                key, label = _key(r["text"]), (r.get("category") or "").strip()
                if r["label"].strip() == "emergency" and label in CATEGORIES and key and key not in known:
                    known.add(key)
                    rows.append((r["text"].strip(), label, weight))
    return rows


class Trainer:
    """Trains each distinct model once (candidates share their other side with without)."""

    def __init__(self, corpus: Sequence[CorpusRow], drop: set[str], leave_out: int | None = None) -> None:
        self.corpus, self.drop, self.leave_out = corpus, drop, leave_out
        self.dropped = 0
        self._models: dict[tuple[str, Side], TextModel] = {}

    def rows(self, what: str, side: Side) -> tuple[Extra, list[Weighted]]:
        """The extra rows and the guide-written rows ``what`` (category or kind) learns from on ``side``."""
        texts = [r.text for r in self.corpus]
        extra: Extra = []
        if what == "category":
            files = extra_files(side.last_round or CATEGORY_LAST_ROUND, self.leave_out)
            extra = extra_category_rows(texts, files) if side.extra else []
            labels: frozenset[str] = CATEGORIES
        else:
            if side.extra:
                extra = extra_kind_rows(self.corpus, extra_files(side.last_round or NEWEST_ROUND, self.leave_out))
            labels = frozenset(r.kind for r in self.corpus)
        guide = written_rows([*texts, *(t for t, _ in extra)], what, labels, first=bool(side.guide_weight),
                             fourth=bool(side.d_weight), fourth_weight=side.d_weight,
                             fifth=bool(side.e_weight), fifth_weight=side.e_weight)
        if side.rounds:
            relabels = guide_relabels() if side.relabel_rounds and what == "category" else None
            guide += round_rows([*texts, *(t for t, _ in extra), *(r[0] for r in guide)],
                                round_files(side.rounds, self.leave_out), what, labels, side.rounds_weight, relabels)
        if side.emergency_weight and what == "category":
            guide += emergency_rows([*texts, *(t for t, _ in extra), *(r[0] for r in guide)], files,
                                    side.emergency_weight)
        kept_extra = [row for row in extra if _key(row[0]) not in self.drop]
        kept_guide = [row for row in guide if _key(row[0]) not in self.drop]
        self.dropped += len(extra) + len(guide) - len(kept_extra) - len(kept_guide)
        return kept_extra, kept_guide

    def model(self, what: str, side: Side) -> TextModel:
        if (what, side) not in self._models:
            extra, guide = self.rows(what, side)
            options = dict(side.options)
            self._models[what, side] = (
                train_category(self.corpus, extra, WIDER_KEYWORDS, guide, side.guide_weight, **options)
                if what == "category" else train_kind(self.corpus, extra, guide, side.guide_weight, **options))
        return self._models[what, side]

    def pair(self, candidate: Candidate) -> ComplaintClassifier:
        return ComplaintClassifier(self.model("category", candidate.category), self.model("kind", candidate.kind))


def cross_validation(corpus: Sequence[CorpusRow], candidates: Mapping[str, Candidate], drop: set[str],
                     without: Candidate) -> dict[str, tuple[Report, float]]:
    """5-fold CV on the corpus rows of each candidate's deciding model (and both of without's)."""
    trainer = Trainer(corpus, drop)
    out: dict[str, tuple[Report, float]] = {}
    jobs = [(f"without {what}", what, getattr(without, what)) for what in ("category", "kind")]
    jobs += [(name, c.decides, getattr(c, c.decides)) for name, c in candidates.items()]
    with tempfile.TemporaryDirectory() as tmp:
        for name, what, side in jobs:
            rep = corpus_cv(trainer, what, side, Path(tmp) / f"extra_{len(out)}.csv").report
            out[name] = (rep, standard_error(rep))
    return out


def standard_error(rep: Report) -> float:
    return math.sqrt(rep.accuracy * (1 - rep.accuracy) / sum(rep.support))


def corpus_cv(trainer: Trainer, what: str, side: Side, extra_file: Path) -> CrossValidation:
    """The 5-fold CV (seed 0) of the ``what`` model on ``side`` over the corpus rows, its extra and guide rows in each
    fold's training part only (written to ``extra_file``); the out-of-fold probabilities with it."""
    corpus = trainer.corpus
    extra, guide = trainer.rows(what, side)
    labels = [r.category if what == "category" else r.kind for r in corpus]
    options: dict[str, Any] = (
        {"keywords": category_keywords(WIDER_KEYWORDS), "supplement_weight": EXTRA_WEIGHT,
         "supplement_balance": True} if what == "category" else
        {"keywords": KIND_KEYWORDS, "supplement_weight": KIND_EXTRA_WEIGHT, "supplement_balance": False})
    if extra or guide:
        options["supplement"] = write_extra(extra_file, extra, guide, side.guide_weight)
    else:
        options = {"keywords": options["keywords"], "supplement": "off"}
    return cross_validate([r.text for r in corpus], labels, 5, 0, **options, **dict(side.options))


def print_cv(cv: Mapping[str, tuple[Report, float]], what: str = "extra and guide rows") -> None:
    print(f"== 5-fold CV on the corpus rows ({what} in the training part only), seed 0")
    for name, (rep, se) in cv.items():
        print(_line(name, rep, per_label=False) + f" (one standard error {se:.3f})")


def confusion(rep: Report) -> Counter[tuple[str, str]]:
    """The category confusion's off-diagonal counts, (true, predicted) → rows."""
    return Counter({(t, p): int(rep.confusion[i, j]) for i, t in enumerate(rep.labels)
                    for j, p in enumerate(rep.labels) if i != j and rep.confusion[i, j]})


def confusion_lines(name: str, counts: Counter[tuple[str, str]], focus: str, top: int = 12) -> str:
    most = ", ".join(f"{t}→{p} {n}" for (t, p), n in counts.most_common(top))
    missed = sum(n for (t, _), n in counts.items() if t == focus)
    into = sum(n for (_, p), n in counts.items() if p == focus)
    return f"{name}: {focus} missed {missed}, others called {focus} {into}; most often {most}"


def figures(name: str, pair: ComplaintClassifier, rows: Sequence[dict[str, str]], what: str) -> Scores:
    """Print a model pair's figures on ``rows`` (``what``: the ones its rule reads; "-": both)."""
    s = score(pair, rows)
    lines = [f"-- {name}"]
    if what in ("category", "-"):
        lines.append(_line("category", s.category))
    if what in ("kind", "-"):
        lines += [_line("kind as filed", s.kind_filed), _line("kind, the model alone", s.kind_model, per_label=False)]
    print("\n".join(lines))
    return s


def agreed(rows: Sequence[dict[str, str]], second: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    return [r for r in rows if r["text"] in second and second[r["text"]]["category"].strip() == r["category"].strip()]


def procedure_args(doc: str | None, argv: list[str] | None, only: bool = True) -> argparse.Namespace:
    """A procedure's arguments: a fresh set to score once, or development rounds (with their extras)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path, help="a fresh urgency set (scored, never printed)")
    parser.add_argument("--rounds", type=int, nargs="*", default=[], help="development: score each round")
    parser.add_argument("--agree", type=Path, help="development: a second labeller's labels of some rounds")
    parser.add_argument("--explore", action="store_true", help="development: the variants tried, too")
    if only:
        parser.add_argument("--only", nargs="*", default=[], help="development: the explored variants whose name "
                            "has one of these strings (default: all)")
    parser.add_argument("--no-cv", action="store_true", help="skip the 5-fold CV on the corpus")
    args = parser.parse_args(argv)
    if (args.file is None) == (not args.rounds) or (args.file and (args.agree or args.explore)):
        parser.error("give a FILE, or --rounds with --agree / --explore")
    return args


def decide(file: Path, candidates: Mapping[str, Candidate], cv: Mapping[str, tuple[Report, float]] | None,
           corpus: Sequence[CorpusRow], without: Candidate, switches: Mapping[str, str], focus: str | None) -> None:
    """Score FILE's non-emergency rows once with without and each candidate; print the rule's verdicts."""
    fresh = ordinary_rows(file)
    trainer = Trainer(corpus, {_key(r["text"]) for r in fresh})
    print(f"\n== {file.name}: {len(fresh)} non-emergency rows (scored once each, never printed)")
    base = figures("without", trainer.pair(without), fresh, "-")
    results = {name: figures(name, trainer.pair(c), fresh, c.decides) for name, c in candidates.items()}
    if focus:
        print(confusion_lines("category confusion without", confusion(base.category), focus))
        for name, c in candidates.items():
            if c.decides == "category":
                print(confusion_lines(f"category confusion {name}", confusion(results[name].category), focus))
    print(f"(extra and guide rows dropped as texts of the set: {trainer.dropped})")
    for name, c in candidates.items():
        before, after = ((base.category, results[name].category) if c.decides == "category"
                         else (base.kind_filed, results[name].kind_filed))
        keep = verdict(f"'{name}'", before, after, cv[f"without {c.decides}"] if cv else None,
                       cv[name][0] if cv else None)
        switch = switches.get(name, "(no switch: explored only)")
        print(f"{'KEEP: set ' + switch + ' = True and rebuild' if keep else 'REVERT: leave ' + switch + ' False'}")


def develop(rounds: Sequence[int], agree: Path | None, candidates: Mapping[str, Candidate],
            corpus: Sequence[CorpusRow], without: Candidate, focus: str | None) -> None:
    """Each round scored by models trained without it; pooled at the end (with the category confusion)."""
    second = labelled_rows(str(agree)) if agree else {}
    pooled: dict[tuple[str, str, str], list[tuple[int, Scores]]] = {}
    for n in rounds:
        rows = ordinary_rows(HELDOUT_DIR / f"urgency_r{n}.csv")
        trainer = Trainer(corpus, {_key(r["text"]) for r in rows}, leave_out=n)
        sets = [("all rows", rows)]
        if any(r["text"] in second for r in rows):
            sets.append(("the rows whose category both labellers give alike", agreed(rows, second)))
        for which, subset in sets:
            print(f"\n== round {n}, {which}: {len(subset)} non-emergency rows")
            for name, c in {"without": without, **candidates}.items():
                what = "-" if name == "without" else c.decides
                pooled.setdefault((name, what, which), []).append(
                    (len(subset), figures(name, trainer.pair(c), subset, what)))
        print(f"(round {n}: extra and guide rows dropped as its texts: {trainer.dropped})")
    print("\n== rounds pooled (accuracy over all their rows; macro-F1 the rounds' mean" +
          ("; recall per label pooled)" if focus else ")"))
    for (name, what, which), per_round in pooled.items():
        total = sum(n for n, _ in per_round)
        for field in [f for f in ("category", "kind_filed") if what in ("-", f.split("_")[0])]:
            acc = sum(n * getattr(s, field).accuracy for n, s in per_round) / total
            f1 = sum(getattr(s, field).macro_f1 for _, s in per_round) / len(per_round)
            print(f"{name}, {which}, {field}: accuracy {acc:.4f}, macro-F1 {f1:.4f} "
                  f"({total} rows, {len(per_round)} rounds)")
            if focus:
                print("    recall " + pooled_recall([getattr(s, field) for _, s in per_round]))
        if focus and what in ("-", "category") and which == "all rows":
            counts: Counter[tuple[str, str]] = Counter()
            for _, s in per_round:
                counts += confusion(s.category)
            print("    " + confusion_lines("confusion", counts, focus))


def pooled_recall(reports: Sequence[Report]) -> str:
    hit: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for rep in reports:
        for i, label in enumerate(rep.labels):
            hit[label] += int(rep.confusion[i, i])
            seen[label] += int(rep.support[i])
    return ", ".join(f"{label} {hit[label] / n:.3f} (n={n})" for label, n in sorted(seen.items()) if n)
