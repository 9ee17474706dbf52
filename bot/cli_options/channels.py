"""`wechat …`, `wecom …` and `telegram …`: the channels' own checks and set-up."""

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

    wecom = group(sub, "wecom", help="the WeCom app (企业微信自建应用): settings, reachability, deliveries",
                  description="Check the WeCom self-built app (WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, "
                              "WECOM_TOKEN, WECOM_AES_KEY; docs/wecom.md).")
    status = wecom.add_parser("status", help="settings, a live API check, bound staff, waiting and dead messages")
    status.add_argument("--offline", action="store_true", help="do not call WeCom, only read the database")
    status.add_argument("--limit", type=int, default=10, help="dead letters to list")
    status.set_defaults(func=handler("bot.commands.wecom:_status"))

    telegram = group(sub, "telegram", help="the Telegram bot: check the token and the webhook",
                     description="Ask Telegram about the configured bot (TELEGRAM_BOT_TOKEN).")
    status = telegram.add_parser("status", help="which bot the token belongs to, and the webhook's state")
    status.set_defaults(func=handler("bot.commands.telegram:_status"))
