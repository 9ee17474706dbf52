"""Does a safety reading after the category model (core/dispatch/safety_reading.py) file more messages as the guide does?

    PYTHONPATH=. python bench/category_safety_layer.py --rounds 21 22 23 24     # the decision (≈2 min)
    PYTHONPATH=. python bench/category_safety_layer.py FILE                     # totals on one more set

Declared and committed before the candidates were scored on rounds 21-24 (sixteenth session, branch category26;
docs/understanding.md, "A safety reading after the model"). The model: main's category model as its switches build
it (bench/category_procedure.py's Trainer), trained once with every text of the scored sets dropped (the count is
printed; the category learns from no round after 14). Candidates, each a layer on that model's probabilities:

* **A, second choice** (`SAFETY_SECOND_CHOICE`) — 安全管理 at P ≥ `SAFETY_FLOOR` and not the answer, the danger not
  read as contained by the urgency reader → 安全管理;
* **B, security words when unsure** (`SAFETY_WORDS`) — confidence < `UNSURE`, 安全管理 at P ≥ `WORDS_FLOOR`, one of
  `SECURITY_WORDS` in the text → 安全管理.

Each set's urgent and normal rows are scored once without a layer and once with each candidate; only totals,
per-label precision / recall and the confusion's counts are printed, never a row. The rule: adopt a candidate only
if the pooled accuracy over the rounds (the dev total) rises and no round's accuracy falls by more than 0.010; if both
pass, the higher dev total wins (a tie: A). Also printed, not deciding: the 5-fold CV on the corpus rows with each
layer applied to the out-of-fold probabilities (nothing in a layer is learned from the corpus or the rounds scored).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.category_guide_rows_e import WITHOUT  # noqa: E402
from bench.category_kind_extra import _key, _line, ordinary_rows  # noqa: E402
from bench.category_procedure import Trainer, confusion, confusion_lines, corpus_cv, procedure_args  # noqa: E402
from core.classify.build_default import HELDOUT_DIR, read_corpus  # noqa: E402
from core.classify.evaluation import Report, report  # noqa: E402
from core.classify.model import Prediction  # noqa: E402
from core.dispatch.safety_reading import SAFETY, safety_reading  # noqa: E402

Layer = Callable[[Prediction, str], str]
CANDIDATES: dict[str, Layer] = {
    "A, second choice": lambda p, text: safety_reading(p, text, second_choice=True, words=False)[0].label,
    "B, security words when unsure": lambda p, text: safety_reading(p, text, second_choice=False, words=True)[0].label,
}
SWITCHES = {"A, second choice": "SAFETY_SECOND_CHOICE", "B, security words when unsure": "SAFETY_WORDS"}
MAX_ROUND_FALL = 0.010


def labelled(predictions: Sequence[Prediction], texts: Sequence[str], truth: Sequence[str]) -> dict[str, Report]:
    """Each reading's report: without (the model's answer) and each candidate."""
    out = {"without": report(truth, [p.label for p in predictions])}
    for name, layer in CANDIDATES.items():
        out[name] = report(truth, [layer(p, t) for p, t in zip(predictions, texts, strict=True)])
    return out


def rule(per_set: dict[str, dict[str, Report]], sizes: dict[str, int]) -> None:
    total = sum(sizes.values())

    def pooled(name: str) -> float:
        return sum(sizes[s] * reps[name].accuracy for s, reps in per_set.items()) / total

    print(f"\n== the dev total ({total} rows in {len(per_set)} sets), pooled accuracy")
    passed = {}
    for name in ["without", *CANDIDATES]:
        print(f"{name}: {pooled(name):.4f}")
    for name in CANDIDATES:
        falls = {s: reps[name].accuracy - reps["without"].accuracy for s, reps in per_set.items()}
        worst = min(falls, key=lambda s: falls[s])
        ok = pooled(name) > pooled("without") and falls[worst] >= -MAX_ROUND_FALL - 1e-12
        print(f"'{name}': total {pooled(name) - pooled('without'):+.4f}; per set "
              + ", ".join(f"{s} {f:+.4f}" for s, f in falls.items()) + f" — {'passes' if ok else 'fails'}")
        if ok:
            passed[name] = pooled(name)
    if not passed:
        print("REVERT: no candidate passes; " + " and ".join(SWITCHES.values()) + " stay False")
        return
    best = max(passed, key=lambda n: (passed[n], n == "A, second choice"))
    print(f"ADOPT '{best}': set {SWITCHES[best]} = True (core/dispatch/safety_reading.py)")


def main(argv: list[str] | None = None) -> int:
    args = procedure_args(__doc__, argv, only=False)
    sets = {path.stem: ordinary_rows(path) for path in (
        [args.file] if args.file else [HELDOUT_DIR / f"urgency_r{n}.csv" for n in args.rounds])}
    corpus = read_corpus()
    trainer = Trainer(corpus, {_key(r["text"]) for rows in sets.values() for r in rows})
    model = trainer.model("category", WITHOUT.category)
    if not args.no_cv:
        with tempfile.TemporaryDirectory() as tmp:
            cv = corpus_cv(Trainer(corpus, set()), "category", WITHOUT.category, Path(tmp) / "extra.csv")
        texts = [r.text for r in corpus]
        predictions = [Prediction(cv.labels[row.argmax()], float(row.max()),
                                  tuple(sorted(zip(cv.labels, map(float, row), strict=True), key=lambda kv: -kv[1])))
                       for row in cv.probabilities]
        print("== 5-fold CV on the corpus rows (extra and guide rows in the training part only), seed 0, "
              "each layer on the out-of-fold probabilities")
        for name, rep in labelled(predictions, texts, [r.category for r in corpus]).items():
            print(_line(name, rep, per_label=False))
    print(f"(extra and guide rows dropped as texts of the scored sets: {trainer.dropped})")
    per_set: dict[str, dict[str, Report]] = {}
    for name, rows in sets.items():
        texts = [r["text"] for r in rows]
        predictions = [model.predict(t) for t in texts]
        per_set[name] = labelled(predictions, texts, [r["category"].strip() for r in rows])
        print(f"\n== {name}: {len(rows)} non-emergency rows (scored once each, never printed)")
        for reading, rep in per_set[name].items():
            print(_line(reading, rep))
            print("    " + confusion_lines("confusion", confusion(rep), SAFETY, top=6))
    if args.rounds:
        rule(per_set, {name: len(rows) for name, rows in sets.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
