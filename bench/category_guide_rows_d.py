"""Do the property models read 安全管理's boundaries better with a fourth writer's guide rows?

    PYTHONPATH=. python bench/category_guide_rows_d.py FILE        # the decision, on a fresh set (≈4 min)
    PYTHONPATH=. python bench/category_guide_rows_d.py --rounds 15 16 17 18 19 20 21 22 23 \\
        [--agree bench/heldout/second_labels_r21_r22.csv] [--explore]    # development

Declared and committed before any fresh set was scored with it (fourteenth session, branch category24;
docs/understanding.md, "Guide rows on 安全管理's boundaries (declared)"). The rows: core/classify/corpus/
guide_rows_d.csv (build_default.GUIDE_ROWS_D_FILES), ~700 messages written to docs/categories.md by a fourth
writer who saw neither the code nor any test set, focused on where 安全管理 meets 工程维修, 服务质量 and 邻里纠纷
(build_default's comment above GUIDE_ROWS_D says what was asked). The same procedure and rule as
bench/category_guide_rows.py (their shared code: bench/category_procedure.py). Models:

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
    GUIDE_ROWS_D_FILES,
    GUIDE_ROWS_D_WEIGHT,
    GUIDE_ROWS_WEIGHT,
    KIND_GUIDE_ROWS_D_WEIGHT,
    KIND_GUIDE_ROWS_WEIGHT,
    KIND_ON_GUIDE_ROWS,
    KIND_ON_GUIDE_ROWS_D,
    guide_rows_d,
    read_corpus,
)

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
FOCUS = "安全管理"  # the label whose confusion is printed


def main(argv: list[str] | None = None) -> int:
    args = procedure_args(__doc__, argv)
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
        cv = cross_validation(corpus, candidates, drop, WITHOUT)
        print_cv(cv)
    if args.file:
        decide(args.file, candidates, cv, corpus, WITHOUT, SWITCHES, FOCUS)
    else:
        develop(args.rounds, args.agree, candidates, corpus, WITHOUT, FOCUS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
