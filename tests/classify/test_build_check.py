"""`python -m core.classify.build_default --check` says stale only when the retrained model differs from the
shipped one, not when a number moved in its last digits (the temperature is written unrounded, and its 12th digit
follows the machine's summation order — the check once failed on an unchanged main for that)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.classify.build_default import CHECK_TOLERANCE, PACKAGE_DIR, differs, first_difference
from core.classify.classifier import DEFAULT_KIND_FILE
from core.classify.model import TextModel


@pytest.fixture(scope="module")
def shipped() -> TextModel:
    return TextModel.load(PACKAGE_DIR / DEFAULT_KIND_FILE)


@pytest.fixture(scope="module")
def saved(shipped: TextModel, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped kind model written once for the module's tests (a save gzips ~1 MB at level 9: 1.4 s)."""
    target = tmp_path_factory.mktemp("saved") / DEFAULT_KIND_FILE
    shipped.save(target)
    return target


def test_a_temperature_a_machine_apart_is_the_same_model(shipped: TextModel, saved: Path) -> None:
    nudged = copy.copy(shipped)
    nudged.temperature = shipped.temperature * (1 + 3e-13)
    assert nudged.temperature != shipped.temperature
    assert differs(nudged, saved) is None


def test_a_changed_weight_or_label_is_stale(shipped: TextModel, saved: Path, tmp_path: Path) -> None:
    heavier = copy.copy(shipped)
    heavier.coef = shipped.coef.copy()
    heavier.coef[1, 7] += 0.01
    assert differs(heavier, saved) == f".coef[1][7]: {round(float(heavier.coef[1, 7]), 6)!r}, " \
                                       f"shipped {round(float(shipped.coef[1, 7]), 6)!r}"
    assert differs(shipped, tmp_path / "missing.json.gz") == "missing"


def test_the_comparison_reads_every_kind_of_value() -> None:
    data = {"labels": ["咨询", "报修"], "coef": [[0.5, -0.25]], "temperature": 1.0, "info": {"rows": 10, "seed": True}}
    assert first_difference(data, json.loads(json.dumps(data))) is None
    near = copy.deepcopy(data)
    near["coef"][0][1] -= CHECK_TOLERANCE / 2  # one rounding step at the sixth decimal
    assert first_difference(near, data) is None
    assert first_difference({**data, "labels": ["咨询", "投诉"]}, data) == ".labels[1]: '投诉', shipped '报修'"
    assert first_difference({**data, "coef": [[0.5]]}, data) == ".coef[0]: 1 items, shipped 2"
    assert first_difference({**data, "info": {"rows": 10, "seed": 1}}, data) is not None  # True is not the number 1
    assert first_difference({**data, "extra": 1}, data) == "top: fields ['extra']"


def test_the_shipped_files_pass_the_check() -> None:
    """Retrains both models from the corpus (about half a minute): the files in the repository are what the
    corpus and the code make. In a fresh interpreter: a test earlier in the same worker may have taught jieba's
    process-wide dictionary a place name (幸福里小区), which changes the words the retrained model reads."""
    run = subprocess.run([sys.executable, "-m", "core.classify.build_default", "--check"],
                         capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
