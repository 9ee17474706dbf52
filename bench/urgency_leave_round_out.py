"""Leave one round out: train the urgency model without a held-out round, score that round.

Run:
    PYTHONPATH=. python bench/urgency_leave_round_out.py [--round urgency_r9.csv ...]

A round moved into training (its misses read) scores near 1.0 with the shipped model, which says
nothing about new wording. This rebuilds the model exactly as ``python -m core.text.urgency_train``
does (out-of-fold thresholds, same seeds) from every training file except the round, and scores the
round's copy in ``bench/heldout`` with it. Still optimistic: the danger concepts, the rules and
``urgency_classes.csv`` were written after the round's misses were read; only the model's weights and
thresholds are fitted without it.

A round in ``bench/heldout`` that is no training file (rounds 14 to 21, read for their classes but not trained
on) is scored by the model built from every training file: that model never saw it either.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.config import DEFAULT_CATEGORIES  # noqa: E402
from core.text.urgency import UrgencyAssessment, assess_urgency  # noqa: E402
from core.text.urgency_eval import evaluate, format_confusion, load_labelled  # noqa: E402
from core.text.urgency_model import UrgencyModel  # noqa: E402
from core.text.urgency_train import TRAINING_FILES, build  # noqa: E402

HELDOUT = Path(__file__).resolve().parent / "heldout"
DEFAULT_ROUNDS = ("urgency_r9.csv", "urgency_r10.csv", "urgency_r11.csv", "urgency_r12.csv", "urgency_r13.csv")
BY_HAZARD = {h: c.name for c in DEFAULT_CATEGORIES for h in c.hazards}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--round", action="append", default=[], metavar="NAME",
                        help="a training file that is also in bench/heldout, or a round there (default: r9 to r13)")
    args = parser.parse_args()
    built: dict[tuple[str, ...], UrgencyModel] = {}
    for name in args.round or DEFAULT_ROUNDS:
        if name not in TRAINING_FILES and not (HELDOUT / name).is_file():
            print(f"{name}: neither a training file nor a round in bench/heldout", file=sys.stderr)
            return 2
        started = time.perf_counter()
        files = tuple(f for f in TRAINING_FILES if f != name)
        if files not in built:  # rounds that are no training file share the model built from all of them
            built[files] = build(files=files, verbose=False)
        model = built[files]
        examples = load_labelled(HELDOUT / name)

        assess = partial(assess_urgency, model=model)

        def categorize(text: str, assess: Callable[[str], UrgencyAssessment] = assess) -> str:
            # the emergency's category is the one its hazard is configured for
            return BY_HAZARD.get(assess(text).hazard or "", "")

        ev = evaluate(examples, assess=assess, categorize=categorize)
        print(f"\n== {name} scored by a model trained without it ({len(files)} files, "
              f"{time.perf_counter() - started:.0f} s); thresholds {model.thresholds}")
        print(f"out of fold on the other files: {model.info['out_of_fold']}")
        print(f"emergency recall counting triage: {ev.recall_with_triage:.4f} ({len(ev.missed)} missed)")
        print(f"emergency recall without triage:  {ev.emergency_recall:.4f}")
        print(f"false emergencies / non-emergencies: {ev.false_emergency_rate:.4f}")
        print(f"triage asked / non-emergencies:      {ev.triage_rate:.4f}")
        print(f"emergency precision: {ev.emergency_precision:.4f}")
        if ev.category_accuracy is not None:
            print(f"emergency category by hazard: {ev.category_accuracy:.4f} ({ev.category_right}/{ev.category_total})")
        print(format_confusion(ev))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
