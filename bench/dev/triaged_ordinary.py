"""Print the ordinary (urgent / normal) rows of held-out rounds that the urgency reader asks the triage question
about, with P(emergency), the rules' level and the reasons, to sort them into classes.

Run:
    PYTHONPATH=. python bench/dev/triaged_ordinary.py [--round 14 --round 15 ...] [--emergencies]

Round 30 is refused: it is the twentieth session's blind measure (round 29's ordinary rows are development data since branch study29). ``--emergencies`` prints the emergencies caught only by the
question (not called) as well, to see what a change to the question would cost. Each row is tagged with the class of
why it was asked (the model alone, the rules' emergency overruled, partial evidence, the model with a lesser concept),
and the counts per class are printed at the end (docs/understanding.md, "The triage question on ordinary complaints").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from collections import Counter  # noqa: E402

from core.text.danger import read_danger  # noqa: E402
from core.text.urgency import assess_urgency, model_alone_reading  # noqa: E402
from core.text.urgency_eval import load_labelled  # noqa: E402
from core.text.urgency_model import load_default_model, simplified  # noqa: E402
from core.text.urgency_rules import EMERGENCY, NORMAL, prepare, rule_urgency  # noqa: E402

HELDOUT = Path(__file__).resolve().parents[1] / "heldout"


def why(text: str, p_em: float, triage: float) -> str:
    """The class of why the question was asked (the first that applies)."""
    rule = rule_urgency(text)
    d = read_danger(simplified(prepare(text)[1]))
    if model_alone_reading(rule, d):
        return "model alone: no rule, hazard, state or cry"
    if rule.level == NORMAL and not d.hazards_now and not d.states_now:
        return "model alone with a cry (救命, 快来人)"
    if rule.level == EMERGENCY and not d.partial():
        return "rules' emergency overruled: " + (
            "water, nobody at risk" if d.water_only() else "contained / held" if d.contained else "other")
    if d.partial():
        return "partial evidence: " + ("contained / held" if d.contained else "said safe" if d.safe else
                                       "a person in a bad state" if d.person_in_state() else "a severe hazard")
    concepts = sorted(set(d.hazards_now) | set(d.states_now)) or ["the rules' urgent"]
    return f"model P ≥ {triage} with a lesser concept: " + "+".join(concepts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--round", type=int, action="append", default=[])
    parser.add_argument("--emergencies", action="store_true")
    args = parser.parse_args()
    rounds = args.round or list(range(14, 30))
    if any(r >= 30 for r in rounds):
        print("round 30 is blind", file=sys.stderr)
        return 2
    total = 0
    classes: Counter[str] = Counter()
    model = load_default_model()
    triage = model.thresholds["triage"] if model else 0.1
    for r in rounds:
        examples = load_labelled(HELDOUT / f"urgency_r{r}.csv")
        ordinary = [e for e in examples if e.label != "emergency"]
        asked = []
        for e in examples:
            u = assess_urgency(e.text)
            if e.label != "emergency" and u.triage:
                asked.append((e, u))
            elif args.emergencies and e.label == "emergency" and u.level != "emergency" and u.triage:
                asked.append((e, u))
        n = sum(1 for e, _ in asked if e.label != "emergency")
        total += n
        print(f"\n== r{r}: {n} of {len(ordinary)} ordinary rows asked ({n / max(1, len(ordinary)):.1%})")
        for e, u in asked:
            rule = rule_urgency(e.text)
            kind = why(e.text, u.emergency_probability, triage)
            classes[kind] += e.label != EMERGENCY
            print(f"  [{e.label[:3]}] P={u.emergency_probability:.2f} R={rule.level[:3]} {e.text}")
            print(f"        {kind} | {' | '.join(u.reasons)}")
    print(f"\ntotal ordinary rows asked: {total}")
    for kind, n in classes.most_common():
        print(f"{n:4d}  {kind}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
