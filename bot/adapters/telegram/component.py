"""The Telegram part of `complaint-bot serve`: long polling for development, or a webhook route on
the shared aiohttp server for production (Telegram's secret header checked on every request)."""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
from contextlib import suppress

from aiogram.exceptions import TelegramAPIError, TelegramConflictError, TelegramUnauthorizedError
from aiogram.methods import DeleteWebhook, GetUpdates, SetMyCommands, SetWebhook
from aiogram.types import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats, Update
from aiohttp import web
from pydantic import ValidationError

from bot.adapters.telegram import texts as tx
from bot.adapters.telegram.channel import ALLOWED_UPDATES, TelegramChannel
from bot.backoff import Backoff
from core import logcontext
from core.config import TelegramSettings
from core.errors import InvalidInput, Unavailable

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as secret_token
POLL_SECONDS = 25
MAX_BACKOFF = 60.0
# an update nests about 8 levels (a reply's entities' users); a hostile body can break the JSON
# parser (RecursionError) or code that walks the model: refused before either runs
MAX_JSON_DEPTH = 32


def nesting_depth(value: object, limit: int) -> int:
    """How deep `value`'s lists and dicts nest, counted without recursion and given up past `limit`."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if deepest > limit:
                return deepest
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def check_settings(settings: TelegramSettings) -> None:
    """Refuse a webhook that anyone could post to, before anything starts."""
    if settings.mode != "webhook":
        return
    if not settings.webhook_url or not re.match(r"^https?://\S+$", settings.webhook_url):
        raise InvalidInput("TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_URL (the public https:// address "
                           "of the webhook path)")
    if not settings.webhook_secret or not _SECRET.match(settings.webhook_secret):
        raise InvalidInput("TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_SECRET: 1-256 characters of "
                           "A-Z a-z 0-9 _ - (e.g. `openssl rand -hex 32`)")


class TelegramComponent:
    name = "telegram"

    def __init__(self, channel: TelegramChannel, settings: TelegramSettings, *,
                 poll_seconds: int = POLL_SECONDS, routes_only: bool = False) -> None:
        check_settings(settings)
        self.channel, self.settings = channel, settings
        # a web worker (bot/workers.py) answers the webhook route; the main process sets the
        # webhook and the commands, and is the only one that may poll
        self.routes_only = routes_only
        self.bot = channel.bot
        self.poll_seconds = poll_seconds
        self._task: asyncio.Task[None] | None = None
        self._offset: int | None = None
        self._confirmed: int | None = None
        self._busy = False
        self._stopping = False

    @property
    def mode(self) -> str:
        return self.settings.mode

    def setup_routes(self, web_app: web.Application) -> None:
        if self.mode == "webhook":
            web_app.router.add_post(self.settings.webhook_path, self.webhook)

    async def start(self) -> None:
        me = await self.channel.start()
        if self.routes_only:
            return
        await self._set_commands()
        if self.mode == "webhook":
            await self.bot(SetWebhook(url=self.settings.webhook_url or "", secret_token=self.settings.webhook_secret,
                                      allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False))
            log.info("telegram @%s: webhook set to %s", me.username, self.settings.webhook_url)
        else:
            # getUpdates refuses to work while a webhook is set
            await self.bot(DeleteWebhook(drop_pending_updates=False))
            self._stopping = False
            self._task = asyncio.create_task(self._poll(), name="telegram-polling")
            log.info("telegram @%s: long polling", me.username)

    async def stop(self) -> None:
        # the webhook stays set on purpose: a restart or another process keeps serving it
        if self._task is not None:
            self._stopping = True
            if not self._busy:
                self._task.cancel()  # it is waiting on getUpdates: nothing is lost
            with suppress(asyncio.CancelledError):
                await self._task
            self._task = None
            await self._confirm()
        await self.channel.settle()  # albums still waiting for their last part
        await self.channel.inbound.close()
        await self.bot.session.close()

    # ---- polling --------------------------------------------------------------------------------

    async def _poll(self) -> None:
        backoff = Backoff(first=1.0, most=MAX_BACKOFF)
        while not self._stopping:
            try:
                updates = await self.bot(
                    GetUpdates(offset=self._offset, timeout=self.poll_seconds, allowed_updates=ALLOWED_UPDATES),
                    request_timeout=self.poll_seconds + 15,
                )
            except Exception as exc:  # anything but cancellation: log, wait, poll again
                if isinstance(exc, TelegramUnauthorizedError):
                    log.error("telegram refused the bot token (TELEGRAM_BOT_TOKEN): %s", exc)
                elif isinstance(exc, TelegramConflictError):
                    log.error("telegram: another process is polling this bot, or a webhook is set: %s", exc)
                else:
                    log.warning("telegram getUpdates failed: %s", exc)
                await asyncio.sleep(backoff.next())
                continue
            backoff.reset()
            self._confirmed = self._offset
            for update in updates:
                logcontext.begin(channel=self.name, request_id=f"tg-{update.update_id}")
                self._busy = True
                try:
                    await self.channel.feed(update)
                except Unavailable as exc:
                    # the database is away: the offset stays, so getUpdates hands this update
                    # (and those after it) over again once we have waited
                    log.warning("telegram update %s not handled (%s); fetched again later", update.update_id, exc)
                    await asyncio.sleep(backoff.next())
                    break
                except Exception:  # one bad update must not stop the bot
                    log.exception("telegram update %s failed", update.update_id)
                finally:
                    self._busy = False
                self._offset = update.update_id + 1
                if self._stopping:
                    return

    async def _confirm(self) -> None:
        """Tell Telegram what was handled, so a restart does not fetch it again (it would be
        skipped as a duplicate anyway)."""
        if self._offset is None or self._offset == self._confirmed:
            return
        with suppress(TelegramAPIError, asyncio.TimeoutError):
            await self.bot(GetUpdates(offset=self._offset, timeout=0, limit=1, allowed_updates=ALLOWED_UPDATES),
                           request_timeout=5)
            self._confirmed = self._offset

    # ---- webhook --------------------------------------------------------------------------------

    async def webhook(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        expected = self.settings.webhook_secret or ""
        if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
            log.warning("telegram webhook: wrong or missing secret from %s", request.remote)
            return web.json_response({"ok": False, "error": "unauthorized"}, status=401)
        if request.content_type != "application/json":
            return web.json_response({"ok": False, "error": "expected application/json"}, status=415)
        try:
            data = await request.json()
        except ValueError:
            return web.json_response({"ok": False, "error": "body is not JSON"}, status=400)
        except RecursionError:
            return web.json_response({"ok": False, "error": f"nested deeper than {MAX_JSON_DEPTH} levels"},
                                     status=400)
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return web.json_response({"ok": False, "error": "not a Telegram update"}, status=400)
        if nesting_depth(data, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
            log.warning("telegram webhook: update nested deeper than %d levels refused", MAX_JSON_DEPTH)
            return web.json_response({"ok": False, "error": f"nested deeper than {MAX_JSON_DEPTH} levels"},
                                     status=400)
        try:
            update = Update.model_validate(data, context={"bot": self.bot})
        except ValidationError as exc:
            return web.json_response({"ok": False, "error": f"malformed update: {exc.error_count()} error(s)"},
                                     status=400)
        except (RecursionError, ValueError, TypeError) as exc:  # the model's own validators
            return web.json_response({"ok": False, "error": f"malformed update: {type(exc).__name__}"},
                                     status=400)
        try:
            await self.channel.feed(update)
        except Unavailable as exc:  # nothing answered, the claim released: Telegram delivers it again
            log.warning("telegram update %s not handled (%s): answering 503", update.update_id, exc)
            return web.json_response({"ok": False, "error": "temporarily unavailable"}, status=503)
        except Exception:  # answered 200 all the same: a retry of a failing update fails again
            log.exception("telegram update %s failed", update.update_id)
        return web.Response(status=200)

    async def _set_commands(self) -> None:
        try:
            await self.bot(SetMyCommands(commands=[BotCommand(command=c, description=d) for c, d in tx.PRIVATE_COMMANDS],
                                         scope=BotCommandScopeAllPrivateChats()))
            await self.bot(SetMyCommands(commands=[BotCommand(command=c, description=d) for c, d in tx.GROUP_COMMANDS],
                                         scope=BotCommandScopeAllGroupChats()))
        except TelegramAPIError as exc:  # a nicety: the bot works without its command list
            log.warning("telegram setMyCommands failed: %s", exc)
