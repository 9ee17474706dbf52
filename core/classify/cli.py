"""`classifier train` and `classifier evaluate` subcommands.

Errors in the user's input (files, columns, classes, model files) end with exit code 2 and one line on
stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from .dataset import DatasetError, read_labelled_csv
from .evaluation import check_folds, cross_validate, evaluate_model
from .model import TextModel, train

EXIT_USAGE = 2


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _add_data_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.csv", help="UTF-8 CSV with a header row")
    parser.add_argument(
        "--text-col",
        action="append",
        required=True,
        metavar="COL",
        help="text column; repeat to join several (the first, e.g. a subject, is weighted apart)",
    )
    parser.add_argument("--label-col", required=True, metavar="COL")
    parser.add_argument(
        "--keywords",
        type=Path,
        metavar="FILE.csv",
        help="keyword prior: CSV of label,phrase[,phrase…] rows (a category tree fits as it is)",
    )


def _train_options(args: argparse.Namespace) -> dict[str, Any]:
    return {"keywords": args.keywords} if args.keywords else {}


def cmd_train(args: argparse.Namespace) -> int:
    try:
        data = read_labelled_csv(args.file, args.text_col, args.label_col)
        model = train(data.texts, data.labels, **_train_options(args))
        model.save(args.model)
    except (ValueError, OSError) as exc:
        return _fail(str(exc))
    counts = Counter(data.labels)
    print(f"trained on {len(data.labels)} rows ({data.skipped} skipped without text or label), {len(counts)} classes:")
    for label, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {label}: {n}")
    print(f"model written to {args.model}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    try:
        data = read_labelled_csv(args.file, args.text_col, args.label_col)
        if args.model is not None:
            model = TextModel.load(args.model)
            result = evaluate_model(model, data.texts, data.labels)
            print(f"model {args.model} on {len(data.labels)} rows")
        else:
            check_folds(data.labels, args.cv)
            cv = cross_validate(data.texts, data.labels, folds=args.cv, **_train_options(args))
            result = cv.report
            print(f"{args.cv}-fold stratified cross-validation on {len(data.labels)} rows")
    except (DatasetError, ValueError, OSError) as exc:
        return _fail(str(exc))
    print(result.format())
    return 0


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `classifier` command (with `train` and `evaluate`) to an argparse subparsers object."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "classifier", help="train and evaluate the smart-dispatch text classifier"
    )
    commands = parser.add_subparsers(dest="classifier_command", metavar="{train,evaluate}", required=True)

    train_parser = commands.add_parser("train", help="train a model file from a labelled CSV")
    _add_data_arguments(train_parser)
    train_parser.add_argument("--model", required=True, type=Path, metavar="OUT", help="model file to write (.json or .json.gz)")
    train_parser.set_defaults(func=cmd_train)

    eval_parser = commands.add_parser("evaluate", help="accuracy, macro-F1, per-class figures, confusion matrix")
    _add_data_arguments(eval_parser)
    source = eval_parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--model", type=Path, metavar="MODEL", help="evaluate this model file on FILE")
    source.add_argument("--cv", type=int, metavar="K", help="K-fold stratified cross-validation of training on FILE")
    eval_parser.set_defaults(func=cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="complaint-bot")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
