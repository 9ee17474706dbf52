"""The typed messages (core.messages) as Bot API calls: pure, so what a chat will see can be
checked without a server. Text is sent plain (no parse mode), so nothing a person typed can turn
into markup."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiogram.methods import SendLocation, SendMediaGroup, SendMessage, SendPhoto, SendVenue, TelegramMethod
from aiogram.types import (
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    InputMediaPhoto,
    KeyboardButton,
    LinkPreviewOptions,
    MessageEntity,
    ReplyKeyboardMarkup,
    ReplyParameters,
    User,
)

from bot.adapters.telegram import texts as tx
from bot.adapters.telegram.callbacks import CallbackSigner, fits
from core import messages as m

log = logging.getLogger(__name__)

CHANNEL = "telegram"
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_ALBUM = 10
ROW_WIDTH = 24  # display columns per keyboard row (a CJK character takes two)
MAX_PER_ROW = 4

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ForceReply


@dataclass(frozen=True)
class Target:
    """Where and how replies go: the chat, and for a worker's prompt in a group whom it is for."""

    chat_id: int
    now: datetime
    reply_to: int | None = None  # answer this message (the person's own message in a group)
    mention: User | None = None  # name this person, so a selective ForceReply reaches them
    main_menu: bool = False  # attach the private chat's main menu to the first plain message
    menu_hint: bool = False  # … or, if there is none, add a short message that carries it

    @property
    def is_group(self) -> bool:
        return self.chat_id < 0


@dataclass(frozen=True)
class Step:
    """Calls that show `messages` (empty for the adapter's own additions, like the menu hint)."""

    messages: tuple[m.OutMessage, ...]
    calls: list[TelegramMethod[Any]]


def main_menu() -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text=tx.MENU_FILE), KeyboardButton(text=tx.MENU_MINE)],
            [KeyboardButton(text=tx.MENU_LOCATION, request_location=True), KeyboardButton(text=tx.MENU_HELP)],
        ],
        resize_keyboard=True, is_persistent=True, input_field_placeholder=tx.MENU_PLACEHOLDER,
    )


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Telegram refuses longer messages: cut at line ends where possible."""
    text = text.strip() or "…"
    chunks: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = limit
        chunks.append(text[:cut].rstrip())
        text = text[cut:].lstrip("\n")
    chunks.append(text)
    return chunks


def _width(label: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in label) + 2


def keyboard(chat_id: int, options: Sequence[m.Choice], signer: CallbackSigner, now: datetime
             ) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    row: list[InlineKeyboardButton] = []
    used = 0
    for option in options:
        button = InlineKeyboardButton(text=option.label[:64], callback_data=signer.sign(chat_id, option.key, now))
        width = _width(option.label)
        if row and (used + width > ROW_WIDTH or len(row) >= MAX_PER_ROW):
            rows.append(row)
            row, used = [], 0
        row.append(button)
        used += width
    if row:
        rows.append(row)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def card_content(message: m.OutMessage, chat_id: int, signer: CallbackSigner, now: datetime
                 ) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """Text and buttons of an editable message (a group's assignment card), or None if the message
    cannot be shown by editing one text message."""
    match message:
        case m.Choices(prompt=prompt, options=options) if options and all(fits(o.key) for o in options):
            if len(prompt) <= MAX_TEXT:
                return prompt, keyboard(chat_id, options, signer, now)
        case m.Text(text=text) | m.Notice(text=text) if len(text) <= MAX_TEXT:
            return text, None
    return None


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Renderer:
    def __init__(self, signer: CallbackSigner) -> None:
        self.signer = signer
        self._uploads: Mapping[m.MediaRef, InputFile] = {}

    def plan(self, messages: Sequence[m.OutMessage], target: Target,
             uploads: Mapping[m.MediaRef, InputFile] | None = None) -> list[TelegramMethod[Any]]:
        return [call for step in self.steps(messages, target, uploads) for call in step.calls]

    def steps(self, messages: Sequence[m.OutMessage], target: Target,
              uploads: Mapping[m.MediaRef, InputFile] | None = None) -> list[Step]:
        """The calls, grouped by the messages they show (consecutive photos make one album), so a
        caller that must stop half-way knows which messages are still to send. `uploads`: photos
        from another channel, fetched by the caller, to upload as files."""
        self._uploads = uploads or {}
        steps: list[Step] = []
        photos: list[m.Photo] = []

        def flush_photos() -> None:
            for start in range(0, len(photos), MAX_ALBUM):
                batch = photos[start:start + MAX_ALBUM]
                steps.append(Step(tuple(batch), self._photos(batch, target)))
            photos.clear()

        for message in messages:
            if isinstance(message, m.Photo) and (message.media.channel == CHANNEL or message.media in self._uploads):
                photos.append(message)
                continue
            flush_photos()
            steps.append(Step((message,), self._one(message, target)))
        flush_photos()
        if target.main_menu and not target.is_group:
            self._attach_menu(steps, target)
        return steps

    # -- one message ---------------------------------------------------------------------------

    def _one(self, message: m.OutMessage, target: Target) -> list[TelegramMethod[Any]]:
        match message:
            case m.Text(text=text, force_reply=force_reply, addressee=addressee):
                return self._text(text, target, force_reply=force_reply, addressee=addressee)
            case m.Notice(text=text):
                return self._text(text, target)
            case m.Choices(prompt=prompt, options=options):
                if not options:
                    return self._text(prompt, target)
                if not all(fits(o.key) for o in options):
                    # a key too long for a button: numbered options still work, since the
                    # conversations accept the typed label
                    log.warning("choice keys too long for Telegram buttons: %s", [o.key for o in options])
                    return self._text(m.plain_text([message]), target)
                return self._text(prompt, target,
                                  markup=keyboard(target.chat_id, options, self.signer, target.now))
            case m.Photo(caption=caption):
                # a photo from another channel: its id means nothing here
                note = tx.FOREIGN_MEDIA_WITH_CAPTION.format(caption=caption) if caption else tx.FOREIGN_MEDIA
                return self._text(note, target)
            case m.Location(point=point):
                if point.label:
                    return [SendVenue(chat_id=target.chat_id, latitude=point.lat, longitude=point.lng,
                                      title=point.label[:100], address=point.label[:200])]
                return [SendLocation(chat_id=target.chat_id, latitude=point.lat, longitude=point.lng)]
        raise TypeError(f"not a message: {message!r}")

    def _text(self, text: str, target: Target, *, force_reply: bool = False,
              markup: InlineKeyboardMarkup | None = None, addressee: str | None = None) -> list[TelegramMethod[Any]]:
        entities: list[MessageEntity] | None = None
        if force_reply and target.is_group and target.mention is not None and target.reply_to is None:
            # a selective ForceReply reaches the people @mentioned in the text: name the worker,
            # by username when there is one, else with a mention entity that links their account.
            # A text that opens with their name already has its mention there (named once)
            named = bool(addressee) and text.startswith(addressee or "")
            rest = text[len(addressee or ""):] if named else f" {text}"
            if target.mention.username:
                text = f"@{target.mention.username}{rest}"
            else:
                name = addressee if named and addressee else target.mention.full_name or str(target.mention.id)
                text = f"{name}{rest}"
                entities = [MessageEntity(type="text_mention", offset=0, length=_utf16_len(name),
                                          user=target.mention)]
        chunks = split_text(text)
        calls: list[TelegramMethod[Any]] = []
        for i, chunk in enumerate(chunks):
            last = i == len(chunks) - 1
            reply_markup: Markup | None = None
            if last and markup is not None:
                reply_markup = markup
            elif last and force_reply:
                reply_markup = ForceReply(force_reply=True, selective=True)
            calls.append(SendMessage(
                chat_id=target.chat_id, text=chunk, reply_markup=reply_markup,
                entities=entities if i == 0 else None,
                # in a group, answer the person's message: busy groups stay readable, and a
                # selective ForceReply reaches the author of the message it answers
                reply_parameters=ReplyParameters(message_id=target.reply_to, allow_sending_without_reply=True)
                if target.reply_to is not None and i == 0 else None,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            ))
        return calls

    def _photos(self, batch: list[m.Photo], target: Target) -> list[TelegramMethod[Any]]:
        calls: list[TelegramMethod[Any]] = []
        long_captions = [p.caption for p in batch if len(p.caption) > MAX_CAPTION]
        if len(batch) == 1:
            p = batch[0]
            calls.append(SendPhoto(chat_id=target.chat_id, photo=self._uploads.get(p.media, p.media.media_id),
                                   caption=p.caption if p.caption and not long_captions else None))
        else:
            calls.append(SendMediaGroup(chat_id=target.chat_id, media=[
                InputMediaPhoto(media=self._uploads.get(p.media, p.media.media_id),
                                caption=p.caption if p.caption and len(p.caption) <= MAX_CAPTION else None)
                for p in batch]))
        for caption in long_captions:
            calls.extend(self._text(caption, target))
        return calls

    def _attach_menu(self, steps: list[Step], target: Target) -> None:
        for step in steps:
            for call in step.calls:
                if isinstance(call, SendMessage) and call.reply_markup is None:
                    call.reply_markup = main_menu()
                    return
        if target.menu_hint:
            steps.append(Step((), [SendMessage(chat_id=target.chat_id, text=tx.MENU_HINT, reply_markup=main_menu())]))
