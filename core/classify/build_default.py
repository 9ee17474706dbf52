"""Retrain the shipped default models from the corpus in ``corpus/``.

    python -m core.classify.build_default [--check]

Deterministic: the same corpus and code give byte-identical model files (fixed seeds, gzip mtime 0),
so a diff in the model files always means the corpus or the method changed. ``--check`` retrains in
memory and exits 1 if the shipped files are stale.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.config import DEFAULT_CATEGORIES

from .classifier import DEFAULT_CATEGORY_FILE, DEFAULT_KIND_FILE
from .model import TextModel, train

PACKAGE_DIR = Path(__file__).resolve().parent
CORPUS = PACKAGE_DIR / "corpus" / "messages.csv"
CATEGORY_KEYWORDS = PACKAGE_DIR / "corpus" / "keywords.csv"
KIND_KEYWORDS = PACKAGE_DIR / "corpus" / "kind_keywords.csv"
# The urgency model's labelled messages also carry a property category (text,label,hazard,category,kind):
# ~3,000 ordinary ones the category model can learn from. Round 14 is development data that still lives
# with the held-out sets; it is read from there.
URGENCY_DIR = PACKAGE_DIR.parent / "text" / "data"
EXTRA_FILES = (
    *(URGENCY_DIR / name for name in ("urgency_train.csv", *(f"urgency_r{n}.csv" for n in range(5, 14)))),
    PACKAGE_DIR.parents[1] / "bench" / "heldout" / "urgency_r14.csv",
)
EXTRA_NAME = "urgency_messages.csv"  # the name the model file records (the file itself is made at build time)
# Together, each category's extra rows weigh as much as the corpus' rows of that category: they add
# wording without moving the corpus' label mix (the extra rows are 35 % 工程维修, 19 % 安全管理).
EXTRA_WEIGHT = 1.0
# Whether the shipped category model trains on them: decided by bench/category_extra_rows.py's rule.
TRAIN_ON_EXTRA = True
CATEGORIES = frozenset(c.name for c in DEFAULT_CATEGORIES)


@dataclass(frozen=True)
class CorpusRow:
    text: str
    category: str
    kind: str


def read_corpus(path: Path = CORPUS) -> list[CorpusRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [CorpusRow(r["text"].strip(), r["category"].strip(), r["kind"].strip()) for r in csv.DictReader(handle)]


def extra_category_rows(corpus_texts: Iterable[str], files: Iterable[Path] = EXTRA_FILES) -> list[tuple[str, str]]:
    """(text, category) of the urgency sets' ordinary messages, in file order, each text once.

    Left out: emergencies, whose category is not the model's to give (an emergency is filed in its
    hazard's category, core/config.py) and whose wording (gas, fire, someone collapsed) is not an ordinary
    complaint's — 1,800 of them would teach 安全管理 to mean danger; categories outside the configured
    seven (停车管理, 47 rows); texts already in the corpus."""
    seen = {" ".join(t.split()) for t in corpus_texts}
    rows = []
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            for r in csv.DictReader(handle):
                text, category = r["text"].strip(), r["category"].strip()
                key = " ".join(text.split())
                if r["label"].strip() == "emergency" or category not in CATEGORIES or not key or key in seen:
                    continue
                seen.add(key)
                rows.append((text, category))
    return rows


def write_extra(path: Path, rows: Iterable[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("text", "label"))
        writer.writerows(rows)
    return path


def train_category(rows: Sequence[CorpusRow], extra: Sequence[tuple[str, str]] = ()) -> TextModel:
    """The category model; with ``extra`` rows, they join its vocabulary and fit (never its calibration)."""
    texts, labels = [r.text for r in rows], [r.category for r in rows]
    if not extra:
        return train(texts, labels, keywords=CATEGORY_KEYWORDS, supplement="off")
    with tempfile.TemporaryDirectory() as tmp:
        path = write_extra(Path(tmp) / EXTRA_NAME, extra)
        return train(texts, labels, keywords=CATEGORY_KEYWORDS, supplement=path,
                     supplement_weight=EXTRA_WEIGHT, supplement_balance=True)


def build_models(corpus: Path = CORPUS) -> tuple[TextModel, TextModel]:
    rows = read_corpus(corpus)
    texts = [r.text for r in rows]
    category = train_category(rows, extra_category_rows(texts) if TRAIN_ON_EXTRA else ())
    # The kind of request lives in phrasing (请问, 建议, 举报, 坏了) rather than topic words: its prior
    # is a short list of such cue phrases, which TF-IDF alone dilutes among the topic words.
    kind = train(texts, [r.kind for r in rows], keywords=KIND_KEYWORDS)
    return category, kind


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Retrain the shipped default classifier models.")
    parser.add_argument("--check", action="store_true", help="only verify the shipped files are up to date")
    args = parser.parse_args(argv)
    category, kind = build_models()
    targets = ((category, PACKAGE_DIR / DEFAULT_CATEGORY_FILE), (kind, PACKAGE_DIR / DEFAULT_KIND_FILE))
    if args.check:
        stale = []
        with tempfile.TemporaryDirectory() as tmp:
            for model, target in targets:
                fresh = Path(tmp) / target.name
                model.save(fresh)
                if not target.is_file() or fresh.read_bytes() != target.read_bytes():
                    stale.append(target.name)
        if stale:
            print(f"stale: {', '.join(stale)}; run python -m core.classify.build_default", file=sys.stderr)
            return 1
        print("default models are up to date")
        return 0
    for model, target in targets:
        model.save(target)
        print(f"{target.name}: {model.info['rows']} rows, labels {', '.join(model.labels)}, "
              f"T={model.temperature:.2f}, {target.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
