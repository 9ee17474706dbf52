"""The shipped category and kind models on a held-out urgency set's non-emergency rows.

    PYTHONPATH=. python bench/category_on_urgency_set.py bench/heldout/urgency_r16.csv

An emergency is filed in its hazard's category, so only urgent and normal rows are scored. The category is the
model's after the assessor's safety reading as switched (core/dispatch/safety_reading.py; since branch category26,
the guide's security words when the model is unsure), the one a ticket is filed with. Prints
totals and per-label recall only (no row), so a frozen set can be scored without being read.
"""

from __future__ import annotations

import collections
import csv
import sys

from core.classify.classifier import ComplaintClassifier
from core.config import DEFAULT_CATEGORIES
from core.dispatch.safety_reading import safety_reading


def main(paths: list[str]) -> int:
    model = ComplaintClassifier.load_default()
    categories = [c.name for c in DEFAULT_CATEGORIES]
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["label"] != "emergency"]
        right, kind_right = 0, 0
        seen: collections.Counter[str] = collections.Counter()
        hit: collections.Counter[str] = collections.Counter()
        for row in rows:
            got = model.classify(row["text"])
            category = safety_reading(got.category, row["text"], categories)[0]
            seen[row["category"]] += 1
            if category.label == row["category"]:
                right += 1
                hit[row["category"]] += 1
            kind_right += got.kind.label == row["kind"]
        print(f"{path}: {len(rows)} non-emergency rows; category {right / len(rows):.3f}, kind {kind_right / len(rows):.3f}")
        print("  recall per label:", {k: f"{hit[k]}/{seen[k]}" for k in sorted(seen)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
