"""The Telegram channel (aiogram 3): residents in private chats, grid workers in their groups.

- `TelegramSender`: outbox rows out (the `ChannelSender` for channel "telegram").
- `TelegramChannel`: updates in → `Incoming` → the conversations → replies out.
- `TelegramComponent`: the `serve` part, long polling or webhook.
- `make_bot(settings)` / `make_sender(settings, clock, limiter)`: from the configuration; the composition
  root (bot/app.py) wires the channel and the component.
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.utils.token import TokenValidationError

from bot.adapters.telegram.callbacks import CallbackRefused, CallbackSigner
from bot.adapters.telegram.channel import TelegramChannel
from bot.adapters.telegram.component import TelegramComponent, check_settings
from bot.adapters.telegram.render import CHANNEL
from bot.adapters.telegram.sender import TelegramLimits, TelegramSender
from core.clock import Clock
from core.config import TelegramSettings
from core.errors import InvalidInput
from core.followthrough.ratelimit import RateLimiter
from core.media import MediaLibrary

__all__ = [
    "CHANNEL", "CallbackRefused", "CallbackSigner", "TelegramChannel", "TelegramComponent",
    "TelegramLimits", "TelegramSender", "check_settings", "make_bot", "make_sender",
]


def make_bot(settings: TelegramSettings) -> Bot:
    if not settings.bot_token:
        raise InvalidInput("TELEGRAM_BOT_TOKEN is not set")
    api = TelegramAPIServer.from_base(settings.api_base) if settings.api_base else None
    session = AiohttpSession(api=api) if api is not None else AiohttpSession()
    try:
        return Bot(settings.bot_token.strip(), session=session)
    except TokenValidationError:
        raise InvalidInput("TELEGRAM_BOT_TOKEN does not look like a bot token (123456789:AA…, from @BotFather)") from None


def make_sender(settings: TelegramSettings, clock: Clock, limiter: RateLimiter, *,
                media: MediaLibrary | None = None) -> TelegramSender:
    return TelegramSender(make_bot(settings), clock=clock, limiter=limiter, media=media)
