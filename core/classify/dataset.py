"""Reading labelled CSV files for training and evaluation, with one-line reasons for bad input."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


class DatasetError(ValueError):
    """The file cannot be used; the message is meant for the person who gave it."""


@dataclass(frozen=True)
class Dataset:
    texts: list[tuple[str, ...]]
    labels: list[str]
    skipped: int  # rows without a label or without any text


def read_labelled_csv(path: str | Path, text_cols: list[str], label_col: str) -> Dataset:
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"file not found: {path}")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames
            if not header:
                raise DatasetError(f"file is empty: {path}")
            missing = [c for c in [*text_cols, label_col] if c not in header]
            if missing:
                raise DatasetError(
                    f"column(s) {', '.join(missing)} not in {path.name}; it has: {', '.join(header)}"
                )
            texts: list[tuple[str, ...]] = []
            labels: list[str] = []
            skipped = 0
            for row in reader:
                fields = tuple((row.get(c) or "").strip() for c in text_cols)
                label = (row.get(label_col) or "").strip()
                if not label or not any(fields):
                    skipped += 1
                    continue
                texts.append(fields)
                labels.append(label)
    except UnicodeDecodeError:
        raise DatasetError(f"file is not UTF-8 text: {path}") from None
    except csv.Error as exc:
        raise DatasetError(f"malformed CSV in {path}: {exc}") from None
    if not labels:
        raise DatasetError(f"no labelled rows in {path}")
    return Dataset(texts, labels, skipped)
