"""What WeChat's and WeCom's server APIs have in common: JSON over HTTPS with an access_token in the
query, an `errcode` / `errmsg` pair in every answer, and a token the platform may refuse (expired,
invalidated by another fetch), after which one fresh token and one more try is the cure. The
Official Account (bot/adapters/wechat/api.py) and the WeCom app (bot/adapters/wecom_app/api.py)
each add their own calls and error codes on top."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Collection
from typing import Any, ClassVar, TypeVar
from urllib.parse import urljoin

import aiohttp

from bot.adapters.http import LazySession
from bot.metrics import platform_error

log = logging.getLogger(__name__)
T = TypeVar("T")


class PlatformError(Exception):
    """The platform answered with a non-zero errcode."""

    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(f"{errcode} {errmsg}")
        self.errcode, self.errmsg = errcode, errmsg


class NetworkError(Exception):
    """No usable answer: connection failure, timeout, 5xx, or a body that is not JSON."""


class TencentAPI:
    """The HTTP plumbing: a lazily opened session, UTF-8 JSON bodies, answers checked for errcode
    (counted on /metrics by `channel`) and raised as `error`."""

    channel: ClassVar[str]
    error: ClassVar[type[PlatformError]]

    def __init__(self, base: str, *, timeout: float = 10.0) -> None:
        self.base = base if base.endswith("/") else base + "/"
        self.http = LazySession(timeout)

    async def close(self) -> None:
        await self.http.close()

    async def upload_image(self, data: bytes, filename: str, content_type: str, token: str) -> str:
        """A temporary image (media/upload, kept 3 days by both platforms): its media_id."""
        form = aiohttp.FormData()
        form.add_field("media", data, filename=filename, content_type=content_type)
        answer = await self._request("POST", "cgi-bin/media/upload", params={"access_token": token, "type": "image"},
                                     form=form)
        media_id = answer.get("media_id")
        if not isinstance(media_id, str) or not media_id:
            raise NetworkError("media/upload answered without media_id")
        return media_id

    async def _request(self, method: str, path: str, *, params: dict[str, str] | None = None,
                       body: dict[str, Any] | None = None, form: aiohttp.FormData | None = None) -> dict[str, Any]:
        url = urljoin(self.base, path)
        # UTF-8 JSON, not \\u escapes (escaped text shows up escaped in some clients)
        data: Any = json.dumps(body, ensure_ascii=False).encode() if body is not None else form
        headers = {"Content-Type": "application/json; charset=utf-8"} if body is not None else None
        try:
            async with self.http.get().request(method, url, params=params, data=data, headers=headers) as resp:
                raw = await resp.read()
                if resp.status >= 500 or resp.status == 429:
                    raise NetworkError(f"HTTP {resp.status} from {path}")
                if resp.status != 200:
                    raise self.error(-resp.status, f"HTTP {resp.status} from {path}")
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise NetworkError(f"{type(exc).__name__} calling {path}: {exc}"[:300]) from None
        return self._check(self._decode(raw, path))

    @staticmethod
    def _decode(raw: bytes, path: str) -> dict[str, Any]:
        try:
            answer = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise NetworkError(f"{path} answered something that is not JSON") from None
        if not isinstance(answer, dict):
            raise NetworkError(f"{path} answered unexpected JSON")
        return answer

    def _check(self, answer: dict[str, Any]) -> dict[str, Any]:
        errcode = int(answer.get("errcode") or 0)
        if errcode:
            platform_error(self.channel, errcode)
            raise self.error(errcode, str(answer.get("errmsg") or ""))
        return answer


async def with_fresh_token(token: Callable[[], Awaitable[str]], reject: Callable[[str], Awaitable[None]],
                           call: Callable[[str], Awaitable[T]], *, token_errors: Collection[int]) -> T:
    """`call(token)`; a token the platform refuses (one of `token_errors`) is rejected and the call
    made once more with a fresh one. How a failure to get a token is reported is `token`'s affair."""
    for attempt in (1, 2):
        current = await token()
        try:
            return await call(current)
        except PlatformError as exc:
            if exc.errcode not in token_errors or attempt == 2:
                raise
            log.info("access_token refused (%s): refreshing once", exc.errcode)
            await reject(current)
    raise AssertionError("unreachable")
