"""One access_token for every process: fetching a new one from WeChat's `token` endpoint
invalidates the previous one, so processes must not each fetch their own. The token lives in the
shared store; a refresh happens under a lease (one process, one coroutine: no thundering herd);
the others wait for it to appear."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import uuid
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.adapters.tencent import with_fresh_token
from bot.adapters.wechat.api import TOKEN_ERRORS, NetworkError, WeChatAPI, WeChatError
from core.clock import Clock
from core.keyvalue import SharedStore

log = logging.getLogger(__name__)

EARLY = timedelta(minutes=5)  # refresh this long before WeChat's expiry
LEASE = timedelta(seconds=30)
WAIT = 15.0  # seconds a caller waits for another process' refresh


class TokenUnavailable(Exception):
    pass


class TokenSource(Protocol):
    """An API that hands out access_tokens (WeChat's, or WeCom's gettoken)."""

    @property
    def app_id(self) -> str: ...

    async def fetch_token(self, *, force: bool = False) -> tuple[str, int]: ...


class AccessTokens:
    def __init__(self, api: TokenSource, store: SharedStore, clock: Clock, *, name: str = "wechat") -> None:
        self.api, self.store, self.clock, self.name = api, store, clock, name
        self.key = f"{name}:access_token:{api.app_id}"
        self.lock_key = f"{name}:access_token_lock:{api.app_id}"
        self.holder = f"{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._local = asyncio.Lock()
        self._rejected: set[str] = set()  # tokens WeChat refused: never hand them out again
        self.refreshes = 0  # how many times this process fetched one (tests, logs)

    async def get(self) -> str:
        token = await self._cached()
        if token is not None:
            return token
        async with self._local:  # one refresh per process at a time
            token = await self._cached()
            if token is not None:
                return token
            return await self._refresh_shared()

    async def reject(self, token: str) -> None:
        """The platform said this token is invalid (WeChat 40001/42001/40014): drop it, unless another process
        has already put a newer one in its place."""
        self._rejected.add(token)
        raw = await self.store.get(self.key)
        if raw is not None and _token_of(raw) == token:
            await self.store.delete(self.key, only_if=raw)

    async def _cached(self) -> str | None:
        raw = await self.store.get(self.key)
        if raw is None:
            return None
        token = _token_of(raw)
        expires = _expiry_of(raw)
        if token is None or token in self._rejected or expires is None:
            return None
        if expires - EARLY <= self.clock.now():
            return None
        return token

    async def _refresh_shared(self) -> str:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT  # a real-time wait, not the business clock
        while True:
            if await self.store.lease(self.lock_key, self.holder, LEASE):
                try:
                    token = await self._cached()  # someone may have finished just before us
                    if token is None:
                        token = await self._fetch()
                    return token
                finally:
                    await self.store.release(self.lock_key, self.holder)
            await asyncio.sleep(0.05)
            token = await self._cached()
            if token is not None:
                return token
            if loop.time() > deadline:
                raise TokenUnavailable("another process holds the token refresh lease and has not finished")

    async def _fetch(self) -> str:
        token, lifetime = await self.api.fetch_token()
        if token in self._rejected:
            # stable_token hands out the same token until it expires; this one was refused, so
            # ask for a fresh one explicitly
            token, lifetime = await self.api.fetch_token(force=True)
        self.refreshes += 1
        expires = self.clock.now() + timedelta(seconds=lifetime)
        await self.store.put(self.key, json.dumps({"token": token, "expires_at": expires.isoformat()}),
                             timedelta(seconds=lifetime))
        log.info("%s access_token refreshed (valid %d s)", self.name, lifetime)
        return token


def _token_of(raw: str) -> str | None:
    try:
        return str(json.loads(raw)["token"])
    except (ValueError, KeyError, TypeError):
        return None


def _expiry_of(raw: str) -> datetime | None:
    try:
        return datetime.fromisoformat(json.loads(raw)["expires_at"])
    except (ValueError, KeyError, TypeError):
        return None


class WeChatTokens(AccessTokens):
    """The Official Account's tokens, with calls that replace a refused token once."""

    api: WeChatAPI

    def __init__(self, api: WeChatAPI, store: SharedStore, clock: Clock) -> None:
        super().__init__(api, store, clock)

    async def call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """An API call with the shared access_token; a token WeChat refuses (40001/42001/40014) is
        replaced once and the call made again. A refusal by the token endpoint itself (wrong secret,
        server IP not whitelisted) is reported as a NetworkError: fixing the setup lets a retry work."""

        async def token() -> str:
            try:
                return await self.get()
            except WeChatError as exc:
                raise NetworkError(f"access_token: {exc.errcode} {exc.errmsg}") from None

        return await with_fresh_token(token, self.reject, lambda t: self.api.call(path, body, t),
                                      token_errors=TOKEN_ERRORS)
