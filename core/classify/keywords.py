"""Keyword priors: phrases listed per label in a CSV (e.g. a category tree) that vote for a label.

File layout: a header row, then rows whose first cell is a label and whose other cells are phrases
(``level1,level2,level3`` trees fit as they are). A phrase is used whole and split into its parts
(on 、/和/与/及/spaces, and by jieba). A term votes only if the whole file lists it under exactly one
label: terms shared by several labels (其他, 管理 …) are generic and dropped, without a stop list.
"""

from __future__ import annotations

import csv
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from .segment import cut
from .text import normalize

_SPLIT = re.compile(r"[、，,;；/\s和与及]+")
MIN_TERM_LENGTH = 2


def _terms_of(phrase: str) -> set[str]:
    phrase = normalize(phrase)
    parts = {phrase, *_SPLIT.split(phrase), *cut(phrase)}
    return {p for p in parts if len(p) >= MIN_TERM_LENGTH}


def keyword_table(rows: Iterable[Sequence[str]]) -> dict[str, str]:
    """Map each label-specific term to its label."""
    owners: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        cells = [c.strip() for c in row]
        if len(cells) < 2 or not cells[0]:
            continue
        label = cells[0]
        for phrase in cells[1:]:
            for term in _terms_of(phrase):
                owners[term].add(label)
    return {term: next(iter(labels)) for term, labels in sorted(owners.items()) if len(labels) == 1}


def read_keyword_file(path: str | os.PathLike[str]) -> dict[str, str]:
    """Read a keyword CSV; raises ValueError with a one-line reason if it cannot be used."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError:
        raise ValueError(f"keyword file not found: {path}") from None
    except UnicodeDecodeError:
        raise ValueError(f"keyword file is not UTF-8: {path}") from None
    except (OSError, csv.Error) as exc:
        raise ValueError(f"cannot read keyword file {path}: {exc}") from None
    table = keyword_table(rows[1:])
    if not table:
        raise ValueError(f"keyword file has no usable rows (label, phrase…): {path}")
    return table


def restrict(table: Mapping[str, str], labels: Iterable[str]) -> dict[str, str]:
    """Keep the terms of the labels a model actually predicts."""
    wanted = set(labels)
    return {term: label for term, label in table.items() if label in wanted}
