"""Configuration to running parts: the sender registered by build_app, serve's component list,
and the refusals of a configuration that would be unsafe or cannot work."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.adapters.telegram import TelegramComponent, TelegramSender, make_bot
from bot.adapters.telegram.component import check_settings
from bot.app import App, build_app, web_components
from bot.server import components_for
from core.config import TelegramSettings, load_settings
from core.errors import InvalidInput
from tests.fakes.telegram_api import FakeTelegram
from tests.telegram.conftest import SECRET, TOKEN


def test_settings_from_the_environment() -> None:
    settings = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE": "http://127.0.0.1:8081",
                              "TELEGRAM_MODE": "webhook", "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram",
                              "TELEGRAM_WEBHOOK_SECRET": "abc_DEF-123"})
    t = settings.telegram
    assert (t.bot_token, t.api_base, t.mode, t.webhook_url, t.webhook_secret, t.webhook_path) == (
        TOKEN, "http://127.0.0.1:8081", "webhook", "https://bot.example.org/telegram", "abc_DEF-123", "/telegram")
    check_settings(t)
    bot = make_bot(t)
    assert bot.session.api.api_url(TOKEN, "getMe") == f"http://127.0.0.1:8081/bot{TOKEN}/getMe"


@pytest.mark.parametrize(("changes", "message"), [
    ({"webhook_secret": None}, "TELEGRAM_WEBHOOK_SECRET"),
    ({"webhook_secret": "has spaces"}, "TELEGRAM_WEBHOOK_SECRET"),
    ({"webhook_secret": "x" * 257}, "TELEGRAM_WEBHOOK_SECRET"),
    ({"webhook_url": None}, "TELEGRAM_WEBHOOK_URL"),
    ({"webhook_url": "bot.example.org/telegram"}, "TELEGRAM_WEBHOOK_URL"),
])
def test_a_webhook_nobody_could_trust_is_refused(changes: dict, message: str) -> None:
    good = TelegramSettings(bot_token=TOKEN, mode="webhook", webhook_url="https://bot.example.org/telegram",
                            webhook_secret="abc")
    with pytest.raises(InvalidInput, match=message):
        check_settings(replace(good, **changes))


def test_a_token_that_is_not_one_is_refused() -> None:
    with pytest.raises(InvalidInput, match="BotFather"):
        make_bot(TelegramSettings(bot_token="not-a-token"))


async def test_build_app_registers_the_sender_and_serve_runs_the_component(app: App) -> None:
    assert "telegram" not in app.senders
    assert not [c for c in components_for(app) if c.name == "telegram"]
    configured = build_app(replace(app.settings, telegram=TelegramSettings(bot_token=TOKEN)), clock=app.clock,
                           db=app.db)
    sender = configured.senders["telegram"]
    assert isinstance(sender, TelegramSender) and sender.channel == "telegram"
    [component] = [c for c in components_for(configured) if c.name == "telegram"]
    assert isinstance(component, TelegramComponent)
    # the conversations every channel of the process shares, and the app's own sender
    assert component.channel.engine is configured.engine and component.channel.sender is sender
    await configured.close()


async def test_the_status_command_asks_telegram(fake, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    from bot.cli import main

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_BASE", fake.base_url)
    fake.webhook = {"url": "https://bot.example.org/telegram", "secret_token": "x"}
    fake.webhook_error = "Wrong response from the webhook: 502 Bad Gateway"
    assert await asyncio.to_thread(main, ["telegram", "status"]) == 0
    out = capsys.readouterr().out
    assert "bot: @complaint_test_bot (id 123456789" in out and "privacy mode on" in out
    assert "webhook: https://bot.example.org/telegram" in out and "502 Bad Gateway" in out
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:wrong")
    assert await asyncio.to_thread(main, ["telegram", "status"]) == 2
    assert "Telegram refused" in capsys.readouterr().err


async def test_a_web_worker_answers_the_route_and_leaves_the_setup_to_the_main_process(
        app: App, fake: FakeTelegram) -> None:
    """`serve --workers N`: every process takes webhook posts, only the main one sets the webhook and
    the command list (and only it may poll)."""
    telegram = TelegramSettings(bot_token=TOKEN, api_base=fake.base_url, mode="webhook",
                                webhook_url="https://bot.example.org/telegram", webhook_secret=SECRET)
    configured = build_app(replace(app.settings, telegram=telegram), clock=app.clock, db=app.db)
    try:
        [worker] = [c for c in web_components(configured) if c.name == "telegram"]
        [main] = [c for c in components_for(configured) if c.name == "telegram"]
        assert isinstance(worker, TelegramComponent) and isinstance(main, TelegramComponent)
        assert worker.routes_only and not main.routes_only
        await worker.start()
        await worker.stop()
        assert [c.method for c in fake.calls] == ["getMe"]
        polling = build_app(replace(app.settings, telegram=replace(telegram, mode="polling")), clock=app.clock,
                            db=app.db)
        assert not [c for c in web_components(polling) if c.name == "telegram"]  # polling: the main process only
        await polling.close()
    finally:
        await configured.close()
