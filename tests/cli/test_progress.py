"""Long commands show progress on a terminal (tqdm bars) and stay quiet and line-oriented through a
pipe: the real `complaint-bot import`, once under a pseudo-terminal and once piped."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.progress import Bars, Lines, progress
from core.db.engine import Database
from core.db.migrate import upgrade

ROWS = 120


@pytest.fixture
def workdir(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WECHAT_", "REDIS_", "CONFIG"))}
    env = {**clean, "DATABASE_URL": f"sqlite:///{tmp_path}/progress.db", "SMART_DISPATCH": "false",
           "COLUMNS": "100"}
    asyncio.run(_schema(env["DATABASE_URL"]))
    with (tmp_path / "calls.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["description", "phone", "community"])
        for n in range(ROWS):
            writer.writerow([f"第{n}号楼道灯不亮，晚上很黑", f"1380000{n:04d}", "幸福里小区"])
    return tmp_path, env


async def _schema(url: str) -> None:
    db = Database(url)
    await upgrade(db)
    await db.dispose()


IMPORT = [sys.executable, "-m", "bot.cli", "import", "calls.csv", "--batch", "20", "--parallel", "1"]


def test_piped_progress_is_a_few_plain_lines(workdir: tuple[Path, dict[str, str]]) -> None:
    cwd, env = workdir
    out = subprocess.run(IMPORT, env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert f"filed {ROWS} tickets" in out.stdout
    assert "\r" not in out.stderr and "\x1b" not in out.stderr  # no bar drawing
    lines = out.stderr.splitlines()
    assert f"import: filing: {ROWS}/{ROWS} in" in out.stderr, out.stderr
    assert len(lines) <= 3, lines  # one per stage, not one per batch
    assert "import:" not in out.stdout  # progress never mixes with the output


def test_a_terminal_gets_a_bar(workdir: tuple[Path, dict[str, str]]) -> None:
    cwd, env = workdir
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(IMPORT, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=follower)
    finally:
        os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    stdout = proc.stdout.read() if proc.stdout else b""
    assert proc.wait(timeout=120) == 0, seen.decode(errors="replace")
    screen = seen.decode(errors="replace")
    assert "import: filing" in screen
    assert "\r" in screen  # the bar redraws in place
    assert re.search(rf"100%\|.*\| {ROWS}/{ROWS}", screen), screen
    assert f"filed {ROWS} tickets".encode() in stdout


def test_lines_say_where_a_long_stage_is_every_so_often() -> None:
    stream = io.StringIO()
    shown = Lines("retention run", stream, every=0.0)
    shown.stage("deleting tickets", 0)  # nothing to do: no line at its end
    shown.stage("anonymising tickets", 3)
    shown.advance(2)
    shown.advance()
    shown.stage("residents")
    shown.finish()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "retention run: anonymising tickets: 2/3 …"
    assert lines[2].startswith("retention run: anonymising tickets: 3/3 in ")
    assert re.fullmatch(r"retention run: residents: in \d+\.\d s", lines[3])
    assert not any("deleting" in line for line in lines)


def test_the_kind_follows_the_stream() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    with progress("x", Tty()) as on_terminal, progress("x", io.StringIO()) as piped:
        assert isinstance(on_terminal, Bars) and isinstance(piped, Lines)
