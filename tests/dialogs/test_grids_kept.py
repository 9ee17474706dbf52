"""The grids a step needs are kept by the process and read again only when their token changes
(core/db/grid_version.py: any change to the grids through the app renews it in its own
transaction), or after a minute whatever it says (an edit made by hand)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select

from bot.app import App
from core.db import grid_version
from core.messages import Incoming
from core.service.chats import Known
from tests.world import World


async def _token(app: App) -> str:
    async with app.db.transaction() as s:
        return str((await s.execute(select(grid_version.VERSION))).scalar_one())


async def test_the_grids_are_read_again_only_when_their_token_changes(app: App, world: World) -> None:
    loader = app.engine.context
    inc = Incoming(channel="wechat", sender="o-grids", chat="o-grids", text="你好")
    reads: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "FROM grids" in statement and "WHERE grids.active" in statement:  # the step's read
            reads.append(statement)

    async def codes(token: str | None) -> set[str]:
        async with app.db.transaction() as s:
            ctx = await loader.load(inc, s, known=Known(grids_version=token))
        return {c.grid_code for c in ctx.communities}

    event.listen(app.db.engine.sync_engine, "before_cursor_execute", seen)
    try:
        token = await _token(app)
        before = await codes(token)
        assert len(reads) == 1 and before
        assert await codes(token) == before and len(reads) == 1  # the same token: kept
        await app.directory.add_grid("ZZ", "新网格", patterns=["新建小区"])  # as another process would
        assert len(reads) == 1
        changed = await _token(app)
        assert changed != token
        assert await codes(changed) == before | {"ZZ"} and len(reads) == 2
        await codes(None)  # a channel that did not read the token: read
        assert len(reads) == 3
        loader._grids_read_at -= grid_version.MAX_AGE  # a minute on: read whatever the token says
        await codes(changed)
        assert len(reads) == 4
        await codes(changed)
        assert len(reads) == 4
    finally:
        event.remove(app.db.engine.sync_engine, "before_cursor_execute", seen)
