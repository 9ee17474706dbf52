"""The conversations' typed messages as WeChat text: a `Choices` becomes numbered options
("1. 满意 …  请回复数字 1-3"), photos taken in WeChat stay images, everything else is text cut into
pieces WeChat accepts. The numbers (and labels) and the choice keys they stand for are returned
so that the answer "1" can be turned back into the key the dialogs understand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.adapters.wechat import texts as tx
from core.delivery import Delivery
from core.messages import Choices, Location, Notice, OutMessage, Photo, Text
from core.text.normalize import nfkc

MAX_TEXT_BYTES = 2000  # WeChat takes 2048 bytes of text per message; keep a margin
_AMBIGUOUS = ""
MAX_CHOICE = 20  # characters: an answer longer than an option's label is text, not a choice


@dataclass
class Rendered:
    text: str = ""  # everything to say, in order
    images: list[str] = field(default_factory=list)  # WeChat media ids
    options: dict[str, str] = field(default_factory=dict)  # "1" / "满意" → choice key

    @property
    def texts(self) -> list[str]:
        """The text as messages WeChat accepts (each at most MAX_TEXT_BYTES)."""
        return [piece.strip() for piece in split(self.text)]

    def after_first(self) -> str:
        """What is left to say once the first message has gone (the passive reply)."""
        pieces = split(self.text)
        return self.text[len(pieces[0]):].strip() if pieces else ""

    @property
    def has_choices(self) -> bool:
        return bool(self.options)


class _Builder:
    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.images: list[str] = []
        self.options: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.next_number = 1

    def add(self, message: OutMessage) -> None:
        match message:
            case Text(text=text) | Notice(text=text):
                if text.strip():
                    self.paragraphs.append(text.strip())
            case Choices(prompt=prompt, options=options, allow_text=allow_text):
                lines = [prompt.strip()] if prompt.strip() else []
                numbers = []
                for option in options:
                    number = str(self.next_number)
                    self.next_number += 1
                    numbers.append(number)
                    lines.append(f"{number}. {option.label}")
                    self.options[number] = option.key
                    label = normalise(option.label)
                    # the same label on two cards ("接单") would be a guess: numbers only then
                    self.labels[label] = _AMBIGUOUS if label in self.labels else option.key
                if numbers:
                    span = numbers[0] if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"
                    hint = tx.CHOICE_HINT_FREE if allow_text else tx.CHOICE_HINT
                    lines.append(hint.format(numbers=span))
                self.paragraphs.append("\n".join(lines))
            case Photo(media=media, caption=caption):
                if media.channel == "wechat":
                    self.images.append(media.media_id)
                    if caption.strip():
                        self.paragraphs.append(caption.strip())
                else:  # a Telegram file id means nothing here
                    self.paragraphs.append(tx.PHOTO_ELSEWHERE + (f" {caption.strip()}" if caption.strip() else ""))
            case Location(point=point):
                self.paragraphs.append(tx.LOCATION.format(label=point.label or "", lat=point.lat, lng=point.lng))

    def result(self) -> Rendered:
        options = dict(self.options)
        for label, key in self.labels.items():
            if key and label not in options:
                options[label] = key
        return Rendered("\n\n".join(self.paragraphs).strip(), self.images, options)


def carried(item: Delivery) -> bool:
    """Whether a waiting push can go in a passive reply's text: not with a photo (a passive reply
    is one text; the photo would come after the answer it preceded)."""
    return not any(isinstance(message, Photo) for message in item.messages)


def render(messages: Sequence[OutMessage]) -> Rendered:
    builder = _Builder()
    for message in messages:
        builder.add(message)
    return builder.result()


def render_reply(deferred: Sequence[Delivery], reply: Sequence[OutMessage], *,
                 earlier: Sequence[Delivery] = ()) -> Rendered:
    """Earlier answers that had not been pushed yet first, as they would have been pushed (one
    that was late, the rest of a long one), then the updates kept for this resident ("您有 2 条工单
    进展：…"), then the answer to what they just wrote; options numbered through, so every one of
    them can be answered."""
    builder = _Builder()
    for item in earlier:
        for message in item.messages:
            builder.add(message)
    if deferred:
        builder.paragraphs.append(tx.DEFERRED_HEADER.format(n=len(deferred)))
        for n, item in enumerate(deferred):
            before = len(builder.paragraphs)
            for message in item.messages:
                builder.add(message)
            if len(builder.paragraphs) > before:
                mark = tx.CIRCLED[n] if n < len(tx.CIRCLED) else f"({n + 1})"
                builder.paragraphs[before] = f"{mark} {builder.paragraphs[before]}"
        if reply:
            builder.paragraphs.append(tx.DEFERRED_SEPARATOR)
    for message in reply:
        builder.add(message)
    return builder.result()


def normalise(answer: str) -> str:
    """What a person typed, compared loosely: full-width digits, spaces, a trailing 。or ."""
    return nfkc(answer).strip().rstrip("。.、,，!！ ").strip()


def may_choose(answer: str | None) -> bool:
    """Whether `answer` could be one of the options shown ("1", "满意"): longer words are never
    looked up, nor the options read for them."""
    return bool(answer) and len(answer or "") <= MAX_CHOICE


def match_choice(answer: str | None, options: dict[str, str]) -> str | None:
    if not options or not may_choose(answer):
        return None
    key = options.get(normalise(answer))
    return key or None


def split(text: str, limit: int = MAX_TEXT_BYTES) -> list[str]:
    """Pieces of at most `limit` UTF-8 bytes that join back to exactly `text`: cut after a line
    where one ends in reach, inside a line only when it alone is too long."""
    pieces: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        while len(line.encode()) > limit:  # one line too long for a message: cut it
            if current:
                pieces.append(current)
                current = ""
            cut = truncate_bytes(line, limit)
            pieces.append(cut)
            line = line[len(cut):]
        if len((current + line).encode()) > limit:
            pieces.append(current)
            current = ""
        current += line
    if current.strip():
        pieces.append(current)
    return [p for p in pieces if p.strip()]


def truncate_bytes(text: str, limit: int) -> str:
    """The longest prefix of `text` that fits in `limit` UTF-8 bytes, never half a character."""
    encoded = text.encode()
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")
