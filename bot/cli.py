"""`complaint-bot`: the command line. What each command accepts is in bot/cli_options/ (argparse
only, so building the parser imports nothing heavy); what it does is imported when it runs.
Configuration is read once (environment, optional --config TOML)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.cli_options import channels, directory, followthrough, serve, ticket
from bot.commands.errors import CommandError
from core.errors import DomainError

OPTION_MODULES = [serve, directory, ticket, followthrough, channels]


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
    for module in OPTION_MODULES:
        module.register(sub)
    return parser


def _refusal(exc: BaseException) -> str | None:
    """The one line to print for an error the person can fix, or None for a bug."""
    if isinstance(exc, DomainError | CommandError):
        return exc.message
    # only a command that opened the database can meet an outdated schema, and it imported this
    migrate = sys.modules.get("core.db.migrate")
    if migrate is not None and isinstance(exc, migrate.SchemaOutOfDate):
        return str(exc)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from bot.logs import configure_logging
    from core.config import load_settings

    try:
        args.settings = load_settings(config_file=args.config)
    except DomainError as exc:
        print(f"complaint-bot: {exc.message}", file=sys.stderr)
        return 2
    configure_logging(args.settings, verbose=args.verbose)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `complaint-bot … | head`
        sys.stderr.close()
        return 0
    except Exception as exc:
        message = _refusal(exc)
        if message is None:
            raise
        print(f"complaint-bot: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
