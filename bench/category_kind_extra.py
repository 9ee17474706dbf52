"""Do the property models gain from rounds 15-19, and the kind model from the extra rows' kind column?

    PYTHONPATH=. python bench/category_kind_extra.py FILE              # the decision, on a fresh set
    PYTHONPATH=. python bench/category_kind_extra.py --rounds 15 16 17 18 19 --no-cv   # development

Declared and committed before any fresh set was scored with it (2026-12-07, branch category20; see
docs/understanding.md, "The newer rounds and the kind column"). Two model pairs:

* **without** — what main ships: the category model with the extra rows of urgency_train.csv and rounds
  5-14 (`build_default.extra_files(14)`, balanced per category as branch category5 decided), the kind
  model on the corpus alone;
* **with** — (a) the category model with the extra rows of rounds 5-19 (`CATEGORY_LAST_ROUND = 19`), same
  weighting; (b) the kind model also on the extra rows' kind column (`KIND_ON_EXTRA`): the urgent and
  normal rows of the same files, kinds the corpus has (投诉 报修 举报 咨询 求助 建议; not 表扬, which
  core/text/praise.py reads, nor emergencies, 求助 by convention whatever the words), each weighing
  `KIND_EXTRA_WEIGHT` (0.3) of a corpus row, kinds not balanced.

With FILE (an urgency set: text,label,hazard,category,kind) its non-emergency rows are scored once by each
pair; extra rows whose text is also one of FILE's are dropped and counted. Only totals and per-label
precision / recall are printed, never a row. The figures:

* category: the category model's own answer (what the 0.762 of round 19 measured);
* kind as filed — the decision's kind figure: what a ticket filed from the message at its labelled urgency
  carries (`ClassifierAssessor`: praise and consultation read by their rules, the model's best kind that is
  not 咨询 when the model alone says 咨询, `Assessment.kind_as_filed`); the model's own kind is printed for
  the record;
* 5-fold CV on the corpus rows (extra rows only in each fold's training part, seed 0), each model alone.

The rule, for (a) on the category figures and for (b) on the kind-as-filed figures, each separately:
keep it (the committed switches and model files) only if on FILE accuracy **and** macro-F1 both rise, no
label with at least 10 rows in FILE loses more of its recall than max(0.07, 2 rows), and the CV's accuracy
and macro-F1 fall by no more than one standard error (binomial, of the CV's accuracy without). Otherwise
revert that switch (`CATEGORY_LAST_ROUND = 14` or `KIND_ON_EXTRA = False`) and rebuild the model files.

With --rounds N ...: development figures, leave one round out — "with" is trained without round N's rows
and scores round N (rounds 15-19 were read while the dialogs were studied: development data).
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.classify.build_default import (  # noqa: E402
    CATEGORY_KEYWORDS,
    EXTRA_WEIGHT,
    HELDOUT_DIR,
    KIND_EXTRA_WEIGHT,
    KIND_KEYWORDS,
    CorpusRow,
    extra_category_rows,
    extra_files,
    extra_kind_rows,
    read_corpus,
    train_category,
    train_kind,
    write_extra,
)
from core.classify.classifier import ComplaintClassifier  # noqa: E402
from core.classify.evaluation import Report, cross_validate, report  # noqa: E402
from core.config import DEFAULT_CATEGORIES  # noqa: E402
from core.dispatch.assessor import ClassifierAssessor  # noqa: E402
from core.enums import Urgency  # noqa: E402

MAX_RECALL_DROP, MIN_ROWS_DROPPED, MIN_SUPPORT = 0.07, 2, 10
CATEGORY_NAMES = [c.name for c in DEFAULT_CATEGORIES]
BY_HAZARD = {h: c.name for c in DEFAULT_CATEGORIES for h in c.hazards}
Extra = list[tuple[str, str]]


@dataclass(frozen=True)
class Scores:
    category: Report
    kind_filed: Report
    kind_model: Report


def _key(text: str) -> str:
    return " ".join(text.split())


def ordinary_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if r["label"].strip() != "emergency"]


def score(classifier: ComplaintClassifier, rows: Sequence[dict[str, str]]) -> Scores:
    assessor = ClassifierAssessor(CATEGORY_NAMES, None, BY_HAZARD, classifier)
    category, filed, model_kind = [], [], []
    for row in rows:
        got = classifier.classify(row["text"])
        assessed = assessor.assess(row["text"])
        category.append(got.category.label)
        filed.append(assessed.kind_as_filed(Urgency(row["label"].strip())).label)
        model_kind.append(got.kind.label)
    categories, kinds = [r["category"].strip() for r in rows], [r["kind"].strip() for r in rows]
    return Scores(report(categories, category), report(kinds, filed), report(kinds, model_kind))


def _line(name: str, rep: Report, per_label: bool = True) -> str:
    head = f"{name}: accuracy {rep.accuracy:.4f}, macro-F1 {rep.macro_f1:.4f}"
    if not per_label:
        return head
    labels = ", ".join(f"{label} {p:.2f}/{r:.2f} (n={n})" for label, p, r, n
                       in zip(rep.labels, rep.precision, rep.recall, rep.support, strict=True) if n)
    return f"{head}\n    precision/recall {labels}"


def _worst_recall_fall(before: Report, after: Report) -> tuple[str, float, bool]:
    """The label whose recall falls most (of those with MIN_SUPPORT rows), and whether within the rule."""
    worst, fall, ok = "-", 0.0, True
    for i, label in enumerate(before.labels):
        n = before.support[i]
        if n < MIN_SUPPORT:
            continue
        drop = before.recall[i] - after.recall[after.labels.index(label)]
        ok = ok and drop <= max(MAX_RECALL_DROP, MIN_ROWS_DROPPED / n) + 1e-9
        if drop > fall:
            worst, fall = label, drop
    return worst, fall, ok


def _cv(texts: Sequence[str], labels: Sequence[str], keywords: Path, extra: Extra, weight: float,
        balance: bool, tmp: Path) -> tuple[Report, float]:
    options: dict[str, Any] = {"supplement": "off"}
    if extra:
        path = write_extra(tmp / f"extra_{len(extra)}.csv", extra)
        options = {"supplement": path, "supplement_weight": weight, "supplement_balance": balance}
    result = cross_validate(texts, labels, 5, 0, keywords=keywords, **options)
    return result.report, math.sqrt(result.report.accuracy * (1 - result.report.accuracy) / len(labels))


def cross_validation(corpus: Sequence[CorpusRow], drop: Callable[[Extra], Extra]) -> dict[str, tuple[Report, float]]:
    import tempfile

    texts = [r.text for r in corpus]
    with tempfile.TemporaryDirectory() as tmp:
        cats, kinds = [r.category for r in corpus], [r.kind for r in corpus]
        return {
            "category without": _cv(texts, cats, CATEGORY_KEYWORDS, drop(extra_category_rows(texts, extra_files(14))),
                                    EXTRA_WEIGHT, True, Path(tmp)),
            "category with": _cv(texts, cats, CATEGORY_KEYWORDS, drop(extra_category_rows(texts, extra_files())),
                                 EXTRA_WEIGHT, True, Path(tmp)),
            "kind without": _cv(texts, kinds, KIND_KEYWORDS, [], 0.0, False, Path(tmp)),
            "kind with": _cv(texts, kinds, KIND_KEYWORDS, drop(extra_kind_rows(corpus, extra_files())),
                             KIND_EXTRA_WEIGHT, False, Path(tmp)),
        }


def pairs(corpus: Sequence[CorpusRow], drop: Callable[[Extra], Extra],
          leave_out: int | None = None) -> dict[str, ComplaintClassifier]:
    texts = [r.text for r in corpus]
    newer = extra_files(leave_out=leave_out)
    return {
        "without": ComplaintClassifier(train_category(corpus, drop(extra_category_rows(texts, extra_files(14)))),
                                       train_kind(corpus)),
        "with": ComplaintClassifier(train_category(corpus, drop(extra_category_rows(texts, newer))),
                                    train_kind(corpus, drop(extra_kind_rows(corpus, newer)))),
    }


def verdict(name: str, before: Report, after: Report, cv_before: tuple[Report, float] | None,
            cv_after: Report | None) -> bool:
    worst, fall, recall_ok = _worst_recall_fall(before, after)
    checks = {
        "accuracy rises": after.accuracy > before.accuracy,
        "macro-F1 rises": after.macro_f1 > before.macro_f1,
        f"no recall (labels of >= {MIN_SUPPORT} rows) falls by more than max({MAX_RECALL_DROP}, "
        f"{MIN_ROWS_DROPPED} rows) (worst: {worst} {fall:+.3f} fall)": recall_ok,
    }
    if cv_before is not None and cv_after is not None:
        base, se = cv_before
        checks[f"CV accuracy and macro-F1 fall by at most one standard error ({se:.3f})"] = (
            base.accuracy - cv_after.accuracy <= se and base.macro_f1 - cv_after.macro_f1 <= se)
    print(f"\n== the rule for {name}")
    for check, ok in checks.items():
        print(f"{'yes' if ok else 'NO '}  {check}")
    keep = all(checks.values())
    print(f"verdict for {name}: {'KEEP' if keep else 'REVERT'}")
    return keep


def procedure_args(doc: str | None, argv: list[str] | None) -> argparse.Namespace:
    """A procedure's arguments: a fresh set to score once, or development rounds to leave out one at a time."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path, help="a fresh urgency set (scored, never printed)")
    parser.add_argument("--rounds", type=int, nargs="*", default=[], help="leave each round out and score it")
    parser.add_argument("--no-cv", action="store_true", help="skip the 5-fold CV on the corpus")
    args = parser.parse_args(argv)
    if (args.file is None) == (not args.rounds):
        parser.error("give a FILE or --rounds, not both")
    return args


def main(argv: list[str] | None = None) -> int:
    args = procedure_args(__doc__, argv)
    corpus = read_corpus()
    fresh = ordinary_rows(args.file) if args.file else []
    fresh_keys = {_key(r["text"]) for r in fresh}
    dropped: list[int] = []

    def drop(extra: Extra) -> Extra:
        kept = [(t, label) for t, label in extra if _key(t) not in fresh_keys]
        dropped.append(len(extra) - len(kept))
        return kept

    cv = None if args.no_cv else cross_validation(corpus, drop)
    if cv is not None:
        print("== 5-fold CV on the corpus rows (extra rows in the training part only), seed 0")
        for name, (rep, se) in cv.items():
            print(_line(name, rep, per_label=False) + f" (one standard error {se:.3f})")
    if args.file:
        print(f"\n== {args.file.name}: {len(fresh)} non-emergency rows (scored, never printed)")
        scores = {name: score(pair, fresh) for name, pair in pairs(corpus, drop).items()}
        print(f"extra rows dropped as texts of the set: {max(dropped)}")
        for name, s in scores.items():
            print(f"\n-- {name}\n{_line('category', s.category)}\n{_line('kind as filed', s.kind_filed)}\n"
                  f"{_line('kind, the model alone', s.kind_model, per_label=False)}")
        a = verdict("(a) category: rounds 15-19", scores["without"].category, scores["with"].category,
                    cv["category without"] if cv else None, cv["category with"][0] if cv else None)
        b = verdict("(b) kind: the extra rows' kind column", scores["without"].kind_filed, scores["with"].kind_filed,
                    cv["kind without"] if cv else None, cv["kind with"][0] if cv else None)
        print(f"\n{'keep' if a else 'revert'} CATEGORY_LAST_ROUND = 19; {'keep' if b else 'revert'} KIND_ON_EXTRA = True")
        return 0
    pooled: dict[str, list[tuple[int, Scores]]] = {}
    for n in args.rounds:
        rows = ordinary_rows(HELDOUT_DIR / f"urgency_r{n}.csv")
        fresh_keys.clear()  # a text of round N also written in another round is not learnt from either
        fresh_keys.update(_key(r["text"]) for r in rows)
        dropped.clear()
        models = pairs(corpus, drop, leave_out=n)
        print(f"\n== round {n}: {len(rows)} non-emergency rows, 'with' trained without them "
              f"({max(dropped)} extra rows dropped as their texts)")
        for name, pair in models.items():
            s = score(pair, rows)
            pooled.setdefault(name, []).append((len(rows), s))
            print(f"-- {name}\n{_line('category', s.category)}\n{_line('kind as filed', s.kind_filed)}\n"
                  f"{_line('kind, the model alone', s.kind_model, per_label=False)}")
    print("\n== rounds pooled (accuracy over all rows; macro-F1 the rounds' mean)")
    for name, results in pooled.items():
        total = sum(n for n, _ in results)
        for field in ("category", "kind_filed", "kind_model"):
            acc = sum(n * getattr(s, field).accuracy for n, s in results) / total
            f1 = sum(getattr(s, field).macro_f1 for _, s in results) / len(results)
            print(f"{name} {field}: accuracy {acc:.4f}, macro-F1 {f1:.4f} ({total} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
