"""How far two labellers agree on a round, and how the shipped category model does where they agree.

    PYTHONPATH=. python bench/label_agreement.py bench/heldout/second_labels_r21_r22.csv \
        bench/heldout/urgency_r21.csv bench/heldout/urgency_r22.csv

The second file(s) are rounds as their writers labelled them; the first, the same texts labelled again by a
second labeller who saw neither the writers' labels nor the code (thirteenth session). The agreement of two
careful people is the ceiling a model's figure is read against: a category model at 0.76 on a round whose two
labellers agree on 0.90 of its rows has most of its errors to win, not a writer's noise. Prints totals only.
"""

from __future__ import annotations

import collections
import csv
import sys

LEVELS = ("emergency", "urgent", "normal")


def _rows(path: str) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return {r["text"]: r for r in csv.DictReader(handle)}


def main(second_path: str, rounds: list[str]) -> int:
    from core.classify.classifier import ComplaintClassifier

    second = _rows(second_path)
    model = ComplaintClassifier.load_default()
    for path in rounds:
        first = _rows(path)
        both = [t for t in first if t in second]
        levels = collections.Counter((first[t]["label"], second[t]["label"]) for t in both)
        print(f"{path}: {len(both)} of {len(first)} rows labelled twice")
        print("  urgency, writer (rows) × second labeller (columns):", " ".join(LEVELS))
        for a in LEVELS:
            print(f"    {a:9s}", " ".join(f"{levels[(a, b)]:4d}" for b in LEVELS))
        non = [t for t in both if first[t]["label"] != "emergency"]
        called = sum(second[t]["label"] == "emergency" for t in non)
        missed = [t for t in both if first[t]["label"] == "emergency" and second[t]["label"] != "emergency"]
        print(f"  the writer's non-emergencies the second labeller calls emergency: {called / len(non):.3f}"
              f" ({called}/{len(non)}); the writer's emergencies it does not: {len(missed)}")
        agreed = [t for t in non if first[t]["category"] == second[t]["category"]]
        said = {t: model.classify(t).category.label for t in non}
        print(f"  category on the writer's {len(non)} non-emergency rows: labellers agree {len(agreed) / len(non):.3f};"
              f" model vs writer {sum(said[t] == first[t]['category'] for t in non) / len(non):.3f},"
              f" vs second {sum(said[t] == second[t]['category'] for t in non) / len(non):.3f},"
              f" on the rows both agree on {sum(said[t] == first[t]['category'] for t in agreed) / len(agreed):.3f}")
        kinds = sum(first[t]["kind"] == second[t]["kind"] for t in both)
        print(f"  kind: labellers agree {kinds / len(both):.3f}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    raise SystemExit(main(sys.argv[1], sys.argv[2:]))
