"""Do the property models read 安全管理's boundaries better with a fourth writer's guide rows?

    PYTHONPATH=. python bench/category_guide_rows_d.py FILE        # the decision, on a fresh set (≈4 min)
    PYTHONPATH=. python bench/category_guide_rows_d.py --rounds 15 16 17 18 19 20 21 22 23 \\
        [--agree bench/heldout/second_labels_r21_r22.csv] [--explore]    # development

Declared and committed before any fresh set was scored with it (fourteenth session, branch category24;
docs/understanding.md, "Guide rows on 安全管理's boundaries (declared)"). The rows: core/classify/corpus/
guide_rows_d.csv (build_default.GUIDE_ROWS_D_FILES), ~700 messages written to docs/categories.md by a fourth
writer who saw neither the code nor any test set, focused on where 安全管理 meets 工程维修, 服务质量 and 邻里纠纷
(build_default's comment above GUIDE_ROWS_D says what was asked). The same procedure and rule as
bench/category_guide_rows.py, whose code it reuses. Models:

* **without** — main's pair as its switches build it (today: the first three writers' rows in both models);
* **category + rows d** — the category model also on rows d's category, each row weighing
  `GUIDE_ROWS_D_WEIGHT` of a corpus row (`GUIDE_ROWS_D = True`); the kind model as without;
* **kind + rows d** — the kind model also on rows d's kind, each row `KIND_GUIDE_ROWS_D_WEIGHT`
  (`KIND_ON_GUIDE_ROWS_D = True`); the category model as without.

With FILE (an urgency set: text,label,hazard,category,kind) its non-emergency rows are scored once by each
model; extra and guide rows whose text is one of FILE's are dropped and counted. Only totals, per-label
precision / recall and the category confusion's counts are printed, never a row. Also the 5-fold CV on the
corpus rows (extra and guide rows in each fold's training part only, seed 0).

The rule, per candidate against without — the category candidate on the category figures, the kind candidate on
the kind as filed — as category_guide_rows.py: keep it only if on FILE accuracy **and** macro-F1 both rise, no
label with at least 10 rows in FILE loses more of its recall than max(0.07, 2 rows), and the CV's accuracy and
macro-F1 fall by no more than one standard error (binomial, of the CV's accuracy without). KEEP / REVERT is
printed per candidate; on KEEP set that switch to True and rebuild (`python -m core.classify.build_default`).

With --rounds N ...: development figures — each model trained without round N's rows (where it learns from it)
scores round N's; pooled at the end with the category confusion. --agree FILE also scores the rows whose
category the writer and a second labeller agree on. --explore adds the variants tried before the candidates
were declared (never part of the decision).
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.category_guide_rows import _agreed  # noqa: E402
from bench.category_kind_extra import Scores, _key, _line, ordinary_rows, score, verdict  # noqa: E402
from bench.label_agreement import _rows as labelled_rows  # noqa: E402
from core.classify.build_default import (  # noqa: E402
    CATEGORIES,
    CATEGORY_LAST_ROUND,
    EXTRA_WEIGHT,
    GUIDE_ROWS,
    GUIDE_ROWS_D,
    GUIDE_ROWS_D_FILES,
    GUIDE_ROWS_D_WEIGHT,
    GUIDE_ROWS_WEIGHT,
    HELDOUT_DIR,
    KIND_EXTRA_WEIGHT,
    KIND_GUIDE_ROWS_D_WEIGHT,
    KIND_GUIDE_ROWS_WEIGHT,
    KIND_KEYWORDS,
    KIND_ON_GUIDE_ROWS,
    KIND_ON_GUIDE_ROWS_D,
    NEWEST_ROUND,
    WIDER_KEYWORDS,
    CorpusRow,
    Weighted,
    category_keywords,
    extra_category_rows,
    extra_files,
    extra_kind_rows,
    guide_rows_d,
    read_corpus,
    train_category,
    train_kind,
    write_extra,
    written_rows,
)
from core.classify.classifier import ComplaintClassifier  # noqa: E402
from core.classify.evaluation import Report, cross_validate  # noqa: E402
from core.classify.model import TextModel  # noqa: E402

Extra = list[tuple[str, str]]


@dataclass(frozen=True)
class Side:
    """How one model of a pair learns: the first three writers' rows at a weight (0: none), the fourth's at
    its own (0: none), the extra rows to which round, and other training options (name, value) if any."""

    guide_weight: float
    d_weight: float = 0.0
    last_round: int | None = None  # None: build_default's (category 14, kind 19)
    options: tuple[tuple[str, Any], ...] = ()
    emergency_weight: float = 0.0  # explored: the extra files' emergencies' category, each at this weight


@dataclass(frozen=True)
class Candidate:
    category: Side
    kind: Side
    decides: str  # "category" or "kind": the figures its rule reads


WITHOUT = Candidate(Side(GUIDE_ROWS_WEIGHT if GUIDE_ROWS else 0.0, GUIDE_ROWS_D_WEIGHT if GUIDE_ROWS_D else 0.0),
                    Side(KIND_GUIDE_ROWS_WEIGHT if KIND_ON_GUIDE_ROWS else 0.0,
                         KIND_GUIDE_ROWS_D_WEIGHT if KIND_ON_GUIDE_ROWS_D else 0.0), "-")
DECLARED = {
    "category + rows d": Candidate(Side(WITHOUT.category.guide_weight, GUIDE_ROWS_D_WEIGHT), WITHOUT.kind, "category"),
    "kind + rows d": Candidate(WITHOUT.category, Side(WITHOUT.kind.guide_weight, KIND_GUIDE_ROWS_D_WEIGHT), "kind"),
}
SWITCHES = {"category + rows d": "GUIDE_ROWS_D", "kind + rows d": "KIND_ON_GUIDE_ROWS_D"}


def _category(side: Side, **change: Any) -> Candidate:
    return Candidate(replace(side, **change), WITHOUT.kind, "category")


# Tried on the development rounds before the candidates above were declared (never part of the decision).
EXPLORED = {
    **{f"category: rows a-c at {w}": _category(WITHOUT.category, guide_weight=w) for w in (0.1, 0.25)},
    "category: C 0.5": _category(WITHOUT.category, options=(("C", 0.5),)),
    "category: C 2": _category(WITHOUT.category, options=(("C", 2.0),)),
    "category: extra rows to round 19": _category(WITHOUT.category, last_round=19),
    "category: extra rows to round 22": _category(WITHOUT.category, last_round=22),
    **{f"category: emergencies at {w}": _category(WITHOUT.category, emergency_weight=w) for w in (0.05, 0.15)},
    **{f"category + rows d at {w}": _category(WITHOUT.category, d_weight=w) for w in (0.05, 0.1, 0.3, 0.5, 1.0)},
    "kind + rows d at 1.0": Candidate(WITHOUT.category, Side(WITHOUT.kind.guide_weight, 1.0), "kind"),
}


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
        if what == "category":
            files = extra_files(side.last_round or CATEGORY_LAST_ROUND, self.leave_out)
            extra = extra_category_rows(texts, files)
            labels: frozenset[str] = CATEGORIES
        else:
            extra = extra_kind_rows(self.corpus, extra_files(side.last_round or NEWEST_ROUND, self.leave_out))
            labels = frozenset(r.kind for r in self.corpus)
        guide = written_rows([*texts, *(t for t, _ in extra)], what, labels, first=bool(side.guide_weight),
                             fourth=bool(side.d_weight), fourth_weight=side.d_weight)
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
            options: dict[str, Any] = (
                {"keywords": category_keywords(WIDER_KEYWORDS), "supplement_weight": EXTRA_WEIGHT,
                 "supplement_balance": True} if what == "category" else
                {"keywords": KIND_KEYWORDS, "supplement_weight": KIND_EXTRA_WEIGHT, "supplement_balance": False})
            if extra or guide:
                options["supplement"] = write_extra(Path(tmp) / f"extra_{len(out)}.csv", extra, guide,
                                                    side.guide_weight)
            else:
                options = {"keywords": options["keywords"], "supplement": "off"}
            rep = cross_validate([r.text for r in corpus], labels, 5, 0, **options, **dict(side.options)).report
            out[name] = (rep, math.sqrt(rep.accuracy * (1 - rep.accuracy) / len(labels)))
    return out


def _confusion(rep: Report) -> Counter[tuple[str, str]]:
    """The category confusion's off-diagonal counts, (true, predicted) → rows."""
    return Counter({(t, p): int(rep.confusion[i, j]) for i, t in enumerate(rep.labels)
                    for j, p in enumerate(rep.labels) if i != j and rep.confusion[i, j]})


def _confusion_lines(name: str, counts: Counter[tuple[str, str]], top: int = 12) -> str:
    most = ", ".join(f"{t}→{p} {n}" for (t, p), n in counts.most_common(top))
    safety = sum(n for (t, _), n in counts.items() if t == "安全管理")
    into = sum(n for (_, p), n in counts.items() if p == "安全管理")
    return f"{name}: 安全管理 missed {safety}, others called 安全管理 {into}; most often {most}"


def _figures(name: str, pair: ComplaintClassifier, rows: Sequence[dict[str, str]], what: str) -> Scores:
    s = score(pair, rows)
    lines = [f"-- {name}"]
    if what in ("category", "-"):
        lines.append(_line("category", s.category))
    if what in ("kind", "-"):
        lines += [_line("kind as filed", s.kind_filed), _line("kind, the model alone", s.kind_model, per_label=False)]
    print("\n".join(lines))
    return s


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path, help="a fresh urgency set (scored, never printed)")
    parser.add_argument("--rounds", type=int, nargs="*", default=[], help="development: score each round")
    parser.add_argument("--agree", type=Path, help="development: a second labeller's labels of some rounds")
    parser.add_argument("--explore", action="store_true", help="development: the variants tried, too")
    parser.add_argument("--only", nargs="*", default=[], help="development: the explored variants whose name has "
                        "one of these strings (default: all)")
    parser.add_argument("--no-cv", action="store_true", help="skip the 5-fold CV on the corpus")
    args = parser.parse_args(argv)
    if (args.file is None) == (not args.rounds) or (args.file and (args.agree or args.explore)):
        parser.error("give a FILE, or --rounds with --agree / --explore")
    return args


def decide(file: Path, candidates: dict[str, Candidate], cv: dict[str, tuple[Report, float]] | None,
           corpus: Sequence[CorpusRow]) -> None:
    fresh = ordinary_rows(file)
    trainer = Trainer(corpus, {_key(r["text"]) for r in fresh})
    print(f"\n== {file.name}: {len(fresh)} non-emergency rows (scored once each, never printed)")
    base = _figures("without", trainer.pair(WITHOUT), fresh, "-")
    results = {name: _figures(name, trainer.pair(c), fresh, c.decides) for name, c in candidates.items()}
    print(_confusion_lines("category confusion without", _confusion(base.category)))
    for name, c in candidates.items():
        if c.decides == "category":
            print(_confusion_lines(f"category confusion {name}", _confusion(results[name].category)))
    print(f"(extra and guide rows dropped as texts of the set: {trainer.dropped})")
    for name, c in candidates.items():
        before, after = ((base.category, results[name].category) if c.decides == "category"
                         else (base.kind_filed, results[name].kind_filed))
        keep = verdict(f"'{name}'", before, after, cv[f"without {c.decides}"] if cv else None,
                       cv[name][0] if cv else None)
        switch = SWITCHES.get(name, "(no switch: explored only)")
        print(f"{'KEEP: set ' + switch + ' = True and rebuild' if keep else 'REVERT: leave ' + switch + ' False'}")


def develop(rounds: Sequence[int], agree: Path | None, candidates: dict[str, Candidate],
            corpus: Sequence[CorpusRow]) -> None:
    second = labelled_rows(str(agree)) if agree else {}
    pooled: dict[tuple[str, str, str], list[tuple[int, Scores]]] = {}
    for n in rounds:
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
    print("\n== rounds pooled (accuracy over all their rows; macro-F1 the rounds' mean; recall per label pooled)")
    for (name, what, which), per_round in pooled.items():
        total = sum(n for n, _ in per_round)
        for field in [f for f in ("category", "kind_filed") if what in ("-", f.split("_")[0])]:
            acc = sum(n * getattr(s, field).accuracy for n, s in per_round) / total
            f1 = sum(getattr(s, field).macro_f1 for _, s in per_round) / len(per_round)
            print(f"{name}, {which}, {field}: accuracy {acc:.4f}, macro-F1 {f1:.4f} "
                  f"({total} rows, {len(per_round)} rounds)")
            print("    recall " + _pooled_recall([getattr(s, field) for _, s in per_round]))
        if what in ("-", "category") and which == "all rows":
            counts: Counter[tuple[str, str]] = Counter()
            for _, s in per_round:
                counts += _confusion(s.category)
            print("    " + _confusion_lines("confusion", counts))


def _pooled_recall(reports: Sequence[Report]) -> str:
    hit: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for rep in reports:
        for i, label in enumerate(rep.labels):
            hit[label] += int(rep.confusion[i, i])
            seen[label] += int(rep.support[i])
    return ", ".join(f"{label} {hit[label] / n:.3f} (n={n})" for label, n in sorted(seen.items()) if n)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    corpus = read_corpus()
    explored = {name: c for name, c in EXPLORED.items() if not args.only or any(o in name for o in args.only)}
    candidates = {**DECLARED, **(explored if args.explore else {})}
    texts = [r.text for r in corpus]
    if not all(path.is_file() for path in GUIDE_ROWS_D_FILES):  # development before the rows arrived
        candidates = {name: c for name, c in candidates.items() if not (c.category.d_weight or c.kind.d_weight)}
        print(f"(no {GUIDE_ROWS_D_FILES[0].name} yet: only the candidates without it)")
        texts = []
    print(f"switches now: GUIDE_ROWS = {GUIDE_ROWS}, KIND_ON_GUIDE_ROWS = {KIND_ON_GUIDE_ROWS}, GUIDE_ROWS_D = "
          f"{GUIDE_ROWS_D} (weight {GUIDE_ROWS_D_WEIGHT}), KIND_ON_GUIDE_ROWS_D = {KIND_ON_GUIDE_ROWS_D} (weight "
          f"{KIND_GUIDE_ROWS_D_WEIGHT}); {len(guide_rows_d(texts)) if texts else 0} rows d")
    cv = None
    if not args.no_cv:
        drop = {_key(r["text"]) for r in ordinary_rows(args.file)} if args.file else set()
        cv = cross_validation(corpus, candidates, drop)
        print("== 5-fold CV on the corpus rows (extra and guide rows in the training part only), seed 0")
        for name, (rep, se) in cv.items():
            print(_line(name, rep, per_label=False) + f" (one standard error {se:.3f})")
    if args.file:
        decide(args.file, candidates, cv, corpus)
    else:
        develop(args.rounds, args.agree, candidates, corpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
