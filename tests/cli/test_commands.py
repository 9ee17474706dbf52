"""The command line, in-process and through the installed console script."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.app import build_app
from bot.cli import build_parser, main
from bot.server import serve
from core.config import Settings


@pytest.fixture
def sqlite_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path}/cli.db"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("CONFIG_FILE", raising=False)
    return url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_ticket_show_prints_a_timeline(sqlite_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "demo")
    assert code == 2 and "complaint-bot db upgrade" in err  # refuses an empty database clearly
    assert run(capsys, "db", "upgrade")[0] == 0
    code, out, _ = run(capsys, "demo")
    assert code == 0 and "loaded the demo community" in out
    numbers = re.findall(r"\d{6}-\d{4}", out)
    assert len(set(numbers)) >= 8
    assert "已结案" in out and "重新处理" in out and "紧急" in out and "待派单" in out
    code, again, _ = run(capsys, "demo")
    assert code == 0 and "already loaded" in again  # idempotent

    closed = next(line for line in out.splitlines() if "已结案" in line).split()[0]
    code, shown, _ = run(capsys, "ticket", "show", closed)
    assert code == 0
    assert f"工单 {closed}" in shown and "时间线" in shown
    for step in ("受理登记", "接单", "办结", "评价：满意", "结案（满意）"):
        assert step in shown, step
    assert "0571-****6666" in shown and "88886666" not in shown  # masked unless asked
    assert "88886666" in run(capsys, "ticket", "show", closed, "--full-phone")[1]

    assert run(capsys, "ticket", "list")[0] == 0
    assert "待派单" in run(capsys, "ticket", "list", "--dispatch")[1]


def test_grid_and_staff_commands(sqlite_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "db", "upgrade")
    assert "no grids yet" in run(capsys, "grid", "list")[1]
    code, out, _ = run(capsys, "grid", "add", "XFL", "幸福里网格", "--pattern", "幸福里小区", "--center", "30.27,120.15")
    assert code == 0 and "XFL" in out
    code, _, err = run(capsys, "grid", "add", "XFL", "again")
    assert code == 2 and "已存在" in err
    code, _, err = run(capsys, "grid", "add", "YG", "阳光", "--center", "north")
    assert code == 2 and "LAT,LNG" in err
    assert "幸福里小区" in run(capsys, "grid", "list")[1]
    code, out, _ = run(capsys, "staff", "add", "张伟", "--grid", "XFL", "--department", "维修")
    assert code == 0 and "#1" in out
    code, _, err = run(capsys, "staff", "add", "李娜", "--grid", "NOPE")
    assert code == 2 and "NOPE" in err
    assert "张伟" in run(capsys, "staff", "list")[1] and "李娜" not in run(capsys, "staff", "list")[1]
    code, out, _ = run(capsys, "grid", "bind-code", "XFL")
    assert code == 0 and re.search(r"/bind XFL [A-Z0-9]{8}", out)
    code, out, _ = run(capsys, "staff", "invite", "张伟")
    assert code == 0 and "绑定" in out


def test_bad_arguments_get_a_clear_error(sqlite_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["ticket"])
    assert exit_.value.code == 2
    assert "--help" in capsys.readouterr().err
    run(capsys, "db", "upgrade")
    code, _, err = run(capsys, "ticket", "show", "hello")
    assert code == 2 and "not a ticket number" in err
    code, _, err = run(capsys, "ticket", "show", "261123-0999")
    assert code == 2 and "no ticket" in err


def test_a_number_argument_must_be_exactly_a_number(sqlite_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "db", "upgrade")
    number = re.findall(r"\d{6}-\d{4}", run(capsys, "demo")[1])[0]
    assert run(capsys, "ticket", "show", number)[0] == 0
    injected = f"{number}' OR '1'='1"
    for argv in (["ticket", "show", injected], ["ticket", "hold", injected, "--on"],
                 ["ticket", "assign", injected, "XFL", "--as", "赵敏"], ["ticket", "followers", injected],
                 ["ticket", "merge", number, injected, "--as", "赵敏"], ["ticket", "show", f"查询{number}"]):
        code, out, err = run(capsys, *argv)
        assert code == 2, argv
        assert "is not a ticket number" in err and "261123-0001" in err, err
        assert len(err.strip().splitlines()) <= 2 and "Traceback" not in err
        assert f"工单 {number}" not in out
    assert "legal hold" not in run(capsys, "ticket", "show", number)[1]


def test_help_everywhere() -> None:
    parser = build_parser()
    subcommands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, sub in subcommands.items():
        assert sub.format_help(), name
    out = subprocess.run([sys.executable, "-m", "bot.cli", "--help"], capture_output=True, text=True, check=True)
    for name in ("serve", "db", "grid", "staff", "ticket", "demo"):
        assert name in out.stdout


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "complaint-bot"
    assert script.exists(), "pip install -e . should have created the complaint-bot console script"
    out = subprocess.run([str(script), "db", "--help"], capture_output=True, text=True, check=True)
    assert "upgrade" in out.stdout


async def test_serve_checks_the_schema_and_answers_health(tmp_path: Path, unused_tcp_port: int) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/serve.db")
    app = build_app(settings)
    try:
        with pytest.raises(Exception, match="db upgrade"):
            await serve(app, "127.0.0.1", unused_tcp_port, components=[])
        from core.db.migrate import upgrade

        await upgrade(app.db)
        stop = asyncio.Event()
        task = asyncio.create_task(serve(app, "127.0.0.1", unused_tcp_port, stop_event=stop, components=[]))
        async with aiohttp.ClientSession() as http:
            for _ in range(50):
                try:
                    async with http.get(f"http://127.0.0.1:{unused_tcp_port}/healthz") as resp:
                        body = await resp.json()
                        assert resp.status == 200 and body["status"] == "ok"
                        break
                except aiohttp.ClientConnectorError:
                    await asyncio.sleep(0.05)
            else:
                pytest.fail("serve never answered")
        stop.set()
        await asyncio.wait_for(task, 5)
    finally:
        await app.close()
