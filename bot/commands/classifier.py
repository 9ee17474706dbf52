"""`complaint-bot classifier train|evaluate`: core.classify.cli, with its progress on the terminal."""

from __future__ import annotations

import argparse

from bot.progress import progress
from core.classify import cli


def _train(args: argparse.Namespace) -> int:
    with progress("classifier train") as shown:
        return cli.cmd_train(args, shown)


def _evaluate(args: argparse.Namespace) -> int:
    with progress("classifier evaluate") as shown:
        return cli.cmd_evaluate(args, shown)
