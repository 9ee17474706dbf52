"""The learned half of the urgency detector: a linear model over character n-grams, danger concepts
and the rules' verdict, applied with numpy and plain dicts (scikit-learn is needed only to train it,
by :mod:`core.text.urgency_train`).

Features of one message (each block L2-normalised and weighted, as the model file says):

* ``char`` — character 1–3-grams of the message folded to Simplified (OpenCC), digits as 0, phones
  and idioms blanked: the wording, including misspellings and dialect the vocabulary never listed;
* ``concept`` — the danger concepts of :mod:`core.text.danger` (``H:gas:now``, ``WS:collapsed`` …);
* ``rule`` — what the reviewed rules said (``R:emergency``, ``R:hazard:gas`` …).
"""

from __future__ import annotations

import gzip
import json
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from core.text.normalize import simplified
from core.text.urgency_vocab import MODESTY

__all__ = [
    "UrgencyModel",
    "Features",
    "featurize",
    "model_text",
    "without_doors",
    "simplified",
    "MODEL_FILE",
    "LEVELS",
    "load_default_model",
]

FORMAT = "community-complaint-bot/urgency-model"
FORMAT_VERSION = 1
MODEL_FILE = "urgency_model.json.gz"
LEVELS = ("emergency", "urgent", "normal")
CHAR_NGRAMS = (1, 3)
_DIGITS = re.compile(r"\d+")
_SKIP = re.compile(r"[\s_#]")



# a door's numbers (3号楼2单元1202, 阳光花园5栋, 8座): where, never how bad — writers put them in emergencies more
# often than in ordinary messages, and the n-grams learned 「号楼0单元」 as danger (twelfth session: 「楼梯扶手断了
# 老人上下楼很危险」 was asked about; with 「幸福里3号楼2单元」 in front it was called an emergency)
_DOOR = re.compile(
    # the estate's name said before its door (阳光花园5栋, 幸福里3号楼) is a place too: its characters are no danger
    r"[\u4e00-\u9fff]{1,4}(?:花园|小区|家园|新村|公寓|大厦|苑|园|里|庭|府|湾)(?=\s*(?:0|[零一二两三四五六七八九十]{1,3}|[a-z])"
    r"(?:号楼|号院|栋楼|栋|幢|座|单元))"
    r"|(?:0|[零一二两三四五六七八九十]{1,3}|[a-z])(?:号楼|号院|栋楼|栋|幢|座|单元|门洞|室)|(?<![0-9])0(?=[\s,，。]|$)"
)


_MODESTY = re.compile(MODESTY)


def model_text(simple: str) -> str:
    """The text the n-grams are taken from: a folded, idiom-blanked, fully Simplified message with
    every number as 0, and the resident's modesty (没什么大事, 不急, 可能是我多心 …) left out: the manner of telling
    must not weigh against what is told (usertest29)."""
    text = _MODESTY.sub(lambda m: "_" * len(m.group()), simple)
    return _DIGITS.sub("0", text)


def without_doors(text_for_model: str) -> str:
    """The message's n-gram text with a door's numbers left out, as the model reads a resident's message — unless
    little is left: a terse call (救命 8栋, 火!!! 3栋) is a cry with where to come, and was learned as one."""
    left = _DOOR.sub("", text_for_model)
    return left if len(_NOT_WORDS.sub("", left)) >= TERSE else text_for_model


TERSE = 6  # characters of words left without the door: fewer is a terse call
_NOT_WORDS = re.compile(r"[\W\d_]+")


@dataclass(frozen=True)
class Features:
    """The tokens of one message per block (before weighting)."""

    char: Counter[str]
    concept: tuple[str, ...]
    rule: tuple[str, ...]


def char_grams(text: str, low: int = CHAR_NGRAMS[0], high: int = CHAR_NGRAMS[1]) -> Counter[str]:
    grams: Counter[str] = Counter()
    for n in range(low, high + 1):
        for i in range(len(text) - n + 1):
            gram = text[i : i + n]
            if not _SKIP.search(gram):
                grams[gram] += 1
    return grams


def featurize(text_for_model: str, concepts: Sequence[str], rule: Sequence[str]) -> Features:
    return Features(char_grams(text_for_model), tuple(concepts), tuple(rule))


class UrgencyModel:
    """Multinomial logistic regression over the three feature blocks."""

    def __init__(
        self,
        vocabulary: Mapping[str, Mapping[str, int]],
        idf: npt.NDArray[np.float64],
        weights: Mapping[str, float],
        coef: npt.NDArray[np.float64],
        intercept: npt.NDArray[np.float64],
        thresholds: Mapping[str, float],
        info: Mapping[str, Any] | None = None,
    ) -> None:
        self.vocabulary = {block: dict(v) for block, v in vocabulary.items()}  # block -> token -> column
        self.idf = idf  # per column (1.0 for concept and rule columns)
        self.weights = dict(weights)  # block -> weight
        self.coef = coef  # (len(LEVELS), n_features)
        self.intercept = intercept
        self.thresholds = dict(thresholds)  # decision thresholds chosen at training (see urgency_train)
        self.info = dict(info or {})
        self._names: list[str] | None = None  # column -> token, built on the first top_features

    @property
    def n_features(self) -> int:
        return int(self.coef.shape[1])

    def vector(self, features: Features) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """Sub-linear TF-IDF per block, each block L2-normalised and weighted (columns, values)."""
        idx_parts: list[npt.NDArray[np.int64]] = []
        val_parts: list[npt.NDArray[np.float64]] = []
        blocks: tuple[tuple[str, Iterable[tuple[str, int]]], ...] = (
            ("char", features.char.items()),
            ("concept", ((t, 1) for t in features.concept)),
            ("rule", ((t, 1) for t in features.rule)),
        )
        for block, counts in blocks:
            vocab = self.vocabulary.get(block, {})
            cols: list[int] = []
            tfs: list[float] = []
            for token, count in counts:
                col = vocab.get(token)
                if col is not None:
                    cols.append(col)
                    tfs.append(1.0 if count == 1 else 1.0 + math.log(count))
            if not cols:
                continue
            idx = np.array(cols, dtype=np.int64)
            val = np.array(tfs, dtype=np.float64) * self.idf[idx]
            norm = float(np.sqrt(val @ val))
            if norm > 0:
                val *= self.weights.get(block, 1.0) / norm
            idx_parts.append(idx)
            val_parts.append(val)
        if not idx_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        return np.concatenate(idx_parts), np.concatenate(val_parts)

    def probabilities(
        self, features: Features, vector: tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]] | None = None
    ) -> dict[str, float]:
        idx, val = vector if vector is not None else self.vector(features)
        scores = self.coef[:, idx] @ val + self.intercept
        z = np.exp(scores - scores.max())
        p = z / z.sum()
        return {level: float(p[i]) for i, level in enumerate(LEVELS)}

    def top_features(
        self,
        features: Features,
        level: str,
        n: int = 5,
        vector: tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]] | None = None,
    ) -> list[str]:
        """The tokens that pushed most towards ``level``: the learned half's reasons."""
        idx, val = vector if vector is not None else self.vector(features)
        if not len(idx):
            return []
        k = LEVELS.index(level)
        others = [i for i in range(len(LEVELS)) if i != k]
        contrib = (self.coef[k, idx] - self.coef[others, :][:, idx].mean(axis=0)) * val
        if self._names is None:
            self._names = [""] * self.n_features
            for block in self.vocabulary.values():
                for tok, col in block.items():
                    self._names[col] = tok
        order = np.argsort(-contrib)[:n]
        return [self._names[int(idx[i])] for i in order if contrib[i] > 0]

    # --- model files ---
    def to_data(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "levels": list(LEVELS),
            "blocks": {
                block: {
                    "weight": self.weights.get(block, 1.0),
                    "tokens": sorted(vocab, key=vocab.__getitem__),
                }
                for block, vocab in self.vocabulary.items()
            },
            "idf": [round(float(x), 5) for x in self.idf],
            "coef": [[round(float(x), 5) for x in row] for row in self.coef],
            "intercept": [round(float(x), 5) for x in self.intercept],
            "thresholds": {k: round(float(v), 4) for k, v in sorted(self.thresholds.items())},
            "info": self.info,
        }

    def save(self, path: str | Path) -> None:
        payload = json.dumps(self.to_data(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        Path(path).write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))

    @classmethod
    def from_data(cls, data: Any) -> UrgencyModel:
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != FORMAT_VERSION:
            raise ValueError("not an urgency model file of a supported version")
        vocabulary: dict[str, dict[str, int]] = {}
        weights: dict[str, float] = {}
        column = 0
        for block, spec in data["blocks"].items():
            vocabulary[block] = {tok: column + i for i, tok in enumerate(spec["tokens"])}
            weights[block] = float(spec["weight"])
            column += len(spec["tokens"])
        coef = np.asarray(data["coef"], dtype=np.float64)
        if coef.shape != (len(LEVELS), column) or len(data["idf"]) != column:
            raise ValueError("urgency model file has inconsistent dimensions")
        return cls(
            vocabulary,
            np.asarray(data["idf"], dtype=np.float64),
            weights,
            coef,
            np.asarray(data["intercept"], dtype=np.float64),
            data["thresholds"],
            data.get("info"),
        )

    @classmethod
    def load(cls, path: str | Path) -> UrgencyModel:
        return cls.from_data(json.loads(gzip.decompress(Path(path).read_bytes()).decode("utf-8")))


_default: UrgencyModel | None = None
_default_lock = threading.Lock()


def load_default_model() -> UrgencyModel | None:
    """The model shipped in ``core/text/data`` (None only while it is being built)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                ref = resources.files("core.text").joinpath("data", MODEL_FILE)
                if not ref.is_file():
                    return None
                _default = UrgencyModel.from_data(json.loads(gzip.decompress(ref.read_bytes()).decode("utf-8")))
    return _default
