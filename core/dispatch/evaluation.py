"""Scoring routing and the duplicate check against the project's labelled sets (``data/``), for
``bench/dispatch_bench.py`` and the tests. Everything runs in memory: grids come from a grid file,
categories from the real assessor, the decisions from the same pure functions the service uses.

* ``routing_labelled.csv`` — ``text,lat,lng,expected,note``: a resident's message (and optionally a
  shared location) and the grid code it belongs to, empty when only a dispatcher can tell.
* ``duplicate_pairs.csv`` — ``text_a,text_b,label,note``: two messages filed within the window and
  whether they report the same problem (``dup``) or not (``distinct``). Tuning set: the rules were
  written against it. ``duplicate_pairs_heldout.csv`` was written after the rules were frozen.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.dispatch.duplicates import DuplicateRules, Side, judge, plausible_categories
from core.dispatch.grid_import import GridSpec, read_grid_file
from core.dispatch.patterns import parse_pattern
from core.dispatch.router import GridIndex, GridInfo
from core.service.tickets import Assessor
from core.text import Address, match_level

DATA_DIR = Path(__file__).parent / "data"
BENCH_GRIDS = DATA_DIR / "bench_grids.toml"
ROUTING_CSV = DATA_DIR / "routing_labelled.csv"
DUPLICATES_CSV = DATA_DIR / "duplicate_pairs.csv"
DUPLICATES_HELDOUT_CSV = DATA_DIR / "duplicate_pairs_heldout.csv"


def index_from_specs(specs: Sequence[GridSpec]) -> GridIndex:
    return GridIndex(
        [
            GridInfo(
                n,
                spec.code,
                spec.name,
                tuple(parse_pattern(p) for p in spec.patterns),
                spec.polygon,
                spec.center,
                spec.radius_m,
            )
            for n, spec in enumerate(specs, 1)
        ]
    )


def bench_index() -> GridIndex:
    return index_from_specs(read_grid_file(BENCH_GRIDS))


@dataclass(frozen=True)
class RoutingCase:
    text: str
    point: tuple[float, float] | None
    expected: str | None
    note: str


@dataclass
class RoutingResult:
    total: int = 0
    correct: int = 0
    misses: list[tuple[RoutingCase, str | None, str]] = field(default_factory=list)
    routed: int = 0  # cases sent to a grid (right or wrong)
    routed_correct: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    @property
    def precision(self) -> float:
        """Of the tickets sent to a grid, how many went to the right one."""
        return self.routed_correct / self.routed if self.routed else 1.0


def load_routing(path: Path = ROUTING_CSV) -> list[RoutingCase]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cases = []
    for row in rows:
        lat, lng = row.get("lat") or "", row.get("lng") or ""
        point = (float(lat), float(lng)) if lat and lng else None
        cases.append(RoutingCase(row["text"], point, row["expected"].strip() or None, row.get("note") or ""))
    return cases


def evaluate_routing(cases: Sequence[RoutingCase], index: GridIndex) -> RoutingResult:
    result = RoutingResult()
    for case in cases:
        decision = index.decide(index.resolve_address(texts=[case.text]), case.point)
        got = decision.grid.code if decision.grid else None
        result.total += 1
        if got is not None:
            result.routed += 1
            result.routed_correct += got == case.expected
        if got == case.expected:
            result.correct += 1
        else:
            result.misses.append((case, got, decision.reason))
    return result


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    duplicate: bool
    note: str


@dataclass
class DuplicateResult:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    errors: list[tuple[Pair, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn


def load_pairs(path: Path = DUPLICATES_CSV) -> list[Pair]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    bad = sorted({r["label"] for r in rows} - {"dup", "distinct"})
    if bad:
        raise ValueError(f"{path.name}: unknown labels {bad}")
    return [Pair(r["text_a"], r["text_b"], r["label"] == "dup", r.get("note") or "") for r in rows]


def evaluate_duplicates(
    pairs: Sequence[Pair], index: GridIndex, assessor: Assessor, rules: DuplicateRules | None = None
) -> DuplicateResult:
    """The whole check as intake runs it: both messages classified and routed, then compared only
    if they share the category and the grid (or, without a grid, the 小区)."""
    rules = rules or DuplicateRules()
    places = sorted(index.place_names)
    result = DuplicateResult()
    for pair in pairs:
        said, why = _same_problem(pair, index, assessor, rules, places)
        if said and pair.duplicate:
            result.tp += 1
        elif said:
            result.fp += 1
            result.errors.append((pair, why))
        elif pair.duplicate:
            result.fn += 1
            result.errors.append((pair, why))
        else:
            result.tn += 1
    return result


def _same_problem(
    pair: Pair, index: GridIndex, assessor: Assessor, rules: DuplicateRules, places: Sequence[str]
) -> tuple[bool, str]:
    sides = []
    for text in (pair.a, pair.b):
        address = index.resolve_address(texts=[text])
        decision = index.decide(address)
        sides.append((text, address, decision.grid.code if decision.grid else None))
    (ta, aa, ga), (tb, ab, gb) = sides
    # a is on file with its predicted category, b is the new message: compared on every plausible reading
    filed = [assessor.assess(ta).category, *plausible_categories(assessor, ta)]
    readings = plausible_categories(assessor, tb)
    if not set(filed) & set(readings):
        return False, f"categories differ: {'、'.join(filed)} / {'、'.join(readings)}"
    if ga is None and gb is None and match_level(aa, ab) < 1:
        return False, "no grid and no common 小区"
    if ga != gb and not (ga is None or gb is None):
        return False, f"grids differ: {ga} / {gb}"
    if (ga is None) != (gb is None) and match_level(aa, ab) < 1:
        return False, f"grids differ: {ga} / {gb}"
    verdict = judge(Side(ta, aa), Side(tb, ab), rules, places)
    return (
        verdict.duplicate,
        f"{verdict.why}, similarity {verdict.similarity:.2f}, address level {verdict.address_level}",
    )


@dataclass
class OfferResult:
    """The check as a resident meets it: each new report against every report already on file."""

    offers: int = 0
    right: int = 0  # offered the report it really repeats
    should: int = 0  # new reports that do repeat one on file

    @property
    def precision(self) -> float:
        return self.right / self.offers if self.offers else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.should if self.should else 1.0


def evaluate_offers(
    pairs: Sequence[Pair], index: GridIndex, assessor: Assessor, rules: DuplicateRules | None = None
) -> OfferResult:
    """Every first report of the pairs is on file; each second report is checked against all of them
    (same grid or 小区, plausible category, then the best similar one), as intake does."""
    rules = rules or DuplicateRules()
    places = sorted(index.place_names)
    on_file = list(dict.fromkeys(p.a for p in pairs))
    read: dict[str, tuple[Address, str | None, set[str]]] = {}

    def reading(text: str) -> tuple[Address, str | None, set[str]]:
        if text not in read:
            address = index.resolve_address(texts=[text])
            decision = index.decide(address)
            read[text] = (
                address,
                decision.grid.code if decision.grid else None,
                set(plausible_categories(assessor, text)) | {assessor.assess(text).category},
            )
        return read[text]

    result = OfferResult()
    for pair in pairs:
        address, grid, categories = reading(pair.b)
        best: tuple[float, str] | None = None
        for text in on_file:
            other_address, other_grid, other_categories = reading(text)
            if grid is not None and other_grid != grid:
                continue
            if grid is None and match_level(address, other_address) < 1:
                continue
            if not categories & other_categories:
                continue
            verdict = judge(Side(pair.b, address), Side(text, other_address), rules, places)
            if verdict.duplicate and (best is None or verdict.similarity > best[0]):
                best = (verdict.similarity, text)
        result.should += pair.duplicate
        if best is not None:
            result.offers += 1
            result.right += pair.duplicate and best[1] == pair.a
    return result
