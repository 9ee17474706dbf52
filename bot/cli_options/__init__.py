"""What `complaint-bot` accepts: one module per command group, argparse only.

Describing a command imports nothing heavy, so `complaint-bot --help` (and the start of every
command) does not wait for jieba, scikit-learn, matplotlib or the chat platforms' libraries. Each
command names its implementation as "module:function" (in bot/commands/ mostly); `handler` imports
it only when that command runs.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any

Handler = Callable[[argparse.Namespace], "int | None"]


class handler:  # noqa: N801 - used like a function: set_defaults(func=handler("bot.commands.x:_run"))
    """A command's implementation, imported when it is called."""

    def __init__(self, target: str) -> None:
        self.target = target

    def resolve(self) -> Handler:
        module, _, name = self.target.partition(":")
        found: Handler = getattr(importlib.import_module(module), name)
        return found

    def __call__(self, args: argparse.Namespace) -> int | None:
        return self.resolve()(args)

    def __repr__(self) -> str:
        return f"handler({self.target!r})"


def group(sub: Any, name: str, *, help: str, description: str | None = None,  # noqa: A002 - argparse's word
          dest: str | None = None) -> Any:
    """A command with actions (`grid add`, `ticket show` …): its parser's subparsers."""
    parser = sub.add_parser(name, help=help, description=description or help)
    return parser.add_subparsers(dest=dest or f"{name}_command", metavar="ACTION", required=True)
