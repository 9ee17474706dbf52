"""The numbered options a person was last shown, so that their "1" (or "满意") reaches the dialogs
as the key of that option, just as a pressed button does on Telegram. A reply without options
clears them: after a free-text question, "1" is an answer, not a choice."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING

from core.keyvalue import DatabaseStore, RedisStore, SharedStore

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from core.messages import Rider

TTL = timedelta(days=7)


class OptionsMemory:
    def __init__(self, store: SharedStore) -> None:
        self.store = store
        # in the database's kv table: read with the statement that notes the person wrote
        # (core.inbound.note_writer), not on its own
        self.in_database = isinstance(store, DatabaseStore)

    @staticmethod
    def key(openid: str) -> str:
        return f"wechat:options:{openid}"

    async def remember(self, openid: str, options: dict[str, str], *, session: AsyncSession | None = None,
                       rider: Rider | None = None) -> None:
        """`rider`: the dialog step's state save, which takes them along when the state is in the
        same Redis (one round trip for both) or the same PostgreSQL database (one statement)."""
        store = self.store
        if rider is not None and rider.takes_kv is not None and isinstance(store, RedisStore) \
                and store.url == rider.takes_kv:
            rider.kv = store.raw(self.key(openid), json.dumps(options, ensure_ascii=False) if options else None, TTL)
            return
        if isinstance(store, DatabaseStore) and store.ride(
                rider, self.key(openid), json.dumps(options, ensure_ascii=False) if options else None, TTL):
            return
        if options:
            await self.store.put(self.key(openid), json.dumps(options, ensure_ascii=False), TTL, session=session)
        else:
            await self.store.delete(self.key(openid), session=session)

    async def recall(self, openid: str, *, session: AsyncSession | None = None) -> dict[str, str]:
        return self.parse(await self.store.get(self.key(openid), session=session))

    @staticmethod
    def parse(raw: str | None) -> dict[str, str]:
        """The options as stored (None or empty: none shown)."""
        if not raw:
            return {}
        try:
            data = json.loads(raw)
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
