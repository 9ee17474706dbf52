"""`complaint-bot telegram status`: is the token right, which bot is it, and how is Telegram
getting on with the webhook (pending updates, the last error it saw)."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC

from aiogram.exceptions import TelegramAPIError
from aiogram.methods import GetWebhookInfo

from bot.adapters.telegram import make_bot
from bot.commands.common import CommandError


def _status(args: argparse.Namespace) -> int:
    settings = args.settings.telegram
    if not settings.bot_token:
        raise CommandError("TELEGRAM_BOT_TOKEN is not set (see docs/telegram.md)")

    async def main() -> None:
        bot = make_bot(settings)
        try:
            me = await bot.me()
            info = await bot(GetWebhookInfo())
        except TelegramAPIError as exc:
            raise CommandError(f"Telegram refused: {exc}") from None
        finally:
            await bot.session.close()
        print(f"bot: @{me.username} (id {me.id}, {me.full_name})")
        print(f"reads all group messages: {'yes' if me.can_read_all_group_messages else 'no (privacy mode on)'}")
        print(f"configured mode: {settings.mode}")
        print(f"webhook: {info.url or '— (none: long polling)'}")
        print(f"pending updates: {info.pending_update_count}")
        if info.last_error_message:
            when = info.last_error_date.astimezone(UTC).isoformat() if info.last_error_date else "?"
            print(f"last webhook error: {info.last_error_message} (at {when})")
        if settings.mode == "webhook" and info.url != settings.webhook_url:
            print(f"note: TELEGRAM_WEBHOOK_URL is {settings.webhook_url}; `complaint-bot serve` sets it on start")

    asyncio.run(main())
    return 0
