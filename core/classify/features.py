"""TF-IDF feature blocks (characters and jieba words, head and body) plus keyword-prior features.

The featurizer is fitted with scipy at training time and applied with plain dicts and numpy at
prediction time; both paths go through `_block_counts`, so they cannot drift apart.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from .segment import cut
from .text import Document, char_ngrams, content_tokens, normalize, word_ngrams

if TYPE_CHECKING:
    from scipy import sparse

Field = Literal["head", "body"]
Analyzer = Literal["char", "word"]


@dataclass(frozen=True)
class BlockSpec:
    field: Field
    analyzer: Analyzer
    ngram: tuple[int, int]
    weight: float
    min_df: int


@dataclass
class Analysis:
    """What one document is reduced to before n-grams: normalised strings and their tokens."""

    text: dict[Field, str]
    tokens: dict[Field, list[str]] = field(default_factory=dict)


def analyze(doc: Document, need_tokens: bool = True) -> Analysis:
    head = normalize(doc.head)
    body = head if doc.body == doc.head else normalize(doc.body)
    analysis = Analysis({"head": head, "body": body})
    if need_tokens:
        head_tokens = content_tokens(cut(head))
        analysis.tokens = {"head": head_tokens, "body": head_tokens if body == head else content_tokens(cut(body))}
    return analysis


def _block_counts(spec: BlockSpec, analysis: Analysis) -> Counter[str]:
    low, high = spec.ngram
    if spec.analyzer == "char":
        return Counter(char_ngrams(analysis.text[spec.field], low, high))
    return Counter(word_ngrams(analysis.tokens[spec.field], low, high))


@dataclass
class Block:
    spec: BlockSpec
    vocabulary: dict[str, int]
    idf: npt.NDArray[np.float64]

    def vector(self, analysis: Analysis) -> tuple[list[int], npt.NDArray[np.float64]]:
        """Sub-linear TF-IDF, L2-normalised, scaled by the block weight (indices local to the block)."""
        indices: list[int] = []
        tfs: list[float] = []
        for gram, count in _block_counts(self.spec, analysis).items():
            index = self.vocabulary.get(gram)
            if index is not None:
                indices.append(index)
                tfs.append(1.0 + math.log(count))
        values = np.asarray(tfs, dtype=np.float64) * self.idf[indices]
        norm = float(np.sqrt(values @ values)) if len(values) else 0.0
        if norm > 0:
            values *= self.spec.weight / norm
        return indices, values


def fit_block(spec: BlockSpec, analyses: Sequence[Analysis]) -> Block:
    df: Counter[str] = Counter()
    for analysis in analyses:
        df.update(_block_counts(spec, analysis).keys())
    grams = sorted(g for g, n in df.items() if n >= spec.min_df)
    n_docs = len(analyses)
    idf = np.array([math.log((1 + n_docs) / (1 + df[g])) + 1.0 for g in grams], dtype=np.float64)
    return Block(spec, {g: i for i, g in enumerate(grams)}, idf)


@dataclass
class KeywordPrior:
    """Per label, log1p(number of the label's terms found) in the head and in the body."""

    terms: dict[str, int]  # term -> label index
    n_labels: int
    head_weight: float
    body_weight: float

    @property
    def size(self) -> int:
        return 2 * self.n_labels

    def vector(self, analysis: Analysis) -> tuple[list[int], npt.NDArray[np.float64]]:
        indices: list[int] = []
        values: list[float] = []
        for offset, (part, weight) in enumerate((("head", self.head_weight), ("body", self.body_weight))):
            text = analysis.text[part]  # type: ignore[index]
            hits = np.zeros(self.n_labels)
            for term, label in self.terms.items():
                if term in text:
                    hits[label] += 1.0
            for label in np.flatnonzero(hits).tolist():
                indices.append(offset * self.n_labels + label)
                values.append(weight * math.log1p(hits[label]))
        return indices, np.asarray(values, dtype=np.float64)


@dataclass
class Featurizer:
    blocks: list[Block]
    keywords: KeywordPrior | None

    @property
    def needs_tokens(self) -> bool:
        return any(b.spec.analyzer == "word" for b in self.blocks)

    @property
    def n_features(self) -> int:
        return sum(len(b.vocabulary) for b in self.blocks) + (self.keywords.size if self.keywords else 0)

    def vector(self, analysis: Analysis) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        all_indices: list[npt.NDArray[np.int64]] = []
        all_values: list[npt.NDArray[np.float64]] = []
        offset = 0
        parts: list[tuple[int, Block | KeywordPrior]] = []
        for block in self.blocks:
            parts.append((offset, block))
            offset += len(block.vocabulary)
        if self.keywords is not None:
            parts.append((offset, self.keywords))
        for start, part in parts:
            indices, values = part.vector(analysis)
            all_indices.append(np.asarray(indices, dtype=np.int64) + start)
            all_values.append(values)
        return np.concatenate(all_indices), np.concatenate(all_values)

    def matrix(self, analyses: Sequence[Analysis]) -> sparse.csr_matrix:
        from scipy import sparse  # training/evaluation only: keeps scipy out of the load time

        rows, cols, vals = [], [], []
        for row, analysis in enumerate(analyses):
            indices, values = self.vector(analysis)
            rows.append(np.full(len(indices), row, dtype=np.int64))
            cols.append(indices)
            vals.append(values)
        return sparse.csr_matrix(
            (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
            shape=(len(analyses), self.n_features),
        )

    # --- serialisation (plain JSON-able data) ---
    def to_data(self, labels: Sequence[str]) -> dict[str, Any]:
        return {
            "blocks": [
                {
                    "field": b.spec.field,
                    "analyzer": b.spec.analyzer,
                    "ngram": list(b.spec.ngram),
                    "weight": b.spec.weight,
                    "min_df": b.spec.min_df,
                    "vocabulary": sorted(b.vocabulary, key=b.vocabulary.__getitem__),
                    "idf": [round(float(x), 6) for x in b.idf],
                }
                for b in self.blocks
            ],
            "keywords": None
            if self.keywords is None
            else {
                "head_weight": self.keywords.head_weight,
                "body_weight": self.keywords.body_weight,
                "terms": {t: labels[i] for t, i in sorted(self.keywords.terms.items())},
            },
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any], labels: Sequence[str]) -> Featurizer:
        blocks = []
        for raw in data["blocks"]:
            spec = BlockSpec(
                field=raw["field"],
                analyzer=raw["analyzer"],
                ngram=(int(raw["ngram"][0]), int(raw["ngram"][1])),
                weight=float(raw["weight"]),
                min_df=int(raw["min_df"]),
            )
            if spec.field not in ("head", "body") or spec.analyzer not in ("char", "word"):
                raise ValueError(f"unknown feature block {spec.field}/{spec.analyzer}")
            vocabulary = {str(g): i for i, g in enumerate(raw["vocabulary"])}
            idf = np.asarray(raw["idf"], dtype=np.float64)
            if len(idf) != len(vocabulary):
                raise ValueError("vocabulary and idf lengths differ")
            blocks.append(Block(spec, vocabulary, idf))
        keywords = None
        if data.get("keywords"):
            raw_kw = data["keywords"]
            index = {label: i for i, label in enumerate(labels)}
            keywords = KeywordPrior(
                terms={str(t): index[label] for t, label in raw_kw["terms"].items()},
                n_labels=len(labels),
                head_weight=float(raw_kw["head_weight"]),
                body_weight=float(raw_kw["body_weight"]),
            )
        return cls(blocks, keywords)
