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
    # n-gram counts by (analyzer, low, high, text), when one analysis feeds several blocks and models
    # (a chat message is its own head and body; the classifier runs two models). Off in training,
    # where it would only hold memory.
    memo: dict[tuple[str, int, int, str], Counter[str]] | None = None


def analyze(doc: Document, need_tokens: bool = True, memo: bool = False) -> Analysis:
    head = normalize(doc.head)
    body = head if doc.body == doc.head else normalize(doc.body)
    analysis = Analysis({"head": head, "body": body}, memo={} if memo else None)
    if need_tokens:
        head_tokens = content_tokens(cut(head))
        analysis.tokens = {"head": head_tokens, "body": head_tokens if body == head else content_tokens(cut(body))}
    return analysis


def _block_counts(spec: BlockSpec, analysis: Analysis) -> Counter[str]:
    low, high = spec.ngram
    key = (spec.analyzer, low, high, analysis.text[spec.field])
    if analysis.memo is not None and key in analysis.memo:
        return analysis.memo[key]
    if spec.analyzer == "char":
        counts = Counter(char_ngrams(analysis.text[spec.field], low, high))
    else:
        counts = Counter(word_ngrams(analysis.tokens[spec.field], low, high))
    if analysis.memo is not None:
        analysis.memo[key] = counts
    return counts


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

    def matrix(self, analyses: Sequence[Analysis]) -> sparse.csr_matrix:
        """`vector` of many documents at once, as rows (the training path: one numpy pass, not one a row)."""
        from scipy import sparse

        indptr = [0]
        indices: list[int] = []
        counts: list[int] = []
        get = self.vocabulary.get
        for analysis in analyses:
            for gram, count in _block_counts(self.spec, analysis).items():
                index = get(gram)
                if index is not None:
                    indices.append(index)
                    counts.append(count)
            indptr.append(len(indices))
        cols = np.asarray(indices, dtype=np.int64)
        values = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * self.idf[cols]
        rows = np.repeat(np.arange(len(analyses)), np.diff(indptr))
        norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(analyses)))
        scale = np.divide(self.spec.weight, norms, out=np.zeros_like(norms), where=norms > 0)
        return sparse.csr_matrix((values * scale[rows], cols, np.asarray(indptr, dtype=np.int64)),
                                 shape=(len(analyses), len(self.vocabulary)))


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

    def _hits(self, text: str) -> list[int]:
        hits = [0] * self.n_labels
        for term, label in self.terms.items():
            if term in text:
                hits[label] += 1
        return hits

    def vector(self, analysis: Analysis) -> tuple[list[int], npt.NDArray[np.float64]]:
        indices: list[int] = []
        values: list[float] = []
        head_hits = self._hits(analysis.text["head"])
        # A single message is its own head and body: scan it once.
        same = analysis.text["body"] == analysis.text["head"]
        body_hits = head_hits if same else self._hits(analysis.text["body"])
        parts = ((head_hits, self.head_weight), (body_hits, self.body_weight))
        for offset, (hits, weight) in enumerate(parts):
            for label, n in enumerate(hits):
                if n:
                    indices.append(offset * self.n_labels + label)
                    values.append(weight * math.log1p(n))
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
        """The rows `vector` gives, block by block (training and evaluation)."""
        from scipy import sparse  # training/evaluation only: keeps scipy out of the load time

        parts = [block.matrix(analyses) for block in self.blocks]
        if self.keywords is not None:
            rows, cols, vals = [], [], []
            for row, analysis in enumerate(analyses):
                indices, values = self.keywords.vector(analysis)
                rows.append(np.full(len(indices), row, dtype=np.int64))
                cols.append(np.asarray(indices, dtype=np.int64))
                vals.append(values)
            parts.append(sparse.csr_matrix(
                (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                shape=(len(analyses), self.keywords.size),
            ))
        if not parts:
            return sparse.csr_matrix((len(analyses), 0))
        return sparse.hstack(parts, format="csr")

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
