"""Telegram updates as `core.messages.Incoming`: what a person did, without the platform's shape.
Pure functions: the handlers decide what to do with the result."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from aiogram.types import CallbackQuery, Message, PhotoSize, User

from bot.adapters.telegram.render import CHANNEL
from core.messages import ChatKind, GeoPoint, Incoming, MediaRef

_COMMAND = re.compile(r"^/(?P<name>[A-Za-z0-9_]{1,32})(?:@(?P<bot>[A-Za-z0-9_]{3,64}))?$")
ANONYMOUS_ADMIN = 1087968824  # the "user" of a group admin posting as the group
MAX_ARGS = 10
MAX_ARG = 200


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]
    for_us: bool  # False: "/start@some_other_bot" in a shared group


def chat_kind(chat_type: str) -> ChatKind | None:
    if chat_type == "private":
        return "private"
    if chat_type in ("group", "supergroup"):
        return "group"
    return None  # channels: the bot does not work there


def parse_command(text: str | None, bot_username: str | None) -> Command | None:
    if not text or not text.startswith("/"):
        return None
    head, *rest = text.split()
    match = _COMMAND.match(head)
    if match is None:
        return None
    target = match["bot"]
    for_us = target is None or (bot_username is not None and target.lower() == bot_username.lower())
    args = tuple(a[:MAX_ARG] for a in rest[:MAX_ARGS])
    return Command(match["name"].lower(), args, for_us)


def largest_photo(sizes: list[PhotoSize]) -> PhotoSize:
    # Telegram lists sizes smallest first, but do not rely on it
    return max(sizes, key=lambda p: (p.width * p.height, p.file_size or 0))


def photos_of(message: Message) -> tuple[MediaRef, ...]:
    if message.photo:
        best = largest_photo(message.photo)
        return (MediaRef(channel=CHANNEL, media_id=best.file_id),)
    document = message.document
    if document is not None and (document.mime_type or "").startswith("image/"):
        # a photo sent "as a file" (uncompressed) is still a photo of the problem
        return (MediaRef(channel=CHANNEL, media_id=document.file_id),)
    return ()


def location_of(message: Message) -> GeoPoint | None:
    if message.venue is not None:
        v = message.venue
        label = v.title if not v.address or v.address in v.title else f"{v.title}（{v.address}）"
        return GeoPoint(v.location.latitude, v.location.longitude, label)
    if message.location is not None:
        return GeoPoint(message.location.latitude, message.location.longitude)
    return None


def addressed_to_bot(message: Message, me: User) -> bool:
    """In a group the bot listens only to what is meant for it: its commands, replies to its own
    messages, and mentions. Everything else is the group's own conversation."""
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == me.id:
        return True
    text = message.text or message.caption or ""
    command = parse_command(message.text, me.username)
    if command is not None:
        return command.for_us
    return bool(me.username) and f"@{me.username}".lower() in text.lower()


def from_message(message: Message, me: User, now: datetime, *, part_of_album: bool = False) -> Incoming | None:
    """None for what the bot ignores: channels, other bots, group chatter not meant for it
    (`part_of_album`: a later photo of an album whose first part was meant for it)."""
    kind = chat_kind(message.chat.type)
    user = message.from_user
    if kind is None or user is None or (user.is_bot and user.id != ANONYMOUS_ADMIN):
        return None
    if kind == "group" and not part_of_album and not addressed_to_bot(message, me):
        return None
    text = message.text if message.text is not None else message.caption
    command = parse_command(message.text, me.username)
    if command is not None and not command.for_us:
        return None
    name, args = (command.name, command.args) if command else (None, ())
    extra: dict[str, object] = {}
    if message.media_group_id:
        extra["media_group_id"] = message.media_group_id  # an album arrives as several updates
    contact = message.contact
    if contact is not None and contact.user_id == user.id and text is None:
        text, extra["contact"] = contact.phone_number, True  # "share my phone number"
    if kind == "group" and me.username and text and name is None:
        text = re.sub(rf"@{re.escape(me.username)}\b", "", text, flags=re.IGNORECASE).strip() or None
    reply = message.reply_to_message
    if reply is not None:
        extra["reply_to_bot"] = bool(reply.from_user and reply.from_user.id == me.id)
    unsupported = next((k for k in ("voice", "video", "video_note", "audio", "sticker", "animation")
                        if getattr(message, k, None) is not None), None)
    if unsupported:
        extra["unsupported"] = unsupported
    return Incoming(
        channel=CHANNEL, sender=str(user.id), chat=str(message.chat.id), chat_kind=kind,
        text=None if name else text, photos=photos_of(message), location=location_of(message),
        command=name, args=args, reply_to=str(reply.message_id) if reply is not None else None,
        message_id=str(message.message_id), sender_name=user.full_name or user.username, received_at=now,
        extra=extra,
    )


def from_callback(query: CallbackQuery, key: str, now: datetime) -> Incoming | None:
    message = query.message
    if message is None:
        return None
    kind = chat_kind(message.chat.type)
    if kind is None:
        return None
    return Incoming(
        channel=CHANNEL, sender=str(query.from_user.id), chat=str(message.chat.id), chat_kind=kind,
        choice=key, message_id=str(message.message_id), sender_name=query.from_user.full_name,
        received_at=now, extra={"callback_id": query.id},
    )
