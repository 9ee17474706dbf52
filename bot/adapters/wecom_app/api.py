"""WeCom's server API (https://qyapi.weixin.qq.com/cgi-bin/…) over aiohttp, for one self-built app:
gettoken, JSON calls with the access_token, temporary media upload and download. The base URL is
configurable (WECOM_API_BASE) so that tests and staging talk to a local server.

The error codes the channel acts on (WeCom's global error codes):
- 40014 invalid access_token, 42001 expired, 41001 missing: refresh the token once and call again;
- 45009 API frequency over the limit, 45033 too many concurrent calls, -1 system busy: back off;
- 60020 the server's IP is not among the app's trusted IPs (企业可信IP): nothing works until an
  administrator adds it; the call is retried with a long pause and `complaint-bot wecom status` says so;
- 81013 none of the recipients exists or may use the app: a dead letter.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import urljoin

import aiohttp

from bot.adapters.tencent import NetworkError, PlatformError, TencentAPI, with_fresh_token
from bot.adapters.wechat.token import AccessTokens, TokenUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")

TOKEN_ERRORS = frozenset({40014, 42001, 41001})
BUSY = frozenset({-1, 45009, 45033})
IP_NOT_TRUSTED = 60020
NO_RECIPIENT = 81013


class WeComError(PlatformError):
    """WeCom answered with a non-zero errcode."""

    @property
    def ip_refused(self) -> bool:
        return self.errcode == IP_NOT_TRUSTED


class WeComAPI(TencentAPI):
    channel = "wecom_app"
    error = WeComError

    def __init__(self, base: str, corp_id: str, agent_id: int, secret: str, *, timeout: float = 10.0) -> None:
        super().__init__(base, timeout=timeout)
        self.corp_id, self.agent_id, self.secret = corp_id, agent_id, secret

    @property
    def app_id(self) -> str:
        """Names the shared token: one per corp and app (each app has its own secret)."""
        return f"{self.corp_id}:{self.agent_id}"

    # ---- the calls --------------------------------------------------------------------------

    async def fetch_token(self, *, force: bool = False) -> tuple[str, int]:
        """A valid access_token and its lifetime. WeCom hands out the same token until it
        expires, and fetching does not invalidate it; `force` changes nothing here."""
        data = await self._request("GET", "cgi-bin/gettoken", params={"corpid": self.corp_id, "corpsecret": self.secret})
        token = data.get("access_token")
        if not isinstance(token, str) or not token:
            raise NetworkError(f"gettoken answered without access_token: {str(data)[:200]}")
        return token, int(data.get("expires_in") or 7200)

    async def post(self, path: str, body: dict[str, Any], token: str) -> dict[str, Any]:
        return await self._request("POST", path, params={"access_token": token}, body=body)

    async def get(self, path: str, params: dict[str, str], token: str) -> dict[str, Any]:
        return await self._request("GET", path, params={**params, "access_token": token})

    async def download(self, media_id: str, token: str) -> tuple[bytes, str, str]:
        """A temporary media file: (bytes, content type, file name). An error comes as JSON."""
        url = urljoin(self.base, "cgi-bin/media/get")
        try:
            async with self.http.get().get(url, params={"access_token": token, "media_id": media_id}) as resp:
                raw = await resp.read()
                kind = resp.content_type or ""
                disposition = resp.headers.get("Content-Disposition", "")
                status = resp.status
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise NetworkError(f"{type(exc).__name__} calling media/get: {exc}"[:300]) from None
        if status >= 500 or status == 429:
            raise NetworkError(f"HTTP {status} from media/get")
        if kind in ("application/json", "text/plain") or status != 200:
            self._check(self._decode(raw, "media/get"))
            raise NetworkError(f"media/get answered HTTP {status} without the file")
        name = disposition.split("filename=")[-1].strip('"; ') if "filename=" in disposition else "photo.jpg"
        return raw, kind or "image/jpeg", name or "photo.jpg"


async def with_token(tokens: AccessTokens, call: Callable[[str], Awaitable[T]]) -> T:
    """`call(token)` with the shared access_token; a token WeCom refuses (40014/42001/41001) is
    dropped and the call made once more with a fresh one. A refusal of gettoken itself (wrong
    secret, corp id) is a WeComError like any other."""

    async def token() -> str:
        try:
            return await tokens.get()
        except TokenUnavailable as exc:
            raise NetworkError(str(exc)) from None

    return await with_fresh_token(token, tokens.reject, call, token_errors=TOKEN_ERRORS)
