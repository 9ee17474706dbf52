"""Score the category model with the shipped supplement, with the tree-covering one added, and with that alone.

    PYTHONPATH=. python bench/classify_supplement_tree.py --data ../shared/data/tipdm2020 \
        --public2 /work/.mirror/alfonsocheng1025+liuyanzhejiang/repo [--nested]

Declared before any score (2026-12-06, docs/understanding.md "A second supplement covering the tree"):
three candidates, each trained on all 495 TIPDM rows as `classifier train --select` does (options chosen
by the inner CV, ranked by macro-F1; the supplement a prior choice at weight 0.3 a row):

* A — `core/classify/data/gov_supplement.csv` alone (what `supplement="auto"` uses today);
* B — that file and `gov_supplement_tree.csv` together (their rows concatenated, in that order);
* C — `gov_supplement_tree.csv` alone (for understanding only: never merged by this procedure).

Each is scored once on `bench/heldout/gov_category_r4.csv`, on public2 (`classify_public2.py`'s rows:
every committed data.json, its mapping, its overlap check) and, for the record, on
`bench/heldout/gov_category_r3.csv`. Only totals and per-label precision / recall are printed — no
row, no confusion table. `--nested` adds the nested CV on the 495 rows for each candidate (one seed,
5 outer × 3 inner folds).
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from classify_bench import _load_tipdm, _short, bench_nested  # noqa: E402
from classify_public2 import load, select_rows, tipdm_shingles  # noqa: E402

from core.classify.evaluation import Report, report  # noqa: E402
from core.classify.selection import train_selected  # noqa: E402

DATA = REPO / "core" / "classify" / "data"
SHIPPED = DATA / "gov_supplement.csv"
TREE = DATA / "gov_supplement_tree.csv"
HELDOUT = REPO / "bench" / "heldout"


def concatenated(paths: list[Path], target: Path) -> Path:
    """One subject,detail,label file with the rows of ``paths`` in order (what candidate B trains on)."""
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["subject", "detail", "label"])
        for path in paths:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                for row in csv.DictReader(handle):
                    writer.writerow([row["subject"], row["detail"], row["label"]])
    return target


def per_label(rep: Report) -> str:
    lines = ["    label          precision  recall  support"]
    for name, p, r, n in zip(rep.labels, rep.precision, rep.recall, rep.support, strict=True):
        lines.append(f"    {name:<10}  {p:.3f}      {r:.3f}   {n}")
    return "\n".join(lines)


def held_out_files() -> list[tuple[str, list[tuple[str, str]], list[str]]]:
    sets = []
    for name in ("gov_category_r4.csv", "gov_category_r3.csv"):
        with (HELDOUT / name).open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        sets.append((name, [(r.get("subject") or "", r.get("detail") or "") for r in rows],
                     [r["label"].strip() for r in rows]))
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "tipdm2020")
    parser.add_argument("--public2", type=Path, nargs="+", required=True,
                        help="liuyanzhejiang clone or data.json file(s), as for classify_public2.py")
    parser.add_argument("--precision", type=float, default=0.90)
    parser.add_argument("--nested", action="store_true", help="also the nested CV on the 495 rows per candidate")
    args = parser.parse_args()

    texts, labels = _load_tipdm(args.data)
    messages, read, _ = load(args.public2)
    public2, _, overlapping = select_rows(messages, tipdm_shingles(args.data))
    sets = held_out_files()
    r4, r3 = sets
    sets = [r4, ("public2", [(m.subject, m.detail) for m, _ in public2], [label for _, label in public2]), r3]
    print(f"public2: {len(read)} version(s) of data.json, {len(public2)} mapped rows "
          f"({overlapping} dropped for a run shared with the TIPDM rows)")
    with tempfile.TemporaryDirectory() as tmp:
        both = concatenated([SHIPPED, TREE], Path(tmp) / "gov_supplement+tree.csv")
        candidates = [("A", SHIPPED), ("B", both), ("C", TREE)]
        for name, path in candidates:
            started = time.perf_counter()
            model, chosen = train_selected(texts, labels, args.data / "label_hierarchy.csv",
                                           precision=args.precision, supplement=str(path))
            extra = model.info.get("supplement") or {}
            print(f"\n== candidate {name}: supplement {path.name} ({extra.get('rows', 0)} rows, weight "
                  f"{extra.get('weight')}); `--select` chose {_short(chosen.options)}; threshold "
                  f"{chosen.threshold:.3f} for precision {args.precision:.2f} ({time.perf_counter() - started:.0f} s)")
            for set_name, set_texts, truth in sets:
                predictions = [model.predict_fields(t) for t in set_texts]
                rep = report(truth, [p.label for p in predictions], sorted(set(truth) | set(model.labels)))
                above = [p.confidence >= chosen.threshold for p in predictions]
                right = [p.label == t for p, t in zip(predictions, truth, strict=True)]
                hit = sum(r for r, a in zip(right, above, strict=True) if a)
                print(f"{name} {set_name}: accuracy {rep.accuracy:.4f}  macro_f1 {rep.macro_f1:.4f}  "
                      f"({len(truth)} rows; above the threshold {sum(above) / len(truth):.3f}, "
                      f"precision {hit / max(1, sum(above)):.4f})")
                print(per_label(rep))
        if args.nested:
            for name, path in candidates:
                print(f"\n== nested CV, candidate {name} ({path.name})")
                bench_nested(args.data, args.precision, 1, supplement=str(path))


if __name__ == "__main__":
    main()
