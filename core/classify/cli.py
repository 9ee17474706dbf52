"""`complaint-bot classifier train` and `classifier evaluate` (their options: bot/cli_options/ticket.py;
bot/commands/classifier.py shows their progress).

Errors in the user's input (files, columns, classes, model files) end with exit code 2 and one line on
stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any

from core.progress import SILENT, Progress

from .dataset import DatasetError, read_labelled_csv
from .evaluation import check_folds, cross_validate, evaluate_model
from .model import TextModel, train

EXIT_USAGE = 2


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _train_options(args: argparse.Namespace) -> dict[str, Any]:
    return {"keywords": args.keywords} if args.keywords else {}


def cmd_train(args: argparse.Namespace, progress: Progress = SILENT) -> int:
    try:
        data = read_labelled_csv(args.file, args.text_col, args.label_col)
        model = train(data.texts, data.labels, progress=progress, **_train_options(args))
        model.save(args.model)
    except (ValueError, OSError) as exc:
        return _fail(str(exc))
    counts = Counter(data.labels)
    print(f"trained on {len(data.labels)} rows ({data.skipped} skipped without text or label), {len(counts)} classes:")
    for label, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {label}: {n}")
    print(f"model written to {args.model}")
    return 0


def cmd_evaluate(args: argparse.Namespace, progress: Progress = SILENT) -> int:
    try:
        data = read_labelled_csv(args.file, args.text_col, args.label_col)
        if args.model is not None:
            model = TextModel.load(args.model)
            result = evaluate_model(model, data.texts, data.labels, progress)
            print(f"model {args.model} on {len(data.labels)} rows")
        else:
            check_folds(data.labels, args.cv)
            cv = cross_validate(data.texts, data.labels, folds=args.cv, progress=progress, **_train_options(args))
            result = cv.report
            print(f"{args.cv}-fold stratified cross-validation on {len(data.labels)} rows")
    except (DatasetError, ValueError, OSError) as exc:
        return _fail(str(exc))
    print(result.format())
    return 0
