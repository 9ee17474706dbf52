"""Cross-validation and the accuracy / macro-F1 / per-class / confusion report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from core.progress import SILENT, Progress

from .calibration import softmax
from .model import TextInput, TextModel, TrainOptions, analyze_all, train_analyzed


@dataclass(frozen=True)
class Report:
    labels: tuple[str, ...]
    accuracy: float
    macro_f1: float
    precision: tuple[float, ...]
    recall: tuple[float, ...]
    f1: tuple[float, ...]
    support: tuple[int, ...]
    confusion: npt.NDArray[np.int64]  # rows: true label, columns: predicted

    def format(self) -> str:
        lines = [f"accuracy: {self.accuracy:.4f}", f"macro_f1: {self.macro_f1:.4f}", ""]
        width = max(len(label) for label in self.labels) + 2
        lines.append(f"{'class':<{width}}precision  recall  f1      support")
        for i, label in enumerate(self.labels):
            lines.append(
                f"{label:<{width}}{self.precision[i]:<11.4f}{self.recall[i]:<8.4f}{self.f1[i]:<8.4f}{self.support[i]}"
            )
        lines += ["", "confusion matrix (rows: true, columns: predicted):"]
        lines.append("\t" + "\t".join(self.labels))
        for label, row in zip(self.labels, self.confusion, strict=True):
            lines.append(label + "\t" + "\t".join(str(int(v)) for v in row))
        return "\n".join(lines)


def report(truth: Sequence[str], predicted: Sequence[str], labels: Sequence[str] | None = None) -> Report:
    from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

    names = tuple(labels) if labels is not None else tuple(sorted(set(truth) | set(predicted)))
    p, r, f, s = precision_recall_fscore_support(truth, predicted, labels=list(names), zero_division=0)
    present = [i for i, n in enumerate(s) if n > 0]  # macro over classes that occur in the truth
    return Report(
        labels=names,
        accuracy=float(accuracy_score(truth, predicted)),
        macro_f1=float(np.mean(f[present])) if present else 0.0,
        precision=tuple(float(v) for v in p),
        recall=tuple(float(v) for v in r),
        f1=tuple(float(v) for v in f),
        support=tuple(int(v) for v in s),
        confusion=confusion_matrix(truth, predicted, labels=list(names)),
    )


def check_folds(labels: Sequence[str], folds: int) -> None:
    """Stratified k-fold needs every class in every fold."""
    if folds < 2:
        raise ValueError(f"--cv needs at least 2 folds, got {folds}")
    small = sorted((n, label) for label, n in Counter(labels).items() if n < folds)
    if small:
        listed = ", ".join(f"{label} ({n})" for n, label in small)
        raise ValueError(f"too few rows for {folds}-fold cross-validation in class(es): {listed}")


@dataclass(frozen=True)
class CrossValidation:
    predicted: list[str]
    probabilities: npt.NDArray[np.float64]  # out-of-fold, columns in `labels` order
    labels: tuple[str, ...]
    fold_accuracy: list[float]
    fold_macro_f1: list[float]
    report: Report

    def calibration_error(self, truth: Sequence[str], bins: int = 10) -> float:
        """Expected calibration error of the top label's confidence (0 = confidence is exact)."""
        conf = self.probabilities.max(axis=1)
        correct = np.array([p == t for p, t in zip(self.predicted, truth, strict=True)], dtype=float)
        edges = np.linspace(0, 1, bins + 1)
        ece = 0.0
        for lo, hi in zip(edges[:-1], edges[1:], strict=True):
            mask = (conf > lo) & (conf <= hi)
            if mask.any():
                ece += mask.mean() * abs(conf[mask].mean() - correct[mask].mean())
        return float(ece)


def cross_validate(
    texts: Sequence[TextInput], labels: Sequence[str], folds: int = 5, seed: int = 0, *,
    progress: Progress = SILENT, **options: Any
) -> CrossValidation:
    """Stratified k-fold CV of exactly what `train` does; each text is segmented once."""
    from sklearn.model_selection import StratifiedKFold

    check_folds(labels, folds)
    opts = TrainOptions.from_kwargs(options)
    analyses = analyze_all(texts, opts, progress)
    progress.stage("folds", folds)
    names = tuple(sorted(set(labels)))
    y = np.array(labels, dtype=object)
    probs = np.zeros((len(labels), len(names)))
    fold_acc: list[float] = []
    fold_f1: list[float] = []
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(np.zeros(len(y)), y):
        model = train_analyzed([analyses[i] for i in train_idx], [labels[i] for i in train_idx], opts)
        fold_probs = _probabilities(model, [analyses[i] for i in test_idx])
        column = [names.index(label) for label in model.labels]
        probs[np.ix_(test_idx, column)] = fold_probs
        fold_report = report([labels[i] for i in test_idx], [model.labels[j] for j in fold_probs.argmax(axis=1)])
        fold_acc.append(fold_report.accuracy)
        fold_f1.append(fold_report.macro_f1)
        progress.advance()
    predicted = [names[j] for j in probs.argmax(axis=1)]
    return CrossValidation(predicted, probs, names, fold_acc, fold_f1, report(labels, predicted, names))


def _probabilities(model: TextModel, analyses: Sequence[Any]) -> npt.NDArray[np.float64]:
    x = model.featurizer.matrix(analyses)
    probs = softmax(np.asarray(x @ model.coef.T + model.intercept), model.temperature)
    probs[np.diff(x.indptr) == 0] = model.prior  # same rule as TextModel.probabilities
    return probs


def evaluate_model(model: TextModel, texts: Sequence[TextInput], labels: Sequence[str],
                   progress: Progress = SILENT) -> Report:
    progress.stage("classifying", len(texts))
    predicted = []
    for t in texts:
        predicted.append(model.predict_fields(t).label)
        progress.advance()
    return report(labels, predicted, sorted(set(labels) | set(model.labels)))
