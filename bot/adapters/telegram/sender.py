"""Outbox rows out to Telegram: the channel's `ChannelSender`.

One row may hold several messages (a resolution and its photos). Calls already made for a row are
remembered in this process, so a retry after a 429 half-way does not send the first part twice.
A row with an `edit_key` (a group's assignment card) edits the card sent before, or sends it anew
when that message is gone.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
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
from bot.adapters.telegram.throttle import TelegramLimits, Throttle
from core.clock import Clock
from core.delivery import Delivery, DeliveryResult, RateLimit
from core.media import MediaLibrary
from core.messages import MediaRef, Photo

log = logging.getLogger(__name__)

MAX_REMEMBERED = 10_000  # rows with a half-done delivery kept in memory
MAX_DELIVER_WAIT = 20.0  # seconds deliver() may wait for the chat's limit; longer: retry later
PACED = (SendMessage, SendPhoto, SendMediaGroup, SendLocation, SendVenue, EditMessageText, EditMessageReplyMarkup)


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

    def __init__(self, bot: Bot, *, clock: Clock, signer: CallbackSigner | None = None,
                 throttle: Throttle | None = None, limits: TelegramLimits | None = None,
                 media: MediaLibrary | None = None) -> None:
        self.bot, self.clock = bot, clock
        self.media = media or MediaLibrary()
        self.signer = signer or CallbackSigner(bot.token)
        self.throttle = throttle or Throttle(clock)
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
        paused = self.paused_for(chat_id)
        if paused > 0:
            return DeliveryResult("retry", retry_after=paused, reason="waiting out Telegram's retry_after")
        done, ref = self._progress.pop(item.id, (0, None))
        actions = self._actions(item, chat_id, await self._uploads(item))
        for index, action in enumerate(actions):
            if index < done:
                continue
            wait = self.throttle.delay(self.chat_limits(chat_id))
            if wait > MAX_DELIVER_WAIT:  # a busy group's minute is used up: give the row back
                self._remember(item.id, done, ref)
                return DeliveryResult("retry", retry_after=wait, reason="Telegram's rate limit for this chat")
            try:
                first = await action()
            except Exception as exc:
                result = errors.outcome_for(exc)
                if result.outcome == "retry":
                    self._remember(item.id, done, ref)
                    if result.retry_after:
                        self.pause(chat_id, result.retry_after)
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

    def paused_for(self, chat_id: int) -> float:
        return max(self.throttle.paused_for(limit.key) for limit in self.chat_limits(chat_id))

    def pause(self, chat_id: int, seconds: float) -> None:
        self.throttle.pause(self.chat_limits(chat_id)[0].key, seconds)

    async def call(self, method: TelegramMethod[Any], chat_id: int) -> Any:
        """One Bot API call; what posts or edits a message counts against the chat's limits (an
        album counts each photo), other calls (answering a button, asking who is admin) do not."""
        if isinstance(method, PACED):
            count = len(method.media) if isinstance(method, SendMediaGroup) else 1
            for _ in range(count):
                await self.throttle.acquire(self.chat_limits(chat_id))
        return await self.bot(method)

    async def send(self, method: TelegramMethod[Any], chat_id: int) -> str | None:
        """Send and return the platform ref of the (first) message; a photo Telegram no longer
        knows becomes a short note instead of failing the whole delivery."""
        try:
            result = await self.call(method, chat_id)
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

    def _actions(self, item: Delivery, chat_id: int, uploads: dict[MediaRef, InputFile]
                 ) -> list[Callable[[], Awaitable[str | None]]]:
        now = self.clock.now()
        messages = list(item.messages)
        actions: list[Callable[[], Awaitable[str | None]]] = []
        card = card_content(messages[0], chat_id, self.signer, now) if item.edit_key and messages else None
        if card is not None:
            text, markup = card
            actions.append(lambda: self._show_card(chat_id, text, markup, item.previous_ref))
            messages = messages[1:]
        for call in self.renderer.plan(messages, Target(chat_id, now), uploads):
            actions.append(lambda call=call: self.send(call, chat_id))  # type: ignore[misc]
        return actions

    async def _show_card(self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None,
                         previous_ref: str | None) -> str | None:
        previous = parse_ref(previous_ref)
        if previous is not None and previous[0] == chat_id:
            try:
                # no reply_markup removes the buttons: a card with nothing left to do
                await self.call(EditMessageText(chat_id=chat_id, message_id=previous[1], text=text,
                                                reply_markup=markup,
                                                link_preview_options=LinkPreviewOptions(is_disabled=True)),
                                chat_id)
                return previous_ref
            except TelegramBadRequest as exc:
                if errors.has(exc, errors.NOT_MODIFIED):
                    return previous_ref
                if not errors.has(exc, errors.EDIT_TARGET_GONE):
                    raise
                log.info("card %s in chat %s is gone; sending it anew", previous_ref, chat_id)
        return await self.send(SendMessage(chat_id=chat_id, text=text, reply_markup=markup,
                                           link_preview_options=LinkPreviewOptions(is_disabled=True)), chat_id)

    def _remember(self, delivery_id: int, done: int, ref: str | None) -> None:
        self._progress[delivery_id] = (done, ref)
        while len(self._progress) > MAX_REMEMBERED:
            self._progress.popitem(last=False)
