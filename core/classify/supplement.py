"""Supplementary training text: labelled messages shipped with the package, added to a user's rows.

A few hundred labelled rows teach a linear model only the sub-topics and phrasings they happen to
contain. The package ships varied messages for the government message-board labels in two files written
apart (``data/gov_supplement.csv``, short messages, and ``data/gov_supplement_tree.csv``, long posts
covering the label tree; see ``data/README.md`` for who wrote them and how); `train` adds their rows
to the user's, at a lower sample weight, and only for labels the user's data has — a user with other
labels (property categories, say) gets nothing from it. Evaluation adds them to the training part of
each fold only (they are never scored).

``TrainOptions.supplement``: ``"auto"`` (the shipped files, when at least half of the user's labels and
at least two are among their labels), ``"off"``, or the path of a CSV file with ``subject,detail,label``
(or ``text,label``) columns, used for whichever labels it shares with the user's rows. An optional ``weight``
column gives a row its own weight, relative to one of the user's rows, in place of ``supplement_weight``
(and outside its balancing); rows with it empty are weighed as the options say.
"""

from __future__ import annotations

import csv
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .features import Analysis, analyze
from .text import Document

_DATA = Path(__file__).resolve().parent / "data"
# Both join "auto": the second was merged by the rule declared in docs/understanding.md ("A second
# supplement covering the tree"; public2 0.689 → 0.713, macro-F1 0.613 → 0.637).
PACKAGE_FILES = (_DATA / "gov_supplement.csv", _DATA / "gov_supplement_tree.csv")
AUTO = "auto"
OFF = "off"
SupplementSetting = str | os.PathLike[str] | None


@dataclass(frozen=True)
class SupplementRows:
    paths: tuple[str, ...]
    analyses: tuple[Analysis, ...]
    labels: tuple[str, ...]
    # each row's own weight (the file's weight column), None where it has none; empty: no file had one
    own_weights: tuple[float | None, ...] = ()


Analysed = tuple[tuple[str, ...], tuple[Analysis, ...], tuple[float | None, ...]]
_cache: dict[tuple[str, int, int, bool], Analysed] = {}
_cache_lock = threading.Lock()


def read_rows(path: Path) -> tuple[list[tuple[str, str]], list[str], list[float | None]]:
    """(subject, detail) texts, labels and own weights (None: the row has none) of a supplement file; rows
    without a label or text are skipped."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            if "label" not in header or not ({"subject", "detail"} & set(header) or "text" in header):
                raise ValueError(f"supplement file {path} needs subject,detail,label or text,label columns")
            texts: list[tuple[str, str]] = []
            labels: list[str] = []
            weights: list[float | None] = []
            for row in reader:
                subject = (row.get("subject") or "").strip()
                detail = (row.get("detail") or row.get("text") or "").strip()
                label = (row.get("label") or "").strip()
                weight = (row.get("weight") or "").strip()
                if label and (subject or detail):
                    texts.append((subject, detail))
                    labels.append(label)
                    weights.append(_weight(path, weight) if weight else None)
    except FileNotFoundError:
        raise ValueError(f"supplement file not found: {path}") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ValueError(f"supplement file {path} is not a UTF-8 CSV ({exc.__class__.__name__})") from None
    return texts, labels, weights


def _weight(path: Path, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise ValueError(f"supplement file {path}: a row's weight must be a positive number, not {text!r}")
    return value


def _analysed(path: Path, need_tokens: bool) -> Analysed:
    # Segmenting a thousand messages takes seconds; cross-validation trains dozens of models.
    if not path.is_file():
        raise ValueError(f"supplement file not found: {path}")
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, need_tokens)
    with _cache_lock:
        hit = _cache.get(key)
    if hit is not None:
        return hit
    texts, labels, weights = read_rows(path)
    # memo: the n-gram counts are kept, as every fold's vocabulary and matrix need them again
    value = (tuple(labels), tuple(analyze(Document.of(t), need_tokens, memo=True) for t in texts), tuple(weights))
    with _cache_lock:
        _cache[key] = value
    return value


def resolve(setting: SupplementSetting, labels: Sequence[str],
            package_files: Sequence[Path] | None = None) -> tuple[Path, ...]:
    """The files whose rows join training on ``labels``, in order (none: empty)."""
    if setting is None or (isinstance(setting, str) and setting == OFF):
        return ()
    if isinstance(setting, str) and setting == AUTO:
        paths = tuple(p for p in (PACKAGE_FILES if package_files is None else package_files) if p.is_file())
        known = {label for path in paths for label in read_labels(path)}
        mine = set(labels)
        shared = mine & known
        # Auto only for a label set that is (mostly) the government one: a partial match would bend
        # a few labels with text written for another taxonomy.
        return paths if len(shared) >= 2 and 2 * len(shared) >= len(mine) else ()
    return (Path(setting),)


def read_labels(path: Path) -> tuple[str, ...]:
    return tuple(sorted(set(read_rows(path)[1])))


def applies(setting: SupplementSetting, labels: Sequence[str]) -> bool:
    """Whether training on ``labels`` gets any supplementary rows."""
    mine = set(labels)
    return any(path.is_file() and set(read_labels(path)) & mine for path in resolve(setting, labels))


def rows_for(setting: SupplementSetting, labels: Sequence[str], need_tokens: bool,
             package_files: Sequence[Path] | None = None) -> SupplementRows | None:
    """The supplement's analysed rows for the labels the user's data has (None when there are none)."""
    paths = resolve(setting, labels, package_files)
    mine = set(labels)
    kept_labels: list[str] = []
    kept: list[Analysis] = []
    own: list[float | None] = []
    for path in paths:
        all_labels, analyses, weights = _analysed(path, need_tokens)
        for label, analysis, weight in zip(all_labels, analyses, weights, strict=True):
            if label in mine:
                kept_labels.append(label)
                kept.append(analysis)
                own.append(weight)
    if not kept:
        return None
    return SupplementRows(tuple(str(p) for p in paths), tuple(kept), tuple(kept_labels),
                          tuple(own) if any(w is not None for w in own) else ())
