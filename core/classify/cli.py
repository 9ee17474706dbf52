"""`complaint-bot classifier train` and `classifier evaluate` (their options: bot/cli_options/ticket.py;
bot/commands/classifier.py shows their progress).

Errors in the user's input (files, columns, classes, model files) end with exit code 2 and one line on
stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from core.progress import SILENT, Progress

from .dataset import DatasetError, read_labelled_csv
from .evaluation import check_folds, cross_validate, evaluate_model
from .model import TextModel, train
from .selection import train_selected
from .supplement import AUTO, OFF

EXIT_USAGE = 2


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _supplement(args: argparse.Namespace) -> str:
    value = str(getattr(args, "supplement", None) or AUTO)
    return value if value in (AUTO, OFF) else str(Path(value))


def _train_options(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {"supplement": _supplement(args)}
    if args.keywords:
        options["keywords"] = args.keywords
    return options


def cmd_train(args: argparse.Namespace, progress: Progress = SILENT) -> int:
    try:
        data = read_labelled_csv(args.file, args.text_col, args.label_col)
        if getattr(args, "select", False):
            progress.stage("choosing options by cross-validation")
            model, chosen = train_selected(data.texts, data.labels, args.keywords, precision=args.precision,
                                           supplement=_supplement(args))
        else:
            model = train(data.texts, data.labels, progress=progress, **_train_options(args))
        model.save(args.model)
    except (ValueError, OSError) as exc:
        return _fail(str(exc))
    counts = Counter(data.labels)
    print(f"trained on {len(data.labels)} rows ({data.skipped} skipped without text or label), {len(counts)} classes:")
    for label, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {label}: {n}")
    extra = model.info.get("supplement")
    if extra:
        print(f"  + {extra['rows']} supplementary rows ({extra['file']}, weight {extra['weight']}) for those labels")
    selection = model.info.get("selection")
    if selection:
        options = ", ".join(f"{k}={v}" for k, v in selection["options"].items() if k not in ("keywords", "supplement"))
        threshold = next(iter(selection["threshold_for_precision"].items()))
        print(f"options chosen by {selection['metric']} in CV: {options}; dispatcher threshold "
              f"{threshold[1]} for precision {threshold[0]}")
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
