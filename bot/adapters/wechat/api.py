"""WeChat's HTTP API spoken with aiohttp (wechatpy's client is synchronous and would block the
event loop): the access_token endpoints, and JSON calls that carry the token. The base URL is
configurable (WECHAT_API_BASE) so that tests and staging talk to a local server."""

from __future__ import annotations

import logging
from typing import Any

from bot.adapters.tencent import NetworkError, PlatformError, TencentAPI

log = logging.getLogger(__name__)

TOKEN_ERRORS = {40001, 40014, 42001}  # invalid / malformed / expired access_token
RETRYABLE_ERRORS = {-1, 45009, 45011}  # system busy; API frequency limits


class WeChatError(PlatformError):
    """WeChat answered with a non-zero errcode."""


class WeChatAPI(TencentAPI):
    channel = "wechat"
    error = WeChatError

    def __init__(self, base: str, app_id: str, secret: str, *, token_endpoint: str = "stable",
                 timeout: float = 10.0) -> None:
        super().__init__(base, timeout=timeout)
        self.app_id, self.secret, self.token_endpoint = app_id, secret, token_endpoint

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


__all__ = ["RETRYABLE_ERRORS", "TOKEN_ERRORS", "NetworkError", "WeChatAPI", "WeChatError"]
