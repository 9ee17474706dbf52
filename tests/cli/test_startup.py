"""The command line starts fast because describing a command and showing a ticket load nothing
heavy: what `python -X importtime` shows the process importing, not a timing."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import build_parser, main
from bot.cli_options import directory, followthrough, handler, ticket

# loaded only by the commands that need them: the classifier, charts and spreadsheets, the chat
# platforms' libraries, the migrations
HEAVY = ("jieba", "sklearn", "numpy", "scipy", "matplotlib", "openpyxl", "aiogram", "wechatpy", "aiohttp",
         "redis", "pydantic", "alembic", "chinese_calendar", "prometheus_client", "tqdm", "bot.adapters",
         "bot.dialogs", "core.classify", "core.dispatch", "core.reports")


def imported(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """The modules a `complaint-bot` process imported (from -X importtime), and how it ended."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "bot.cli", *argv], env=env, cwd=cwd,
                         capture_output=True, text=True, timeout=120)
    names = {m.group(1) for m in re.finditer(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)$", out.stderr, re.M)}
    return names, out


def heavy_in(names: set[str]) -> list[str]:
    return sorted(n for n in names if any(n == h or n.startswith(h + ".") for h in HEAVY))


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WECHAT_", "REDIS_", "CONFIG"))}
    return {**clean, "DATABASE_URL": f"sqlite:///{tmp_path}/start.db"}


def test_help_imports_nothing_heavy(env: dict[str, str], tmp_path: Path) -> None:
    names, out = imported(["--help"], env, tmp_path)
    assert out.returncode == 0 and "ticket" in out.stdout
    assert "bot.cli_options" in names  # the measurement works
    assert heavy_in(names) == []
    assert "sqlalchemy" not in names  # not even the database


def test_ticket_show_imports_only_the_database(env: dict[str, str], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", env["DATABASE_URL"])  # the demo database, made in this process
    assert main(["db", "upgrade"]) == 0 and main(["demo"]) == 0
    number = re.findall(r"\d{6}-\d{4}", capsys.readouterr().out)[0]
    names, out = imported(["ticket", "show", number], env, tmp_path)
    assert out.returncode == 0 and f"工单 {number}" in out.stdout, out.stderr[-2000:]
    assert "sqlalchemy" in names and "core.service.queries" in names
    assert heavy_in(names) == []


def test_an_outdated_schema_is_still_named_when_only_reading(env: dict[str, str], tmp_path: Path) -> None:
    # `ticket show` skips Alembic while the database answers; an empty one does not
    out = subprocess.run([sys.executable, "-m", "bot.cli", "ticket", "show", "261123-0001"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "complaint-bot db upgrade" in out.stderr, out.stderr


def test_every_command_names_a_handler_that_exists() -> None:
    found = []

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    walk(sub)
        if "func" in parser._defaults:
            found.append(parser._defaults["func"])

    walk(build_parser())
    assert len(found) >= 35
    for func in found:
        assert isinstance(func, handler)
        assert callable(func.resolve()), func


def test_the_options_copy_what_the_core_decides() -> None:
    # argparse must not import the core modules that own these lists, so it keeps copies
    from core.importing import COLUMNS
    from core.reports.period import KINDS
    from core.reports.service import FORMATS
    from core.service.directory import DESKS

    assert ticket.IMPORT_COLUMNS == COLUMNS
    assert followthrough.REPORT_PERIODS == KINDS and followthrough.REPORT_FORMATS == FORMATS
    assert directory.DESKS == DESKS
