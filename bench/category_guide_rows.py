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
before the candidates were declared. The code it shares with the later procedures: bench/category_procedure.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

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
    GUIDE_ROWS_WEIGHT,
    KIND_GUIDE_ROWS_WEIGHT,
    KIND_ON_GUIDE_ROWS,
    guide_rows,
    read_corpus,
)

WITHOUT = Candidate(Side(GUIDE_ROWS_WEIGHT if GUIDE_ROWS else 0.0),
                    Side(KIND_GUIDE_ROWS_WEIGHT if KIND_ON_GUIDE_ROWS else 0.0), "-")
DECLARED = {
    "category + guide rows": Candidate(Side(GUIDE_ROWS_WEIGHT), WITHOUT.kind, "category"),
    "kind + guide rows": Candidate(WITHOUT.category, Side(KIND_GUIDE_ROWS_WEIGHT), "kind"),
}
SWITCHES = {"category + guide rows": "GUIDE_ROWS", "kind + guide rows": "KIND_ON_GUIDE_ROWS"}
# Tried on the development rounds before the two above were declared (never part of the decision).
EXPLORED = {
    **{f"category + guide rows at {w}": Candidate(Side(w), WITHOUT.kind, "category")
       for w in (0.05, 0.1, 0.25, 0.5, 1.0, 2.0)},
    "category: guide rows at 1.0, no old extra rows": Candidate(Side(1.0, extra=False), WITHOUT.kind, "category"),
    "kind + guide rows at 1.0": Candidate(WITHOUT.category, Side(1.0), "kind"),
}


def main(argv: list[str] | None = None) -> int:
    args = procedure_args(__doc__, argv, only=False)
    corpus = read_corpus()
    candidates = {**DECLARED, **(EXPLORED if args.explore else {})}
    print(f"switches now: GUIDE_ROWS = {GUIDE_ROWS} (weight {GUIDE_ROWS_WEIGHT}), KIND_ON_GUIDE_ROWS = "
          f"{KIND_ON_GUIDE_ROWS} (weight {KIND_GUIDE_ROWS_WEIGHT}); {len(guide_rows([]))} guide rows")
    fresh = ordinary_rows(args.file) if args.file else []
    cv = None
    if not args.no_cv:
        cv = cross_validation(corpus, candidates, {_key(r["text"]) for r in fresh}, WITHOUT)
        print_cv(cv)
    if args.file:
        decide(args.file, candidates, cv, corpus, WITHOUT, SWITCHES, None)
    else:
        develop(args.rounds, args.agree, candidates, corpus, WITHOUT, None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
