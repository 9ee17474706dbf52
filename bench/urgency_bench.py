"""Emergency-detection benchmark on the project's own labelled messages.

Run: ``PYTHONPATH=. python bench/urgency_bench.py``

Two parts, reported separately:
* tuning   — core/text/data/urgency_labelled.csv, used while writing the rules;
* held-out — core/text/data/urgency_heldout.csv, written after the rules were frozen and never used
             to change them, so its figures are the honest estimate.
The first two lines are the held-out figures, in a fixed format for scripts to read.

The rules went through rounds: write a held-out set after freezing, measure it, generalise the rules
from its misses, merge it into the tuning set, freeze again, write a new held-out set. Each round's
held-out figure (below, and in bench/results/) is what the rules of that round scored on messages
they had never seen. Only the last round is still held out.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.text.urgency_eval import (  # noqa: E402
    HELDOUT_CSV,
    TUNING_CSV,
    Evaluation,
    evaluate,
    format_confusion,
    load_labelled,
)

# (round, held-out messages, emergencies, recall, precision) of earlier rounds, before their sets
# were merged into tuning; the full outputs are in bench/results/urgency_heldout_round*.txt
HISTORY = (
    (1, 78, 41, 0.6098, 0.7812),
    (2, 70, 35, 0.6000, 0.8750),
    (3, 60, 30, 0.6333, 0.7600),
)


def _report(name: str, ev: Evaluation) -> None:
    print(f"\n== {name}: {ev.total} messages")
    print(f"emergency_recall: {ev.emergency_recall:.4f}")
    print(f"emergency_precision: {ev.emergency_precision:.4f}")
    print(f"accuracy (3 levels): {ev.accuracy:.4f}")
    print(format_confusion(ev))
    if ev.misclassified:
        print("misclassified:")
        for ex, got in ev.misclassified:
            print(
                f"  [{ex.label} -> {got.level}] {ex.text}  (hazard={got.hazard}, triggers={list(got.triggers)})"
            )


def main() -> int:
    tuning = load_labelled(TUNING_CSV)
    heldout = load_labelled(HELDOUT_CSV) if HELDOUT_CSV.exists() else []
    # headline = the held-out figures: the honest estimate on messages the rules never saw
    headline = evaluate(heldout) if heldout else evaluate(tuning)
    print(f"emergency_recall: {headline.emergency_recall:.4f}")
    print(f"emergency_precision: {headline.emergency_precision:.4f}")
    print(
        f"(headline = {'held-out' if heldout else 'tuning'} part, {headline.total} messages; both parts below)"
    )
    _report("tuning part (rules were written against it)", evaluate(tuning))
    if heldout:
        _report("held-out part (written after the rules were frozen)", evaluate(heldout))
    print("\n== earlier rounds, each measured on its own held-out set before it was merged into tuning")
    for rnd, n, n_em, recall, precision in HISTORY:
        print(f"round {rnd}: {n} messages ({n_em} emergencies) recall {recall:.4f} precision {precision:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
