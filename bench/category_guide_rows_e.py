"""Do the property models tell 服务质量 from 工程维修 better with a fifth writer's guide rows?

    PYTHONPATH=. python bench/category_guide_rows_e.py FILE        # the decision, on a fresh set (≈4 min)
    PYTHONPATH=. python bench/category_guide_rows_e.py --rounds 15 16 17 18 19 20 21 22 23 24 \\
        [--agree bench/heldout/second_labels_r21_r22.csv] [--explore [--only NAME ...]]    # development

Declared and committed before any fresh set was scored with it (fifteenth session, branch category25;
docs/understanding.md, "Guide rows on 服务质量's boundaries (declared)"). The rows: core/classify/corpus/
guide_rows_e.csv (build_default.GUIDE_ROWS_E_FILES), ~360 messages written to docs/categories.md by a fifth
writer who saw neither the code nor any test set: 服务质量 about how staff work, often naming a broken thing,
工程维修 asking for a fix (some angry), and a few of each other label near those two (build_default's comment
above GUIDE_ROWS_E). The same procedure and rule as bench/category_guide_rows_d.py (the shared code:
bench/category_procedure.py). Models:

* **without** — main's pair as its switches build it;
* **category + rows e** — the category model also on rows e's category, each row weighing
  `GUIDE_ROWS_E_WEIGHT` of a corpus row (`GUIDE_ROWS_E = True`); the kind model as without;
* **kind + rows e** — the kind model also on rows e's kind, each row `KIND_GUIDE_ROWS_E_WEIGHT`
  (`KIND_ON_GUIDE_ROWS_E = True`); the category model as without.

With FILE (an urgency set: text,label,hazard,category,kind) its non-emergency rows are scored once by each
model; extra and guide rows whose text is one of FILE's are dropped and counted. Only totals, per-label
precision / recall and the category confusion's counts are printed, never a row. Also the 5-fold CV on the
corpus rows (extra and guide rows in each fold's training part only, seed 0).

The rule, per candidate against without — the category candidate on the category figures, the kind candidate on
the kind as filed: keep it only if on FILE accuracy **and** macro-F1 both rise, no label with at least 10 rows in
FILE loses more of its recall than max(0.07, 2 rows), and the CV's accuracy and macro-F1 fall by no more than one
standard error (binomial, of the CV's accuracy without). KEEP / REVERT is printed per candidate; on KEEP set that
switch to True and rebuild (`python -m core.classify.build_default`).

With --rounds N ...: development figures — each model trained without round N's rows (where it learns from it)
scores round N's; pooled at the end with the category confusion. --agree FILE also scores the rows whose
category the writer and a second labeller agree on. --explore adds the variants tried before the candidates
were declared (never part of the decision).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.category_kind_extra import _key, ordinary_rows  # noqa: E402
from bench.category_procedure import (  # noqa: E402
    Candidate,
    Side,
    cross_validation,
    decide,
    develop,
    print_cv,
    procedure_args,
)
from core.classify.build_default import (  # noqa: E402
    GUIDE_ROWS,
    GUIDE_ROWS_D,
    GUIDE_ROWS_D_WEIGHT,
    GUIDE_ROWS_E,
    GUIDE_ROWS_E_FILES,
    GUIDE_ROWS_E_WEIGHT,
    GUIDE_ROWS_WEIGHT,
    KIND_GUIDE_ROWS_D_WEIGHT,
    KIND_GUIDE_ROWS_E_WEIGHT,
    KIND_GUIDE_ROWS_WEIGHT,
    KIND_ON_GUIDE_ROWS,
    KIND_ON_GUIDE_ROWS_D,
    KIND_ON_GUIDE_ROWS_E,
    guide_rows_e,
    read_corpus,
)


def _side(first: bool, first_weight: float, d: bool, d_weight: float, e: bool, e_weight: float) -> Side:
    return Side(first_weight if first else 0.0, d_weight if d else 0.0, e_weight=e_weight if e else 0.0)


WITHOUT = Candidate(
    _side(GUIDE_ROWS, GUIDE_ROWS_WEIGHT, GUIDE_ROWS_D, GUIDE_ROWS_D_WEIGHT, GUIDE_ROWS_E, GUIDE_ROWS_E_WEIGHT),
    _side(KIND_ON_GUIDE_ROWS, KIND_GUIDE_ROWS_WEIGHT, KIND_ON_GUIDE_ROWS_D, KIND_GUIDE_ROWS_D_WEIGHT,
          KIND_ON_GUIDE_ROWS_E, KIND_GUIDE_ROWS_E_WEIGHT), "-")
DECLARED = {
    "category + rows e": Candidate(replace(WITHOUT.category, e_weight=GUIDE_ROWS_E_WEIGHT), WITHOUT.kind, "category"),
    "kind + rows e": Candidate(WITHOUT.category, replace(WITHOUT.kind, e_weight=KIND_GUIDE_ROWS_E_WEIGHT), "kind"),
}
SWITCHES = {"category + rows e": "GUIDE_ROWS_E", "kind + rows e": "KIND_ON_GUIDE_ROWS_E"}
FOCUS = "服务质量"  # the label whose confusion is printed


def _category(**change: Any) -> Candidate:
    return Candidate(replace(WITHOUT.category, **change), WITHOUT.kind, "category")


# Tried on the development rounds before the candidates above were declared (never part of the decision); a
# keyword prior of conduct cues for 服务质量 was tried in a scratch script (docs/understanding.md says how it did).
EXPLORED = {"category + rows e at 0.5": _category(e_weight=0.5)}


def main(argv: list[str] | None = None) -> int:
    args = procedure_args(__doc__, argv)
    corpus = read_corpus()
    explored = {name: c for name, c in EXPLORED.items() if not args.only or any(o in name for o in args.only)}
    candidates = {**DECLARED, **(explored if args.explore else {})}
    print(f"switches now: GUIDE_ROWS = {GUIDE_ROWS}, KIND_ON_GUIDE_ROWS = {KIND_ON_GUIDE_ROWS}, GUIDE_ROWS_D = "
          f"{GUIDE_ROWS_D}, KIND_ON_GUIDE_ROWS_D = {KIND_ON_GUIDE_ROWS_D}, GUIDE_ROWS_E = {GUIDE_ROWS_E} (weight "
          f"{GUIDE_ROWS_E_WEIGHT}), KIND_ON_GUIDE_ROWS_E = {KIND_ON_GUIDE_ROWS_E} (weight {KIND_GUIDE_ROWS_E_WEIGHT}); "
          f"{len(guide_rows_e([]))} rows e in {GUIDE_ROWS_E_FILES[0].name}")
    cv = None
    if not args.no_cv:
        drop = {_key(r["text"]) for r in ordinary_rows(args.file)} if args.file else set()
        cv = cross_validation(corpus, candidates, drop, WITHOUT)
        print_cv(cv)
    if args.file:
        decide(args.file, candidates, cv, corpus, WITHOUT, SWITCHES, FOCUS)
    else:
        develop(args.rounds, args.agree, candidates, corpus, WITHOUT, FOCUS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
