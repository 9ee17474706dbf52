"""Scoring :func:`core.text.urgency.assess_urgency` against a labelled CSV (``text,label``)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.text.urgency import EMERGENCY, NORMAL, URGENT, UrgencyAssessment, assess_urgency

__all__ = [
    "Example",
    "Evaluation",
    "load_labelled",
    "evaluate",
    "format_confusion",
    "DATA_DIR",
    "TUNING_CSV",
    "HELDOUT_CSV",
]

LEVELS = (EMERGENCY, URGENT, NORMAL)
DATA_DIR = Path(__file__).parent / "data"
TUNING_CSV = DATA_DIR / "urgency_labelled.csv"
HELDOUT_CSV = DATA_DIR / "urgency_heldout.csv"


@dataclass(frozen=True)
class Example:
    text: str
    label: str


@dataclass
class Evaluation:
    total: int = 0
    # confusion[true][predicted]
    confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {t: dict.fromkeys(LEVELS, 0) for t in LEVELS}
    )
    misclassified: list[tuple[Example, UrgencyAssessment]] = field(default_factory=list)

    @property
    def emergency_recall(self) -> float:
        row = self.confusion[EMERGENCY]
        actual = sum(row.values())
        return row[EMERGENCY] / actual if actual else 1.0

    @property
    def emergency_precision(self) -> float:
        predicted = sum(self.confusion[t][EMERGENCY] for t in LEVELS)
        return self.confusion[EMERGENCY][EMERGENCY] / predicted if predicted else 1.0

    @property
    def accuracy(self) -> float:
        return sum(self.confusion[t][t] for t in LEVELS) / self.total if self.total else 1.0


def load_labelled(path: Path | str) -> list[Example]:
    """Read ``text,label`` rows; a label outside emergency/urgent/normal is an error."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [Example(r["text"], r["label"].strip()) for r in csv.DictReader(fh)]
    bad = [r for r in rows if r.label not in LEVELS]
    if bad:
        raise ValueError(f"unknown labels: {sorted({r.label for r in bad})}")
    return rows


def evaluate(
    examples: Iterable[Example],
    assess: Callable[[str], UrgencyAssessment] = assess_urgency,
) -> Evaluation:
    ev = Evaluation()
    for ex in examples:
        got = assess(ex.text)
        ev.total += 1
        ev.confusion[ex.label][got.level] += 1
        if got.level != ex.label:
            ev.misclassified.append((ex, got))
    return ev


def format_confusion(ev: Evaluation, levels: Sequence[str] = LEVELS) -> str:
    head = "true\\pred " + " ".join(f"{p:>9}" for p in levels)
    lines = [head] + [f"{t:<9} " + " ".join(f"{ev.confusion[t][p]:>9}" for p in levels) for t in levels]
    return "\n".join(lines)
