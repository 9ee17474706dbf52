"""Category and kind models trained once per test process on the full training data.

Several tests (the guide-row files, the wider keyword prior, the declared procedures run on a few rows, the shipped
files' check) train the same model from the same rows: the model main ships, or main's without the rows under test.
Training is deterministic (tests/classify/test_model.py), so a model trained from equal arguments is the same model;
`category` and `kind` train each distinct argument list once and hand the same model to every later caller. The
key is every argument the real function receives (its defaults filled in), so a change in the rows or weights a
test or a procedure passes trains a new model — what each test checks is unchanged.

While training, the segmenter's answer for a text is kept too (the same few thousand texts are cut for each model),
keyed on the words added to the segmenter so far (`segment.add_words` only appends).

The tests that use this carry the xdist group `FULL_TRAINING`, so under pytest-xdist they run in one worker and
share its models.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import io
import runpy
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import bench.category_procedure
from core.classify import build_default, features, segment
from core.classify.model import TextModel

FULL_TRAINING = "full_training"  # the xdist group of the tests that train on the full data
ROOT = Path(__file__).resolve().parents[2]

_REAL: dict[str, Callable[..., TextModel]] = {"category": build_default.train_category,
                                              "kind": build_default.train_kind}
_models: dict[str, TextModel] = {}
_cuts: dict[tuple[int, int, str], list[str]] = {}
_real_cut = segment.cut  # what features.analyze calls (features imports it by name)
trainings = {"category": 0, "kind": 0}  # models actually trained in this process (the rest were shared)


def _plain(value: Any) -> Any:
    """Lists and tuples alike (one caller passes a list, another a tuple of the same rows)."""
    if isinstance(value, list | tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _plain(v)) for k, v in value.items())
    return value


def _key(what: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    bound = inspect.signature(_REAL[what]).bind(*args, **kwargs)
    bound.apply_defaults()
    arguments = {name: _plain(value) for name, value in bound.arguments.items()}
    return hashlib.sha256(repr((what, sorted(arguments.items()))).encode("utf-8")).hexdigest()


def _cut(text: str) -> list[str]:
    default = segment.default_segmenter()
    key = (id(default), len(default._extra_words), text)
    hit = _cuts.get(key)
    if hit is None:
        hit = _cuts[key] = _real_cut(text)
    return list(hit)


def _once(what: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> TextModel:
    key = _key(what, args, kwargs)
    if key not in _models:
        setattr(features, "cut", _cut)  # noqa: B010 (features does not export the name it imported)
        try:
            _models[key] = _REAL[what](*args, **kwargs)
        finally:
            setattr(features, "cut", _real_cut)  # noqa: B010
        trainings[what] += 1
    return _models[key]


def category(*args: Any, **kwargs: Any) -> TextModel:
    """`build_default.train_category(*args, **kwargs)`, trained once per distinct arguments."""
    return _once("category", args, kwargs)


def kind(*args: Any, **kwargs: Any) -> TextModel:
    """`build_default.train_kind(*args, **kwargs)`, trained once per distinct arguments."""
    return _once("kind", args, kwargs)


def share(monkeypatch: pytest.MonkeyPatch) -> None:
    """Code that trains through build_default (build_models, a procedure script run in this process) gets its
    models from `category` and `kind`."""
    for module in (build_default, bench.category_procedure):
        monkeypatch.setattr(module, "train_category", category)
        monkeypatch.setattr(module, "train_kind", kind)


def run_script(script: str, argv: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """What ``python script *argv`` prints, run in this process (as ``__main__``) with shared models; a non-zero
    exit or an exception fails the test."""
    share(monkeypatch)
    monkeypatch.setattr(sys, "argv", [script, *argv])
    monkeypatch.setattr(sys, "path", list(sys.path))  # the script puts the checkout first
    out = io.StringIO()
    with contextlib.redirect_stdout(out), _exit_zero():
        runpy.run_path(str(ROOT / script), run_name="__main__")
    return out.getvalue()


@contextlib.contextmanager
def _exit_zero() -> Iterator[None]:
    try:
        yield
    except SystemExit as done:
        assert done.code in (0, None), f"exit status {done.code}"
