"""The small typed messages the conversations speak and every channel renders in its own way
(Telegram: inline keyboards; WeChat: numbered options). Outbox rows store them as JSON.

Nothing here knows a platform: a media reference carries the channel it came from, because a
Telegram file id means nothing to WeChat.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

from core.texts.common import LOCATION, PHOTO


@dataclass(frozen=True)
class MediaRef:
    channel: str
    media_id: str
    url: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"channel": self.channel, "media_id": self.media_id, "url": self.url}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MediaRef:
        return cls(channel=str(data["channel"]), media_id=str(data["media_id"]), url=data.get("url"))


@dataclass(frozen=True)
class GeoPoint:
    lat: float
    lng: float
    label: str | None = None


# ---- outgoing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str
    # ask the person to answer this very message (Telegram ForceReply): how a worker's note reaches
    # the bot in a group, where the bot sees only replies to itself
    force_reply: bool = False
    # the person the text opens by naming (「张伟，请回复本消息…」 in a group): a channel that
    # mentions people makes that very name the mention instead of naming them a second time
    addressee: str | None = None


@dataclass(frozen=True)
class Notice:
    """A short answer meant only for the person who pressed a button (Telegram: an alert on the
    callback; elsewhere: ordinary text)."""

    text: str


@dataclass(frozen=True)
class Choice:
    key: str  # what comes back when chosen: compact, ASCII, stable
    label: str  # what the person sees


@dataclass(frozen=True)
class Choices:
    """A question with a closed set of answers. `typed` lists the words a person may type
    instead of pressing (the labels are always accepted)."""

    prompt: str
    options: tuple[Choice, ...]
    allow_text: bool = False  # free text is also a valid answer (e.g. a custom return reason)


@dataclass(frozen=True)
class Photo:
    media: MediaRef
    caption: str = ""


@dataclass(frozen=True)
class Location:
    point: GeoPoint


OutMessage = Text | Notice | Choices | Photo | Location


def to_json(message: OutMessage) -> dict[str, Any]:
    match message:
        case Text(text=text, force_reply=force_reply, addressee=addressee):
            return {"type": "text", "text": text, **({"force_reply": True} if force_reply else {}),
                    **({"addressee": addressee} if addressee else {})}
        case Notice(text=text):
            return {"type": "notice", "text": text}
        case Choices(prompt=prompt, options=options, allow_text=allow_text):
            return {
                "type": "choices",
                "prompt": prompt,
                "options": [[o.key, o.label] for o in options],
                "allow_text": allow_text,
            }
        case Photo(media=media, caption=caption):
            return {"type": "photo", "media": media.to_json(), "caption": caption}
        case Location(point=point):
            return {"type": "location", "lat": point.lat, "lng": point.lng, "label": point.label}
    raise TypeError(f"not a message: {message!r}")


def from_json(data: dict[str, Any]) -> OutMessage:
    kind = data.get("type")
    if kind == "text":
        return Text(str(data["text"]), bool(data.get("force_reply", False)), data.get("addressee"))
    if kind == "notice":
        return Notice(str(data["text"]))
    if kind == "choices":
        return Choices(
            prompt=str(data["prompt"]),
            options=tuple(Choice(str(k), str(v)) for k, v in data["options"]),
            allow_text=bool(data.get("allow_text", False)),
        )
    if kind == "photo":
        return Photo(MediaRef.from_json(data["media"]), str(data.get("caption", "")))
    if kind == "location":
        return Location(GeoPoint(float(data["lat"]), float(data["lng"]), data.get("label")))
    raise ValueError(f"unknown message type {kind!r}")


def dump(messages: list[OutMessage] | tuple[OutMessage, ...]) -> list[dict[str, Any]]:
    return [to_json(m) for m in messages]


def load(data: list[dict[str, Any]]) -> list[OutMessage]:
    return [from_json(d) for d in data]


def plain_text(messages: list[OutMessage] | tuple[OutMessage, ...]) -> str:
    """A text-only rendering (numbered options), used by channels without buttons and the terminal."""
    parts: list[str] = []
    for m in messages:
        match m:
            case Text(text=text) | Notice(text=text):
                parts.append(text)
            case Choices(prompt=prompt, options=options):
                lines = [prompt] + [f"{i}. {o.label}" for i, o in enumerate(options, 1)]
                parts.append("\n".join(lines))
            case Photo(caption=caption):
                parts.append(f"{PHOTO}{(' ' + caption) if caption else ''}")
            case Location(point=point):
                parts.append(f"{LOCATION} {point.label or ''} ({point.lat:.5f}, {point.lng:.5f})")
    return "\n\n".join(parts)


# ---- incoming -------------------------------------------------------------------------------

ChatKind = Literal["private", "group"]


@dataclass(frozen=True)
class Incoming:
    """One thing a person did in a chat, as an adapter understood it."""

    channel: str  # "telegram", "wechat", "cli", …
    sender: str  # the platform's id of the person
    chat: str  # where to answer: the person for private chats, the group otherwise
    chat_kind: ChatKind = "private"
    text: str | None = None
    choice: str | None = None  # key of a pressed button (already validated by the adapter)
    photos: tuple[MediaRef, ...] = ()
    location: GeoPoint | None = None
    command: str | None = None  # "start", "help", "cancel", "my", "bind", …
    args: tuple[str, ...] = ()
    reply_to: str | None = None  # the platform id of the bot message this replies to (group prompts)
    message_id: str | None = None
    sender_name: str | None = None
    received_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Conversations(Protocol):
    """What a channel hands a person's action to (the chats' conversation engine): the replies to
    send back to that same chat. Every channel adapter speaks to it and to nothing more."""

    async def handle(self, incoming: Incoming) -> Sequence[OutMessage]: ...


R = TypeVar("R")


@dataclass
class Rider:
    """Writes of a channel's closing work that go with the step's state save instead of on their
    own: one round trip fewer each, and they stand only if the save lands. What the state store
    takes: `takes_sql` (the state in PostgreSQL): `sql`, an UPDATE … RETURNING and its parameters
    (not named as the save's: p_key, p_state, p_now, p_due, p_expected), run in the save's
    statement (its row, None when it matched nothing, in `row`), then `then(session, row)`;
    `takes_kv` (the state in Redis, at that URL): `kv`, a key set to a value expiring in so many
    seconds (deleted when the value is None), in the save's script. A store that takes neither
    leaves the closing work to write on its own. With `takes_sql`, `database` is the state's
    (core.db.engine.Database: a write for another does not ride) and `write` one more write whose
    rows nobody reads: `(build, params)`, `build(landed)` the statement (built once per `build`)
    that writes only where `landed` (a condition: the save landed) holds."""

    takes_sql: bool = False
    takes_kv: str | None = None
    sql: tuple[Any, dict[str, Any]] | None = None
    database: Any = None
    write: tuple[Callable[[Any], Any], dict[str, Any]] | None = None
    then: Callable[[AsyncSession, Any], Awaitable[None]] | None = None
    row: Any = None
    kv: tuple[str, str | None, int] | None = None


# what a channel writes once it has the replies, in the step's transaction (the session), before
# the step's state is saved (what it hands the `Rider` goes with that save); None: it wrote nothing
Closing = Callable[["AsyncSession", list[OutMessage], Rider], Awaitable[R | None]]


# what a channel does first, in the step's transaction, before the step is routed (WeChat: claim
# the message, note that the person wrote, take what waits for them): the message to route (a typed
# "1" read as the option shown), what it read of the step's context on the way (a
# core.service.chats.Known, None when it read nothing) and, when given the key of the step's state
# (kept in the same database and not read yet), that state as it read it along (a
# core.service.dialog_states.Saved; None: not read, the step reads it). It runs again only if its
# transaction did not commit. Raises NotOpened when the message is not this step's to handle.
Opening = Callable[["AsyncSession", "Incoming", str | None], Awaitable[tuple["Incoming", Any, Any]]]


class NotOpened(Exception):
    """The channel's opening work found the message is not to be handled now (another attempt
    holds it): nothing was written, and the channel answers as for a resend."""


class ClosingFailed(Exception):
    """The channel's closing work failed (its cause says why): the step did not commit, and the
    channel answers as it would had its own transaction failed — not with an apology."""


@runtime_checkable
class ClosingConversations(Conversations, Protocol):
    """Conversations that can run a channel's `closing` work in the step's own transaction when the
    step calls no service: one commit for the step and what the channel stores of its answer; and
    its `opening` work in that transaction too (once it has committed, not again)."""

    async def handle_closing(self, incoming: Incoming, closing: Closing[R] | None,
                             opening: Opening | None = None) -> tuple[list[OutMessage], R | None]: ...
