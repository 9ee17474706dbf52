"""Does the category model read other writers' messages better when its training rows follow the written
category guide (docs/categories.md)?

    PYTHONPATH=. python bench/category_guide.py FILE                  # the decision, on a fresh set
    PYTHONPATH=. python bench/category_guide.py --rounds 15 16 17 18 19   # development

Declared and committed before any fresh set written with the guide was scored with it (2026-12-07, branch
guide21; docs/understanding.md, "branch guide21"). Three category models, all with build_default's current
keyword prior (`WIDER_KEYWORDS`) and weighting:

* **without** — main's category model as the current switches build it (`GUIDE_RELABELS`,
  `CATEGORY_LAST_ROUND`: the corpus and the extra rows of urgency_train.csv and rounds 5-14 today);
* **guide** — the same rows with the guide's overlay (corpus/guide_relabels.csv: rows whose label clearly
  contradicts the guide get the guide's label, 停车管理 rows it names join): `GUIDE_RELABELS = True`;
* **guide + rounds 15-19** — the overlay, and the category also learning from rounds 15-19
  (`GUIDE_RELABELS = True`, `CATEGORY_LAST_ROUND = 19`), reverted in branch category20 for conventions the
  overlay now settles.

With FILE (an urgency set: text,label,hazard,category,kind) its non-emergency rows are scored once by each,
against FILE's own labels; extra rows whose text is one of FILE's are dropped and counted. Only totals and
per-label precision / recall are printed, never a row; also the 5-fold CV on the corpus rows (extra rows in
each fold's training part only, seed 0) — each model on **the labels it trains with** (the overlay relabels
corpus rows too, so a candidate's CV is scored on its relabelled corpus, not on the corpus as written).

The rule, for each candidate against without (as branch category20's and category21's): keep it only if on
FILE accuracy **and** macro-F1 both rise, no label with at least 10 rows in FILE loses more of its recall than
max(0.07, 2 rows), and the CV's accuracy and macro-F1 fall by no more than one standard error (binomial, of
the CV's accuracy without). If both candidates pass, the one with the higher accuracy on FILE wins. Then set
its switches (`GUIDE_RELABELS = True`, and for the second `CATEGORY_LAST_ROUND = 19`) and rebuild the model
files (`python -m core.classify.build_default`).

With --rounds N ...: leave-one-round-out development figures — every model trained without round N's rows
scores round N's (as its writer labelled them, without the guide); pooled at the end.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.category_kind_extra import _key, _line, ordinary_rows, procedure_args, verdict  # noqa: E402
from core.classify.build_default import (  # noqa: E402
    CATEGORY_LAST_ROUND,
    EXTRA_WEIGHT,
    GUIDE_RELABELS,
    HELDOUT_DIR,
    WIDER_KEYWORDS,
    CorpusRow,
    category_keywords,
    extra_category_rows,
    extra_files,
    guide_relabels,
    read_corpus,
    relabel_corpus,
    train_category,
    write_extra,
)
from core.classify.evaluation import Report, cross_validate, report  # noqa: E402
from core.classify.model import TextModel  # noqa: E402

# name: (the guide's overlay, the newest round the category learns from)
CANDIDATES = {
    "without": (GUIDE_RELABELS, CATEGORY_LAST_ROUND),
    "guide": (True, CATEGORY_LAST_ROUND),
    "guide + rounds 15-19": (True, 19),
}
Extra = list[tuple[str, str]]


def training(corpus: Sequence[CorpusRow], guide: bool, last_round: int, drop: set[str],
             leave_out: int | None = None) -> tuple[list[CorpusRow], Extra, int]:
    """A candidate's corpus rows and extra rows (those whose text is in ``drop`` left out), and how many left out."""
    relabels = guide_relabels() if guide else None
    extra = extra_category_rows([r.text for r in corpus], extra_files(last_round, leave_out), relabels)
    kept = [(t, label) for t, label in extra if _key(t) not in drop]
    return relabel_corpus(corpus, relabels), kept, len(extra) - len(kept)


def score(model: TextModel, rows: Sequence[dict[str, str]]) -> tuple[Report, list[str]]:
    got = [model.predict(r["text"]).label for r in rows]
    return report([r["category"].strip() for r in rows], got), got


def cross_validation(corpus: Sequence[CorpusRow], drop: set[str]) -> dict[str, tuple[Report, float]]:
    out: dict[str, tuple[Report, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (guide, last) in CANDIDATES.items():
            rows, extra, _ = training(corpus, guide, last, drop)
            path = write_extra(Path(tmp) / f"extra_{len(out)}.csv", extra)
            labels = [r.category for r in rows]
            rep = cross_validate([r.text for r in rows], labels, 5, 0, keywords=category_keywords(WIDER_KEYWORDS),
                                 supplement=path, supplement_weight=EXTRA_WEIGHT, supplement_balance=True).report
            out[name] = (rep, (rep.accuracy * (1 - rep.accuracy) / len(labels)) ** 0.5)
    return out


def main(argv: list[str] | None = None) -> int:
    args = procedure_args(__doc__, argv)
    corpus = read_corpus()
    sets = ([(args.file.name, ordinary_rows(args.file), None)] if args.file else
            [(f"round {n}", ordinary_rows(HELDOUT_DIR / f"urgency_r{n}.csv"), n) for n in args.rounds])
    print(f"switches now: GUIDE_RELABELS = {GUIDE_RELABELS}, CATEGORY_LAST_ROUND = {CATEGORY_LAST_ROUND}, "
          f"WIDER_KEYWORDS = {WIDER_KEYWORDS}; the overlay has {len(guide_relabels())} rows")
    cv = None
    if not args.no_cv:
        cv = cross_validation(corpus, {_key(r["text"]) for r in sets[0][1]} if args.file else set())
        print("== 5-fold CV on the corpus rows, each model on the labels it trains with "
              "(extra rows in the training part only), seed 0")
        for name, (rep, se) in cv.items():
            print(_line(f"category {name}", rep, per_label=False) + f" (one standard error {se:.3f})")
    pooled: dict[str, tuple[list[str], list[str]]] = {name: ([], []) for name in CANDIDATES}
    results: dict[str, Report] = {}
    for title, rows, leave_out in sets:
        drop = {_key(r["text"]) for r in rows}
        print(f"\n== {title}: {len(rows)} non-emergency rows (scored against its own labels, never printed)")
        for name, (guide, last) in CANDIDATES.items():
            train_rows, extra, dropped = training(corpus, guide, last, drop, leave_out)
            results[name], got = score(train_category(train_rows, extra, WIDER_KEYWORDS), rows)
            pooled[name][0].extend(r["category"].strip() for r in rows)
            pooled[name][1].extend(got)
            print(f"-- {name}: {len(extra)} extra rows ({dropped} dropped as the set's texts)\n"
                  f"{_line('category', results[name])}")
    if not args.file:
        print("\n== rounds pooled")
        for name, (gold, got) in pooled.items():
            print(_line(f"{name} pooled", report(gold, got)))
        return 0
    kept = {name: verdict(f"'{name}'", results["without"], results[name], cv["without"] if cv else None,
                          cv[name][0] if cv else None)
            for name in CANDIDATES if name != "without"}
    passed = [name for name, keep in kept.items() if keep]
    if not passed:
        print("\nneither candidate passes: leave GUIDE_RELABELS and CATEGORY_LAST_ROUND as they are")
        return 0
    best = max(passed, key=lambda name: results[name].accuracy)
    guide, last = CANDIDATES[best]
    print(f"\nwinner: '{best}' — set GUIDE_RELABELS = {guide}, CATEGORY_LAST_ROUND = {last} and rebuild")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
