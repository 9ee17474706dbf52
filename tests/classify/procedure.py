"""Running a declared category procedure (bench/category_guide_rows*.py) on a few project-written rows, as its tests do."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_on(tmp_path: Path, script: str, fresh: Sequence[tuple[str, str, str]]) -> str:
    """The script's output on `fresh` (text, category, kind) written as an urgency set of normal rows, without the CV."""
    path = tmp_path / "fresh.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("text", "label", "hazard", "category", "kind"))
        writer.writerows((text, "normal", "", category, kind) for text, category, kind in fresh)
    done = subprocess.run([sys.executable, script, str(path), "--no-cv"], cwd=ROOT, capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return done.stdout
