"""Honest model selection: every choice made inside the fold.

A figure from plain k-fold CV is optimistic when the options being scored (keyword prior on or off
and its weights, n-gram ranges, C, the dispatcher threshold) were themselves chosen by looking at
all the rows. Here they are chosen by an inner cross-validation on the outer fold's training rows
only, and the outer fold scores what that choice gives:

    for each outer fold:
        inner CV on the training part -> the best candidate options
        inner out-of-fold confidences -> the threshold that reaches the stated precision
        train on the whole training part with those options; score the held-out part

The same procedure on all rows (:func:`train_selected`) gives the model that is shipped or saved.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from .evaluation import Report, _probabilities, report
from .features import Analysis
from .model import TextInput, TextModel, TrainOptions, analyze_all, train_analyzed
from .supplement import AUTO, SupplementSetting, applies

# What the inner CV chooses among: two strengths of regularisation, rows weighed alike or each label
# weighed alike (``class_weight``), the supplementary training text (supplement.py) off or at a
# weight relative to the user's rows, and one SVM over characters and words or the average of one
# over each (``ensemble``). ``{keywords}`` is replaced by the caller's keyword file (the label-tree
# prior, chosen in every outer fold of the earlier, wider pools), or dropped when there is none.
# Supplement weights are dropped when the user's labels get no supplement. 16 candidates: with a
# 1,000-row supplement each inner fit takes seconds, and the nested CV fits 15 per candidate.
SUPPLEMENT_WEIGHTS = (0.0, 0.3, 1.0)
CANDIDATES: tuple[Mapping[str, Any], ...] = (
    *(
        {"C": c, "keywords": "{keywords}", "class_weight": cw, "supplement_weight": w}
        for w in SUPPLEMENT_WEIGHTS
        for cw in (None, "balanced")
        for c in (1.0, 0.5)
    ),
    *(
        {"C": c, "keywords": "{keywords}", "class_weight": "balanced", "supplement_weight": w, "ensemble": True}
        for w in SUPPLEMENT_WEIGHTS[1:]
        for c in (1.0, 0.5)
    ),
)
# The inner CV ranks candidates by macro-F1, not accuracy: the label mix of the messages a model will
# meet is not the training rows' mix, and accuracy on the training mix rewards leaning to the frequent
# labels (the 2026-12-06 held-out figure: 城乡建设 recall 0.95, precision 0.48).
DEFAULT_METRIC = "macro_f1"
DEFAULT_PRECISION = 0.90  # of the categories the bot files without asking the dispatcher


@dataclass(frozen=True)
class Selection:
    options: dict[str, Any]  # the chosen candidate
    inner_accuracy: float  # its inner-CV accuracy
    threshold: float  # confidence from which the category is taken without the dispatcher
    inner_score: float = 0.0  # its inner-CV score by the selection metric


@dataclass
class NestedReport:
    fold_accuracy: list[float] = field(default_factory=list)
    fold_macro_f1: list[float] = field(default_factory=list)
    chosen: list[dict[str, Any]] = field(default_factory=list)
    thresholds: list[float] = field(default_factory=list)
    auto_precision: list[float] = field(default_factory=list)  # precision above the threshold
    auto_coverage: list[float] = field(default_factory=list)  # share of messages above it
    report: Report | None = None


def _analyze_memo(texts: Sequence[TextInput]) -> list[Analysis]:
    """Analyses that keep their n-gram counts: the selection fits dozens of models on the same rows."""
    analyses = analyze_all(texts, TrainOptions())
    for analysis in analyses:
        analysis.memo = {}
    return analyses


def candidates_for(keywords: str | os.PathLike[str] | None,
                   pool: Sequence[Mapping[str, Any]] | None = None,
                   labels: Sequence[str] | None = None,
                   supplement: SupplementSetting = AUTO) -> list[dict[str, Any]]:
    """The pool with the caller's keyword file and supplement setting; without a keyword file the
    prior's candidates go, and when ``labels`` get no supplement so do the supplement weights."""
    no_supplement = labels is not None and not applies(supplement, labels)
    out: list[dict[str, Any]] = []
    for cand in CANDIDATES if pool is None else pool:
        if cand.get("keywords") == "{keywords}":
            cand = {k: v for k, v in cand.items() if k != "keywords"}
            if keywords is not None:
                cand["keywords"] = keywords
        if "supplement_weight" in cand or supplement != AUTO:
            if no_supplement and cand.get("supplement_weight", 0.0) > 0:
                continue
            cand = {**cand, "supplement": supplement}
        if dict(cand) not in out:
            out.append(dict(cand))
    return out


def _inner_oof(
    analyses: Sequence[Analysis], labels: Sequence[str], options: dict[str, Any], folds: int, seed: int
) -> tuple[npt.NDArray[np.float64], tuple[str, ...]]:
    from sklearn.model_selection import StratifiedKFold

    names = tuple(sorted(set(labels)))
    probs = np.zeros((len(labels), len(names)))
    # no temperature fitting inside: the ranking decides accuracy; calibration comes with the final fit
    opts = TrainOptions.from_kwargs({**options, "calibration_folds": 0, "seed": seed})
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(np.zeros(len(labels)), labels):
        model = train_analyzed([analyses[i] for i in train_idx], [labels[i] for i in train_idx], opts)
        p = _probabilities(model, [analyses[i] for i in test_idx])
        probs[np.ix_(test_idx, [names.index(label) for label in model.labels])] = p
    return probs, names


def threshold_for_precision(confidence: npt.NDArray[np.float64], correct: npt.NDArray[np.bool_],
                            precision: float) -> float:
    """The lowest confidence from which the answers above it are right at least ``precision`` of the
    time (most messages handled without the dispatcher); 1.0 when no threshold reaches it."""
    order = np.argsort(-confidence, kind="stable")
    hits = np.cumsum(correct[order])
    ok = np.nonzero(hits / np.arange(1, len(order) + 1) >= precision)[0]
    if not len(ok):
        return 1.0
    return float(confidence[order][ok[-1]])


def select(
    analyses: Sequence[Analysis],
    labels: Sequence[str],
    candidates: Sequence[dict[str, Any]],
    folds: int = 3,
    seed: int = 0,
    precision: float = DEFAULT_PRECISION,
    metric: str = DEFAULT_METRIC,
) -> Selection:
    """The candidate with the best inner-CV ``metric`` (``macro_f1`` or ``accuracy``), and its
    threshold for ``precision``."""
    if metric not in ("macro_f1", "accuracy"):
        raise ValueError(f"unknown selection metric {metric!r}")
    best: tuple[float, float, dict[str, Any], npt.NDArray[np.float64], tuple[str, ...]] | None = None
    truth = np.array(labels, dtype=object)
    for cand in candidates:
        probs, names = _inner_oof(analyses, labels, cand, folds, seed)
        predicted = np.array([names[j] for j in probs.argmax(axis=1)], dtype=object)
        acc = float((predicted == truth).mean())
        score = acc if metric == "accuracy" else report(list(truth), list(predicted), names).macro_f1
        if best is None or score > best[0]:
            best = (score, acc, cand, probs, names)
    assert best is not None
    score, acc, cand, probs, names = best
    predicted = np.array([names[j] for j in probs.argmax(axis=1)], dtype=object)
    # the threshold is set on calibrated-like confidences: refit the temperature on these scores
    from .calibration import fit_temperature, softmax

    logits = np.log(np.clip(probs, 1e-12, 1.0))
    y = np.array([names.index(label) for label in labels])
    calibrated = softmax(logits, fit_temperature(logits, y))
    threshold = threshold_for_precision(calibrated.max(axis=1), predicted == truth, precision)
    return Selection(cand, acc, threshold, score)


def nested_cross_validate(
    texts: Sequence[TextInput],
    labels: Sequence[str],
    keywords: str | os.PathLike[str] | None = None,
    outer: int = 5,
    inner: int = 3,
    seed: int = 0,
    precision: float = DEFAULT_PRECISION,
    metric: str = DEFAULT_METRIC,
    candidates: Sequence[Mapping[str, Any]] | None = None,
    supplement: SupplementSetting = AUTO,
) -> NestedReport:
    from sklearn.model_selection import StratifiedKFold

    analyses = _analyze_memo(texts)
    pool = candidates_for(keywords, candidates, labels, supplement)
    names = tuple(sorted(set(labels)))
    predicted: list[str] = [""] * len(labels)
    out = NestedReport()
    splitter = StratifiedKFold(outer, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(np.zeros(len(labels)), labels):
        tr_a = [analyses[i] for i in train_idx]
        tr_y = [labels[i] for i in train_idx]
        chosen = select(tr_a, tr_y, pool, inner, seed, precision, metric)
        model = train_analyzed(tr_a, tr_y, TrainOptions.from_kwargs({**chosen.options, "seed": seed}))
        probs = _probabilities(model, [analyses[i] for i in test_idx])
        fold_pred = [model.labels[j] for j in probs.argmax(axis=1)]
        truth = [labels[i] for i in test_idx]
        for i, p in zip(test_idx, fold_pred, strict=True):
            predicted[i] = p
        fold = report(truth, fold_pred, names)
        conf = probs.max(axis=1)
        right = np.array([p == t for p, t in zip(fold_pred, truth, strict=True)])
        above = conf >= chosen.threshold
        out.fold_accuracy.append(fold.accuracy)
        out.fold_macro_f1.append(fold.macro_f1)
        out.chosen.append({k: (os.fspath(v) if isinstance(v, os.PathLike) else v) for k, v in chosen.options.items()})
        out.thresholds.append(chosen.threshold)
        out.auto_precision.append(float(right[above].mean()) if above.any() else 1.0)
        out.auto_coverage.append(float(above.mean()))
    out.report = report(labels, predicted, names)
    return out


def train_selected(
    texts: Sequence[TextInput],
    labels: Sequence[str],
    keywords: str | os.PathLike[str] | None = None,
    folds: int = 3,
    seed: int = 0,
    precision: float = DEFAULT_PRECISION,
    metric: str = DEFAULT_METRIC,
    candidates: Sequence[Mapping[str, Any]] | None = None,
    supplement: SupplementSetting = AUTO,
) -> tuple[TextModel, Selection]:
    """Choose the options by CV on these rows, then train on all of them (what the nested CV scores)."""
    analyses = _analyze_memo(texts)
    pool = candidates_for(keywords, candidates, labels, supplement)
    chosen = select(analyses, labels, pool, folds, seed, precision, metric)
    model = train_analyzed(analyses, labels, TrainOptions.from_kwargs({**chosen.options, "seed": seed}))
    model.info["selection"] = {
        "options": {k: (os.fspath(v) if isinstance(v, os.PathLike) else v) for k, v in chosen.options.items()},
        "inner_accuracy": round(chosen.inner_accuracy, 4),
        "metric": metric,
        "inner_score": round(chosen.inner_score, 4),
        "threshold_for_precision": {str(precision): round(chosen.threshold, 4)},
    }
    return model, chosen
