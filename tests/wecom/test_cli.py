"""`staff add --wecom-userid`, `staff set-wecom` and `wecom status`, run as an operator runs them
(the CLI's own event loop, in a thread), against the local WeCom API."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from core.db.engine import Database
from core.db.models import OutboxMessage
from core.service.directory import Directory
from tests.fakes.wecom_api import FakeWeComAPI
from tests.wecom.conftest import AES_KEY, AGENT_ID, CORP_ID, SECRET, TOKEN


@pytest.fixture
def cli_env(tmp_path: Path, wecom_api: FakeWeComAPI, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    for name, value in (("WECOM_CORP_ID", CORP_ID), ("WECOM_AGENT_ID", str(AGENT_ID)), ("WECOM_SECRET", SECRET),
                        ("WECOM_TOKEN", TOKEN), ("WECOM_AES_KEY", AES_KEY), ("WECOM_API_BASE", wecom_api.url)):
        monkeypatch.setenv(name, value)
    for var in ("REDIS_URL", "CONFIG_FILE", "WECHAT_APP_ID", "WECHAT_TOKEN", "TELEGRAM_BOT_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    return url


async def run(*argv: str) -> int:
    return await asyncio.to_thread(main, list(argv))


async def test_binding_staff_to_wecom_accounts(cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert await run("db", "upgrade") == 0
    assert await run("grid", "add", "A", "幸福里网格", "--pattern", "幸福里小区") == 0
    assert await run("staff", "add", "张伟", "--grid", "A", "--wecom-userid", "zhangwei") == 0
    assert "WeCom account: zhangwei" in capsys.readouterr().out
    assert await run("staff", "add", "李娜", "--grid", "A", "--wecom-userid", "li na!") == 2  # refused before adding
    assert "userid" in capsys.readouterr().err
    assert await run("staff", "add", "李娜", "--grid", "A") == 0
    assert await run("staff", "set-wecom", "李娜", "lina") == 0
    assert await run("staff", "set-wecom", "张伟", "lina") == 2  # one account, one person
    assert "已绑定了另一位工作人员" in capsys.readouterr().err
    assert await run("staff", "set-wecom", "张伟", "zhangwei2") == 0  # a new account replaces the old

    db = Database(cli_env)
    try:
        from core.clock import SystemClock

        directory = Directory(db, SystemClock())
        assert (found := await directory.staff_by_identity("wecom_app", "zhangwei2")) and found.staff.name == "张伟"
        assert await directory.staff_by_identity("wecom_app", "zhangwei") is None
        assert (found := await directory.staff_by_identity("wecom_app", "lina")) and found.staff.name == "李娜"
    finally:
        await db.dispose()
    assert await run("staff", "set-wecom", "李娜", "none") == 0
    assert "unlinked" in capsys.readouterr().out


async def test_status_live_check_and_an_untrusted_ip(cli_env: str, wecom_api: FakeWeComAPI,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert await run("db", "upgrade") == 0
    assert await run("staff", "add", "张伟", "--wecom-userid", "zhangwei") == 0
    capsys.readouterr()
    assert await run("wecom", "status") == 0
    out = capsys.readouterr().out
    assert f"corp: {CORP_ID}" in out and "access_token: ok" in out and "API from this server: ok" in out
    assert "bound staff: 1 — 张伟 (zhangwei)" in out

    wecom_api.trusted_ips = {"192.0.2.10"}  # the server moved to an address the app does not trust
    assert await run("wecom", "status") == 0
    out = capsys.readouterr().out
    assert "✗ WeCom refuses calls from 127.0.0.1 (60020): add 127.0.0.1 to the app's trusted IPs" in out

    db = Database(cli_env)
    now = datetime.now(UTC)
    async with db.transaction() as s:
        s.add(OutboxMessage(created_at=now, channel="wecom_app", address="zhangwei", audience="staff",
                            purpose="reminder", payload=[], status="dead", attempts=8, next_attempt_at=now,
                            last_error="81013 user & party & tag all invalid"))
        s.add(OutboxMessage(created_at=now, channel="wecom_app", address="card:t1e1g", audience="staff",
                            purpose="card", payload=[], status="pending", attempts=2, next_attempt_at=now,
                            last_error="60020 not allow to access from your ip, from ip: 203.0.113.7 — add it"))
    await db.dispose()
    wecom_api.trusted_ips = None
    assert await run("wecom", "status", "--offline") == 0
    out = capsys.readouterr().out
    assert "✗ WeCom refuses calls from 203.0.113.7 (60020)" in out and "seen by the sender" in out
    assert "messages: dead 1, pending 1" in out
    assert "81013" in out and "access_token" not in out


async def test_status_without_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    for var in ("WECOM_CORP_ID", "WECOM_TOKEN", "REDIS_URL", "CONFIG_FILE"):
        monkeypatch.delenv(var, raising=False)
    assert await run("wecom", "status") == 2
    assert "WECOM_CORP_ID" in capsys.readouterr().err


async def test_status_shows_todays_quota(cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.adapters.wecom_app.quota import Quota
    from core.clock import SystemClock
    from core.keyvalue import DatabaseStore

    assert await run("db", "upgrade") == 0
    assert await run("staff", "add", "张伟", "--wecom-userid", "zhangwei") == 0
    db = Database(cli_env)
    try:  # what the serve processes' senders counted today
        await Quota(DatabaseStore(db, SystemClock()), SystemClock(), f"{CORP_ID}:{AGENT_ID}", accounts=200).take(
            ["zhangwei", "lina"], times=3)
    finally:
        await db.dispose()
    capsys.readouterr()
    assert await run("wecom", "status", "--offline") == 0
    out = capsys.readouterr().out
    assert "6 of 40000 人次" in out and "zhangwei 3 today / 3 this hour (limit 1000)" in out
