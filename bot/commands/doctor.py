"""`complaint-bot doctor`: check the configuration before a real start (bot/doctor)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.commands.errors import CommandError
from bot.doctor import Options, examine, report


def _doctor(args: argparse.Namespace) -> int:
    if args.timeout <= 0:
        raise CommandError("--timeout must be positive")
    options = Options(timeout=args.timeout, min_free_mb=args.min_free_mb, public_url=args.public_url)
    result = asyncio.run(examine(args.settings, options))
    report(result, sys.stdout)
    return 0 if result.healthy else 1
