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
from dataclasses import dataclass
from pathlib import Path

from .classifier import DEFAULT_CATEGORY_FILE, DEFAULT_KIND_FILE
from .model import TextModel, train

PACKAGE_DIR = Path(__file__).resolve().parent
CORPUS = PACKAGE_DIR / "corpus" / "messages.csv"
CATEGORY_KEYWORDS = PACKAGE_DIR / "corpus" / "keywords.csv"


@dataclass(frozen=True)
class CorpusRow:
    text: str
    category: str
    kind: str


def read_corpus(path: Path = CORPUS) -> list[CorpusRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [CorpusRow(r["text"].strip(), r["category"].strip(), r["kind"].strip()) for r in csv.DictReader(handle)]


def build_models(corpus: Path = CORPUS) -> tuple[TextModel, TextModel]:
    rows = read_corpus(corpus)
    texts = [r.text for r in rows]
    category = train(texts, [r.category for r in rows], keywords=CATEGORY_KEYWORDS)
    # The kind of request lives in phrasing (请问, 建议, 举报, 坏了) rather than topic words: no prior.
    kind = train(texts, [r.kind for r in rows])
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
