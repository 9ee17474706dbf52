"""How far the board's own field on public2 agrees with a reader of the organisers' tree, and the model with each.

    PYTHONPATH=. python bench/public2_agreement.py [--data ../shared/data/tipdm2020] SOURCE \\
        [--labels bench/heldout/public2_independent_labels.csv]

public2 (bench/classify_public2.py) scores the category model against the board's `domain` field mapped to the
TIPDM labels. Issue 15 asks ≥ 0.90 there. This asks what that figure can mean: an independent labeller who saw
neither the board's field nor the code nor the model labelled 320 posts drawn at random (seed 24) from the 1,236
scored rows, by the organisers' tree (label_hierarchy.csv) alone, marking where no level-1 label fits well
(`fit` poor). The labels file keeps only a key per post — the first 12 hex digits of sha1(subject + "|" + detail),
as classify_public2 loads them — never the text (the source states no licence).

Printed, on the labelled posts: the board against the labeller (the ceiling a model that reads the tree as a person
does can reach against the board), the model against the board, the model against the labeller, each on all posts
and on those the labeller found a good fit for; and the labels' confusion between board and labeller.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import classify_public2 as public2  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
LABELS = REPO / "bench" / "heldout" / "public2_independent_labels.csv"


def key_of(message: public2.Message) -> str:
    return hashlib.sha1(f"{message.subject}|{message.detail}".encode()).hexdigest()[:12]


def _rate(pairs: list[tuple[str, str]]) -> str:
    same = sum(a == b for a, b in pairs)
    return f"{same / len(pairs):.3f} ({same}/{len(pairs)})" if pairs else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", type=Path, nargs="+", metavar="SOURCE")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "tipdm2020")
    parser.add_argument("--labels", type=Path, default=LABELS)
    args = parser.parse_args()

    with args.labels.open(encoding="utf-8", newline="") as handle:
        labelled = {row["key"]: row for row in csv.DictReader(handle)}
    messages, _, _ = public2.load(args.sources)
    rows, _, _ = public2.select_rows(messages, public2.tipdm_shingles(args.data))
    found = [(m, board, labelled[key_of(m)]) for m, board in rows if key_of(m) in labelled]
    if len(found) != len(labelled):
        raise SystemExit(f"{len(labelled) - len(found)} labelled keys not found in the sources: wrong snapshot?")

    from classify_bench import _load_tipdm

    from core.classify.selection import train_selected
    from core.classify.supplement import AUTO

    texts, labels = _load_tipdm(args.data)
    model, _ = train_selected(texts, labels, args.data / "label_hierarchy.csv", precision=0.90, supplement=AUTO)
    said = [model.predict_fields((m.subject, m.detail)).label for m, _, _ in found]

    good = [i for i, (_, _, row) in enumerate(found) if row["fit"] == "good"]
    print(f"{len(found)} posts labelled by the tree alone; {len(good)} with a good fit")
    for name, pairs in (
        ("labeller vs board (ceiling against the board)", [(row["label"], b) for _, b, row in found]),
        ("model vs board", [(s, b) for s, (_, b, _) in zip(said, found, strict=True)]),
        ("model vs labeller", [(s, row["label"]) for s, (_, _, row) in zip(said, found, strict=True)]),
    ):
        print(f"{name}: all {_rate(pairs)}; good fit {_rate([pairs[i] for i in good])}")
    both = [i for i, (_, b, row) in enumerate(found) if row["label"] == b]
    print(f"model on the posts where board and labeller agree: {_rate([(said[i], found[i][1]) for i in both])}")
    print("board → labeller, disagreements:")
    for (b, lab), n in Counter((b, row["label"]) for _, b, row in found if b != row["label"]).most_common():
        print(f"  {b} → {lab}: {n}")


if __name__ == "__main__":
    main()
