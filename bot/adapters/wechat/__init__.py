"""The WeChat Official Account channel (公众号): the webhook residents and staff write to, and the
sender that pushes their updates. The pieces:

- protocol / xmlsafe / inbound: verify, decrypt and read what WeChat posts
- webhook: exactly-once handling within WeChat's 5 seconds, passive replies
- render / options: numbered options out, "1" back in as the option's key
- api / token: the HTTP API over aiohttp with one access_token shared by all processes (in the
  shared store, core/keyvalue.py)
- window / templates / sender: the 48-hour window, its quota, template messages, deferral

`wechat_parts(…)` builds the pieces the webhook and the sender share (the options memory, the
token); the composition root (bot/app.py) calls it once and wires the webhook and the sender.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.adapters.wechat.api import WeChatAPI
from bot.adapters.wechat.options import OptionsMemory
from bot.adapters.wechat.sender import WeChatSender
from bot.adapters.wechat.templates import parse_templates
from bot.adapters.wechat.token import WeChatTokens
from bot.adapters.wechat.webhook import WeChatWebhook
from bot.adapters.wechat.window import ReplyWindow
from core.clock import Clock
from core.config import WeChatSettings
from core.db.engine import Database
from core.keyvalue import SharedStore
from core.media import MediaLibrary
from core.service.queries import TicketQueries

__all__ = ["WeChatParts", "WeChatSender", "WeChatWebhook", "wechat_parts"]


@dataclass
class WeChatParts:
    store: SharedStore
    options: OptionsMemory
    api: WeChatAPI | None
    tokens: WeChatTokens | None
    sender: WeChatSender | None

    async def close(self) -> None:
        if self.api is not None:
            await self.api.close()
        await self.store.close()


def wechat_parts(settings: WeChatSettings, *, store: SharedStore, db: Database, clock: Clock, tz: ZoneInfo,
                 queries: TicketQueries, media: MediaLibrary | None = None,
                 options_store: SharedStore | None = None) -> WeChatParts:
    """The shared pieces: the options memory (webhook and sender; in `options_store` when given, else
    `store`), and with an AppID and secret the API, its token and the sender (which uploads photos
    taken in other channels, through `media`)."""
    options = OptionsMemory(options_store or store)
    api = tokens = sender = None
    if settings.app_id and settings.app_secret:
        api = WeChatAPI(settings.api_base, settings.app_id, settings.app_secret,
                        token_endpoint=settings.token_endpoint)
        tokens = WeChatTokens(api, store, clock)
        sender = WeChatSender(clock=clock, tokens=tokens, window=ReplyWindow(db), queries=queries, options=options,
                              templates=parse_templates(settings.templates), tz=tz, media=media)
    return WeChatParts(store, options, api, tokens, sender)
