"""`complaint-bot wechat menu|status`: the Official Account's custom menu, and what is waiting or
failed on the WeChat side (deferred updates, dead letters) for an operator to see."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from bot.adapters.wechat import texts as tx
from bot.adapters.wechat.api import NetworkError, WeChatError
from bot.app import App
from bot.commands.common import CommandError, run_with_app, table
from core.service.texts import fmt_time

CHANNELS = ("wechat", "wecom")


def menu_body() -> dict[str, Any]:
    return {"button": [{"type": "click", "name": label, "key": key} for label, key in tx.MENU_BUTTONS]}


def _menu(args: argparse.Namespace) -> int:
    body = menu_body()
    if args.print_only:
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return 0

    async def work(app: App) -> None:
        tokens = app.wechat.tokens
        if tokens is None:
            raise CommandError("set WECHAT_APP_ID and WECHAT_APP_SECRET to create the menu")
        try:
            await tokens.call("cgi-bin/menu/create", body)
        except WeChatError as exc:
            raise CommandError(f"WeChat refused the menu: {exc.errcode} {exc.errmsg}") from None
        except NetworkError as exc:
            raise CommandError(f"could not reach WeChat: {exc}") from None
        print("custom menu created: " + " / ".join(label for label, _ in tx.MENU_BUTTONS))
        print("(WeChat shows a new menu to followers within a few minutes)")

    run_with_app(args, work)
    return 0


def _status(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        counts = await app.outbox.statistics(channels=CHANNELS)
        waiting = await app.outbox.held(channels=CHANNELS, limit=args.limit)
        if not counts:
            print("nothing sent on WeChat or WeCom yet")
            return
        print(table([[c.channel, c.status, c.count] for c in counts], ["channel", "status", "messages"]))
        if waiting:
            print()
            rows = [[r.id, r.channel, r.status, r.purpose, _who(r.address), _when(r.created_at, app),
                     (r.last_error or "")[:70]] for r in waiting]
            print(table(rows, ["id", "channel", "status", "purpose", "to", "since", "reason"]))
            print("\ndeferred: delivered with the person's next message; dead: needs an operator "
                  "(fix the cause, then requeue)")

    run_with_app(args, work)
    return 0


def _who(address: str) -> str:
    if address.startswith("http"):
        from bot.adapters.wecom import masked

        return masked(address)
    return address[:8] + "…"


def _when(moment: datetime, app: App) -> str:
    return fmt_time(moment, app.tz)
