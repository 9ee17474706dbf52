"""WeChat's HTTP API spoken with aiohttp (wechatpy's client is synchronous and would block the
event loop): the access_token endpoints, and JSON calls that carry the token. The base URL is
configurable (WECHAT_API_BASE) so that tests and staging talk to a local server."""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import urljoin

import aiohttp

from bot.adapters.http import LazySession
from bot.metrics import platform_error

log = logging.getLogger(__name__)

TOKEN_ERRORS = {40001, 40014, 42001}  # invalid / malformed / expired access_token
RETRYABLE_ERRORS = {-1, 45009, 45011}  # system busy; API frequency limits


class WeChatError(Exception):
    """WeChat answered with a non-zero errcode."""

    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(f"{errcode} {errmsg}")
        self.errcode, self.errmsg = errcode, errmsg


class NetworkError(Exception):
    """No usable answer: connection failure, timeout, 5xx, or a body that is not JSON."""


class WeChatAPI:
    def __init__(self, base: str, app_id: str, secret: str, *, token_endpoint: str = "stable",
                 timeout: float = 10.0) -> None:
        self.base = base if base.endswith("/") else base + "/"
        self.app_id, self.secret, self.token_endpoint = app_id, secret, token_endpoint
        self.http = LazySession(timeout)

    async def close(self) -> None:
        await self.http.close()

    async def fetch_token(self, *, force: bool = False) -> tuple[str, int]:
        """A new access_token and its lifetime in seconds."""
        if self.token_endpoint == "stable":
            data = await self._request("POST", "cgi-bin/stable_token", body={
                "grant_type": "client_credential", "appid": self.app_id, "secret": self.secret,
                "force_refresh": force})
        else:
            data = await self._request("GET", "cgi-bin/token", params={
                "grant_type": "client_credential", "appid": self.app_id, "secret": self.secret})
        token = data.get("access_token")
        if not isinstance(token, str) or not token:
            raise NetworkError(f"token endpoint answered without access_token: {str(data)[:200]}")
        return token, int(data.get("expires_in") or 7200)

    async def call(self, path: str, body: dict[str, Any], token: str) -> dict[str, Any]:
        return await self._request("POST", path, params={"access_token": token}, body=body)

    async def upload_image(self, data: bytes, filename: str, content_type: str, token: str) -> str:
        """A temporary image (media/upload, kept 3 days by WeChat): its media_id."""
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
        # WeChat wants UTF-8 JSON, not \\u escapes (escaped text shows up escaped in some clients)
        data: Any = json.dumps(body, ensure_ascii=False).encode() if body is not None else form
        headers = {"Content-Type": "application/json; charset=utf-8"} if body is not None else None
        try:
            async with self.http.get().request(method, url, params=params, data=data, headers=headers) as resp:
                raw = await resp.read()
                if resp.status >= 500 or resp.status == 429:
                    raise NetworkError(f"HTTP {resp.status} from {path}")
                if resp.status != 200:
                    raise WeChatError(-resp.status, f"HTTP {resp.status} from {path}")
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise NetworkError(f"{type(exc).__name__} calling {path}: {exc}"[:300]) from None
        try:
            answer = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise NetworkError(f"{path} answered something that is not JSON") from None
        if not isinstance(answer, dict):
            raise NetworkError(f"{path} answered unexpected JSON")
        errcode = int(answer.get("errcode") or 0)
        if errcode:
            platform_error("wechat", errcode)
            raise WeChatError(errcode, str(answer.get("errmsg") or ""))
        return answer
