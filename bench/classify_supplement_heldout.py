"""Score the category model with and without the shipped supplementary text on held-out files.

    PYTHONPATH=. python bench/classify_supplement_heldout.py --data ../shared/data/tipdm2020 FILE.csv [FILE.csv ...]

Declared before the fresh file existed (2026-12-06): two models trained on all 495 TIPDM rows with the
options that cross-validation on those rows chooses (`train_selected`), one with the supplement at
`classifier train`'s default weight (0.3) and one without it (weight 0), each scored once on each file
(accuracy, macro-F1, per label). Nothing is chosen by looking at the files.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classify_bench import _load_tipdm, _short  # noqa: E402

from core.classify.evaluation import report  # noqa: E402
from core.classify.model import TrainOptions, train  # noqa: E402
from core.classify.selection import train_selected  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args()
    texts, labels = _load_tipdm(args.data)
    _, chosen = train_selected(texts, labels, args.data / "label_hierarchy.csv", supplement="off")
    print(f"options chosen by CV on the {len(labels)} rows (supplement off): {_short(chosen.options)}")
    default_weight = TrainOptions().supplement_weight
    for weight in (default_weight, 0.0):
        options = {**chosen.options, "supplement": "auto" if weight else "off", "supplement_weight": weight}
        model = train(texts, labels, **options)
        print(f"\n== supplement weight {weight} ({model.info.get('supplement') or 'none'})")
        for path in args.files:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
            predicted = [model.predict_fields((r.get("subject") or "", r.get("detail") or "")).label for r in rows]
            truth = [r["label"].strip() for r in rows]
            rep = report(truth, predicted, sorted(set(truth) | set(model.labels)))
            print(f"  {path.name}: {len(rows)} rows; accuracy {rep.accuracy:.4f}; macro_f1 {rep.macro_f1:.4f}")
            print("    " + rep.format().replace("\n", "\n    "))


if __name__ == "__main__":
    main()
