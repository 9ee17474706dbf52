"""Running a declared category procedure (bench/category_guide_rows*.py) on a few project-written rows, as its tests do."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.classify.trained import run_script


def run_on(tmp_path: Path, script: str, fresh: Sequence[tuple[str, str, str]], monkeypatch: pytest.MonkeyPatch) -> str:
    """The script's output on `fresh` (text, category, kind) written as an urgency set of normal rows, without the CV
    (run as ``__main__`` in this process, its models shared with the other full-data tests: tests/classify/trained.py)."""
    path = tmp_path / "fresh.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("text", "label", "hazard", "category", "kind"))
        writer.writerows((text, "normal", "", category, kind) for text, category, kind in fresh)
    return run_script(script, [str(path), "--no-cv"], monkeypatch)


def key(text: str) -> str:
    """A text as the writers' rows are compared: whitespace runs folded."""
    return " ".join(text.split())


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [s for v in items for s in _strings(v)]


def texts_of(path: Path) -> set[str]:
    """Every text a held-out or training file holds (each CSV cell, each string of a JSONL line), as `key` folds it."""
    if path.suffix == ".jsonl":
        return {key(s) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
                for s in _strings(json.loads(line))}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {key(cell) for row in csv.reader(handle) for cell in row}
