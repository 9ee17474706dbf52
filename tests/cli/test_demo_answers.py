"""`complaint-bot demo` fills the demo estate's 知识库, so a question typed in `complaint-bot chat` right after it is
answered at once, as in an office whose desk keeps answers (user test, twentieth session: every question waited for
the desk's next working day)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main


def test_a_question_after_the_demo_gets_the_estate_s_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path}/demo.db"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("CONFIG_FILE", raising=False)
    assert main(["db", "upgrade"]) == 0 and main(["demo"]) == 0
    capsys.readouterr()
    env = {**os.environ, "DATABASE_URL": url}
    chat = subprocess.run([sys.executable, "-m", "bot.cli", "chat", "--as-resident", "qa-1"], input="请问小区的停车月卡在哪里办\n",
                          capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)
    assert "参考答复" in chat.stdout and "月卡" in chat.stdout, chat.stdout + chat.stderr
