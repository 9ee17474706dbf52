"""Photos crossing channels. A photo a worker sent in one channel (a WeCom media id) means nothing
to the resident's channel (WeChat, Telegram): the resident's sender asks the library for the bytes
and uploads them its own way. Each channel that can hand out its media registers a source here."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from core.messages import MediaRef

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024  # what WeChat and Telegram accept as a photo upload


@dataclass(frozen=True)
class Media:
    data: bytes
    content_type: str = "image/jpeg"
    filename: str = "photo.jpg"


class MediaSource(Protocol):
    async def fetch(self, ref: MediaRef) -> Media | None:
        """The bytes behind `ref` (None: gone, too big, or not an image)."""
        ...


class MediaLibrary:
    """The sources of this process, by channel."""

    def __init__(self) -> None:
        self._sources: dict[str, MediaSource] = {}

    def register(self, channel: str, source: MediaSource) -> None:
        self._sources[channel] = source

    def can_fetch(self, ref: MediaRef) -> bool:
        return ref.channel in self._sources

    async def fetch(self, ref: MediaRef) -> Media | None:
        source = self._sources.get(ref.channel)
        if source is None:
            return None
        try:
            media = await source.fetch(ref)
        except Exception:  # a photo that cannot be fetched must not fail the update it belongs to
            log.exception("fetching a %s photo failed", ref.channel)
            return None
        if media is not None and len(media.data) > MAX_BYTES:
            log.warning("a %s photo of %d bytes is too big to pass on", ref.channel, len(media.data))
            return None
        return media
