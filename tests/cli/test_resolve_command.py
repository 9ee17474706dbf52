"""`complaint-bot ticket resolve`: the core refuses a note that reads as work still to come (core.errors.
SoundsUnfinished) here as in every chat; the operator is told why and how to resolve all the same."""

from __future__ import annotations

import re

import pytest

from tests.cli.test_commands import run, sqlite_env  # noqa: F401 - the fixture


def _accepted(out: str) -> str:
    """The demo ticket 张伟 claimed and reported progress on (still his, not resolved)."""
    line = next(line for line in out.splitlines() if "处理中" in line or "已接单" in line)
    return re.findall(r"\d{6}-\d{4}", line)[0]


def test_a_note_of_work_to_come_is_refused_with_the_way_round(
        sqlite_env: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    run(capsys, "db", "upgrade")
    number = _accepted(run(capsys, "demo")[1])
    code, out, err = run(capsys, "ticket", "resolve", number, "--as", "张伟", "--note", "下周二再派人来换灯具")
    assert code == 2 and "not resolved" in err and "--even-if-unfinished" in err and "resolved by" not in out
    assert "办结" not in run(capsys, "ticket", "show", number)[1].split("时间线")[1]
    code, out, _ = run(capsys, "ticket", "resolve", number, "--as", "张伟", "--note", "下周二再派人来换灯具",
                        "--even-if-unfinished")
    assert code == 0 and f"{number} resolved by 张伟" in out
    assert "办结" in run(capsys, "ticket", "show", number)[1].split("时间线")[1]


def test_a_done_note_resolves_at_once(sqlite_env: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    run(capsys, "db", "upgrade")
    number = _accepted(run(capsys, "demo")[1])
    code, out, _ = run(capsys, "ticket", "resolve", number, "--as", "张伟", "--note", "灯具已换好，楼道亮了")
    assert code == 0 and "resolved by 张伟" in out
