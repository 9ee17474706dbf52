"""One trained text model (a category model or a kind model): training, prediction, model files."""

from __future__ import annotations

import gzip
import json
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from core.progress import SILENT, Progress

from .calibration import DEFAULT_TEMPERATURE, fit_temperature, softmax
from .features import Analysis, BlockSpec, Featurizer, KeywordPrior, analyze, fit_block
from .keywords import read_keyword_file, restrict
from .supplement import AUTO, SupplementRows, SupplementSetting, rows_for
from .text import Document

if TYPE_CHECKING:
    from scipy import sparse

FORMAT = "community-complaint-bot/text-model"
FORMAT_VERSION = 1
RANKING_SIZE = 5

TextInput = str | Sequence[str]


@dataclass(frozen=True)
class Prediction:
    """One model's answer."""

    label: str
    confidence: float  # probability of `label`
    ranking: tuple[tuple[str, float], ...]  # top labels with probabilities, best first


@dataclass(frozen=True)
class TrainOptions:
    """Knobs of `train`; the defaults are what the benchmark measured (see bench/classify_bench.py)."""

    char_ngram: tuple[int, int] = (1, 3)
    word_ngram: tuple[int, int] = (1, 1)
    head_weight: float = 1.0  # weight of the first text column (subject) blocks
    body_weight: float = 1.0
    char_min_df: int = 2
    word_min_df: int = 1
    keywords: str | os.PathLike[str] | Mapping[str, str] | None = None  # CSV file or term -> label
    # Scale of the keyword-prior features. Small values make the SVM's L2 penalty keep the prior a
    # hint rather than a verdict: repeated CV on the TIPDM sample is flat for weights 0.25-0.7 and
    # worse at 1.0 and above (bench/classify_bench.py). Body matches matter too (head-only is worse).
    keyword_head_weight: float = 0.5
    keyword_body_weight: float = 0.25
    C: float = 1.0
    # "balanced": each label weighs as much as any other in the fit, whatever its share of the
    # training rows, so a broad, frequent label (城乡建设) does not soak up the uncertain messages of
    # a set whose label mix differs; None: rows weigh alike. Chosen by the inner CV (selection.py).
    class_weight: str | None = None
    # Supplementary training text (supplement.py): "auto" (the two shipped government-label files, when
    # the user's labels are mostly theirs), "off", or a CSV path; its rows join training only for
    # the user's labels, each weighing `supplement_weight` of one of the user's rows.
    supplement: SupplementSetting = AUTO
    supplement_weight: float = 0.3  # chosen in 3 of 5 outer folds of the nested CV (the others: off)
    # True: `supplement_weight` is what each label's supplementary rows weigh together, relative to the
    # user's rows of that label (each row weighs supplement_weight × user rows / supplement rows of its
    # label), so a supplement skewed to a few labels adds text without moving the label mix.
    supplement_balance: bool = False
    # True: one SVM over the character n-grams and one over the words, scores averaged (an ensemble
    # that is still one linear model); False: one SVM over both. Chosen by the inner CV.
    ensemble: bool = False
    calibration_folds: int = 5
    seed: int = 0

    @classmethod
    def from_kwargs(cls, options: Mapping[str, Any]) -> TrainOptions:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(f"unknown training option(s): {', '.join(unknown)}")
        values = dict(options)
        for key in ("char_ngram", "word_ngram"):
            if key in values:
                values[key] = tuple(values[key])
        return cls(**values)

    def block_specs(self) -> list[BlockSpec]:
        specs = []
        for field_name, weight in (("head", self.head_weight), ("body", self.body_weight)):
            if weight <= 0:
                continue
            specs.append(BlockSpec(field_name, "char", self.char_ngram, weight, self.char_min_df))  # type: ignore[arg-type]
            if self.word_ngram[1] >= 1:
                specs.append(BlockSpec(field_name, "word", self.word_ngram, weight, self.word_min_df))  # type: ignore[arg-type]
        return specs

    def summary(self) -> dict[str, Any]:
        data = asdict(self)
        if self.keywords is not None and not isinstance(self.keywords, str | os.PathLike):
            data["keywords"] = f"<{len(self.keywords)} terms>"
        elif self.keywords is not None:
            # the file's name, not its path: a model file must not depend on where the checkout is
            data["keywords"] = Path(self.keywords).name
        if self.supplement is not None:
            data["supplement"] = Path(self.supplement).name
        return data


class TextModel:
    """A linear model over TF-IDF features with temperature-calibrated softmax; numpy at predict time."""

    def __init__(
        self,
        labels: Sequence[str],
        featurizer: Featurizer,
        coef: npt.NDArray[np.float64],
        intercept: npt.NDArray[np.float64],
        temperature: float,
        prior: npt.NDArray[np.float64],
        info: Mapping[str, Any] | None = None,
    ) -> None:
        self.labels: tuple[str, ...] = tuple(labels)
        self.featurizer = featurizer
        self.coef = coef  # shape (n_labels, n_features)
        self.intercept = intercept
        self.temperature = temperature
        self.prior = prior  # training label frequencies: the answer when a text gives no evidence
        self.info: dict[str, Any] = dict(info or {})

    # --- prediction ---
    def probabilities(self, text: TextInput) -> npt.NDArray[np.float64]:
        return self.probabilities_of(analyze(Document.of(text), self.featurizer.needs_tokens, memo=True))

    def probabilities_of(self, analysis: Analysis) -> npt.NDArray[np.float64]:
        """`probabilities` of a text already analysed (with tokens if this model uses words)."""
        indices, values = self.featurizer.vector(analysis)
        if not len(indices):
            # Empty text, or nothing the model has seen: the intercepts alone would feign certainty.
            return self.prior.copy()
        return softmax(self.coef[:, indices] @ values + self.intercept, self.temperature)

    def predict(self, text: str) -> Prediction:
        """Classify one message. Empty or unknown text still gets an answer: the label the model
        leans to without evidence, with the low confidence that deserves."""
        return self.predict_fields(text)

    def predict_fields(self, text: TextInput) -> Prediction:
        """Like `predict`, for a model trained on several text columns (subject, detail …)."""
        return self._prediction(self.probabilities(text))

    def predict_analysis(self, analysis: Analysis) -> Prediction:
        return self._prediction(self.probabilities_of(analysis))

    def _prediction(self, probs: npt.NDArray[np.float64]) -> Prediction:
        order = np.argsort(-probs, kind="stable")
        ranking = tuple((self.labels[i], float(probs[i])) for i in order[:RANKING_SIZE])
        return Prediction(ranking[0][0], ranking[0][1], ranking)

    # --- model files ---
    def to_data(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "labels": list(self.labels),
            "features": self.featurizer.to_data(self.labels),
            "coef": [[round(float(x), 6) for x in row] for row in self.coef],
            "intercept": [round(float(x), 6) for x in self.intercept],
            "temperature": self.temperature,
            "prior": [round(float(x), 6) for x in self.prior],
            "info": self.info,
        }

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write a JSON model file (gzip-compressed when the name ends in .gz), atomically."""
        path = Path(path)
        payload = json.dumps(self.to_data(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if path.suffix == ".gz":
            payload = gzip.compress(payload, compresslevel=9, mtime=0)  # mtime=0: reproducible bytes
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(payload)
        os.replace(tmp, path)

    @classmethod
    def from_data(cls, data: Any) -> TextModel:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a text-model file")
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"model file version {data.get('version')} is not supported (need {FORMAT_VERSION})")
        try:
            labels = [str(x) for x in data["labels"]]
            featurizer = Featurizer.from_data(data["features"], labels)
            coef = np.asarray(data["coef"], dtype=np.float64)
            intercept = np.asarray(data["intercept"], dtype=np.float64)
            temperature = float(data["temperature"])
            prior = np.asarray(data["prior"], dtype=np.float64)
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ValueError(f"model file is incomplete or malformed ({exc.__class__.__name__}: {exc})") from None
        n = len(labels)
        if n < 2 or coef.shape != (n, featurizer.n_features) or intercept.shape != (n,) or prior.shape != (n,):
            raise ValueError("model file has inconsistent label/feature dimensions")
        return cls(labels, featurizer, coef, intercept, temperature, prior, data.get("info"))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> TextModel:
        """Read a model file; any problem becomes a ValueError naming the file."""
        data = cls.read_data(path)
        try:
            return cls.from_data(data)
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None

    @staticmethod
    def read_data(path: str | os.PathLike[str]) -> Any:
        """A model file's JSON as written (build_default --check compares two of them)."""
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise ValueError(f"model file not found: {path}") from None
        except OSError as exc:
            raise ValueError(f"cannot read model file {path}: {exc.strerror}") from None
        try:
            if raw[:2] == b"\x1f\x8b":
                raw = gzip.decompress(raw)
            data = json.loads(raw.decode("utf-8"))
        except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError, gzip.BadGzipFile):
            raise ValueError(f"model file is corrupt (not JSON or gzip-JSON): {path}") from None
        return data


# --- training ---


def _linear_fit(x: sparse.csr_matrix, y: npt.NDArray[np.int64], n_labels: int, options: TrainOptions,
                weight: npt.NDArray[np.float64] | None = None,
                views: Sequence[npt.NDArray[np.int64]] = ()) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """One linear SVM; with ``views`` (column sets), one per view and their scores averaged — still one
    linear model, so the model file does not change."""
    if views:
        coef = np.zeros((n_labels, x.shape[1]))
        intercept = np.zeros(n_labels)
        for columns in views:
            c, i = _linear_fit(x[:, columns], y, n_labels, options, weight)
            coef[:, columns] += c / len(views)
            intercept += i / len(views)
        return coef, intercept
    from sklearn.svm import LinearSVC

    svm = LinearSVC(C=options.C, class_weight=options.class_weight, random_state=options.seed, max_iter=5000)
    svm.fit(x, y, sample_weight=weight)
    coef = np.asarray(svm.coef_, dtype=np.float64)
    intercept = np.asarray(svm.intercept_, dtype=np.float64)
    if n_labels == 2:  # sklearn keeps one row for two classes: spread it symmetrically over both
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    return coef, intercept


def _views(featurizer: Featurizer, options: TrainOptions) -> list[npt.NDArray[np.int64]]:
    """With ``options.ensemble``: the character columns and the word columns, each with the keyword
    prior's; otherwise none (one model over all columns)."""
    if not options.ensemble:
        return []
    by_kind: dict[str, list[npt.NDArray[np.int64]]] = {"char": [], "word": []}
    offset = 0
    for block in featurizer.blocks:
        by_kind[block.spec.analyzer].append(np.arange(offset, offset + len(block.vocabulary)))
        offset += len(block.vocabulary)
    shared = [np.arange(offset, featurizer.n_features)]
    if not by_kind["char"] or not by_kind["word"]:
        return []
    return [np.concatenate(by_kind[kind] + shared) for kind in ("char", "word")]


def _out_of_fold_scores(
    x: sparse.csr_matrix, y: npt.NDArray[np.int64], n_labels: int, options: TrainOptions, extra: _Extra | None,
    views: Sequence[npt.NDArray[np.int64]] = (),
) -> npt.NDArray[np.float64] | None:
    """Out-of-fold scores of the user's rows (the supplement, if any, joins every training part)."""
    from scipy import sparse
    from sklearn.model_selection import StratifiedKFold

    folds = min(options.calibration_folds, int(np.bincount(y, minlength=n_labels).min()))
    if folds < 2:
        return None
    scores = np.zeros((len(y), n_labels))
    for train_idx, test_idx in StratifiedKFold(folds, shuffle=True, random_state=options.seed).split(x, y):
        if len(np.unique(y[train_idx])) < n_labels:
            return None
        if extra is None:
            coef, intercept = _linear_fit(x[train_idx], y[train_idx], n_labels, options, views=views)
        else:
            coef, intercept = _linear_fit(
                sparse.vstack([x[train_idx], extra.x], format="csr"),
                np.concatenate([y[train_idx], extra.y]),
                n_labels,
                options,
                np.concatenate([np.ones(len(train_idx)), extra.weight]),
                views,
            )
        scores[test_idx] = x[test_idx] @ coef.T + intercept
    return scores


@dataclass(frozen=True)
class _Extra:
    """Supplementary rows in matrix form: features, label indices, sample weights."""

    x: sparse.csr_matrix
    y: npt.NDArray[np.int64]
    weight: npt.NDArray[np.float64]


def train_analyzed(analyses: Sequence[Analysis], labels: Sequence[str], options: TrainOptions) -> TextModel:
    """Train on documents already analysed (lets cross-validation segment each text only once)."""
    if len(analyses) != len(labels):
        raise ValueError(f"{len(analyses)} texts but {len(labels)} labels")
    label_names = tuple(sorted(set(labels)))
    if len(label_names) < 2:
        raise ValueError("training needs at least two different labels")
    index = {label: i for i, label in enumerate(label_names)}
    y = np.array([index[label] for label in labels], dtype=np.int64)

    supplement = _supplement(options, label_names)
    # The supplement's words and characters join the vocabulary: that is much of what it teaches.
    fit_on = list(analyses) if supplement is None else [*analyses, *supplement.analyses]
    blocks = [fit_block(spec, fit_on) for spec in options.block_specs()]
    keywords = None
    if options.keywords is not None:
        table = (
            read_keyword_file(options.keywords)
            if isinstance(options.keywords, str | os.PathLike)
            else dict(options.keywords)
        )
        terms = restrict(table, label_names)
        if terms:
            keywords = KeywordPrior(
                {t: index[label] for t, label in terms.items()},
                len(label_names),
                options.keyword_head_weight,
                options.keyword_body_weight,
            )
    featurizer = Featurizer(blocks, keywords)
    x = featurizer.matrix(analyses)
    extra = None
    if supplement is not None:
        extra_y = np.array([index[label] for label in supplement.labels], dtype=np.int64)
        extra = _Extra(featurizer.matrix(supplement.analyses), extra_y,
                       _supplement_weights(y, extra_y, options, supplement.own_weights))

    # calibration: on the user's rows only (the supplement is not the messages the model will meet)
    views = _views(featurizer, options)
    oof = _out_of_fold_scores(x, y, len(label_names), options, extra, views)
    temperature = DEFAULT_TEMPERATURE if oof is None else fit_temperature(oof, y)
    if extra is None:
        coef, intercept = _linear_fit(x, y, len(label_names), options, views=views)
    else:
        from scipy import sparse

        coef, intercept = _linear_fit(
            sparse.vstack([x, extra.x], format="csr"),
            np.concatenate([y, extra.y]),
            len(label_names),
            options,
            np.concatenate([np.ones(len(y)), extra.weight]),
            views,
        )
    summary = options.summary()
    if supplement is None:
        # nothing was added: the options that shaped the model are the rest (keeps shipped files stable)
        summary.pop("supplement", None)
        summary.pop("supplement_weight", None)
    if not options.supplement_balance:
        summary.pop("supplement_balance", None)
    if not options.ensemble:
        summary.pop("ensemble", None)
    info: dict[str, Any] = {
        "rows": len(labels),
        "class_counts": dict(sorted(Counter(labels).items())),
        "options": summary,
        "calibrated": oof is not None,
    }
    if supplement is not None:
        info["supplement"] = {
            "file": " + ".join(Path(p).name for p in supplement.paths),
            "rows": len(supplement.labels),
            "weight": options.supplement_weight,
            **({"balanced": True} if options.supplement_balance else {}),
            "class_counts": dict(sorted(Counter(supplement.labels).items())),
        }
        own = [w for w in supplement.own_weights if w is not None]
        if own:
            info["supplement"]["own_weights"] = {"rows": len(own), "total": round(sum(own), 6)}
    prior = np.bincount(y, minlength=len(label_names)) / len(y)
    return TextModel(label_names, featurizer, coef, intercept, temperature, prior, info)


def _supplement_weights(y: npt.NDArray[np.int64], extra_y: npt.NDArray[np.int64], options: TrainOptions,
                        own: Sequence[float | None] = ()) -> npt.NDArray[np.float64]:
    """Each supplementary row's sample weight: its own (the file's weight column) where it has one; the rest
    `supplement_weight` each or, balanced, per label together `supplement_weight` × the user's rows."""
    given = np.array([w is not None for w in own], dtype=bool) if own else np.zeros(len(extra_y), dtype=bool)
    if not options.supplement_balance:
        weights = np.full(len(extra_y), options.supplement_weight)
    else:
        n_labels = int(max(y.max(), extra_y.max())) + 1
        mine = np.bincount(y, minlength=n_labels)
        theirs = np.bincount(extra_y[~given], minlength=n_labels)
        weights = options.supplement_weight * mine[extra_y] / np.maximum(theirs[extra_y], 1)
    if own:
        weights[given] = [w for w in own if w is not None]
    return weights


def _supplement(options: TrainOptions, label_names: Sequence[str]) -> SupplementRows | None:
    if options.supplement_weight <= 0:
        return None
    return rows_for(options.supplement, label_names, options.word_ngram[1] >= 1)


def analyze_all(texts: Sequence[TextInput], options: TrainOptions, progress: Progress = SILENT) -> list[Analysis]:
    need_tokens = options.word_ngram[1] >= 1
    progress.stage("segmenting", len(texts))
    analyses = []
    for t in texts:
        analyses.append(analyze(Document.of(t), need_tokens))
        progress.advance()
    return analyses


def train(texts: Sequence[TextInput], labels: Sequence[str], *, progress: Progress = SILENT,
          **options: Any) -> TextModel:
    """Train a text model. `texts` are messages, or tuples of text columns (subject, detail …)
    whose first column is weighted apart; see `TrainOptions` for the options."""
    opts = TrainOptions.from_kwargs(options)
    analyses = analyze_all(texts, opts, progress)
    progress.stage("fitting")
    return train_analyzed(analyses, labels, opts)
