"""`complaint-bot wechat menu` and `wechat status`, run as a person runs them (the CLI's own
event loop, in a thread), against the local WeChat API."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli import main
from bot.commands.wechat import menu_body
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.wechat.conftest import APP_ID, SECRET


@pytest.fixture
def cli_env(tmp_path: Path, wechat_api: FakeWeChatAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("WECHAT_APP_ID", APP_ID)
    monkeypatch.setenv("WECHAT_APP_SECRET", SECRET)
    monkeypatch.setenv("WECHAT_API_BASE", wechat_api.url)
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("CONFIG_FILE", raising=False)


async def run(*argv: str) -> int:
    return await asyncio.to_thread(main, list(argv))


@pytest.mark.usefixtures("cli_env")
async def test_menu_is_created_through_the_api(wechat_api: FakeWeChatAPI, capsys: pytest.CaptureFixture[str]) -> None:
    assert await run("db", "upgrade") == 0
    assert await run("wechat", "menu") == 0
    assert wechat_api.menu == menu_body()
    assert [b["name"] for b in wechat_api.menu["button"]] == ["我要投诉", "我的投诉", "使用说明"]
    assert "custom menu created" in capsys.readouterr().out
    wechat_api.fail("menu/create", 40018)
    assert await run("wechat", "menu") == 2
    assert "WeChat refused the menu: 40018" in capsys.readouterr().err
    assert await run("wechat", "status") == 0
    assert "nothing sent on WeChat or WeCom yet" in capsys.readouterr().out


async def test_menu_needs_the_app_credentials(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    for var in ("WECHAT_APP_ID", "WECHAT_APP_SECRET", "REDIS_URL", "CONFIG_FILE"):
        monkeypatch.delenv(var, raising=False)
    assert await run("db", "upgrade") == 0
    assert await run("wechat", "menu") == 2
    assert "set WECHAT_APP_ID and WECHAT_APP_SECRET" in capsys.readouterr().err


@pytest.mark.usefixtures("cli_env")
async def test_status_shows_what_waits_and_what_died(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime

    from core.db.engine import Database
    from core.db.models import OutboxMessage

    assert await run("db", "upgrade") == 0
    db = Database(f"sqlite:///{tmp_path / 'cli.db'}")
    now = datetime.now(UTC)
    async with db.transaction() as s:
        for status, address, error in [
            ("deferred", "oResident0000001", "outside the 48-hour customer-service window; no template"),
            ("dead", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRETKEY", "robot SECRET…: 93000"),
            ("sent", "oResident0000001", None),
        ]:
            s.add(OutboxMessage(created_at=now, channel="wecom" if address.startswith("http") else "wechat",
                                address=address, audience="resident", purpose="progress", payload=[],
                                status=status, attempts=1, next_attempt_at=now, last_error=error))
    await db.dispose()
    capsys.readouterr()
    assert await run("wechat", "status") == 0
    out = capsys.readouterr().out
    assert "outside the 48-hour" in out and "93000" in out
    assert "SECRETKEY" not in out and "oResiden…" in out
