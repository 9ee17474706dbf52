"""`urgency_train --check` tells a stale model from one a rounding step away (another machine's BLAS)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from core.text.urgency_train import same_model


def _model(path: Path, coef: float, thresholds: dict[str, float] | None = None) -> Path:
    data = {"coef": [[0.12345, coef]], "thresholds": thresholds or {"emergency": 0.6}, "labels": ["a", "b"]}
    path.write_bytes(gzip.compress(json.dumps(data).encode(), mtime=0))
    return path


def test_a_rounding_step_apart_is_the_same_model(tmp_path: Path) -> None:
    assert same_model(_model(tmp_path / "a.gz", 0.50001), _model(tmp_path / "b.gz", 0.50002))


def test_a_retrained_model_is_stale(tmp_path: Path) -> None:
    shipped = _model(tmp_path / "a.gz", 0.5)
    assert not same_model(_model(tmp_path / "b.gz", 0.51), shipped)
    assert not same_model(_model(tmp_path / "c.gz", 0.5, {"emergency": 0.55}), shipped)
