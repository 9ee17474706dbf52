"""Fetching the photos the desk shows (bot/desk/views/photos.py serves them through the desk's own
login, never as a link to a platform's URL): a Telegram photo by its file id (getFile, then the
file), a WeChat photo from the address WeChat gave with it."""

from __future__ import annotations

import logging
import re

import aiohttp

from core.config import TelegramSettings
from core.messages import MediaRef

log = logging.getLogger(__name__)

MAX_PHOTO = 10 * 1024 * 1024
TIMEOUT = aiohttp.ClientTimeout(total=15)
_FILE_PATH = re.compile(r"^[A-Za-z0-9_./-]{1,300}$")


class MediaFetcher:
    def __init__(self, telegram: TelegramSettings) -> None:
        self.telegram = telegram

    async def fetch(self, ref: MediaRef) -> tuple[bytes, str] | None:
        try:
            async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
                if ref.channel == "telegram" and self.telegram.bot_token:
                    return await self._telegram(http, ref.media_id)
                if ref.url and ref.url.startswith(("http://", "https://")):
                    return await _download(http, ref.url)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            log.warning("desk: photo %s from %s not fetched: %s", ref.media_id[:20], ref.channel, exc)
        return None

    async def _telegram(self, http: aiohttp.ClientSession, file_id: str) -> tuple[bytes, str] | None:
        base = (self.telegram.api_base or "https://api.telegram.org").rstrip("/")
        token = self.telegram.bot_token
        async with http.get(f"{base}/bot{token}/getFile", params={"file_id": file_id}) as r:
            answer = await r.json()
        path = (answer.get("result") or {}).get("file_path") if answer.get("ok") else None
        if not isinstance(path, str) or not _FILE_PATH.match(path) or ".." in path:
            return None
        return await _download(http, f"{base}/file/bot{token}/{path}")


async def _download(http: aiohttp.ClientSession, url: str) -> tuple[bytes, str] | None:
    async with http.get(url) as r:
        if r.status != 200:
            return None
        kind = r.headers.get("Content-Type", "image/jpeg").split(";")[0]
        if not kind.startswith("image/"):
            kind = "image/jpeg"
        data = await r.content.read(MAX_PHOTO + 1)
        return (data, kind) if len(data) <= MAX_PHOTO else None
