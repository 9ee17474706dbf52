"""The WeChat Official Account channel (公众号): the webhook residents and staff write to, and the
sender that pushes their updates. The pieces:

- protocol / xmlsafe / inbound: verify, decrypt and read what WeChat posts
- webhook: exactly-once handling within WeChat's 5 seconds, passive replies
- render / options: numbered options out, "1" back in as the option's key
- api / token / store: the HTTP API over aiohttp with one access_token shared by all processes
- window / templates / sender: the 48-hour window, its quota, template messages, deferral

`wechat_parts(app)` wires them from the App's settings once; `build_app` registers the sender and
`components_for` the webhook.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.adapters.wechat.api import WeChatAPI
from bot.adapters.wechat.options import OptionsMemory
from bot.adapters.wechat.protocol import WeChatProtocol
from bot.adapters.wechat.sender import WeChatSender
from bot.adapters.wechat.store import DatabaseStore, RedisStore, SharedStore
from bot.adapters.wechat.templates import parse_templates
from bot.adapters.wechat.token import AccessTokens
from bot.adapters.wechat.webhook import Dialogs, WeChatWebhook
from core.errors import InvalidInput

if TYPE_CHECKING:
    from bot.app import App

__all__ = ["WeChatParts", "WeChatSender", "WeChatWebhook", "Dialogs", "wechat_parts", "wechat_component"]


@dataclass
class WeChatParts:
    store: SharedStore
    options: OptionsMemory
    api: WeChatAPI | None
    tokens: AccessTokens | None
    sender: WeChatSender | None

    async def close(self) -> None:
        if self.api is not None:
            await self.api.close()
        await self.store.close()


def wechat_parts(app: App) -> WeChatParts:
    """The shared pieces, built once per App (the webhook and the sender share the options memory
    and the token)."""
    cached = app.extras.get("wechat")
    if isinstance(cached, WeChatParts):
        return cached
    settings = app.settings.wechat
    store: SharedStore = (RedisStore(app.settings.redis_url, app.clock) if app.settings.redis_url
                          else DatabaseStore(app.db, app.clock))
    options = OptionsMemory(store)
    api = tokens = sender = None
    if settings.app_id and settings.app_secret:
        api = WeChatAPI(settings.api_base, settings.app_id, settings.app_secret,
                        token_endpoint=settings.token_endpoint)
        tokens = AccessTokens(api, store, app.clock)
        sender = WeChatSender(db=app.db, clock=app.clock, api=api, tokens=tokens, options=options,
                              templates=parse_templates(settings.templates), tz=app.tz)
    parts = WeChatParts(store, options, api, tokens, sender)
    app.extras["wechat"] = parts
    return parts


def wechat_component(app: App, dialogs: Dialogs | None = None) -> WeChatWebhook:
    settings = app.settings.wechat
    if not settings.token:
        raise InvalidInput("WECHAT_TOKEN is not set")
    parts = wechat_parts(app)

    async def build_dialogs() -> Dialogs:
        engine: Dialogs = app.engine
        return engine

    return WeChatWebhook(
        db=app.db, clock=app.clock, outbox=app.outbox,
        protocol=WeChatProtocol(settings.token, settings.app_id, settings.aes_key, max_age=settings.max_age),
        options=parts.options, path=settings.path, budget=settings.reply_budget, max_body=settings.max_body,
        dialogs=dialogs, dialogs_factory=build_dialogs,
    )
