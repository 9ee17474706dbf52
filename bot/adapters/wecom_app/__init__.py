"""The WeCom self-built application channel (企业微信自建应用, channel "wecom_app"): grid workers get
assignment cards with buttons, claim with one tap, and report progress, results and returns in the
app's chat (docs/wecom.md). The pieces:

- protocol / inbound: verify and decrypt WeCom's callbacks (wechatpy's WeCom crypto), read them
- webhook: exactly once within WeCom's 5 seconds, passive replies; worker: the workers' chat
- api / cards / cardstore / sender: the server API with one shared access_token, the
  button-interaction cards and their one-use update codes, delivery through the outbox
- quota: WeCom's daily message quota, counted across processes
- texts: what the app says

Who gets which card or alert is decided in the core (core/service/wecom_notices.py). The group
robot (bot/adapters/wecom.py) stays: it is the group's shared view.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.adapters.wechat.token import AccessTokens
from bot.adapters.wecom_app.api import WeComAPI
from bot.adapters.wecom_app.inbound import CHANNEL
from bot.adapters.wecom_app.protocol import WeComProtocol
from bot.adapters.wecom_app.quota import Quota
from bot.adapters.wecom_app.sender import WeComAppSender, WeComMedia
from bot.adapters.wecom_app.webhook import WeComAppWebhook
from bot.adapters.wecom_app.worker import WeComWorkers
from core.clock import Clock
from core.config import Settings
from core.db.engine import Database
from core.errors import InvalidInput
from core.keyvalue import SharedStore, shared_store
from core.media import MediaLibrary
from core.service.directory import Directory
from core.service.queries import TicketQueries
from core.service.tickets import TicketService

__all__ = ["CHANNEL", "WeComAppParts", "WeComAppSender", "WeComAppWebhook", "wecom_app_parts",
           "wecom_app_component"]


@dataclass
class WeComAppParts:
    api: WeComAPI
    tokens: AccessTokens
    sender: WeComAppSender
    store: SharedStore
    quota: Quota

    async def close(self) -> None:
        await self.api.close()
        await self.store.close()


def wecom_app_parts(settings: Settings, db: Database, clock: Clock, *, media: MediaLibrary) -> WeComAppParts:
    """The API client, the shared token and the sender; the app's photos join the media library."""
    cfg = settings.wecom
    if not (cfg.corp_id and cfg.secret and cfg.agent_id):
        raise InvalidInput("the WeCom app needs WECOM_CORP_ID, WECOM_AGENT_ID and WECOM_SECRET")
    store = shared_store(db, clock, settings.redis_url)
    api = WeComAPI(cfg.api_base, cfg.corp_id, cfg.agent_id, cfg.secret)
    tokens = AccessTokens(api, store, clock, name=CHANNEL)
    media.register(CHANNEL, WeComMedia(api, tokens))
    quota = Quota(store, clock, api.app_id, accounts=cfg.accounts)
    sender = WeComAppSender(db=db, clock=clock, api=api, tokens=tokens, media=media, quota=quota)
    return WeComAppParts(api, tokens, sender, store, quota)


class _Component(WeComAppWebhook):
    """The webhook, closing the store it was given when `serve` stops."""

    store: SharedStore

    async def stop(self) -> None:
        await super().stop()
        await self.store.close()


def wecom_app_component(settings: Settings, *, db: Database, clock: Clock, tickets: TicketService,
                        directory: Directory, queries: TicketQueries, tz: ZoneInfo) -> WeComAppWebhook:
    cfg = settings.wecom
    if not (cfg.token and cfg.aes_key and cfg.corp_id):
        raise InvalidInput("the WeCom callback needs WECOM_TOKEN, WECOM_AES_KEY and WECOM_CORP_ID")
    store = shared_store(db, clock, settings.redis_url)
    workers = WeComWorkers(tickets=tickets, directory=directory, queries=queries, store=store, tz=tz)
    component = _Component(db=db, clock=clock, workers=workers, path=cfg.path, budget=cfg.reply_budget,
                           max_body=cfg.max_body,
                           protocol=WeComProtocol(cfg.token, cfg.aes_key, cfg.corp_id, agent_id=cfg.agent_id,
                                                  max_age=cfg.max_age))
    component.store = store
    return component
