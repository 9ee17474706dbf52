"""`wechat …` and `telegram …`: the channels' own checks and set-up."""

from __future__ import annotations

from typing import Any

from bot.cli_options import group, handler


def register(sub: Any) -> None:
    wechat = group(sub, "wechat", help="WeChat Official Account: custom menu, pending and failed pushes",
                   description="WeChat Official Account tools (needs WECHAT_APP_ID and WECHAT_APP_SECRET "
                               "for the menu).")
    menu = wechat.add_parser("menu", help="create the custom menu (我要投诉 / 我的投诉 / 使用说明)")
    menu.add_argument("--print", action="store_true", dest="print_only", help="only print the menu JSON")
    menu.set_defaults(func=handler("bot.commands.wechat:_menu"))
    status = wechat.add_parser("status", help="deferred updates and dead letters on WeChat and WeCom")
    status.add_argument("--limit", type=int, default=20)
    status.set_defaults(func=handler("bot.commands.wechat:_status"))

    telegram = group(sub, "telegram", help="the Telegram bot: check the token and the webhook",
                     description="Ask Telegram about the configured bot (TELEGRAM_BOT_TOKEN).")
    status = telegram.add_parser("status", help="which bot the token belongs to, and the webhook's state")
    status.set_defaults(func=handler("bot.commands.telegram:_status"))
