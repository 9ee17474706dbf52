"""The follow-through commands, run the way an operator runs them (in-process, on a SQLite file)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cli import main


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/cli.db")
    monkeypatch.delenv("CONFIG_FILE", raising=False)
    assert main(["db", "upgrade"]) == 0
    assert main(["demo"]) == 0
    return tmp_path


def today() -> str:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()


def test_report_formats(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["report", "daily", "--date", today()]) == 0
    text = capsys.readouterr().out
    assert "【热线日报】" in text and "反馈及时率" in text
    out = demo / "r.html"
    assert main(["report", "daily", "--date", today(), "--format", "html", "--output", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 3
    assert main(["report", "monthly", "--date", today(), "--format", "xlsx", "-o", str(demo / "r.xlsx")]) == 0
    assert (demo / "r.xlsx").read_bytes()[:2] == b"PK"
    assert main(["report", "weekly", "--date", today(), "--format", "csv", "--grid", "XFL"]) == 0
    assert "XFL 幸福里网格" in capsys.readouterr().out


def test_report_refuses_bad_input(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "daily", "--format", "xlsx"]) == 2
    assert "--output" in capsys.readouterr().err
    assert main(["report", "daily", "--date", "2026-13-01"]) == 2
    assert main(["report", "daily", "--grid", "NOPE"]) == 2
    assert "没有网格" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["report", "yearly"])


def test_jobs_outbox_retention_and_hold(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jobs", "--once"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("timers: ") and "no channel is configured" in out
    assert main(["outbox", "dead"]) == 0
    assert "no dead letters" in capsys.readouterr().out
    assert main(["outbox", "retry", "999999"]) == 1
    assert main(["outbox", "stats"]) == 0
    assert re.search(r"cli\s+pending\s+\d+", capsys.readouterr().out)
    assert main(["retention", "run", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run" in out and "tickets anonymised: 0" in out
    assert main(["retention", "log"]) == 0
    assert "dry" in capsys.readouterr().out
    assert main(["ticket", "list"]) == 0
    number = re.search(r"\d{6}-\d{4}", capsys.readouterr().out).group(0)  # type: ignore[union-attr]
    assert main(["ticket", "hold", number, "--on", "--reason", "诉讼"]) == 0
    assert "legal hold on" in capsys.readouterr().out
    assert main(["ticket", "hold", number, "--off"]) == 0
    assert "legal hold off" in capsys.readouterr().out
