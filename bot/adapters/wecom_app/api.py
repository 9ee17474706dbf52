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

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import urljoin

import aiohttp

from bot.adapters.wechat.token import AccessTokens, TokenUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")

TOKEN_ERRORS = frozenset({40014, 42001, 41001})
BUSY = frozenset({-1, 45009, 45033})
IP_NOT_TRUSTED = 60020
NO_RECIPIENT = 81013


class WeComError(Exception):
    """WeCom answered with a non-zero errcode."""

    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(f"{errcode} {errmsg}")
        self.errcode, self.errmsg = errcode, errmsg

    @property
    def ip_refused(self) -> bool:
        return self.errcode == IP_NOT_TRUSTED


class NetworkError(Exception):
    """No usable answer: connection failure, timeout, 5xx, or a body that is not JSON."""


class WeComAPI:
    def __init__(self, base: str, corp_id: str, agent_id: int, secret: str, *, timeout: float = 10.0) -> None:
        self.base = base if base.endswith("/") else base + "/"
        self.corp_id, self.agent_id, self.secret = corp_id, agent_id, secret
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    @property
    def app_id(self) -> str:
        """Names the shared token: one per corp and app (each app has its own secret)."""
        return f"{self.corp_id}:{self.agent_id}"

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    # ---- the calls --------------------------------------------------------------------------

    async def fetch_token(self, *, force: bool = False) -> tuple[str, int]:
        """A valid access_token and its lifetime. WeCom hands out the same token until it
        expires, and fetching does not invalidate it; `force` changes nothing here."""
        data = await self._json("GET", "cgi-bin/gettoken", params={"corpid": self.corp_id, "corpsecret": self.secret})
        token = data.get("access_token")
        if not isinstance(token, str) or not token:
            raise NetworkError(f"gettoken answered without access_token: {str(data)[:200]}")
        return token, int(data.get("expires_in") or 7200)

    async def post(self, path: str, body: dict[str, Any], token: str) -> dict[str, Any]:
        return await self._json("POST", path, params={"access_token": token}, body=body)

    async def get(self, path: str, params: dict[str, str], token: str) -> dict[str, Any]:
        return await self._json("GET", path, params={**params, "access_token": token})

    async def upload_image(self, data: bytes, filename: str, content_type: str, token: str) -> str:
        """A temporary image (valid 3 days): its media_id."""
        form = aiohttp.FormData()
        form.add_field("media", data, filename=filename, content_type=content_type)
        answer = await self._json("POST", "cgi-bin/media/upload", params={"access_token": token, "type": "image"},
                                  form=form)
        media_id = answer.get("media_id")
        if not isinstance(media_id, str) or not media_id:
            raise NetworkError("media/upload answered without media_id")
        return media_id

    async def download(self, media_id: str, token: str) -> tuple[bytes, str, str]:
        """A temporary media file: (bytes, content type, file name). An error comes as JSON."""
        url = urljoin(self.base, "cgi-bin/media/get")
        try:
            async with self.session().get(url, params={"access_token": token, "media_id": media_id}) as resp:
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

    # ---- plumbing -----------------------------------------------------------------------------

    async def _json(self, method: str, path: str, *, params: dict[str, str] | None = None,
                    body: dict[str, Any] | None = None, form: aiohttp.FormData | None = None) -> dict[str, Any]:
        url = urljoin(self.base, path)
        data: Any = form
        headers = None
        if body is not None:  # UTF-8 JSON, not \\u escapes
            data = json.dumps(body, ensure_ascii=False).encode()
            headers = {"Content-Type": "application/json; charset=utf-8"}
        try:
            async with self.session().request(method, url, params=params, data=data, headers=headers) as resp:
                raw = await resp.read()
                if resp.status >= 500 or resp.status == 429:
                    raise NetworkError(f"HTTP {resp.status} from {path}")
                if resp.status != 200:
                    raise WeComError(-resp.status, f"HTTP {resp.status} from {path}")
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

    @staticmethod
    def _check(answer: dict[str, Any]) -> dict[str, Any]:
        errcode = int(answer.get("errcode") or 0)
        if errcode:
            raise WeComError(errcode, str(answer.get("errmsg") or ""))
        return answer


async def with_token(tokens: AccessTokens, call: Callable[[str], Awaitable[T]]) -> T:
    """`call(token)` with the shared access_token; a token WeCom refuses (40014/42001/41001) is
    dropped and the call made once more with a fresh one. A refusal of gettoken itself (wrong
    secret, corp id) is a WeComError like any other."""
    for attempt in (1, 2):
        try:
            token = await tokens.get()
        except TokenUnavailable as exc:
            raise NetworkError(str(exc)) from None
        try:
            return await call(token)
        except WeComError as exc:
            if exc.errcode not in TOKEN_ERRORS or attempt == 2:
                raise
            log.info("wecom access_token refused (%s): refreshing once", exc.errcode)
            await tokens.reject(token)
    raise AssertionError("unreachable")
