"""`complaint-bot`: the command line. Each command group lives in bot/commands/ and registers
itself here; configuration is read once (environment, optional --config TOML)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot.commands import chat as chat_cmd
from bot.commands import db as db_cmd
from bot.commands import demo as demo_cmd
from bot.commands import directory as directory_cmd
from bot.commands import dispatch as dispatch_cmd
from bot.commands import followthrough as followthrough_cmd
from bot.commands import importing as importing_cmd
from bot.commands import serve as serve_cmd
from bot.commands import telegram as telegram_cmd
from bot.commands import ticket as ticket_cmd
from bot.commands import wechat as wechat_cmd
from bot.commands import wecom as wecom_cmd
from bot.commands.common import CommandError
from core.config import load_settings
from core.db.migrate import SchemaOutOfDate
from core.errors import DomainError

COMMAND_MODULES = [serve_cmd, db_cmd, directory_cmd, ticket_cmd, importing_cmd, demo_cmd, chat_cmd,
                   dispatch_cmd, followthrough_cmd, wechat_cmd, wecom_cmd, telegram_cmd]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n(see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="complaint-bot",
        description="Community complaints: residents file, track and rate; grid workers handle them.",
    )
    parser.add_argument("--config", metavar="FILE", help="TOML configuration file (or set CONFIG_FILE)")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.settings = load_settings(config_file=args.config)
    except DomainError as exc:
        print(f"complaint-bot: {exc.message}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else getattr(logging, args.settings.log_level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        return int(args.func(args) or 0)
    except (DomainError, CommandError) as exc:
        print(f"complaint-bot: {getattr(exc, 'message', str(exc))}", file=sys.stderr)
        return 2
    except SchemaOutOfDate as exc:
        print(f"complaint-bot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `complaint-bot … | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
