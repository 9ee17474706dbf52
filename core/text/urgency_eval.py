"""Scoring :func:`core.text.urgency.assess_urgency` against a labelled CSV.

Columns: ``text,label`` (emergency / urgent / normal), optionally ``category`` (the category an
emergency should be filed in), ``hazard`` and ``kind``. What counts:

* an emergency is *caught* when it is called an emergency or the triage question is asked;
* a *false emergency* is a non-emergency called an emergency (triage does not count as one);
* the *triage rate* is the share of non-emergencies on which the question would be asked.
"""

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
    "TRAIN_CSV",
    "HELDOUT_CSV",
]

LEVELS = (EMERGENCY, URGENT, NORMAL)
DATA_DIR = Path(__file__).parent / "data"
TUNING_CSV = DATA_DIR / "urgency_labelled.csv"
TRAIN_CSV = DATA_DIR / "urgency_train.csv"
HELDOUT_CSV = DATA_DIR / "urgency_heldout.csv"


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    category: str = ""
    hazard: str = ""
    kind: str = ""


@dataclass
class Evaluation:
    total: int = 0
    # confusion[true][predicted]
    confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {t: dict.fromkeys(LEVELS, 0) for t in LEVELS}
    )
    triaged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))  # by true label
    missed: list[tuple[Example, UrgencyAssessment]] = field(default_factory=list)  # neither caught
    misclassified: list[tuple[Example, UrgencyAssessment]] = field(default_factory=list)
    category_total: int = 0  # emergencies with a category column, called emergency
    category_right: int = 0
    category_errors: list[tuple[Example, str]] = field(default_factory=list)

    def _count(self, true: Sequence[str], pred: Sequence[str]) -> int:
        return sum(self.confusion[t][p] for t in true for p in pred)

    @property
    def emergencies(self) -> int:
        return self._count([EMERGENCY], LEVELS)

    @property
    def others(self) -> int:
        return self._count([URGENT, NORMAL], LEVELS)

    @property
    def emergency_recall(self) -> float:
        """Called an emergency outright (no triage)."""
        return self.confusion[EMERGENCY][EMERGENCY] / self.emergencies if self.emergencies else 1.0

    @property
    def recall_with_triage(self) -> float:
        caught = self.confusion[EMERGENCY][EMERGENCY] + self.triaged[EMERGENCY]
        return caught / self.emergencies if self.emergencies else 1.0

    @property
    def emergency_precision(self) -> float:
        predicted = self._count(LEVELS, [EMERGENCY])
        return self.confusion[EMERGENCY][EMERGENCY] / predicted if predicted else 1.0

    @property
    def false_emergency_rate(self) -> float:
        return self._count([URGENT, NORMAL], [EMERGENCY]) / self.others if self.others else 0.0

    @property
    def triage_rate(self) -> float:
        """Share of non-emergencies on which the triage question is asked."""
        return (self.triaged[URGENT] + self.triaged[NORMAL]) / self.others if self.others else 0.0

    @property
    def accuracy(self) -> float:
        return sum(self.confusion[t][t] for t in LEVELS) / self.total if self.total else 1.0

    @property
    def category_accuracy(self) -> float | None:
        return self.category_right / self.category_total if self.category_total else None


def load_labelled(path: Path | str) -> list[Example]:
    """Read ``text,label[,category,hazard,kind]`` rows; a label outside the three levels is an error."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = [
            Example(
                r["text"],
                r["label"].strip(),
                (r.get("category") or "").strip(),
                (r.get("hazard") or "").strip(),
                (r.get("kind") or "").strip(),
            )
            for r in csv.DictReader(fh)
        ]
    bad = [r for r in rows if r.label not in LEVELS]
    if bad:
        raise ValueError(f"unknown labels: {sorted({r.label for r in bad})}")
    return rows


def evaluate(
    examples: Iterable[Example],
    assess: Callable[[str], UrgencyAssessment] = assess_urgency,
    categorize: Callable[[str], str] | None = None,
) -> Evaluation:
    """``categorize`` gives the category a text would be filed in (scored on emergencies that carry
    a ``category`` and were called emergencies)."""
    ev = Evaluation()
    for ex in examples:
        got = assess(ex.text)
        ev.total += 1
        ev.confusion[ex.label][got.level] += 1
        if got.triage:
            ev.triaged[ex.label] += 1
        if got.level != ex.label:
            ev.misclassified.append((ex, got))
        if ex.label == EMERGENCY and got.level != EMERGENCY and not got.triage:
            ev.missed.append((ex, got))
        if categorize is not None and ex.category and ex.label == EMERGENCY and got.level == EMERGENCY:
            ev.category_total += 1
            category = categorize(ex.text)
            if category == ex.category:
                ev.category_right += 1
            else:
                ev.category_errors.append((ex, category))
    return ev


def format_confusion(ev: Evaluation, levels: Sequence[str] = LEVELS) -> str:
    head = "true\\pred " + " ".join(f"{p:>9}" for p in levels) + "   triaged"
    lines = [head] + [
        f"{t:<9} " + " ".join(f"{ev.confusion[t][p]:>9}" for p in levels) + f" {ev.triaged[t]:>9}"
        for t in levels
    ]
    return "\n".join(lines)
