"""Outbox rows out to Telegram: the channel's `ChannelSender`.

One row may hold several messages (a resolution and its photos). Calls already made for a row are
remembered in this process, so a retry after a 429 half-way does not send the first part twice.
A row with an `edit_key` (a group's assignment card) edits the card sent before, or sends it anew
when that message is gone.

Pacing: every call that posts or edits a message takes its place in the deployment's one rate
limiter (core/followthrough/ratelimit.py; in Redis when configured, so replies from several
processes count against the same limits), under Telegram's limits (`TelegramLimits`). The outbox
sender takes the place of a row's first message before `deliver` (through `limits`); `deliver`
takes the places of the rest. A 429's retry_after pauses the chat's key for everyone.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.methods import (
    EditMessageReplyMarkup,
    EditMessageText,
    SendLocation,
    SendMediaGroup,
    SendMessage,
    SendPhoto,
    SendVenue,
    TelegramMethod,
)
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup, InputFile, LinkPreviewOptions, Message

from bot.adapters.telegram import errors
from bot.adapters.telegram import texts as tx
from bot.adapters.telegram.callbacks import CallbackSigner
from bot.adapters.telegram.render import CHANNEL, Renderer, Target, card_content
from core.clock import Clock
from core.delivery import Delivery, DeliveryResult, RateLimit
from core.followthrough.ratelimit import RateLimiter, Sleep, wait_and_take
from core.media import MediaLibrary
from core.messages import MediaRef, Photo

log = logging.getLogger(__name__)

MAX_REMEMBERED = 10_000  # rows with a half-done delivery kept in memory
MAX_DELIVER_WAIT = 20.0  # seconds deliver() may wait for the chat's limit; longer: retry later
PACED = (SendMessage, SendPhoto, SendMediaGroup, SendLocation, SendVenue, EditMessageText, EditMessageReplyMarkup)


@dataclass(frozen=True)
class TelegramLimits:
    """Telegram's published guidance: about one message a second in a chat, twenty a minute in a
    group, thirty a second in all. The chat's rate is kept over three seconds, so a reply of three
    messages goes out at once and a longer burst settles to one a second."""

    per_chat: tuple[int, float] = (3, 3.0)
    per_group: tuple[int, float] = (20, 60.0)
    overall: tuple[int, float] = (30, 1.0)

    def for_chat(self, bot_id: int, chat_id: str | int) -> list[RateLimit]:
        chat = str(chat_id)
        limits = [
            RateLimit(f"telegram:{bot_id}:chat:{chat}", *self.per_chat),
            RateLimit(f"telegram:{bot_id}:all", *self.overall),
        ]
        if chat.startswith("-"):  # groups and supergroups have negative ids
            limits.append(RateLimit(f"telegram:{bot_id}:group:{chat}", *self.per_group))
        return limits


@dataclass
class Prepaid:
    """Places in the limits already taken for a delivery (the outbox sender takes the first)."""

    left: int = 0


def platform_ref(message: Message) -> str:
    return f"{message.chat.id}:{message.message_id}"


def parse_ref(ref: str | None) -> tuple[int, int] | None:
    try:
        chat, message_id = (ref or "").rsplit(":", 1)
        return int(chat), int(message_id)
    except ValueError:
        return None


class TelegramSender:
    channel = CHANNEL

    def __init__(self, bot: Bot, *, clock: Clock, limiter: RateLimiter, signer: CallbackSigner | None = None,
                 limits: TelegramLimits | None = None, sleep: Sleep = asyncio.sleep,
                 media: MediaLibrary | None = None) -> None:
        self.bot, self.clock, self.limiter, self.sleep = bot, clock, limiter, sleep
        self.media = media or MediaLibrary()  # photos from other channels (a worker's from WeCom)
        self.signer = signer or CallbackSigner(bot.token)
        self.renderer = Renderer(self.signer)
        self.rate = limits or TelegramLimits()
        self._progress: OrderedDict[int, tuple[int, str | None]] = OrderedDict()

    # ---- the ChannelSender contract --------------------------------------------------------------

    def limits(self, item: Delivery) -> list[RateLimit]:
        return self.rate.for_chat(self.bot.id, item.address)

    async def deliver(self, item: Delivery) -> DeliveryResult:
        try:
            chat_id = int(item.address)
        except ValueError:
            return DeliveryResult("failed", reason=f"not a Telegram chat id: {item.address[:50]!r}")
        paused = await self.limiter.paused_for(self.chat_limits(chat_id)[0].key)
        if paused > 0:
            return DeliveryResult("retry", retry_after=paused, reason="waiting out Telegram's retry_after")
        done, ref = self._progress.pop(item.id, (0, None))
        prepaid = Prepaid(1)  # the outbox sender took the place of the first message still to go
        actions = self._actions(item, chat_id, prepaid, await self._uploads(item))
        for index, action in enumerate(actions):
            if index < done:
                continue
            wait = 0.0 if prepaid.left else await self.delay(chat_id)
            if wait > MAX_DELIVER_WAIT:  # a busy group's minute is used up (or a 429): give the row back
                self._remember(item.id, done, ref)
                return DeliveryResult("retry", retry_after=wait, reason="Telegram's rate limit for this chat")
            try:
                first = await action()
            except Exception as exc:
                result = errors.outcome_for(exc)
                if result.outcome == "retry":
                    self._remember(item.id, done, ref)
                    if result.retry_after:
                        await self.pause(chat_id, result.retry_after)
                    log.warning("telegram delivery %s to %s: will retry: %s", item.id, chat_id, result.reason)
                elif result.outcome == "failed" and not isinstance(exc, TelegramAPIError):
                    log.exception("telegram delivery %s to %s failed", item.id, chat_id)
                else:
                    log.warning("telegram delivery %s to %s: %s: %s", item.id, chat_id, result.outcome,
                                result.reason)
                return result
            ref = ref or first
            done = index + 1
        return DeliveryResult("sent", platform_ref=ref)

    async def close(self) -> None:
        await self.bot.session.close()

    # ---- sending, paced ------------------------------------------------------------------------

    def chat_limits(self, chat_id: int) -> list[RateLimit]:
        return self.rate.for_chat(self.bot.id, chat_id)

    async def delay(self, chat_id: int) -> float:
        """How long the next message to this chat would wait (a 429's pause included)."""
        return await self.limiter.peek(self.chat_limits(chat_id))

    async def pause(self, chat_id: int, seconds: float) -> None:
        await self.limiter.pause(self.chat_limits(chat_id)[0].key, seconds)

    async def call(self, method: TelegramMethod[Any], chat_id: int, prepaid: Prepaid | None = None) -> Any:
        """One Bot API call; what posts or edits a message takes its place in the chat's limits (an
        album one per photo), other calls (answering a button, asking who is admin) do not."""
        if isinstance(method, PACED):
            count = len(method.media) if isinstance(method, SendMediaGroup) else 1
            if prepaid is not None and prepaid.left:
                used = min(count, prepaid.left)
                prepaid.left -= used
                count -= used
            for _ in range(count):
                await wait_and_take(self.limiter, self.chat_limits(chat_id), self.sleep)
        return await self.bot(method)

    async def send(self, method: TelegramMethod[Any], chat_id: int, prepaid: Prepaid | None = None) -> str | None:
        """Send and return the platform ref of the (first) message; a photo Telegram no longer
        knows becomes a short note instead of failing the whole delivery."""
        try:
            result = await self.call(method, chat_id, prepaid)
        except TelegramBadRequest as exc:
            if not isinstance(method, SendPhoto | SendMediaGroup) or not errors.has(exc, errors.BAD_MEDIA):
                raise
            log.warning("photo no longer available in chat %s: %s", chat_id, exc)
            caption = method.caption if isinstance(method, SendPhoto) else None
            result = await self.call(SendMessage(chat_id=chat_id, text=tx.PHOTO_UNAVAILABLE + (caption or "")),
                                     chat_id)
        if isinstance(result, list):
            return platform_ref(result[0]) if result else None
        return platform_ref(result) if isinstance(result, Message) else None

    # ---- what one row becomes --------------------------------------------------------------------

    async def _uploads(self, item: Delivery) -> dict[MediaRef, InputFile]:
        """Photos from another channel (a worker's photo from WeCom), fetched to upload as files."""
        found: dict[MediaRef, InputFile] = {}
        for message in item.messages:
            if isinstance(message, Photo) and message.media.channel != CHANNEL and self.media.can_fetch(message.media):
                media = await self.media.fetch(message.media)
                if media is not None:
                    found[message.media] = BufferedInputFile(media.data, filename=media.filename)
        return found

    def _actions(self, item: Delivery, chat_id: int, prepaid: Prepaid, uploads: dict[MediaRef, InputFile]
                 ) -> list[Callable[[], Awaitable[str | None]]]:
        now = self.clock.now()
        messages = list(item.messages)
        actions: list[Callable[[], Awaitable[str | None]]] = []
        card = card_content(messages[0], chat_id, self.signer, now) if item.edit_key and messages else None
        if card is not None:
            text, markup = card
            actions.append(lambda: self._show_card(chat_id, text, markup, item.previous_ref, prepaid))
            messages = messages[1:]
        for call in self.renderer.plan(messages, Target(chat_id, now), uploads):
            actions.append(lambda call=call: self.send(call, chat_id, prepaid))  # type: ignore[misc]
        return actions

    async def _show_card(self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None,
                         previous_ref: str | None, prepaid: Prepaid) -> str | None:
        previous = parse_ref(previous_ref)
        if previous is not None and previous[0] == chat_id:
            try:
                # no reply_markup removes the buttons: a card with nothing left to do
                await self.call(EditMessageText(chat_id=chat_id, message_id=previous[1], text=text,
                                                reply_markup=markup,
                                                link_preview_options=LinkPreviewOptions(is_disabled=True)),
                                chat_id, prepaid)
                return previous_ref
            except TelegramBadRequest as exc:
                if errors.has(exc, errors.NOT_MODIFIED):
                    return previous_ref
                if not errors.has(exc, errors.EDIT_TARGET_GONE):
                    raise
                log.info("card %s in chat %s is gone; sending it anew", previous_ref, chat_id)
        return await self.send(SendMessage(chat_id=chat_id, text=text, reply_markup=markup,
                                           link_preview_options=LinkPreviewOptions(is_disabled=True)), chat_id, prepaid)

    def _remember(self, delivery_id: int, done: int, ref: str | None) -> None:
        self._progress[delivery_id] = (done, ref)
        while len(self._progress) > MAX_REMEMBERED:
            self._progress.popitem(last=False)
