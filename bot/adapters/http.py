"""One aiohttp session per platform client, opened on first use (not at import or wiring time, so a
command that never calls the platform opens nothing) and opened again if it was closed."""

from __future__ import annotations

import aiohttp


class LazySession:
    def __init__(self, timeout: float) -> None:
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    def get(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
