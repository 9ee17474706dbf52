"""Does the wider keyword prior (安全管理 and 其他, corpus/keywords_more.csv) make the category model
read other writers' messages better?

    PYTHONPATH=. python bench/category_keywords.py FILE                  # the decision, on a fresh set
    PYTHONPATH=. python bench/category_keywords.py --rounds 15 16 17 18 19   # development

Declared and committed before any fresh set was scored with it (2026-12-07, branch category21; see
docs/understanding.md, "branch category21"). Two category models, the same rows (the corpus and the extra
rows of urgency_train.csv and rounds 5-14, balanced per category, as main ships) and options:

* **without** — the keyword prior of corpus/keywords.csv (what main ships);
* **with** — that file's terms and keywords_more.csv's together (`build_default.WIDER_KEYWORDS`).

With FILE (an urgency set: text,label,hazard,category,kind) its non-emergency rows are scored once by each;
extra rows whose text is one of FILE's are dropped and counted. Only totals and per-label precision /
recall are printed, never a row; also the 5-fold CV on the corpus rows (extra rows in each fold's
training part only, seed 0).

The rule (as branch category20's): keep the wider prior only if on FILE accuracy **and** macro-F1 both
rise, no label with at least 10 rows in FILE loses more of its recall than max(0.07, 2 rows), and the CV's
accuracy and macro-F1 fall by no more than one standard error (binomial, of the CV's accuracy without).
Then set `WIDER_KEYWORDS = True` and rebuild the model files (`python -m core.classify.build_default`).

With --rounds N ...: leave-one-round-out development figures — both models trained without round N's
rows (they are not in the shipped rows anyway) score round N's; pooled at the end.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.category_kind_extra import _key, _line, ordinary_rows, procedure_args, verdict  # noqa: E402
from core.classify.build_default import (  # noqa: E402
    CATEGORY_FILES,
    EXTRA_WEIGHT,
    HELDOUT_DIR,
    category_keywords,
    extra_category_rows,
    read_corpus,
    train_category,
    write_extra,
)
from core.classify.evaluation import Report, cross_validate, report  # noqa: E402

CANDIDATES = {"without": False, "with": True}


def score(model: object, rows: Sequence[dict[str, str]]) -> Report:
    got = [model.predict(r["text"]).label for r in rows]  # type: ignore[attr-defined]
    return report([r["category"].strip() for r in rows], got)


def cross_validation(texts: Sequence[str], labels: Sequence[str],
                     extra: list[tuple[str, str]]) -> dict[str, tuple[Report, float]]:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = write_extra(Path(tmp) / "extra.csv", extra)
        for name, wider in CANDIDATES.items():
            rep = cross_validate(texts, labels, 5, 0, keywords=category_keywords(wider), supplement=path,
                                 supplement_weight=EXTRA_WEIGHT, supplement_balance=True).report
            out[name] = (rep, (rep.accuracy * (1 - rep.accuracy) / len(labels)) ** 0.5)
    return out


def main(argv: list[str] | None = None) -> int:
    args = procedure_args(__doc__, argv)
    corpus = read_corpus()
    texts = [r.text for r in corpus]

    def extra_without(rows: Sequence[dict[str, str]]) -> list[tuple[str, str]]:
        keys = {_key(r["text"]) for r in rows}
        return [(t, label) for t, label in extra_category_rows(texts, CATEGORY_FILES) if _key(t) not in keys]

    sets = ([(args.file.name, ordinary_rows(args.file))] if args.file else
            [(f"round {n}", ordinary_rows(HELDOUT_DIR / f"urgency_r{n}.csv")) for n in args.rounds])
    if not args.no_cv:
        cv = cross_validation(texts, [r.category for r in corpus], extra_without(sets[0][1] if args.file else []))
        print("== 5-fold CV on the corpus rows (extra rows in the training part only), seed 0")
        for name, (rep, se) in cv.items():
            print(_line(f"category {name}", rep) + f" (one standard error {se:.3f})")
    pooled: dict[str, tuple[list[str], list[str]]] = {name: ([], []) for name in CANDIDATES}
    results: dict[str, Report] = {}
    for title, rows in sets:
        extra = extra_without(rows)
        print(f"\n== {title}: {len(rows)} non-emergency rows (scored, never printed); "
              f"extra rows dropped as its texts: {len(extra_category_rows(texts, CATEGORY_FILES)) - len(extra)}")
        for name, wider in CANDIDATES.items():
            model = train_category(corpus, extra, wider)
            results[name] = score(model, rows)
            pooled[name][0].extend(r["category"].strip() for r in rows)
            pooled[name][1].extend(model.predict(r["text"]).label for r in rows)
            print(f"-- {name}\n{_line('category', results[name])}")
    if args.file:
        keep = verdict("the wider keyword prior", results["without"], results["with"],
                       None if args.no_cv else cv["without"], None if args.no_cv else cv["with"][0])
        print(f"\n{'set' if keep else 'leave'} WIDER_KEYWORDS = {keep}")
        return 0
    print("\n== rounds pooled")
    for name, (gold, got) in pooled.items():
        print(_line(f"{name} pooled", report(gold, got)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
