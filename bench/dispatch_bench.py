"""Benchmark of routing and the duplicate check (smart dispatch), on the project's labelled sets in
core/dispatch/data/ against the made-up district of bench_grids.toml.

Run: ``PYTHONPATH=. python bench/dispatch_bench.py`` (also printed by bench/classify_bench.py).

* routing — accuracy on messages (and shared locations) labelled with the grid they belong to, or
  with none when only a dispatcher can tell; and the precision of the grids it does pick;
* duplicates — precision and recall of the whole check as intake runs it (both messages classified
  and routed, then compared) on pairs of reports labelled same problem / different problem. The
  pairs are near misses on purpose: the same place and often the same category, so the figures are
  a floor; in real traffic most pairs in a grid are plainly different.

Rounds, as for the urgency rules: the rules were written against the tuning pairs; held-out round 1
was written after a first freeze and measured (the figure below), then its misses were studied and
the rules changed (so it became tuning); round 2 was written after the second freeze and is the
honest estimate. The same for routing: its held-out set was written after the rules were frozen.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.config import DEFAULT_CATEGORIES  # noqa: E402
from core.dispatch.assessor import ClassifierAssessor  # noqa: E402
from core.dispatch.evaluation import (  # noqa: E402
    DATA_DIR,
    DUPLICATES_CSV,
    DUPLICATES_HELDOUT_CSV,
    ROUTING_CSV,
    DuplicateResult,
    bench_index,
    evaluate_duplicates,
    evaluate_offers,
    evaluate_routing,
    load_pairs,
    load_routing,
)

DUPLICATES_HELDOUT2_CSV = DATA_DIR / "duplicate_pairs_heldout2.csv"
ROUTING_HELDOUT_CSV = DATA_DIR / "routing_heldout.csv"
# round 1 held-out, measured before its misses changed the rules (pairs, precision, recall)
HISTORY = ((1, 76, 0.5938, 0.4872),)


def _duplicates(name: str, result: DuplicateResult, show_errors: bool) -> None:
    print(
        f"  {name}: {result.total} pairs ({result.tp + result.fn} same problem)  "
        f"precision {result.precision:.4f}  recall {result.recall:.4f}  (tp {result.tp}, fp {result.fp}, "
        f"fn {result.fn}, tn {result.tn})"
    )
    if show_errors:
        for pair, why in result.errors:
            tag = "missed" if pair.duplicate else "false alarm"
            print(f"      [{tag}] {pair.a} | {pair.b}  ({why})")


def report(show_errors: bool = False) -> None:
    index = bench_index()
    print("== routing (core/dispatch/data/routing_*.csv, grids of bench_grids.toml)")
    for name, path in (("tuning", ROUTING_CSV), ("held-out", ROUTING_HELDOUT_CSV)):
        r = evaluate_routing(load_routing(path), index)
        print(
            f"  {name}: {r.total} messages  routing_accuracy {r.accuracy:.4f}  "
            f"(sent to a grid: {r.routed}, of which right: {r.precision:.4f})"
        )
        for case, got, why in r.misses:
            print(f"      [miss] {case.text} {case.point or ''} expected {case.expected} got {got}: {why}")

    assessor = ClassifierAssessor([c.name for c in DEFAULT_CATEGORIES])
    started = time.perf_counter()
    heldout2 = evaluate_duplicates(load_pairs(DUPLICATES_HELDOUT2_CSV), index, assessor)
    print("\n== duplicate check (core/dispatch/data/duplicate_pairs*.csv)")
    print(f"duplicate_precision: {heldout2.precision:.4f}")
    print(f"duplicate_recall: {heldout2.recall:.4f}")
    print("(headline = held-out round 2, written after the rules were frozen; all sets below)")
    _duplicates("held-out round 2", heldout2, show_errors)
    _duplicates(
        "tuning (round 1 held-out merged in)",
        evaluate_duplicates(load_pairs(DUPLICATES_CSV) + load_pairs(DUPLICATES_HELDOUT_CSV), index, assessor),
        show_errors,
    )
    print("  as residents meet it — each second report checked against every first report on file")
    for name, pairs in (
        ("held-out round 2", load_pairs(DUPLICATES_HELDOUT2_CSV)),
        (
            "all sets",
            load_pairs(DUPLICATES_CSV)
            + load_pairs(DUPLICATES_HELDOUT_CSV)
            + load_pairs(DUPLICATES_HELDOUT2_CSV),
        ),
    ):
        offers = evaluate_offers(pairs, index, assessor)
        print(
            f"    {name}: {offers.offers} offers, {offers.right} of the right ticket: offer precision "
            f"{offers.precision:.4f}, recall {offers.recall:.4f} ({offers.should} reports repeat one on file)"
        )
    for rnd, n, precision, recall in HISTORY:
        print(
            f"  earlier: held-out round {rnd} ({n} pairs) measured before it changed the rules: "
            f"precision {precision:.4f} recall {recall:.4f}"
        )
    print(f"  ({time.perf_counter() - started:.1f} s, classifier included)")


if __name__ == "__main__":
    report(show_errors="--errors" in sys.argv)
