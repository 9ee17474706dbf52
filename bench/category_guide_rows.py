"""Do the property models read fresh writers' messages better with training rows written to the guide?

    PYTHONPATH=. python bench/category_guide_rows.py FILE        # the decision, on a fresh set (≈3 min)
    PYTHONPATH=. python bench/category_guide_rows.py --rounds 15 16 17 18 19 20 21 22 \\
        [--agree bench/heldout/second_labels_r21_r22.csv] [--explore]          # development

Declared and committed before any fresh set was scored with it (2026-12-07, thirteenth session, branch
category23; docs/understanding.md, "Guide-consistent training rows"). The rows: core/classify/corpus/
guide_rows_{a,b,c}.csv (build_default.GUIDE_ROWS_FILES), 2,090 short messages written to docs/categories.md by
three writers who saw neither the code nor any test set. Models, all with build_default's current keyword prior
and extra rows:

* **without** — main's pair as the current switches build it (the category model on the corpus and the extra
  rows of urgency_train.csv and rounds 5-14, balanced per category; the kind model on the corpus and the
  extra rows' kind column to round 19 at 0.3 a row);
* **category + guide rows** — the category model also on the guide rows' category, each row weighing
  `GUIDE_ROWS_WEIGHT` of a corpus row, outside the extra rows' balancing (`GUIDE_ROWS = True`); the kind
  model as without;
* **kind + guide rows** — the kind model also on the guide rows' kind column at `KIND_GUIDE_ROWS_WEIGHT` a row
  (`KIND_ON_GUIDE_ROWS = True`); the category model as without.

With FILE (an urgency set: text,label,hazard,category,kind) its non-emergency rows are scored once by each
model; extra and guide rows whose text is one of FILE's are dropped and counted. Only totals and per-label
precision / recall are printed, never a row: the category model's answer, and the kind as filed (what a
ticket filed at the row's labelled urgency carries, as bench/category_kind_extra.py). Also the 5-fold CV on
the corpus rows (extra and guide rows in each fold's training part only, seed 0).

The rule, for each candidate against without — the category candidate on the category figures, the kind
candidate on the kind-as-filed figures — as branches category20 / category21 / guide21 had it: keep it only if
on FILE accuracy **and** macro-F1 both rise, no label with at least 10 rows in FILE loses more of its recall
than max(0.07, 2 rows), and the CV's accuracy and macro-F1 fall by no more than one standard error
(binomial, of the CV's accuracy without). The script prints KEEP / REVERT per candidate. On KEEP set that
switch (`GUIDE_ROWS = True` / `KIND_ON_GUIDE_ROWS = True`) and rebuild the model files
(`python -m core.classify.build_default`).

With --rounds N ...: development figures — each model trained without round N's rows (where it learns from
it) scores round N's; pooled at the end. --agree FILE also scores, for the rounds FILE labels again, the rows
whose category the writer and the second labeller agree on. --explore adds the weights and variants tried
before the candidates were declared.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.category_kind_extra import Scores, _key, _line, ordinary_rows, score, verdict  # noqa: E402
from bench.label_agreement import _rows as labelled_rows  # noqa: E402
from core.classify.build_default import (  # noqa: E402
    CATEGORY_LAST_ROUND,
    EXTRA_WEIGHT,
    GUIDE_ROWS,
    GUIDE_ROWS_WEIGHT,
    HELDOUT_DIR,
    KIND_EXTRA_WEIGHT,
    KIND_GUIDE_ROWS_WEIGHT,
    KIND_KEYWORDS,
    KIND_ON_GUIDE_ROWS,
    NEWEST_ROUND,
    WIDER_KEYWORDS,
    CorpusRow,
    category_keywords,
    extra_category_rows,
    extra_files,
    extra_kind_rows,
    guide_rows,
    read_corpus,
    train_category,
    train_kind,
    write_extra,
)
from core.classify.classifier import ComplaintClassifier  # noqa: E402
from core.classify.evaluation import Report, cross_validate  # noqa: E402
from core.classify.model import TextModel  # noqa: E402

Extra = list[tuple[str, str]]


@dataclass(frozen=True)
class Side:
    """How one model of a pair learns: the old extra rows or not, the guide rows at a weight (0: none)."""

    extra: bool = True
    guide_weight: float = 0.0


@dataclass(frozen=True)
class Candidate:
    category: Side
    kind: Side
    decides: str  # "category" or "kind": the figures its rule reads


WITHOUT = Candidate(Side(guide_weight=GUIDE_ROWS_WEIGHT if GUIDE_ROWS else 0.0),
                    Side(guide_weight=KIND_GUIDE_ROWS_WEIGHT if KIND_ON_GUIDE_ROWS else 0.0), "-")
DECLARED = {
    "category + guide rows": Candidate(Side(guide_weight=GUIDE_ROWS_WEIGHT), WITHOUT.kind, "category"),
    "kind + guide rows": Candidate(WITHOUT.category, Side(guide_weight=KIND_GUIDE_ROWS_WEIGHT), "kind"),
}
# Tried on the development rounds before the two above were declared (never part of the decision).
EXPLORED = {
    **{f"category + guide rows at {w}": Candidate(Side(guide_weight=w), WITHOUT.kind, "category")
       for w in (0.05, 0.1, 0.25, 0.5, 1.0, 2.0)},
    "category: guide rows at 1.0, no old extra rows": Candidate(Side(False, 1.0), WITHOUT.kind, "category"),
    "kind + guide rows at 1.0": Candidate(WITHOUT.category, Side(guide_weight=1.0), "kind"),
}


class Trainer:
    """Trains each distinct model once (candidates share their other side with without)."""

    def __init__(self, corpus: Sequence[CorpusRow], drop: set[str], leave_out: int | None = None) -> None:
        self.corpus, self.drop, self.leave_out = corpus, drop, leave_out
        self.dropped = 0
        self._models: dict[tuple[str, Side], TextModel] = {}

    def _kept(self, rows: Extra) -> Extra:
        kept = [(t, label) for t, label in rows if _key(t) not in self.drop]
        self.dropped += len(rows) - len(kept)
        return kept

    def rows(self, what: str, side: Side) -> tuple[Extra, Extra]:
        """The extra rows and the guide rows ``what`` (category or kind) learns from on ``side``."""
        texts = [r.text for r in self.corpus]
        if what == "category":
            extra = extra_category_rows(texts, extra_files(CATEGORY_LAST_ROUND, self.leave_out)) if side.extra else []
            guide = guide_rows([*texts, *(t for t, _ in extra)]) if side.guide_weight else []
        else:
            extra = extra_kind_rows(self.corpus, extra_files(NEWEST_ROUND, self.leave_out)) if side.extra else []
            guide = (guide_rows([*texts, *(t for t, _ in extra)], "kind", {r.kind for r in self.corpus})
                     if side.guide_weight else [])
        return self._kept(extra), self._kept(guide)

    def model(self, what: str, side: Side) -> TextModel:
        if (what, side) not in self._models:
            extra, guide = self.rows(what, side)
            self._models[what, side] = (
                train_category(self.corpus, extra, WIDER_KEYWORDS, guide, side.guide_weight) if what == "category"
                else train_kind(self.corpus, extra, guide, side.guide_weight))
        return self._models[what, side]

    def pair(self, candidate: Candidate) -> ComplaintClassifier:
        return ComplaintClassifier(self.model("category", candidate.category), self.model("kind", candidate.kind))


def cross_validation(corpus: Sequence[CorpusRow], candidates: dict[str, Candidate],
                     drop: set[str]) -> dict[str, tuple[Report, float]]:
    """5-fold CV on the corpus rows of each candidate's deciding model (and both of without's)."""
    trainer = Trainer(corpus, drop)
    out: dict[str, tuple[Report, float]] = {}
    jobs = [(f"without {what}", what, getattr(WITHOUT, what)) for what in ("category", "kind")]
    jobs += [(name, c.decides, getattr(c, c.decides)) for name, c in candidates.items()]
    with tempfile.TemporaryDirectory() as tmp:
        for name, what, side in jobs:
            extra, guide = trainer.rows(what, side)
            labels = [r.category if what == "category" else r.kind for r in corpus]
            options = ({"keywords": category_keywords(WIDER_KEYWORDS), "supplement_weight": EXTRA_WEIGHT,
                        "supplement_balance": True} if what == "category" else
                       {"keywords": KIND_KEYWORDS, "supplement_weight": KIND_EXTRA_WEIGHT, "supplement_balance": False})
            if extra or guide:
                options["supplement"] = write_extra(Path(tmp) / f"extra_{len(out)}.csv", extra, guide, side.guide_weight)
            else:
                options = {"keywords": options["keywords"], "supplement": "off"}
            rep = cross_validate([r.text for r in corpus], labels, 5, 0, **options).report
            out[name] = (rep, math.sqrt(rep.accuracy * (1 - rep.accuracy) / len(labels)))
    return out


def _figures(name: str, pair: ComplaintClassifier, rows: Sequence[dict[str, str]], what: str) -> Scores:
    """Print a model pair's figures on ``rows`` (``what``: the ones its rule reads; "-": both)."""
    s = score(pair, rows)
    lines = [f"-- {name}"]
    if what in ("category", "-"):
        lines.append(_line("category", s.category))
    if what in ("kind", "-"):
        lines += [_line("kind as filed", s.kind_filed), _line("kind, the model alone", s.kind_model, per_label=False)]
    print("\n".join(lines))
    return s


def _agreed(rows: Sequence[dict[str, str]], second: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    return [r for r in rows if r["text"] in second and second[r["text"]]["category"].strip() == r["category"].strip()]


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path, help="a fresh urgency set (scored, never printed)")
    parser.add_argument("--rounds", type=int, nargs="*", default=[], help="development: score each round")
    parser.add_argument("--agree", type=Path, help="development: a second labeller's labels of some rounds")
    parser.add_argument("--explore", action="store_true", help="development: the variants tried, too")
    parser.add_argument("--no-cv", action="store_true", help="skip the 5-fold CV on the corpus")
    args = parser.parse_args(argv)
    if (args.file is None) == (not args.rounds) or (args.file and (args.agree or args.explore)):
        parser.error("give a FILE, or --rounds with --agree / --explore")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    corpus = read_corpus()
    candidates = {**DECLARED, **(EXPLORED if args.explore else {})}
    print(f"switches now: GUIDE_ROWS = {GUIDE_ROWS} (weight {GUIDE_ROWS_WEIGHT}), KIND_ON_GUIDE_ROWS = "
          f"{KIND_ON_GUIDE_ROWS} (weight {KIND_GUIDE_ROWS_WEIGHT}); {len(guide_rows([]))} guide rows")
    fresh = ordinary_rows(args.file) if args.file else []
    cv = None
    if not args.no_cv:
        cv = cross_validation(corpus, candidates, {_key(r["text"]) for r in fresh})
        print("== 5-fold CV on the corpus rows (extra and guide rows in the training part only), seed 0")
        for name, (rep, se) in cv.items():
            print(_line(name, rep, per_label=False) + f" (one standard error {se:.3f})")
    if args.file:
        trainer = Trainer(corpus, {_key(r["text"]) for r in fresh})
        print(f"\n== {args.file.name}: {len(fresh)} non-emergency rows (scored once each, never printed)")
        base = score(trainer.pair(WITHOUT), fresh)
        print(f"-- without\n{_line('category', base.category)}\n{_line('kind as filed', base.kind_filed)}\n"
              f"{_line('kind, the model alone', base.kind_model, per_label=False)}")
        results = {name: _figures(name, trainer.pair(c), fresh, c.decides) for name, c in candidates.items()}
        print(f"(extra and guide rows dropped as texts of the set: {trainer.dropped})")
        for name, c in candidates.items():
            before, after = ((base.category, results[name].category) if c.decides == "category"
                             else (base.kind_filed, results[name].kind_filed))
            keep = verdict(f"'{name}'", before, after, cv[f"without {c.decides}"] if cv else None,
                           cv[name][0] if cv else None)
            switch = "GUIDE_ROWS" if c.decides == "category" else "KIND_ON_GUIDE_ROWS"
            print(f"{'KEEP: set ' + switch + ' = True and rebuild' if keep else 'REVERT: leave ' + switch + ' False'}")
        return 0
    second = labelled_rows(str(args.agree)) if args.agree else {}
    pooled: dict[tuple[str, str, str], list[tuple[int, Scores]]] = {}
    for n in args.rounds:
        rows = ordinary_rows(HELDOUT_DIR / f"urgency_r{n}.csv")
        trainer = Trainer(corpus, {_key(r["text"]) for r in rows}, leave_out=n)
        sets = [("all rows", rows)]
        if any(r["text"] in second for r in rows):
            sets.append(("the rows whose category both labellers give alike", _agreed(rows, second)))
        for which, subset in sets:
            print(f"\n== round {n}, {which}: {len(subset)} non-emergency rows")
            for name, c in {"without": WITHOUT, **candidates}.items():
                what = "-" if name == "without" else c.decides
                pooled.setdefault((name, what, which), []).append(
                    (len(subset), _figures(name, trainer.pair(c), subset, what)))
        print(f"(round {n}: extra and guide rows dropped as its texts: {trainer.dropped})")
    print("\n== rounds pooled (accuracy over all their rows; macro-F1 the rounds' mean)")
    for (name, what, which), per_round in pooled.items():
        total = sum(n for n, _ in per_round)
        for field in [f for f in ("category", "kind_filed") if what in ("-", f.split("_")[0])]:
            acc = sum(n * getattr(s, field).accuracy for n, s in per_round) / total
            f1 = sum(getattr(s, field).macro_f1 for _, s in per_round) / len(per_round)
            print(f"{name}, {which}, {field}: accuracy {acc:.4f}, macro-F1 {f1:.4f} "
                  f"({total} rows, {len(per_round)} rounds)")
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
