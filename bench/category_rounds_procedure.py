"""Do the property models read a guide writer's messages better when they learn from the guide rounds' rows?

    PYTHONPATH=. python bench/category_rounds_procedure.py [--no-cv] [--rounds 21 22 23 24 25 26]   (≈15 min)

Declared and committed before any candidate was scored (seventeenth session, branch category27;
docs/understanding.md, "The guide rounds as training rows (declared)"). Rounds 21-26 were written by six
independent writers given docs/categories.md; their urgent and normal rows (~210 a round) are guide-labelled
messages as residents write them. The category model learns from no round after 14, the kind model from none
after 19. Models (the rest as main's switches build them):

* **A, main** — main's pair;
* **B, category + rounds 21-26** — the category model also on the guide rounds' ordinary rows, each weighing
  `GUIDE_ROUNDS_WEIGHT` (0.3, the supplement's usual weight) of a corpus row (`CATEGORY_ON_GUIDE_ROUNDS`);
* **C, category + rounds 15-26** — as B, and rounds 15-20's ordinary rows too, at the same weight, their
  category as the guide's overlay (core/classify/corpus/guide_relabels.csv) has it where it names the row
  (`CATEGORY_ON_EARLIER_ROUNDS` with `CATEGORY_ON_GUIDE_ROUNDS`);
* **K, kind + rounds 21-26** — the kind model also on the guide rounds' kind column, 0.3 a row
  (`KIND_ON_GUIDE_ROUNDS`); a separate decision on the kind as filed.

Evaluation, leave one round out: for each round k of 21-26, every model is trained without round k's file and
with every text of round k dropped from all its training rows (corpus, extra, writers' and rounds' rows), then
scores round k's urgent + normal rows once (the category as the model gives it, the kind as filed). Printed per
round: accuracy and macro-F1; pooled: accuracy over all rounds' rows, its binomial standard error, per-label
recall. Also the corpus 5-fold CV (seed 0; extra, writers' and rounds' rows in each fold's training part only).
Only totals are printed, never a row.

The switch rule, per decision (category: B and C against A on the category; kind: K against A on the kind as
filed): a candidate passes only if its pooled accuracy exceeds A's by more than one pooled standard error
(binomial, of A's pooled accuracy) and no round's accuracy falls by more than one point (0.010). If both B and C
pass, the higher pooled accuracy wins. Otherwise the switch stays False. The CV is printed, it does not decide.
On a pass: set the switch(es) to True in core/classify/build_default.py, `python -m core.classify.build_default`
(the shipped model then learns from all of rounds 21-26), commit the switch and the model file.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.category_kind_extra import Scores, _key, ordinary_rows, score  # noqa: E402
from bench.category_procedure import Candidate, Side, Trainer, cross_validation, pooled_recall, print_cv  # noqa: E402
from core.classify.build_default import (  # noqa: E402
    CATEGORY_ON_EARLIER_ROUNDS,
    CATEGORY_ON_GUIDE_ROUNDS,
    EARLIER_ROUNDS,
    GUIDE_ROUNDS,
    GUIDE_ROUNDS_WEIGHT,
    GUIDE_ROWS,
    GUIDE_ROWS_D,
    GUIDE_ROWS_D_WEIGHT,
    GUIDE_ROWS_E,
    GUIDE_ROWS_E_WEIGHT,
    GUIDE_ROWS_WEIGHT,
    HELDOUT_DIR,
    KIND_GUIDE_ROWS_D_WEIGHT,
    KIND_GUIDE_ROWS_E_WEIGHT,
    KIND_GUIDE_ROWS_WEIGHT,
    KIND_ON_GUIDE_ROUNDS,
    KIND_ON_GUIDE_ROWS,
    KIND_ON_GUIDE_ROWS_D,
    KIND_ON_GUIDE_ROWS_E,
    CorpusRow,
    read_corpus,
)

MAX_ROUND_FALL = 0.010  # one point


def _side(first: float, d: float, e: float, rounds: tuple[int, ...], relabel: bool) -> Side:
    return Side(first, d, e_weight=e, rounds=rounds, rounds_weight=GUIDE_ROUNDS_WEIGHT, relabel_rounds=relabel)


def _category_rounds(guide_rounds: bool, earlier: bool) -> tuple[int, ...]:
    return (*(EARLIER_ROUNDS if earlier and guide_rounds else ()), *(GUIDE_ROUNDS if guide_rounds else ()))


MAIN = Candidate(
    _side(GUIDE_ROWS_WEIGHT if GUIDE_ROWS else 0.0, GUIDE_ROWS_D_WEIGHT if GUIDE_ROWS_D else 0.0,
          GUIDE_ROWS_E_WEIGHT if GUIDE_ROWS_E else 0.0,
          _category_rounds(CATEGORY_ON_GUIDE_ROUNDS, CATEGORY_ON_EARLIER_ROUNDS), CATEGORY_ON_EARLIER_ROUNDS),
    _side(KIND_GUIDE_ROWS_WEIGHT if KIND_ON_GUIDE_ROWS else 0.0, KIND_GUIDE_ROWS_D_WEIGHT if KIND_ON_GUIDE_ROWS_D
          else 0.0, KIND_GUIDE_ROWS_E_WEIGHT if KIND_ON_GUIDE_ROWS_E else 0.0,
          GUIDE_ROUNDS if KIND_ON_GUIDE_ROUNDS else (), False), "-")
CATEGORY = {
    "B, category + rounds 21-26": Candidate(replace(MAIN.category, rounds=_category_rounds(True, False),
                                                    relabel_rounds=False), MAIN.kind, "category"),
    "C, category + rounds 15-26": Candidate(replace(MAIN.category, rounds=_category_rounds(True, True),
                                                    relabel_rounds=True), MAIN.kind, "category"),
}
KIND = {"K, kind + rounds 21-26": Candidate(MAIN.category, replace(MAIN.kind, rounds=GUIDE_ROUNDS), "kind")}
SWITCHES = {"B, category + rounds 21-26": "CATEGORY_ON_GUIDE_ROUNDS",
            "C, category + rounds 15-26": "CATEGORY_ON_GUIDE_ROUNDS and CATEGORY_ON_EARLIER_ROUNDS",
            "K, kind + rounds 21-26": "KIND_ON_GUIDE_ROUNDS"}


def fold_trainer(corpus: Sequence[CorpusRow], held: Sequence[dict[str, str]], k: int) -> Trainer:
    """The models that score round k: round k's file left out, every text of it dropped from every training row
    (the corpus' too)."""
    drop = {_key(r["text"]) for r in held}
    return Trainer([r for r in corpus if _key(r.text) not in drop], drop, leave_out=k)


def training_texts(trainer: Trainer, what: str, side: Side) -> set[str]:
    """Every text (spaces collapsed) the ``what`` model on ``side`` learns from in ``trainer``'s fold."""
    extra, guide = trainer.rows(what, side)
    return {_key(r.text) for r in trainer.corpus} | {_key(t) for t, _ in extra} | {_key(r[0]) for r in guide}


@dataclass
class Pooled:
    per_round: dict[int, Scores]
    sizes: dict[int, int]

    def accuracy(self, field: str) -> float:
        total = sum(self.sizes.values())
        return sum(self.sizes[k] * getattr(s, field).accuracy for k, s in self.per_round.items()) / total


def leave_rounds_out(corpus: Sequence[CorpusRow], rounds: Sequence[int],
                     models: Mapping[str, Candidate]) -> dict[str, Pooled]:
    out = {name: Pooled({}, {}) for name in models}
    for k in rounds:
        held = ordinary_rows(HELDOUT_DIR / f"urgency_r{k}.csv")
        trainer = fold_trainer(corpus, held, k)
        for name, candidate in models.items():
            out[name].per_round[k], out[name].sizes[k] = score(trainer.pair(candidate), held), len(held)
        print(f"round {k}: {len(held)} ordinary rows scored; training rows dropped as its texts: {trainer.dropped} "
              f"(corpus {len(corpus) - len(trainer.corpus)})", flush=True)
    return out


def decision(what: str, field: str, base: Pooled, candidates: Mapping[str, Pooled]) -> str | None:
    """Print each round's figures and the pooled ones; the candidate the rule adopts, or None."""
    total = sum(base.sizes.values())
    p = base.accuracy(field)
    se = math.sqrt(p * (1 - p) / total)
    print(f"\n== {what} ({field}), each round left out; {total} rows pooled, one standard error {se:.4f}")
    for name, pooled in {"A, main": base, **candidates}.items():
        cells = ", ".join(f"r{k} {getattr(s, field).accuracy:.4f} / {getattr(s, field).macro_f1:.4f}"
                          for k, s in pooled.per_round.items())
        print(f"{name}: pooled accuracy {pooled.accuracy(field):.4f}; per round accuracy / macro-F1: {cells}")
        print("    recall pooled: " + pooled_recall([getattr(s, field) for s in pooled.per_round.values()]))
    passed: dict[str, float] = {}
    for name, pooled in candidates.items():
        gain = pooled.accuracy(field) - p
        falls = {k: getattr(base.per_round[k], field).accuracy - getattr(s, field).accuracy
                 for k, s in pooled.per_round.items()}
        worst = max(falls, key=lambda k: falls[k])
        ok = gain > se and falls[worst] <= MAX_ROUND_FALL + 1e-9
        print(f"rule for '{name}': pooled {gain:+.4f} (needs > {se:.4f}), worst round r{worst} "
              f"{-falls[worst]:+.4f} (needs ≥ -{MAX_ROUND_FALL:.3f}): {'PASS' if ok else 'FAIL'}")
        if ok:
            passed[name] = pooled.accuracy(field)
    if not passed:
        print(f"DECISION ({what}): REVERT — every switch stays False")
        return None
    best = max(passed, key=lambda n: passed[n])
    print(f"DECISION ({what}): ADOPT '{best}' — set {SWITCHES[best]} = True and rebuild")
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, nargs="*", default=list(GUIDE_ROUNDS),
                        help="the rounds left out one at a time (default: the guide rounds)")
    parser.add_argument("--no-cv", action="store_true", help="skip the corpus 5-fold CV")
    args = parser.parse_args(argv)
    if not set(args.rounds) <= set(GUIDE_ROUNDS):
        parser.error(f"only the guide rounds {GUIDE_ROUNDS} are scored here")
    corpus = read_corpus()
    print(f"guide rounds {GUIDE_ROUNDS}, earlier rounds {EARLIER_ROUNDS}, each row {GUIDE_ROUNDS_WEIGHT}; switches now: "
          f"CATEGORY_ON_GUIDE_ROUNDS = {CATEGORY_ON_GUIDE_ROUNDS}, CATEGORY_ON_EARLIER_ROUNDS = "
          f"{CATEGORY_ON_EARLIER_ROUNDS}, KIND_ON_GUIDE_ROUNDS = {KIND_ON_GUIDE_ROUNDS}")
    if not args.no_cv:
        print_cv(cross_validation(corpus, {**CATEGORY, **KIND}, set(), MAIN), "extra, writers' and rounds' rows")
    results = leave_rounds_out(corpus, args.rounds, {"A, main": MAIN, **CATEGORY, **KIND})
    base = results.pop("A, main")
    decision("category", "category", base, {n: results[n] for n in CATEGORY})
    decision("kind", "kind_filed", base, {n: results[n] for n in KIND})
    print("\n(the kind model alone, pooled: " + ", ".join(
        f"{n} {p.accuracy('kind_model'):.4f}" for n, p in {"A, main": base, **results}.items()) + ")")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
